//! Workbook rows (XLSX streamed, ODS read whole), produced on a worker thread: calamine's cell reader borrows
//! the workbook, so the workbook lives on its own thread and rows come over a bounded channel (records are sent
//! back for reuse).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::JoinHandle;

use calamine::{DataRef, Reader, Xlsx};

use super::ImportError;
use super::fields::Fields;
use super::guard::MAX_COLUMNS;
use super::workbook::{self, Archive, BookKind, push_text};
use super::xlsx_merged::MergedRanges;
const CHANNEL_ROWS: usize = 256;
const WORKER: &str = "cchc-xlsx";

/// calamine can panic on malformed XML (a reversed `<dimension ref="D4:A1">` overflows a subtraction when overflow
/// checks are on). The worker's death already becomes a Vietnamese error through the closed channel, so the default
/// hook's English report is silenced for that thread only; any other thread's panic is reported as before.
fn quiet_worker_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER) {
                default(info);
            }
        }));
    });
}

enum Msg {
    /// Last row number declared by the sheet, for progress.
    Rows(u64),
    /// The sheet read, for messages.
    Sheet(String),
    Row(u64, Fields),
    Failed(ImportError),
    End,
}

pub(crate) struct XlsxSource {
    rx: Receiver<Msg>,
    recycle: Sender<Fields>,
    worker: Option<JoinHandle<()>>,
    file: String,
    kind: BookKind,
    finished: bool,
    rows_total: u64,
    last_row: u64,
    sheet: Option<String>,
}

impl XlsxSource {
    pub fn open(path: &Path, file: &str) -> Result<Self, ImportError> {
        let archive = workbook::inspect(path, file)?;
        let handle = File::open(path).map_err(|e| ImportError::open(file, &e))?;
        let (tx, rx) = mpsc::sync_channel(CHANNEL_ROWS);
        let (recycle, recycled) = mpsc::channel();
        let name = file.to_owned();
        quiet_worker_panics();
        let worker = std::thread::Builder::new()
            .name(WORKER.into())
            .spawn(move || {
                let read = match archive.kind {
                    BookKind::Xlsx => produce(handle, &name, &archive, &tx, &recycled),
                    BookKind::Ods => workbook::ods_rows(
                        handle,
                        (&name, |sheet: &str| tx.send(Msg::Sheet(sheet.to_owned())).is_ok()),
                        |value, out| render(value, false, out),
                        |line, rec| tx.send(Msg::Row(line, rec)).is_ok(),
                    ),
                };
                let msg = match read {
                    Ok(()) => Msg::End,
                    Err(e) => Msg::Failed(e),
                };
                // The reader may have been dropped already; nothing to do then.
                let _ = tx.send(msg);
            })
            .map_err(|e| ImportError::read(file, &e))?;
        Ok(XlsxSource {
            rx,
            recycle,
            worker: Some(worker),
            file: file.to_owned(),
            kind: archive.kind,
            finished: false,
            rows_total: 0,
            last_row: 0,
            sheet: None,
        })
    }

    /// The sheet read, once the header has been read.
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// "XLSX" or "ODS".
    pub fn label(&self) -> &'static str {
        self.kind.label()
    }

    /// Share of the sheet read so far, in `scale` units (rows are the only
    /// measure of progress calamine exposes).
    pub fn progress(&self, scale: u64) -> u64 {
        if self.finished || self.rows_total == 0 {
            return if self.finished { scale } else { 0 };
        }
        let done = self.last_row.min(self.rows_total);
        (u128::from(scale) * u128::from(done) / u128::from(self.rows_total)) as u64
    }

    /// Next non-empty sheet row and its 1-based row number.
    pub fn next_record(&mut self, rec: &mut Fields) -> Result<Option<u64>, ImportError> {
        if self.finished {
            return Ok(None);
        }
        let mut msg = self.rx.recv();
        loop {
            match msg {
                Ok(Msg::Rows(n)) => self.rows_total = n,
                Ok(Msg::Sheet(name)) => self.sheet = Some(name),
                _ => break,
            }
            msg = self.rx.recv();
        }
        if !matches!(msg, Ok(Msg::Row(..))) {
            self.finished = true;
        }
        match msg {
            Ok(Msg::Row(line, mut got)) => {
                self.last_row = line;
                std::mem::swap(rec, &mut got);
                // The worker may be gone; the record is then simply dropped.
                let _ = self.recycle.send(got);
                Ok(Some(line))
            }
            Ok(Msg::End | Msg::Rows(_) | Msg::Sheet(_)) => Ok(None),
            Ok(Msg::Failed(e)) => Err(e),
            Err(_) => {
                // The worker died without a word: calamine panicked.
                if let Some(w) = self.worker.take() {
                    let _ = w.join();
                }
                Err(self.kind.damaged(&self.file, "cấu trúc bên trong tệp bất thường, không đọc được"))
            }
        }
    }
}

