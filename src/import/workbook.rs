//! Workbooks as every importer reads them, XLSX or ODS (LibreOffice's own format): the archive checked before any
//! parsing (entries, sizes, which kind), formulas whose value no spreadsheet program computed refused by their
//! cell, ODS sheets read into rows, and cell text with one kind of line break.
//!
//! [`super::TableReader`] opens any of them through `inspect`; an importer of another shape (a catalogue workbook)
//! can call `inspect`, `first_sheet`, `check_xlsx_formulas` / `ods_rows` and `push_text` the same way.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, Sheet, SheetType, SheetVisible, Xlsx};

use super::ImportError;
use super::fields::Fields;
use super::guard::MAX_COLUMNS;
use crate::domain::text::nfc;

/// Refuse archives that would expand beyond this (ZIP bombs).
const MAX_UNCOMPRESSED: u64 = 200 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookKind {
    Xlsx,
    Ods,
}

impl BookKind {
    /// The name shown as the file's "encoding" in messages.
    pub fn label(self) -> &'static str {
        match self {
            BookKind::Xlsx => "XLSX",
            BookKind::Ods => "ODS",
        }
    }

    /// The error for a file of this kind that cannot be read.
    pub fn damaged(self, file: &str, reason: impl Into<String>) -> ImportError {
        match self {
            BookKind::Xlsx => ImportError::excel(file, reason),
            BookKind::Ods => ImportError::Ods { file: file.to_owned(), reason: reason.into() },
        }
    }
}

/// What the archive says before its sheet is parsed.
#[derive(Debug, Clone, Copy)]
pub struct Archive {
    pub kind: BookKind,
    /// `fullCalcOnLoad` in xl/workbook.xml: the writer (XlsxWriter, pandas) left every formula for the spreadsheet
    /// program to compute on opening, so the values stored beside them are placeholders.
    pub recalc_on_load: bool,
    /// A worksheet holds a formula: only then is the sheet read once more to check them.
    pub has_formulas: bool,
}

/// Checks the archive (not too many entries, not too big once inflated) and tells XLSX from ODS.
pub fn inspect(path: &Path, file: &str) -> Result<Archive, ImportError> {
    let handle = File::open(path).map_err(|e| ImportError::open(file, &e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(handle)).map_err(|e| zip_error(file, e))?;
    if zip.len() > MAX_ENTRIES {
        return Err(ImportError::excel(file, "có quá nhiều thành phần bên trong"));
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_data(i).map_err(|e| zip_error(file, e))?;
        declared = declared.saturating_add(entry.size());
    }
    // The zip crate stops any entry at its declared size, so these sums bound what calamine can inflate.
    if declared > MAX_UNCOMPRESSED {
        return Err(ImportError::excel(
            file,
            "nội dung giải nén vượt quá 200 MiB (có thể là tệp nén độc hại); không mở",
        ));
    }
    let mut mimetype = Vec::new();
    if let Ok(entry) = zip.by_name("mimetype") {
        entry
            .take(ODS_MIMETYPE.len() as u64 + 1)
            .read_to_end(&mut mimetype)
            .map_err(|e| ImportError::read(file, &e))?;
    }
    if mimetype == ODS_MIMETYPE {
        // ODS formulas are checked against the values in the sheet, which LibreOffice always stores.
        return Ok(Archive { kind: BookKind::Ods, recalc_on_load: false, has_formulas: true });
    }
    if zip.index_for_name("xl/workbook.xml").is_none() {
        let documents = [
            ("word/document.xml", "văn bản Word (.docx)"),
            ("ppt/presentation.xml", "bản trình chiếu PowerPoint (.pptx)"),
            ("content.xml", "văn bản LibreOffice (.odt)"),
        ];
        if let Some((_, what)) = documents.iter().find(|(entry, _)| zip.index_for_name(entry).is_some()) {
            return Err(ImportError::NotATable { file: file.to_owned(), what });
        }
    }
    let mut workbook = Vec::new();
    if let Ok(mut entry) = zip.by_name("xl/workbook.xml") {
        entry.read_to_end(&mut workbook).map_err(|e| ImportError::read(file, &e))?;
    }
    let recalc_on_load = full_calc_on_load(&workbook);
    let mut has_formulas = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| zip_error(file, e))?;
        let sheet = entry.name().is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        if sheet && holds_formula(&mut entry).map_err(|e| damaged_zip(file, &e))? {
            has_formulas = true;
            break;
        }
    }
    Ok(Archive { kind: BookKind::Xlsx, recalc_on_load, has_formulas })
}

/// `<calcPr … fullCalcOnLoad="1"/>` (or `"true"`).
fn full_calc_on_load(workbook_xml: &[u8]) -> bool {
    let text = String::from_utf8_lossy(workbook_xml);
    let Some(start) = text.find("calcPr ") else { return false };
    let element = text[start..].split('>').next().unwrap_or("");
    element.contains("fullCalcOnLoad=\"1\"") || element.contains("fullCalcOnLoad=\"true\"")
}

