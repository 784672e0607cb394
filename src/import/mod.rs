//! Reading the tables users bring: CSV (UTF-8, UTF-16, Windows-1258, TCVN3, VNI, VISCII; `,`
//! `;` or tab), XLSX and ODS, streamed row by row with headers matched
//! case-, accent- and space-insensitively.

pub mod appraisal;
pub mod catalogue_workbook;
mod cells;
mod csv_source;
mod decode;
pub mod directory;
mod encoding;
mod error;
mod fields;
mod guard;
mod header;
pub mod legacy;
pub mod problem;
mod rejected;
pub mod schedule;
pub mod selfreport;
mod sniff;
pub mod swallowed;
pub mod value;
pub mod workbook;
mod xlsx;
mod xlsx_merged;

#[cfg(test)]
mod bench_tests;
#[cfg(test)]
mod csv_tests;
#[cfg(test)]
mod encoding_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod xlsx_tests;

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use encoding::Encoding;
pub use error::{ImportError, display_name};
pub use header::{ColumnMap, ColumnSpec};
pub use problem::Problem;
pub use rejected::Rejected;
pub use value::{parse_figure, parse_points};

use crate::domain::text::{nfc, restore_formula};
use csv_source::CsvSource;
use fields::Fields;
use header::Matcher;
use sniff::{Kind, classify};
use xlsx::XlsxSource;

/// Rows examined for the header (the template has a title row above it).
const HEADER_SEARCH_ROWS: usize = 20;

enum Source {
    // Boxed: the CSV parser's tables make it much larger than the XLSX source.
    Csv(Box<CsvSource>),
    Xlsx(XlsxSource),
}

/// A table file opened for streaming: header matched, rows read one at a
/// time into a caller-owned [`Row`].
pub struct TableReader {
    file: String,
    encoding: &'static str,
    columns: Arc<ColumnMap>,
    source: Source,
    pending: Option<(u64, Fields)>,
    bytes_read: Arc<AtomicU64>,
    total: u64,
    /// Whether text still needs NFC (CSV) or came normalised (XLSX).
    normalise: bool,
    /// CSV rows must have the header's width; XLSX rows simply omit
    /// trailing empty cells.
    check_width: bool,
    failed: bool,
    /// The rows above the header (a template's title), each as (line, its cells' text joined by spaces).
    preamble: Vec<(u64, String)>,
}

impl TableReader {
    /// Opens `path`, finds and matches the header row, and reads ahead to
    /// the first data row (so an empty or header-only file fails here).
    pub fn open(path: &Path, encoding: Encoding, columns: &[ColumnSpec]) -> Result<TableReader, ImportError> {
        let file = display_name(path);
        let mut handle = File::open(path).map_err(|e| ImportError::open(&file, &e))?;
        let meta = handle.metadata().map_err(|e| ImportError::open(&file, &e))?;
        if meta.is_dir() {
            let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
            return Err(ImportError::open(&file, &e));
        }
        let total = meta.len();
        if total == 0 {
            return Err(ImportError::Empty { file });
        }
        let mut magic = Vec::with_capacity(8);
        (&mut handle).take(8).read_to_end(&mut magic).map_err(|e| ImportError::read(&file, &e))?;
        let bytes_read = Arc::new(AtomicU64::new(0));
        let (source, label) = match classify(path, &magic, &file)? {
            Kind::Workbook => {
                drop(handle);
                let book = XlsxSource::open(path, &file)?;
                let label = book.label();
                (Source::Xlsx(book), label)
            }
            Kind::Csv => {
                use std::io::{Seek, SeekFrom};
                handle.seek(SeekFrom::Start(0)).map_err(|e| ImportError::read(&file, &e))?;
                let prepared = encoding::prepare(handle, &file, encoding, bytes_read.clone())?;
                let csv = CsvSource::new(prepared.reader, &file, prepared.label, (path, prepared.skip))?;
                (Source::Csv(Box::new(csv)), prepared.label)
            }
        };
        let is_csv = matches!(source, Source::Csv(_));
        let mut reader = TableReader {
            file,
            encoding: label,
            columns: Arc::new(ColumnMap::default()),
            source,
            pending: None,
            bytes_read,
            total,
            normalise: is_csv,
            check_width: is_csv,
            failed: false,
            preamble: Vec::new(),
        };
        reader.read_header(columns)?;
        Ok(reader)
    }

