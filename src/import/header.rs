//! Matching a file's header row against the columns an import expects.

use crate::domain::text::{fold, nfc};

use super::ImportError;

/// A column an import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// ASCII key, e.g. `diem_tu_cham`; also how callers ask for the value.
    pub key: &'static str,
    /// Vietnamese header, e.g. `Điểm tự chấm`.
    pub label: &'static str,
    pub required: bool,
}

impl ColumnSpec {
    pub const fn required(key: &'static str, label: &'static str) -> Self {
        ColumnSpec { key, label, required: true }
    }

    pub const fn optional(key: &'static str, label: &'static str) -> Self {
        ColumnSpec { key, label, required: false }
    }
}

/// One spec found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedColumn {
    pub key: &'static str,
    pub label: &'static str,
    /// 0-based field index in each row.
    pub index: usize,
    /// The header as written in the file, for messages.
    pub header: String,
}

/// Spec key → field index, for the specs present in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    mapped: Vec<MappedColumn>,
    headers: Vec<String>,
}

impl ColumnMap {
    pub fn index(&self, key: &str) -> Option<usize> {
        self.get(key).map(|m| m.index)
    }

    pub fn get(&self, key: &str) -> Option<&MappedColumn> {
        self.mapped.iter().find(|m| m.key == key)
    }

    /// The header text the user wrote for a column, falling back to the
    /// key, so problems name the column the way the user sees it.
    pub fn header<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).map_or(key, |m| m.header.as_str())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn mapped(&self) -> &[MappedColumn] {
        &self.mapped
    }

    /// Every header of the file, in order (trimmed).
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Number of columns the header row declares (trailing empty header
    /// cells excluded).
    pub fn width(&self) -> usize {
        self.headers.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1)
    }
}

/// Folded key and label of each spec, computed once per file.
pub(crate) struct Matcher<'s> {
    specs: &'s [ColumnSpec],
    folded: Vec<(String, String)>,
}

impl<'s> Matcher<'s> {
    pub fn new(specs: &'s [ColumnSpec]) -> Self {
        let folded = specs.iter().map(|s| (fold(s.key), fold(s.label))).collect();
        Matcher { specs, folded }
    }

    fn find(&self, header: &str) -> Option<usize> {
        let h = fold(header);
        if h.is_empty() {
            return None;
        }
        self.folded.iter().position(|(k, l)| *k == h || *l == h)
    }

    /// Does this row look like a header row (at least one known column)?
    pub fn matches_any<'a>(&self, cells: impl Iterator<Item = &'a str>) -> bool {
        cells.take(super::guard::MAX_COLUMNS as usize).any(|c| self.find(c).is_some())
    }

    pub fn map<'a>(&self, file: &str, cells: impl Iterator<Item = &'a str>) -> Result<ColumnMap, ImportError> {
        let headers: Vec<String> = cells.map(|c| nfc(c.trim()).into_owned()).collect();
        let mut mapped: Vec<MappedColumn> = Vec::new();
        for (index, header) in headers.iter().enumerate() {
            let Some(si) = self.find(header) else {
                continue;
            };
            let Some(spec) = self.specs.get(si) else {
                continue;
            };
            if let Some(prev) = mapped.iter().find(|m| m.key == spec.key) {
                return Err(ImportError::DuplicateColumn {
                    file: file.to_owned(),
                    label: spec.label,
                    key: spec.key,
                    first: prev.header.clone(),
                    second: header.clone(),
                });
            }
            mapped.push(MappedColumn { key: spec.key, label: spec.label, index, header: header.clone() });
        }
        if let Some(missing) = self.specs.iter().find(|s| s.required && !mapped.iter().any(|m| m.key == s.key)) {
            return Err(ImportError::MissingColumn {
                file: file.to_owned(),
                label: missing.label,
                key: missing.key,
                found: headers.into_iter().filter(|h| !h.is_empty()).collect(),
            });
        }
        Ok(ColumnMap { mapped, headers })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ColumnSpec] = &[
        ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
        ColumnSpec::required("diem_tu_cham", "Điểm tự chấm"),
        ColumnSpec::optional("so_lieu", "Số liệu"),
    ];

    fn map(headers: &[&str]) -> Result<ColumnMap, ImportError> {
        Matcher::new(SPECS).map("f.csv", headers.iter().copied())
    }

    #[test]
    fn matches_key_or_label_any_spelling() {
        for h in ["Điểm tự chấm", "diem_tu_cham", "DIEM TU CHAM", " điểm  tự chấm "] {
            let m = map(&["STT", "MA TIEU CHI", h, "Điểm tối đa"]).unwrap();
            assert_eq!(m.index("diem_tu_cham"), Some(2), "{h}");
            assert_eq!(m.index("ma_tieu_chi"), Some(1));
            assert_eq!(m.index("so_lieu"), None);
            assert_eq!(m.header("diem_tu_cham"), h.trim());
        }
    }

    #[test]
    fn missing_required_column_lists_headers() {
        let e = map(&["STT", "Mã tiêu chí", ""]).unwrap_err().to_string();
        assert!(e.contains("thiếu cột «Điểm tự chấm» (hoặc «diem_tu_cham»)"), "{e}");
        assert!(e.contains("«STT», «Mã tiêu chí»"), "{e}");
    }

    #[test]
    fn duplicate_column_names_both() {
        let e = map(&["Mã tiêu chí", "diem_tu_cham", "Điểm tự chấm"]).unwrap_err();
        assert!(matches!(e, ImportError::DuplicateColumn { .. }));
        let e = e.to_string();
        assert!(e.contains("«diem_tu_cham» và «Điểm tự chấm»"), "{e}");
    }

    #[test]
    fn width_ignores_trailing_empty_headers() {
        let m = map(&["Mã tiêu chí", "Điểm tự chấm", "", " "]).unwrap();
        assert_eq!(m.width(), 2);
        assert!(Matcher::new(SPECS).matches_any(["x", "so lieu"].into_iter()));
        assert!(!Matcher::new(SPECS).matches_any(["BÁO CÁO TỰ KIỂM TRA"].into_iter()));
    }
}