/// Whether a worksheet's XML has a formula element (`<f>`, `<f …>`, or with a namespace prefix), read in chunks.
fn holds_formula(xml: &mut impl Read) -> std::io::Result<bool> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut kept = 0usize;
    loop {
        let n = xml.read(&mut buf[kept..])?;
        if n == 0 {
            return Ok(false);
        }
        let len = kept + n;
        if buf[..len].windows(3).any(|w| matches!(w, [b'<' | b':', b'f', b'>' | b' ' | b'/'])) {
            return Ok(true);
        }
        // A marker cut by the chunk's end is found with the next chunk.
        let tail = len.min(2);
        buf.copy_within(len - tail..len, 0);
        kept = tail;
    }
}

/// The first visible worksheet (a hidden sheet is an old copy or a lookup list, never the table).
pub fn first_sheet(kind: BookKind, sheets: &[Sheet], file: &str) -> Result<String, ImportError> {
    sheets
        .iter()
        .find(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .ok_or_else(|| kind.damaged(file, "không có trang tính (sheet) nào đang hiện"))
}

/// Refuses the first formula of `sheet` whose stored value no spreadsheet program computed: none at all (openpyxl),
/// or a placeholder under `fullCalcOnLoad` (XlsxWriter, pandas).
pub fn check_xlsx_formulas(
    book: &mut Xlsx<BufReader<File>>,
    sheet: &str,
    archive: &Archive,
    file: &str,
) -> Result<(), ImportError> {
    if !archive.has_formulas {
        return Ok(());
    }
    let detail = |e: calamine::XlsxError| ImportError::excel(file, format!("nội dung hỏng (chi tiết kỹ thuật: {e})"));
    let mut cells = book.worksheet_cells_reader(sheet).map_err(detail)?;
    while let Some(cell) = cells.next_cell_with_formula().map_err(detail)? {
        let Some(formula) = cell.formula.filter(|f| !f.is_empty()) else { continue };
        if matches!(cell.value, DataRef::Empty) {
            return Err(uncomputed(file, sheet, cell.pos, &formula, None));
        }
        if archive.recalc_on_load {
            let mut value = String::new();
            super::xlsx::render(&cell.value, false, &mut value);
            // 0 is XlsxWriter's and pandas' placeholder: no value was given.
            let written = Some(value.as_str()).filter(|v| *v != "0");
            return Err(uncomputed(file, sheet, cell.pos, &formula, written));
        }
    }
    Ok(())
}

/// The refusal of a formula whose value no spreadsheet program computed — none at all, or `written` by the program
/// that made the file — naming its cell and what to do.
fn uncomputed(file: &str, sheet: &str, (row, col): (u32, u32), formula: &str, written: Option<&str>) -> ImportError {
    let column = column_letters(col);
    let formula = formula.strip_prefix("of:").unwrap_or(formula);
    let formula = if formula.starts_with('=') { formula.to_owned() } else { format!("={formula}") };
    let what = match written {
        None => "nhưng chưa có giá trị do Excel hay LibreOffice tính: tệp được tạo bằng một chương trình khác (ví dụ \
                 Python) chỉ ghi công thức"
            .to_owned(),
        Some(value) => format!(
            "với giá trị «{value}» do chương trình tạo tệp (ví dụ Python) ghi sẵn, chưa được Excel hay LibreOffice \
             tính lại: tệp đánh dấu «tính lại khi mở»"
        ),
    };
    ImportError::Structure {
        file: file.to_owned(),
        line: u64::from(row) + 1,
        message: format!(
            "ô {column}{} (trang «{sheet}», dòng {}, cột {column}) có công thức «{formula}» {what}. Hãy mở tệp bằng \
             Excel hoặc LibreOffice rồi lưu lại, hoặc gõ giá trị thay cho công thức",
            row + 1,
            row + 1
        ),
    }
}

/// 0 → A, 25 → Z, 26 → AA.
pub(super) fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads an ODS workbook's first visible sheet (named to `sheet_found`, which may stop the reading), handing each non-empty row (1-based row number, cells as text) to
/// `each` until it returns false. calamine reads ODS whole, so this is not streamed: ODS files are form-sized.
pub fn ods_rows(
    handle: File,
    (file, sheet_found): (&str, impl FnOnce(&str) -> bool),
    render: impl Fn(&DataRef<'_>, &mut String),
    mut each: impl FnMut(u64, Fields) -> bool,
) -> Result<(), ImportError> {
    let detail = |e: calamine::OdsError| BookKind::Ods.damaged(file, format!("nội dung hỏng (chi tiết kỹ thuật: {e})"));
    let mut book: Ods<BufReader<File>> = Ods::new(BufReader::new(handle)).map_err(detail)?;
    let sheet = first_sheet(BookKind::Ods, book.sheets_metadata(), file)?;
    if !sheet_found(&sheet) {
        return Ok(());
    }
    let range = book.worksheet_range(&sheet).map_err(detail)?;
    let formulas = book.worksheet_formula(&sheet).map_err(detail)?;
    if let Some((top, left)) = formulas.start() {
        for (r, c, formula) in formulas.used_cells() {
            let pos = (top + r as u32, left + c as u32);
            if !formula.is_empty() && range.get_value(pos).is_none_or(|v| *v == Data::Empty) {
                return Err(uncomputed(file, &sheet, pos, formula, None));
            }
            // LibreOffice stores a failed formula's error as the cell's text (`calcext:value-type="error"`).
            if let Some(Data::String(value)) = range.get_value(pos).filter(|_| !formula.is_empty())
                && super::cells::is_error_value(value)
            {
                return Err(super::cells::workbook_error(file, &sheet, pos, value));
            }
        }
    }
    let Some((top, left)) = range.start() else { return Ok(()) };
    let mut text = String::new();
    for (r, cells) in range.rows().enumerate() {
        let line = u64::from(top) + r as u64 + 1;
        let mut rec = Fields::new();
        for (c, value) in cells.iter().enumerate() {
            text.clear();
            render(&as_ref(value), &mut text);
            if text.is_empty() {
                continue;
            }
            let col = left as usize + c;
            if text.len() > super::cells::MAX_CELL_BYTES {
                let pos = (top + r as u32, u32::try_from(col).unwrap_or(u32::MAX));
                return Err(super::cells::workbook_too_long(file, &sheet, pos, text.len()));
            }
            if col as u64 >= MAX_COLUMNS {
                let message = format!("dòng có hơn {MAX_COLUMNS} cột");
                return Err(ImportError::Structure { file: file.to_owned(), line, message });
            }
            while rec.len() < col {
                rec.push_field("");
            }
            rec.push_field(&text);
        }
        if rec.len() > 0 && !each(line, rec) {
            break;
        }
    }
    Ok(())
}

fn as_ref(value: &Data) -> DataRef<'_> {
    match value {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// Appends a cell's text, NFC, with its line breaks stored as LF whatever the file holds: CRLF, a lone CR, or
/// Excel's escaped CR (`_x000D_`), as the CSV reader stores them.
pub fn push_text(out: &mut String, text: &str) {
    let text = nfc(text);
    if !text.contains(['\r', '_']) {
        out.push_str(&text);
        return;
    }
    let text = text.replace("_x000D_", "\r");
    out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
}

fn zip_error(file: &str, e: zip::result::ZipError) -> ImportError {
    use zip::result::ZipError;
    match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            ImportError::excel(file, "tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi lưu lại")
        }
        ZipError::UnsupportedArchive(_) => ImportError::excel(file, "kiểu nén bên trong không được hỗ trợ"),
        other => damaged_zip(file, &other),
    }
}

/// An entry that does not inflate as the archive declares (cut short, or larger than it says).
fn damaged_zip(file: &str, e: &dyn std::fmt::Display) -> ImportError {
    ImportError::excel(
        file,
        format!(
            "tệp bị hỏng hoặc không đầy đủ (có thể tải về hay sao chép chưa xong); hãy mở \
             bằng Excel và lưu lại (chi tiết kỹ thuật: {e})"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(4), "E");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn every_kind_of_line_break_becomes_lf() {
        let mut out = String::new();
        for text in ["a\r\nb", "a\rb", "a_x000D_\nb", "a\nb"] {
            out.clear();
            push_text(&mut out, text);
            assert_eq!(out, "a\nb", "{text:?}");
        }
        out.clear();
        push_text(&mut out, "ma_don_vi");
        assert_eq!(out, "ma_don_vi");
    }

    #[test]
    fn formula_markers_are_found_across_chunks_and_only_there() {
        let mut xml = vec![b' '; 64 * 1024 - 1];
        xml.extend_from_slice(b"<f>SUM(A1)</f>");
        assert!(holds_formula(&mut xml.as_slice()).unwrap());
        assert!(holds_formula(&mut &b"<x:c><x:f>1+1</x:f></x:c>"[..]).unwrap());
        assert!(!holds_formula(&mut &b"<c r=\"A1\" t=\"s\"><v>0</v></c><font/>"[..]).unwrap());
    }

    #[test]
    fn full_calc_on_load_is_read_from_calc_pr() {
        assert!(full_calc_on_load(br#"<workbook><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>"#));
        assert!(!full_calc_on_load(br#"<workbook><calcPr calcId="191029"/></workbook>"#));
        assert!(!full_calc_on_load(b""));
    }
}
