//! Listings on stdout: one table of rows shown as a terminal table, JSON or CSV.

use std::io::{self, IsTerminal};

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde_json::{Map, Value as Json};

use crate::context::Context;
use crate::domain::number::{points, score};
use crate::domain::text::neutralise_formula;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Bảng trên màn hình
    Table,
    /// JSON: mảng các đối tượng
    Json,
    /// CSV có dòng tiêu đề
    Csv,
}

#[derive(Debug, Clone, Args)]
pub struct FormatArg {
    /// Định dạng đầu ra
    #[arg(long, value_enum, default_value_t = ListFormat::Table, value_name = "ĐỊNH_DẠNG")]
    pub format: ListFormat,
}

/// One cell of a listing; how it is shown depends on the format (dates dd/mm/yyyy in tables, ISO elsewhere).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(Option<f64>),
    /// A score on the 100-point scale: shown with `SCORE_DECIMALS` in tables.
    Score(Option<f64>),
    Integer(i64),
    Date(Option<NaiveDate>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Self {
        Value::Text(s.unwrap_or_default())
    }
}

pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    /// Machine-only columns (ids of parents, raw values) are left out of the terminal table.
    pub in_table: bool,
}

pub const fn col(key: &'static str, header: &'static str) -> Column {
    Column { key, header, in_table: true }
}

pub const fn machine_col(key: &'static str) -> Column {
    Column { key, header: "", in_table: false }
}

pub struct Listing {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Listing {
    pub fn new(columns: Vec<Column>) -> Self {
        Self { columns, rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    pub fn emit(&self, ctx: &Context, format: ListFormat) -> Result<()> {
        let text = match format {
            ListFormat::Table => self.to_table(),
            ListFormat::Json => self.to_json()?,
            ListFormat::Csv => self.to_csv()?,
        };
        ctx.print_data(&text)
    }

    pub fn to_table(&self) -> String {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(self.columns.iter().filter(|c| c.in_table).map(|c| c.header));
        if let Some(width) = terminal_width() {
            table.set_width(width);
        }
        for row in &self.rows {
            let shown = row.iter().zip(&self.columns).filter(|(_, c)| c.in_table).map(|(v, _)| v);
            table.add_row(shown.map(|v| {
                let cell = comfy_table::Cell::new(display(v));
                match v {
                    Value::Number(_) | Value::Score(_) | Value::Integer(_) => cell.set_alignment(CellAlignment::Right),
                    _ => cell,
                }
            }));
        }
        format!("{table}\n")
    }

    pub fn to_json(&self) -> Result<String> {
        let rows: Vec<Json> = self
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Json> =
                    self.columns.iter().zip(row).map(|(c, v)| (c.key.to_owned(), json(v))).collect();
                Json::Object(object)
            })
            .collect();
        Ok(serde_json::to_string_pretty(&rows)? + "\n")
    }

    pub fn to_csv(&self) -> Result<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(self.columns.iter().map(|c| c.key))?;
        for row in &self.rows {
            writer.write_record(row.iter().map(machine_text))?;
        }
        Ok(String::from_utf8(writer.into_inner()?)?)
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::Text(s) => printable(s),
        Value::Number(n) => n.map(points).unwrap_or_default(),
        Value::Score(n) => n.map(score).unwrap_or_default(),
        Value::Integer(i) => i.to_string(),
        Value::Date(d) => d.map(crate::domain::date::format).unwrap_or_default(),
    }
}

fn machine_text(v: &Value) -> String {
    match v {
        Value::Text(s) => neutralise_formula(s),
        Value::Number(n) | Value::Score(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Value::Integer(i) => i.to_string(),
        Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
    }
}

/// Text for the terminal: control characters from imported files (an escape sequence could recolour or clear the
/// screen, or retitle the window) are shown as `\u{1B}`; line breaks stay.
fn printable(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return s.to_owned();
    }
    s.chars()
        .map(|c| if c.is_control() && c != '\n' { format!("\\u{{{:X}}}", u32::from(c)) } else { c.to_string() })
        .collect()
}

fn json(v: &Value) -> Json {
    match v {
        Value::Text(s) => Json::String(s.clone()),
        Value::Number(n) | Value::Score(n) => n.map(Json::from).unwrap_or(Json::Null),
        Value::Integer(i) => Json::from(*i),
        Value::Date(d) => d.map(|d| Json::String(d.to_string())).unwrap_or(Json::Null),
    }
}

pub fn terminal_width() -> Option<u16> {
    if let Ok(cols) = std::env::var("COLUMNS") {
        return cols.parse().ok();
    }
    if io::stdout().is_terminal() { Table::new().width() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_show_two_decimals_in_tables_and_full_precision_in_json() {
        let listing = Listing { columns: vec![col("s", "Thang 100")], rows: vec![vec![Value::Score(Some(91.8))]] };
        assert!(listing.to_table().contains("91,80"));
        assert!(listing.to_json().unwrap().contains("91.8"));
    }
}
