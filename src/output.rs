//! Listings on stdout (table, JSON, CSV) and messages on stderr.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde_json::{Map, Value as Json};

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

    pub fn emit(&self, format: ListFormat) -> Result<()> {
        let text = match format {
            ListFormat::Table => self.to_table(),
            ListFormat::Json => self.to_json()?,
            ListFormat::Csv => self.to_csv()?,
        };
        print_data(&text)
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

/// Decimals of a score on the 100-point scale wherever it is shown (listings, report tables and text), so
/// that "91,80" never stands next to "91,8".
pub const SCORE_DECIMALS: u8 = 2;

/// A score on the 100-point scale: always two decimals ("91,80", "100,00").
pub fn score(value: f64) -> String {
    decimal(value, SCORE_DECIMALS.into())
}

/// Points as a Vietnamese reader writes them: up to two decimals, no trailing zeros ("7,5", "8").
pub fn points(value: f64) -> String {
    let text = decimal(value, 2);
    if text.contains(',') { text.trim_end_matches('0').trim_end_matches(',').to_owned() } else { text }
}

/// A ratio as a percentage with one decimal ("81,0%").
pub fn percent(ratio: f64) -> String {
    let text = decimal(ratio * 100.0, 1);
    if text.is_empty() { text } else { format!("{text}%") }
}

/// Vietnamese number display: decimal comma, dot as thousands separator ("1.234,5"). Non-finite values are
/// shown as empty.
pub fn decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    // Round half away from zero (6,25 → 6,3), as people round scores by hand.
    let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let rounded = (value.abs() * factor).round() / factor;
    let fixed = format!("{rounded:.decimals$}");
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let is_zero = fixed.bytes().all(|b| b == b'0' || b == b'.');
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    let mut out = format!("{sign}{}", group_thousands(int_part));
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&digits))
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
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

/// A cell that a spreadsheet would run as a formula gets a leading quote.
pub fn neutralise_formula(s: &str) -> String {
    if looks_like_formula(s) { format!("'{s}") } else { s.to_owned() }
}

/// Whether a spreadsheet would read this text as a formula (or DDE payload).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
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

/// Set while the demo replays a secretary's commands: what they print for the person or a script
/// (ids, listings, confirmations) is not the demo's own output. Warnings still show.
static REPLAYING: AtomicBool = AtomicBool::new(false);

pub fn set_replaying(on: bool) {
    REPLAYING.store(on, Ordering::Relaxed);
}

fn replaying() -> bool {
    REPLAYING.load(Ordering::Relaxed)
}

/// Writes data to stdout; a closed pipe (`cchc … | head`) surfaces as an io::Error the caller treats as success.
pub fn print_data(text: &str) -> Result<()> {
    if replaying() {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A message for the person at the terminal (never data): stderr.
pub fn info(message: impl AsRef<str>) {
    if replaying() {
        return;
    }
    eprintln!("{}", message.as_ref());
}

pub fn warn(message: impl AsRef<str>) {
    eprintln!("{} {}", paint("Cảnh báo:", "33"), message.as_ref());
}

pub fn print_error(err: &anyhow::Error) {
    let mut text = format!("{} {err}", paint("Lỗi:", "31;1"));
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  {cause}"));
    }
    eprintln!("{text}");
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|e| e.downcast_ref::<io::Error>()).any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn paint(text: &str, ansi: &str) -> String {
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal();
    if colour { format!("\x1b[{ansi}m{text}\x1b[0m") } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_decimal_comma() {
        assert_eq!(decimal(7.5, 1), "7,5");
        assert_eq!(decimal(6.25, 1), "6,3");
        assert_eq!(decimal(14.75, 1), "14,8");
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(-0.01, 1), "0,0");
        assert_eq!(decimal(-2.25, 2), "-2,25");
        assert_eq!(decimal(f64::NAN, 1), "");
        assert_eq!(points(8.0), "8");
        assert_eq!(points(7.25), "7,25");
        assert_eq!(points(7.5), "7,5");
        assert_eq!(integer(-1234567), "-1.234.567");
        assert_eq!(percent(0.755), "75,5%");
        assert_eq!(percent(0.81), "81,0%");
    }

    #[test]
    fn scores_always_show_two_decimals() {
        assert_eq!(score(91.8), "91,80");
        assert_eq!(score(90.91), "90,91");
        assert_eq!(score(100.0), "100,00");
        assert_eq!(score(-4.5), "-4,50");
        let listing = Listing { columns: vec![col("s", "Thang 100")], rows: vec![vec![Value::Score(Some(91.8))]] };
        assert!(listing.to_table().contains("91,80"));
        assert!(listing.to_json().unwrap().contains("91.8"));
    }
}
