//! XLSX: a "Thông tin" sheet with the letterhead and text, then one sheet per
//! table with real numbers and dates. User text is only ever written with
//! `write_string*`, never as a formula.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatPattern, Workbook, Worksheet,
    XlsxError,
};

use crate::report::document::{Block, Cell, ColumnKind, Document, Table, TableRows};

use super::WriteError;
use super::common::{chart_rows, flatten_sections, looks_like_formula};

const INFO_SHEET: &str = "Thông tin";
const MAX_WIDTH: f64 = 60.0;
const FONT: &str = "Times New Roman";

/// Takes the document: each table's rows are let go as they are written (a national year report's run to hundreds of
/// thousands of cells), their text moved into the sheet rather than copied.
pub fn render_xlsx(mut doc: Document) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(ZIP_LEVEL);
    // Dated as the DOCX is, with the report's own date rather than the clock: the same report, the same file.
    let title = format!("{} {}", doc.title, doc.subject);
    let mut properties = DocProperties::new().set_title(title).set_author(&doc.letterhead.issuing_body);
    // Undated (the văn thư fills the date line in): 1 January of its year, never the clock, which
    // rust_xlsxwriter would otherwise write.
    let lh = &doc.letterhead;
    let stamp = lh.date.or_else(|| chrono::NaiveDate::from_ymd_opt(lh.year, 1, 1));
    if let Some(date) = stamp.and_then(excel_date) {
        properties = properties.set_creation_datetime(&date);
    }
    workbook.set_properties(&properties);
    let tables = doc.tables();
    let columns: Vec<usize> = tables.iter().map(|t| t.columns.len()).collect();
    let mut names = vec![INFO_SHEET.to_string()];
    for table in &tables {
        let name = sheet_name(&table.title, names.len(), &names);
        names.push(name);
    }
    let info = workbook.add_worksheet();
    write_info(info, &doc, &tables, &names[1..])?;
    let mut styled = Vec::with_capacity(tables.len());
    for (table, name) in tables.iter().zip(&names[1..]) {
        // Rows go to a temporary file as they are written (they are written in order), strings inline: a national
        // year report's tables hold tens of thousands of rows, which the standard mode keeps in memory twice over
        // and whose mostly distinct strings a shared string table would hash for nothing.
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        styled.push(TableStyle::new(sheet, table)?);
    }
    write_tables(&mut workbook.worksheets_mut()[1..], doc.take_rows(), &columns, &styled)?;
    Ok(workbook.save_to_buffer()?)
}

/// Level 2 of 9: measured on a national year report (40 MB of sheet XML), it writes the file in 0.2 s less than
/// the default 6, for a file a third bigger (3.7 MB instead of 2.7 MB).
const ZIP_LEVEL: u8 = 2;

/// Tables of more cells than this are written on a thread of their own.
const CELLS_FOR_A_THREAD: usize = 50_000;