    /// The encoding actually used: "UTF-8", "UTF-8 (BOM)", "UTF-16LE",
    /// "UTF-16BE", "Windows-1258", "XLSX" or "ODS".
    pub fn encoding_used(&self) -> &'static str {
        self.encoding
    }

    /// The file name used in messages.
    pub fn file_name(&self) -> &str {
        &self.file
    }

    /// The file as row problems name it: with the sheet read, for a workbook («bao-cao.xlsx, trang «Tự kiểm tra»»).
    pub fn problem_file(&self) -> String {
        match &self.source {
            Source::Xlsx(x) => x.sheet().map_or_else(|| self.file.clone(), |s| format!("{}, trang «{s}»", self.file)),
            Source::Csv(_) => self.file.clone(),
        }
    }

    /// The rows above the header, each as (line, its non-empty cells joined by spaces, NFC).
    pub fn preamble(&self) -> &[(u64, String)] {
        &self.preamble
    }

    pub fn columns(&self) -> &ColumnMap {
        &self.columns
    }

    /// The CSV delimiter chosen, or `None` for XLSX.
    pub fn delimiter(&self) -> Option<char> {
        match &self.source {
            Source::Csv(c) => Some(char::from(c.delimiter)),
            Source::Xlsx(_) => None,
        }
    }

    /// (bytes read, total bytes) for a progress bar; XLSX progress is
    /// estimated from the row position.
    pub fn progress(&self) -> (u64, u64) {
        let done = match &self.source {
            Source::Csv(_) => self.bytes_read.load(Ordering::Relaxed),
            Source::Xlsx(x) => x.progress(self.total),
        };
        (done.min(self.total), self.total)
    }

    /// Fills `row` with the next data row; `Ok(false)` at the end. A row
    /// with the wrong number of fields comes back as
    /// `Err(ImportError::RowShape)` (see [`ImportError::is_row_problem`]):
    /// `row.line` is set and reading can go on. Any other error is fatal and
    /// later calls return `Ok(false)`.
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, ImportError> {
        if self.failed {
            return Ok(false);
        }
        let line = match self.pending.take() {
            Some((line, rec)) => {
                row.record = rec;
                line
            }
            None => match self.fetch(&mut row.record) {
                Ok(Some(line)) => line,
                Ok(None) => return Ok(false),
                Err(e) => {
                    self.failed = true;
                    return Err(e);
                }
            },
        };
        row.line = line;
        row.delimiter = self.delimiter();
        if !row.columns.as_ref().is_some_and(|c| Arc::ptr_eq(c, &self.columns)) {
            row.columns = Some(Arc::clone(&self.columns));
        }
        if self.normalise {
            row.normalise(&self.columns);
        }
        if let Some(bad) = self.bad_cell(row) {
            return Err(bad);
        }
        if self.check_width {
            self.check_shape(row)?;
        }
        Ok(true)
    }

    /// The first cell of the row that no importer stores: a control character anywhere, or in CSV a cell that is
    /// exactly a spreadsheet error value (a workbook's error cells are refused as they are read).
    fn bad_cell(&self, row: &Row) -> Option<ImportError> {
        for (i, field) in row.record.iter().enumerate() {
            let message = if let Some(c) = crate::domain::text::control_char(field) {
                cells::control_message(c)
            } else if self.normalise && cells::is_error_value(field.trim()) {
                cells::error_value_message(field.trim())
            } else {
                continue;
            };
            let column = self.columns.headers().get(i).filter(|h| !h.is_empty());
            return Some(ImportError::BadCell {
                file: self.file.clone(),
                line: row.line,
                column: column.cloned().unwrap_or_else(|| format!("thứ {}", i + 1)),
                value: field.to_owned(),
                message,
            });
        }
        None
    }

    /// Next non-blank record from the source.
    fn fetch(&mut self, rec: &mut Fields) -> Result<Option<u64>, ImportError> {
        loop {
            let line = match &mut self.source {
                Source::Csv(c) => c.next_record(rec)?,
                Source::Xlsx(x) => x.next_record(rec)?,
            };
            match line {
                Some(_) if rec.iter().all(|f| f.trim().is_empty()) => continue,
                other => return Ok(other),
            }
        }
    }

    fn read_header(&mut self, specs: &[ColumnSpec]) -> Result<(), ImportError> {
        let matcher = Matcher::new(specs);
        let mut rec = Fields::new();
        let mut first: Option<Fields> = None;
        let mut header: Option<Fields> = None;
        for _ in 0..HEADER_SEARCH_ROWS {
            let Some(line) = self.fetch(&mut rec)? else { break };
            if specs.is_empty() || matcher.matches_any(rec.iter()) {
                header = Some(rec.clone());
                break;
            }
            let text: Vec<Cow<str>> = rec.iter().map(|f| nfc(f.trim())).filter(|f| !f.is_empty()).collect();
            self.preamble.push((line, text.join(" ")));
            first.get_or_insert_with(|| rec.clone());
        }
        let header = match (header, first, specs.iter().find(|s| s.required).or(specs.first())) {
            (Some(h), _, _) => h,
            (None, Some(first), Some(spec)) => {
                // No row names any known column: report the first row as
                // what was found, so the user sees what we saw.
                let found = first.iter().map(|h| nfc(h.trim()).into_owned()).filter(|h| !h.is_empty()).collect();
                return Err(ImportError::MissingColumn {
                    file: self.file.clone(),
                    label: spec.label,
                    key: spec.key,
                    found,
                });
            }
            (None, _, _) => {
                return Err(ImportError::Empty { file: self.file.clone() });
            }
        };
        let map = matcher.map(&self.file, header.iter())?;
        self.columns = Arc::new(map);
        let mut data = Fields::new();
        match self.fetch(&mut data)? {
            Some(line) => self.pending = Some((line, data)),
            None => {
                return Err(ImportError::NoData { file: self.file.clone() });
            }
        }
        Ok(())
    }

    fn check_shape(&self, row: &Row) -> Result<(), ImportError> {
        let expected = self.columns.width();
        let len = row.record.len();
        let found = if len < expected {
            len
        } else {
            // Extra trailing empty fields (a stray delimiter at the end of
            // the line) shift nothing, so they are let through.
            let filled = (expected..len)
                .rev()
                .find(|&i| row.record.get(i).is_some_and(|f| !f.trim().is_empty()))
                .map_or(expected, |i| i + 1);
            if filled == expected {
                return Ok(());
            }
            filled
        };
        Err(ImportError::RowShape { file: self.file.clone(), line: row.line, expected, found })
    }
}

