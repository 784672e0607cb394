//! Evidence files (tài liệu kiểm chứng): what a file is by its content, names safe on every system, and which
//! items claim points without evidence.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::clarification::Clarification;
use super::sample::Sample;

/// How many leading bytes `sniff` needs to tell every accepted kind apart.
pub const SNIFF_LEN: usize = 64 * 1024;

/// The kinds of file accepted as evidence, told apart by content (magic bytes), never by name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Pdf,
    /// Word 97–2003 or Excel 97–2003 (the OLE compound file both use).
    Ole,
    /// DOCX or XLSX (a ZIP package with `[Content_Types].xml`).
    Ooxml,
    /// ODT or ODS (a ZIP package whose `mimetype` names an OpenDocument type).
    Odf,
    Jpeg,
    Png,
    Tiff,
    /// Plain text: valid UTF-8 without NUL bytes.
    Txt,
}

impl FileKind {
    pub const ALL: [FileKind; 8] = [
        FileKind::Pdf,
        FileKind::Ole,
        FileKind::Ooxml,
        FileKind::Odf,
        FileKind::Jpeg,
        FileKind::Png,
        FileKind::Tiff,
        FileKind::Txt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Ole => "ole",
            FileKind::Ooxml => "ooxml",
            FileKind::Odf => "odf",
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Tiff => "tiff",
            FileKind::Txt => "txt",
        }
    }

    /// What people call it.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Ole => "DOC/XLS",
            FileKind::Ooxml => "DOCX/XLSX",
            FileKind::Odf => "ODT/ODS",
            FileKind::Jpeg => "JPEG",
            FileKind::Png => "PNG",
            FileKind::Tiff => "TIFF",
            FileKind::Txt => "TXT",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FileKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FileKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| format!("loại tệp không rõ «{s}»"))
    }
}

/// Why a file is not accepted as evidence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("tệp rỗng")]
    Empty,
    #[error("đây là chương trình chạy được (không phải tài liệu), dù tên tệp là gì; tệp bị từ chối")]
    Executable,
    #[error(
        "nội dung không phải PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG, PNG, TIFF hay TXT; hãy gửi tài liệu ở một trong các dạng đó (ví dụ in ra PDF)"
    )]
    Unknown,
    #[error("tệp văn bản không phải UTF-8 hợp lệ hoặc có ký tự NUL; hãy lưu lại dạng UTF-8 hoặc in ra PDF")]
    NotText,
}

/// The kind of a file from its first bytes (up to `SNIFF_LEN`). A `Txt` answer holds only for those bytes: the
/// rest must pass `Utf8Check` too.
pub fn sniff(head: &[u8]) -> Result<FileKind, Refused> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    const EXECUTABLE: [&[u8]; 7] = [
        b"MZ",
        b"\x7fELF",
        b"#!",
        &[0xFE, 0xED, 0xFA, 0xCE],
        &[0xFE, 0xED, 0xFA, 0xCF],
        &[0xCE, 0xFA, 0xED, 0xFE],
        &[0xCF, 0xFA, 0xED, 0xFE],
    ];
    if head.is_empty() {
        return Err(Refused::Empty);
    }
    if EXECUTABLE.iter().any(|m| head.starts_with(m)) {
        return Err(Refused::Executable);
    }
    let kind = if head.starts_with(b"%PDF-") {
        FileKind::Pdf
    } else if head.starts_with(OLE) {
        FileKind::Ole
    } else if head.starts_with(b"PK\x03\x04") {
        zip_kind(head).ok_or(Refused::Unknown)?
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        FileKind::Jpeg
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        FileKind::Png
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        FileKind::Tiff
    } else {
        let mut check = Utf8Check::default();
        if !check.push(head) {
            return Err(Refused::NotText);
        }
        FileKind::Txt
    };
    Ok(kind)
}

/// A ZIP package is a document only as an Office Open XML or OpenDocument package; a bare ZIP is refused.
fn zip_kind(head: &[u8]) -> Option<FileKind> {
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if contains(b"[Content_Types].xml") {
        Some(FileKind::Ooxml)
    } else if head.get(30..38) == Some(b"mimetype") && contains(b"application/vnd.oasis.opendocument.") {
        Some(FileKind::Odf)
    } else {
        None
    }
}

/// Checks text chunk by chunk: valid UTF-8 across chunk boundaries and no NUL byte.
#[derive(Debug, Default)]
pub struct Utf8Check {
    /// The start of a character cut by the end of the previous chunk (at most 3 bytes).
    carry: Vec<u8>,
}

impl Utf8Check {
    /// Whether the text so far is still valid.
    pub fn push(&mut self, chunk: &[u8]) -> bool {
        if chunk.contains(&0) {
            return false;
        }
        let mut joined;
        let bytes = if self.carry.is_empty() {
            chunk
        } else {
            joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(chunk);
            &joined[..]
        };
        match std::str::from_utf8(bytes) {
            Ok(_) => true,
            Err(e) if e.error_len().is_none() => {
                self.carry = bytes[e.valid_up_to()..].to_vec();
                true
            }
            Err(_) => false,
        }
    }