fn produce(
    handle: File,
    file: &str,
    archive: &Archive,
    tx: &SyncSender<Msg>,
    recycled: &Receiver<Fields>,
) -> Result<(), ImportError> {
    let detail = |e: calamine::XlsxError| ImportError::excel(file, format!("nội dung hỏng (chi tiết kỹ thuật: {e})"));
    let mut book: Xlsx<BufReader<File>> = Xlsx::new(BufReader::new(handle)).map_err(detail)?;
    let sheet = workbook::first_sheet(BookKind::Xlsx, book.sheets_metadata(), file)?;
    if tx.send(Msg::Sheet(sheet.clone())).is_err() {
        return Ok(());
    }
    workbook::check_xlsx_formulas(&mut book, &sheet, archive, file)?;
    let mut merged = MergedRanges::new(book.merge_cells_by_sheet_name(&sheet).map_err(detail)?);
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(detail)?;
    if tx.send(Msg::Rows(u64::from(cells.dimensions().end.0) + 1)).is_err() {
        return Ok(());
    }
    let percent: Vec<bool> =
        cells.styles().iter().map(|s| s.number_format.as_ref().is_some_and(|f| f.format_code.contains('%'))).collect();

    let mut rec = Fields::new();
    let mut row: Option<u32> = None;
    let mut text = String::new();
    while let Some((cell, style)) = cells.next_cell_with_style_id().map_err(detail)? {
        let (r, c) = cell.get_position();
        if row != Some(r) {
            if let Some(prev) = row {
                let next = recycled.try_recv().unwrap_or_default();
                let full = merged.fill(prev, std::mem::replace(&mut rec, next));
                if tx.send(Msg::Row(u64::from(prev) + 1, full)).is_err() {
                    return Ok(());
                }
            }
            rec.clear();
            row = Some(r);
        }
        if let DataRef::Error(e) = cell.get_value() {
            return Err(super::cells::workbook_error(file, &sheet, (r, c), &e.to_string()));
        }
        text.clear();
        render(cell.get_value(), percent.get(style) == Some(&true), &mut text);
        if text.is_empty() {
            continue;
        }
        if text.len() > super::cells::MAX_CELL_BYTES {
            return Err(super::cells::workbook_too_long(file, &sheet, (r, c), text.len()));
        }
        merged.read(r, c, &text);
        if u64::from(c) >= MAX_COLUMNS {
            return Err(ImportError::Structure {
                file: file.to_owned(),
                line: u64::from(r) + 1,
                message: format!("dòng có hơn {MAX_COLUMNS} cột"),
            });
        }
        let col = c as usize;
        if col < rec.len() {
            continue; // out-of-order cell in a malformed sheet
        }
        while rec.len() < col {
            rec.push_field("");
        }
        rec.push_field(&text);
    }
    if let Some(prev) = row {
        let _ = tx.send(Msg::Row(u64::from(prev) + 1, merged.fill(prev, rec)));
    }
    Ok(())
}

/// A cell as text. Dates become dd/mm/yyyy and booleans TRUE/FALSE, so a
/// numeric column rejects them with the usual message.
pub(super) fn render(value: &DataRef<'_>, percent: bool, out: &mut String) {
    use std::fmt::Write;
    match value {
        DataRef::Empty => {}
        DataRef::String(s) => push_text(out, s),
        DataRef::SharedString(s) => push_text(out, s),
        DataRef::Int(i) if percent => {
            let _ = write!(out, "{}%", i.saturating_mul(100));
        }
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) if percent => {
            // 0.955 * 100 is 95.49999…; Excel shows 15 significant digits.
            let p = (f * 100.0 * 1e9).round() / 1e9;
            write_float(p, out);
            out.push('%');
        }
        DataRef::Float(f) => write_float(*f, out),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(dt) => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            if dt.is_duration() {
                let hours = (dt.as_f64() * 24.0).floor();
                let _ = write!(out, "{hours}:{mm:02}:{ss:02}");
            } else if (hh, mm, ss) == (0, 0, 0) {
                let _ = write!(out, "{d:02}/{m:02}/{y:04}");
            } else {
                let _ = write!(out, "{d:02}/{m:02}/{y:04} {hh:02}:{mm:02}");
            }
        }
        // ODS dates (and XLSX `t="d"` cells) come as ISO text: shown as the other dates are.
        DataRef::DateTimeIso(s) => match chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
            Ok(t) if t.time() == chrono::NaiveTime::MIN => {
                let _ = write!(out, "{}", t.format("%d/%m/%Y"));
            }
            Ok(t) => {
                let _ = write!(out, "{}", t.format("%d/%m/%Y %H:%M"));
            }
            Err(_) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Ok(d) => {
                    let _ = write!(out, "{}", d.format("%d/%m/%Y"));
                }
                Err(_) => out.push_str(s),
            },
        },
        DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// 8.0 → "8", 7.5 → "7.5" (Rust prints the shortest round-trip form and
/// never an exponent).
fn write_float(f: f64, out: &mut String) {
    use std::fmt::Write;
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}
