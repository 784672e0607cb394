//! One data row, reused across the whole file.

use std::sync::Arc;

use csv::StringRecord;

use super::ColumnMap;
use crate::domain::text::{is_nfc, nfc_into};

/// One data row. Reuse one `Row` for the whole file: its buffers are kept.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// 1-based line in the file where the row starts (the header is a line
    /// of its own); for XLSX, the sheet row number.
    pub line: u64,
    pub(super) record: StringRecord,
    scratch: StringRecord,
    text: String,
    pub(super) columns: Option<Arc<ColumnMap>>,
}

impl Row {
    pub fn new() -> Row {
        Row::default()
    }

    /// The value of a column by spec key, trimmed and NFC. `None` when the
    /// file has no such column, `Some("")` when the cell is empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        let index = self.columns.as_ref()?.index(key)?;
        Some(self.record.get(index).unwrap_or("").trim())
    }

    /// A raw field by position (untrimmed; NFC only for mapped columns).
    pub fn field(&self, index: usize) -> Option<&str> {
        self.record.get(index)
    }

    /// Number of fields in this row.
    pub fn len(&self) -> usize {
        self.record.len()
    }

    pub fn is_empty(&self) -> bool {
        self.record.is_empty()
    }

    /// NFC for the columns callers read; the record is rebuilt (into
    /// reused buffers) only when one of them is not NFC already.
    pub(super) fn normalise(&mut self, columns: &ColumnMap) {
        let needed = columns.mapped().iter().any(|m| self.record.get(m.index).is_some_and(|f| !is_nfc(f)));
        if !needed {
            return;
        }
        self.scratch.clear();
        for (i, f) in self.record.iter().enumerate() {
            if columns.mapped().iter().any(|m| m.index == i) {
                self.text.clear();
                nfc_into(f, &mut self.text);
                self.scratch.push_field(&self.text);
            } else {
                self.scratch.push_field(f);
            }
        }
        std::mem::swap(&mut self.record, &mut self.scratch);
    }
}