/// Maps a header row against `specs`, as `TableReader::open` does with the row it finds (for the benchmarks).
pub fn map_header<'a>(
    file: &str,
    specs: &[ColumnSpec],
    cells: impl Iterator<Item = &'a str>,
) -> Result<ColumnMap, ImportError> {
    Matcher::new(specs).map(file, cells)
}

/// One data row. Reuse one `Row` for the whole file: its buffers are kept.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// 1-based line in the file where the row starts (the header is a line
    /// of its own); for XLSX, the sheet row number.
    pub line: u64,
    record: Fields,
    scratch: Fields,
    columns: Option<Arc<ColumnMap>>,
    /// The CSV delimiter, or `None` for a workbook.
    delimiter: Option<char>,
}

impl Row {
    pub fn new() -> Row {
        Row::default()
    }

    /// The value of a column by spec key, trimmed and NFC. `None` when the
    /// file has no such column, `Some("")` when the cell is empty.
    /// In CSV, the quote the CSV export puts before = + - @ comes off (what an export guards, an import restores).
    pub fn get(&self, key: &str) -> Option<&str> {
        let index = self.columns.as_ref()?.index(key)?;
        Some(self.cell(index).unwrap_or(""))
    }

    /// The header the file gives the column `key`, if it has it.
    pub fn header(&self, key: &str) -> Option<&str> {
        self.columns.as_ref()?.get(key).map(|m| m.header.as_str())
    }

    /// A field by position, trimmed, read as [`Row::get`] reads a column.
    pub fn cell(&self, index: usize) -> Option<&str> {
        let value = self.record.get(index)?.trim();
        Some(if self.delimiter.is_some() { restore_formula(value) } else { value })
    }

    /// A raw field by position (untrimmed; NFC only for mapped columns).
    pub fn field(&self, index: usize) -> Option<&str> {
        self.record.get(index)
    }

    /// NFC for the columns callers read; the record is rebuilt (into a
    /// reused buffer) only when one of them is not NFC already.
    fn normalise(&mut self, columns: &ColumnMap) {
        let needed =
            columns.mapped().iter().any(|m| self.record.get(m.index).is_some_and(|f| matches!(nfc(f), Cow::Owned(_))));
        if !needed {
            return;
        }
        self.scratch.clear();
        for f in self.record.iter() {
            self.scratch.push_field(&nfc(f));
        }
        std::mem::swap(&mut self.record, &mut self.scratch);
    }
}