/// Writes each table's rows to its sheet (`columns`: how many each has). The biggest, when it is big (a national year
/// report's findings), is written on a second thread while this one writes the others: writing a cell costs a
/// look-up of its style.
fn write_tables(
    sheets: &mut [Worksheet],
    tables: Vec<TableRows>,
    columns: &[usize],
    styles: &[TableStyle],
) -> Result<(), XlsxError> {
    let cells = |i: usize| tables[i].0.len() * columns[i];
    let biggest = (0..tables.len()).max_by_key(|&i| cells(i)).filter(|&i| cells(i) > CELLS_FOR_A_THREAD);
    std::thread::scope(|scope| {
        let mut apart = None;
        for (i, ((sheet, rows), style)) in sheets.iter_mut().zip(tables).zip(styles).enumerate() {
            if Some(i) == biggest {
                apart = Some(scope.spawn(move || write_rows(sheet, rows, style)));
            } else {
                write_rows(sheet, rows, style)?;
            }
        }
        apart.map_or(Ok(()), |apart| apart.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}

/// Excel sheet name: no `[]:*?/\`, at most 31 characters, not quoted at the
/// ends, unique (case-insensitive) among `taken`.
pub fn sheet_name(title: &str, index: usize, taken: &[String]) -> String {
    let cleaned: String =
        title.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control()).collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let base = if cleaned.is_empty() { format!("Bảng {index}") } else { cleaned.to_string() };
    let is_taken = |name: &str| taken.iter().any(|t| t.to_lowercase() == name.to_lowercase());
    let fit = |text: &str, suffix: &str| {
        let keep = 31usize.saturating_sub(suffix.chars().count());
        let head: String = text.chars().take(keep).collect();
        format!("{}{suffix}", head.trim_end())
    };
    let mut name = fit(&base, "");
    let mut n = 2;
    while is_taken(&name) || name.eq_ignore_ascii_case("history") {
        name = fit(&base, &format!(" ({n})"));
        n += 1;
    }
    name
}

fn write_info(sheet: &mut Worksheet, doc: &Document, tables: &[&Table], names: &[String]) -> Result<(), XlsxError> {
    sheet.set_name(INFO_SHEET)?;
    sheet.set_column_width(0, 100)?;
    let text = base().set_text_wrap().set_align(FormatAlign::Top);
    let bold = text.clone().set_bold();
    let italic = text.clone().set_italic();
    let quoted = |f: &Format, s: &str| {
        if looks_like_formula(s) { f.clone().set_quote_prefix() } else { f.clone() }
    };
    let mut row = 0;
    let mut put = |sheet: &mut Worksheet, s: &str, f: &Format| -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, s, &quoted(f, s))?;
        row += 1;
        Ok(())
    };
    let lh = &doc.letterhead;
    if let Some(parent) = &lh.parent_body {
        put(sheet, parent, &text)?;
    }
    put(sheet, &lh.issuing_body, &bold)?;
    put(sheet, lh.number.trim(), &text)?;
    put(sheet, &lh.date_line(), &italic)?;
    put(sheet, "", &text)?;
    put(sheet, &doc.title, &bold)?;
    put(sheet, &doc.subject, &bold)?;
    for flat in flatten_sections(&doc.sections) {
        put(sheet, &flat.section.heading(), &bold)?;
        for block in &flat.section.blocks {
            match block {
                Block::Paragraph(p) => put(sheet, p, &text)?,
                Block::Note(n) => put(sheet, n, &italic)?,
                Block::Centered(c) => put(sheet, c, &bold)?,
                Block::Bullets(items) => {
                    for item in items {
                        put(sheet, &format!("- {item}"), &text)?;
                    }
                }
                Block::Table(t) => {
                    let index = tables.iter().position(|x| std::ptr::eq(*x, t));
                    let sheet_ref =
                        index.and_then(|i| names.get(i)).map_or(String::new(), |n| format!(" (trang tính «{n}»)"));
                    put(sheet, &format!("Bảng: {}{sheet_ref}", t.title), &italic)?;
                }
                Block::Chart(c) => {
                    put(sheet, &format!("Biểu đồ: {} ({})", c.title, c.unit), &italic)?;
                    let (_, rows) = chart_rows(c);
                    for r in rows {
                        put(sheet, &r.join(": "), &text)?;
                    }
                }
            }
        }
    }
    if let Some(closing) = &doc.closing {
        put(sheet, closing, &text)?;
    }
    put(sheet, "", &text)?;
    put(sheet, "Nơi nhận:", &bold.clone().set_italic())?;
    for r in lh.recipient_lines() {
        put(sheet, &r, &text)?;
    }
    put(sheet, "", &text)?;
    for line in lh.signature.lines() {
        put(sheet, line, &bold)?;
    }
    put(sheet, &lh.signature.name, &bold)?;
    Ok(())
}

fn number_format(kind: ColumnKind) -> Option<String> {
    match kind {
        ColumnKind::Number { decimals: 0 } | ColumnKind::Integer => Some("0".into()),
        ColumnKind::Number { decimals } => Some(format!("0.{}", "0".repeat(usize::from(decimals.min(10))))),
        ColumnKind::Percent => Some("0.0%".into()),
        ColumnKind::Date => Some("dd/mm/yyyy".into()),
        ColumnKind::Text => None,
    }
}

/// A table's cell styles, made once (a national report's tables have hundreds of thousands of cells).
struct TableStyle {
    base: Format,
    columns: Vec<Format>,
    totals: Vec<Format>,
}