    /// Whether the text ended on a whole character.
    pub fn finish(&self) -> bool {
        self.carry.is_empty()
    }
}

/// The longest name kept, in characters: well under every file system's limit, with room for the folders.
const NAME_CAP: usize = 100;

/// A file name safe on Windows, macOS and Linux: only the last path component, no control characters or
/// characters Windows forbids, no leading dot (no `..`, no hidden file), no trailing dot or space, no reserved
/// device name (CON, NUL, COM1…), at most `NAME_CAP` characters with the extension kept.
pub fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mapped: String = last
        .nfc()
        .map(|c| if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c })
        .collect();
    let trimmed = mapped.trim().trim_end_matches(['.', ' ']);
    let mut safe = match trimmed.strip_prefix('.') {
        Some(rest) => format!("_{}", rest.trim_start_matches('.')),
        None => trimmed.to_owned(),
    };
    if safe.trim_matches('_').is_empty() {
        safe = "tep".to_owned();
    }
    let stem = safe.split('.').next().unwrap_or_default().trim_end().to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if reserved {
        safe.insert(0, '_');
    }
    cap(&safe)
}

fn cap(name: &str) -> String {
    if name.chars().count() <= NAME_CAP {
        return name.to_owned();
    }
    let ext = name.rfind('.').map(|i| &name[i..]).filter(|e| e.chars().count() <= 10).unwrap_or("");
    let stem: String = name[..name.len() - ext.len()].chars().take(NAME_CAP - ext.chars().count()).collect();
    format!("{}{ext}", stem.trim_end())
}

/// One item a unit reports on, with what backs it: for `evidence check`, the minutes and the reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemEvidence {
    pub unit_code: String,
    pub criterion: String,
    pub self_points: Option<f64>,
    /// The documents the self-report cites (column «Tài liệu kiểm chứng»).
    pub citation: String,
    /// Names of the files attached.
    pub files: Vec<String>,
}

/// How well an item that claims points is backed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backing {
    /// Files attached.
    Files,
    /// Cited in the self-report, no file.
    CitationOnly,
    /// Points claimed with neither (chưa có tài liệu kiểm chứng).
    Nothing,
}

impl Backing {
    pub fn label(self) -> &'static str {
        match self {
            Backing::Files => "có tệp kiểm chứng",
            Backing::CitationOnly => "có trích dẫn, chưa có tệp",
            Backing::Nothing => "chưa có tài liệu kiểm chứng",
        }
    }
}

impl ItemEvidence {
    pub fn claims_points(&self) -> bool {
        self.self_points.is_some_and(|p| p > 0.0)
    }

    pub fn backing(&self) -> Backing {
        if !self.files.is_empty() {
            Backing::Files
        } else if !self.citation.trim().is_empty() {
            Backing::CitationOnly
        } else {
            Backing::Nothing
        }
    }
}

/// How one unit's items that claim points (self-points above 0) are backed: a row of the round report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UnitBacking {
    pub unit_code: String,
    pub claimed: usize,
    pub with_files: usize,
    pub citation_only: usize,
    /// The items claiming points with neither a file nor a cited document (chưa có tài liệu kiểm chứng).
    pub without: Vec<String>,
}

/// Per unit, in the order of `items` (grouped by unit), the units that claim points on at least one item.
pub fn backing_by_unit(items: &[ItemEvidence]) -> Vec<UnitBacking> {
    let mut out: Vec<UnitBacking> = Vec::new();
    for item in items.iter().filter(|i| i.claims_points()) {
        if out.last().is_none_or(|u| u.unit_code != item.unit_code) {
            out.push(UnitBacking { unit_code: item.unit_code.clone(), ..UnitBacking::default() });
        }
        let Some(unit) = out.last_mut() else { continue };
        unit.claimed += 1;
        match item.backing() {
            Backing::Files => unit.with_files += 1,
            Backing::CitationOnly => unit.citation_only += 1,
            Backing::Nothing => unit.without.push(item.criterion.clone()),
        }
    }
    out
}

/// What one unit's minutes say of the paper trail: its items' evidence, what it was asked to clarify and its
/// answers, and the samples of its case files.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PaperTrail {
    /// The day the minutes describe: nothing asked or answered after it shows.
    pub as_of: chrono::NaiveDate,
    pub items: Vec<ItemEvidence>,
    pub clarifications: Vec<Clarification>,
    pub samples: Vec<Sample>,
}

impl PaperTrail {
    pub fn is_empty(&self) -> bool {
        self.clarifications.is_empty() && self.samples.is_empty() && self.items.iter().all(|i| i.files.is_empty())
    }
}

#[cfg(test)]
#[path = "evidence_tests.rs"]
mod tests;
