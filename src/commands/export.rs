//! `unit list`, `official list` and `assign list` as files that come back: `--format csv|xlsx` writes the
//! Vietnamese headers and the values the matching `import` reads (codes where they are keys, words elsewhere), so
//! that a list exported, edited in Excel and imported again changes only what was edited.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use rust_xlsxwriter::{Format, ProtectionOptions, Workbook};

use crate::commands::listing::{ListFormat, Listing, Value};
use crate::context::Context;
use crate::domain::date;
use crate::domain::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Bảng trên màn hình
    Table,
    /// JSON: mảng các đối tượng (mã như lưu trữ)
    Json,
    /// CSV với tiêu đề cột tiếng Việt, sửa rồi nhập lại được bằng lệnh import
    Csv,
    /// Excel với tiêu đề cột tiếng Việt, sửa rồi nhập lại được bằng lệnh import
    Xlsx,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArg {
    /// Định dạng đầu ra
    #[arg(long, value_enum, default_value_t = ExportFormat::Table, value_name = "ĐỊNH_DẠNG")]
    pub format: ExportFormat,
    /// Ghi ra tệp này thay vì ra màn hình (cần cho xlsx khi không chuyển tiếp đầu ra)
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    pub output: Option<PathBuf>,
}

impl ExportArg {
    /// Whether values are for a program (JSON: codes as stored) rather than for people and the importers (words).
    pub fn for_programs(&self) -> bool {
        self.format == ExportFormat::Json
    }
}

impl ExportFormat {
    fn kind(self) -> crate::files::Kind {
        match self {
            ExportFormat::Table => crate::files::Kind::Text("txt"),
            ExportFormat::Json => crate::files::Kind::Text("json"),
            ExportFormat::Csv => crate::files::Kind::Text("csv"),
            ExportFormat::Xlsx => crate::files::Kind::Xlsx,
        }
    }
}

/// Writes the listing in the chosen format, to `-o FILE` or stdout.
pub fn emit(ctx: &Context, listing: &Listing, out: &ExportArg) -> Result<()> {
    let bytes = match out.format {
        ExportFormat::Table if out.output.is_none() => return listing.emit(ctx, ListFormat::Table),
        ExportFormat::Json if out.output.is_none() => return listing.emit(ctx, ListFormat::Json),
        ExportFormat::Table => listing.to_table().into_bytes(),
        ExportFormat::Json => listing.to_json()?.into_bytes(),
        // With a byte-order mark, so that Excel opens the Vietnamese text as UTF-8.
        ExportFormat::Csv => format!("\u{FEFF}{}", listing.to_labelled_csv()?).into_bytes(),
        ExportFormat::Xlsx => xlsx(listing)?,
    };
    match &out.output {
        Some(path) => {
            crate::files::write(&ctx.db_path, path, out.format.kind(), &bytes)?;
            ctx.info(format!("Đã ghi {} dòng vào «{}».", listing.rows.len(), path.display()));
            Ok(())
        }
        None if out.format == ExportFormat::Xlsx && io::stdout().is_terminal() => {
            bail!("tệp Excel không in ra màn hình được: thêm -o TỆP, ví dụ -o danh-sach.xlsx")
        }
        None => {
            use std::io::Write;
            let mut stdout = io::stdout().lock();
            stdout.write_all(&bytes)?;
            Ok(stdout.flush()?)
        }
    }
}

/// Whether an importer reads the column back: the others (a criterion's title, an official's name beside the codes)
/// are derived, and an edit there would be ignored.
fn read_back(header: &str) -> bool {
    use crate::import::directory::{ASSIGNMENT_COLUMNS, DERIVED, OFFICIAL_COLUMNS, UNIT_COLUMNS};
    let header = fold(header);
    let specs = [UNIT_COLUMNS, OFFICIAL_COLUMNS, ASSIGNMENT_COLUMNS].into_iter().flatten();
    specs.filter(|spec| !DERIVED.contains(&spec.key)).any(|spec| fold(spec.label) == header || fold(spec.key) == header)
}

/// One sheet: the header row in bold and frozen, then the rows; text stays text (a code like 1.10 is not a number).
/// Derived columns are locked (the sheet protected without a password, rows can still be added, removed, sorted).
fn xlsx(listing: &Listing) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let columns: Vec<_> = listing.columns.iter().enumerate().filter(|(_, c)| c.in_table).collect();
    let editable: Vec<bool> = columns.iter().map(|(_, c)| read_back(c.header)).collect();
    let lock = editable.contains(&false);
    let open = Format::new().set_unlocked();
    for (col, (_, column)) in (0u16..).zip(&columns) {
        sheet.write_string_with_format(0, col, column.header, &bold)?;
        let widest = listing.rows.iter().map(|r| text(&r[columns[usize::from(col)].0]).chars().count()).max();
        sheet.set_column_width(col, (widest.unwrap_or(0).max(column.header.chars().count()) + 2).min(60) as f64)?;
        if lock && editable[usize::from(col)] {
            sheet.set_column_format(col, &open)?;
        }
    }
    for (row, values) in (1u32..).zip(&listing.rows) {
        for (col, (i, _)) in (0u16..).zip(&columns) {
            let format = if lock && editable[usize::from(col)] { open.clone() } else { Format::new() };
            match &values[*i] {
                Value::Number(Some(n)) | Value::Score(Some(n)) => {
                    sheet.write_number_with_format(row, col, *n, &format)?
                }
                Value::Integer(n) => sheet.write_number_with_format(row, col, *n as f64, &format)?,
                value => sheet.write_string_with_format(row, col, text(value), &format)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if lock {
        let options = ProtectionOptions {
            insert_rows: true,
            delete_rows: true,
            sort: true,
            use_autofilter: true,
            format_columns: true,
            ..ProtectionOptions::new()
        };
        sheet.protect_with_options(&options);
    }
    Ok(book.save_to_buffer()?)
}

fn text(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Date(d) => d.map(date::format).unwrap_or_default(),
        Value::Number(n) | Value::Score(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Value::Integer(n) => n.to_string(),
    }
}