impl TableStyle {
    /// Writes the header row and sets the sheet up. Every style the rows may use is registered here, table after
    /// table, so that the styles are numbered the same in every run whichever thread then writes first.
    fn new(sheet: &mut Worksheet, t: &Table) -> Result<Self, XlsxError> {
        let header = base()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_pattern(FormatPattern::Solid)
            .set_background_color(Color::RGB(0xD9_E1_F2))
            .set_border(FormatBorder::Thin);
        let cell_base = base().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
        let columns: Vec<Format> = t
            .columns
            .iter()
            .map(|c| match number_format(c.kind) {
                Some(f) => cell_base.clone().set_num_format(f),
                None => cell_base.clone().set_text_wrap(),
            })
            .collect();
        let totals: Vec<Format> =
            columns.iter().map(|f| f.clone().set_bold().set_border_top(FormatBorder::Double)).collect();
        let mut registered = vec![&cell_base];
        registered.extend(columns.iter().chain(&totals));
        let quoted: Vec<Format> = registered.iter().map(|f| (*f).clone().set_quote_prefix()).collect();
        for (col, column) in t.columns.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            if col == 0 {
                // Blank cells the header then replaces: a style is registered when a cell first uses it.
                for format in registered.iter().copied().chain(&quoted) {
                    sheet.write_blank(0, 0, format)?;
                }
            }
            sheet.write_string_with_format(0, col, &column.title, &header)?;
            sheet.set_column_width(col, column_width(t, usize::from(col)))?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_header(format!("&C&\"{FONT},Bold\"{}", t.title.replace('&', "&&")));
        sheet.set_paper_size(9);
        Ok(TableStyle { base: cell_base, columns, totals })
    }
}

fn write_rows(sheet: &mut Worksheet, (rows, total): TableRows, style: &TableStyle) -> Result<(), XlsxError> {
    let rows = rows.into_iter().map(|r| (r, &style.columns)).chain(total.map(|r| (r, &style.totals)));
    for (i, (cells, formats)) in rows.enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (col, cell) in cells.into_iter().enumerate() {
            let format = formats.get(col).unwrap_or(&style.base);
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            write_cell(sheet, row, col, cell, format)?;
        }
    }
    Ok(())
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: Cell, format: &Format) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(text) if looks_like_formula(&text) => {
            sheet.write_string_with_format(row, col, text, &format.clone().set_quote_prefix())?;
        }
        Cell::Text(text) => {
            sheet.write_string_with_format(row, col, text, format)?;
        }
        Cell::Number(value) if value.is_finite() => {
            sheet.write_number_with_format(row, col, value, format)?;
        }
        // i64 → f64 is exact for any count a report holds.
        Cell::Integer(value) => {
            sheet.write_number_with_format(row, col, value as f64, format)?;
        }
        Cell::Date(date) => match excel_date(date) {
            Some(d) => {
                sheet.write_datetime_with_format(row, col, d, format)?;
            }
            None => {
                sheet.write_string_with_format(row, col, crate::domain::date::format(date), format)?;
            }
        },
        Cell::Number(_) | Cell::Empty => {
            sheet.write_blank(row, col, format)?;
        }
    }
    Ok(())
}

pub fn excel_date(date: chrono::NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(date.year()).ok()?;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// Width in characters: the header's longest word or the longest cell, +2, within 6..=60.
fn column_width(t: &Table, col: usize) -> f64 {
    let Some(column) = t.columns.get(col) else {
        return 10.0;
    };
    if let Some(width) = column.width.filter(|w| *w > 0.0) {
        return width.min(MAX_WIDTH);
    }
    let header = column
        .title
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
        .max(column.title.chars().count().min(14));
    let content = t
        .rows
        .iter()
        .chain(t.total.iter())
        .filter_map(|r| r.get(col))
        .map(|c| match c {
            Cell::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Cell::Date(_) => 10,
            Cell::Number(_) | Cell::Integer(_) => 8,
            Cell::Empty => 0,
        })
        .max()
        .unwrap_or(0);
    // Counts of characters are small; the conversion is exact.
    ((header.max(content) + 2) as f64).clamp(6.0, MAX_WIDTH)
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
