//! Whole-file import errors, plus the one per-row shape problem that the
//! reader reports without stopping.

use std::io;
use std::path::Path;

use super::problem::{Problem, quote};

/// Every variant names the file (as its file name, which is what the user
/// recognises).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Không mở được tệp «{file}»: {reason}")]
    Open { file: String, reason: String },

    #[error("Lỗi khi đọc tệp «{file}»: {reason}")]
    Read { file: String, reason: String },

    #[error(
        "Tệp «{file}» không phải UTF-8 hợp lệ: hỏng ở dòng {line}, byte {offset}; hãy lưu lại \
         tệp dưới dạng UTF-8 (trong Excel: «CSV UTF-8») rồi nhập lại. Nếu tệp được lưu theo \
         bảng mã Windows-1258, hãy chỉ rõ --encoding windows-1258"
    )]
    InvalidUtf8 { file: String, line: u64, offset: u64 },

    #[error(
        "Tệp «{file}» không đọc được theo bảng mã {encoding}: dữ liệu sai ở dòng {line}, byte \
         {offset}; hãy kiểm tra lại bảng mã (--encoding) hoặc lưu lại tệp dưới dạng UTF-8"
    )]
    Malformed { file: String, encoding: &'static str, line: u64, offset: u64 },

    #[error(
        "Tệp «{file}» có vẻ được lưu theo bảng mã {label} (chữ Việt kiểu cũ, trước Unicode), không phải UTF-8: \
         hãy chạy lại đúng lệnh vừa rồi, thêm --encoding {option} (hoặc mở tệp và lưu lại dạng «CSV UTF-8»)"
    )]
    LegacyEncoding { file: String, label: &'static str, option: &'static str },

    #[error(
        "Tệp «{file}» bắt đầu bằng dấu BOM của {found} nhưng đã chọn bảng mã {chosen}; hãy \
         dùng --encoding auto (tự nhận biết) hoặc chọn đúng bảng mã"
    )]
    EncodingMismatch { file: String, chosen: String, found: &'static str },

    #[error("Tệp «{file}», dòng {line}: {message}")]
    Structure { file: String, line: u64, message: String },

    #[error("Tệp «{file}» không phải tệp Excel (.xlsx) đọc được: {reason}")]
    Excel { file: String, reason: String },

    #[error("Tệp «{file}» không phải bảng tính LibreOffice (.ods) đọc được: {reason}")]
    Ods { file: String, reason: String },

    #[error(
        "Tệp «{file}» là {what}, không phải bảng: cần tệp CSV, XLSX hoặc ODS có một dòng tiêu đề và mỗi dòng một \
         mục; hãy chép bảng sang Excel hoặc LibreOffice Calc rồi lưu dạng .xlsx và nhập tệp đó"
    )]
    NotATable { file: String, what: &'static str },

    #[error("Tệp «{file}» rỗng: không có dữ liệu nào")]
    Empty { file: String },

    #[error("Tệp «{file}» không có dòng dữ liệu nào (chỉ có dòng tiêu đề)")]
    NoData { file: String },

    #[error("Tệp «{file}» thiếu cột «{label}» (hoặc «{key}»). Các cột tìm thấy: {}", list(found))]
    MissingColumn { file: String, label: &'static str, key: &'static str, found: Vec<String> },

    #[error(
        "Tệp «{file}» có hai cột cùng là «{label}» ({key}): {} và {}; hãy xoá hoặc đổi tên một cột",
        quote(first),
        quote(second)
    )]
    DuplicateColumn { file: String, label: &'static str, key: &'static str, first: String, second: String },

    /// Per-row: the reader can go on after this one.
    #[error("Tệp «{file}», dòng {line}: có {found} cột trong khi dòng tiêu đề có {expected} cột")]
    RowShape { file: String, line: u64, expected: usize, found: usize },

    /// Per-row: a cell no importer stores (a spreadsheet error value, a control character).
    #[error("Tệp «{file}», dòng {line}, cột «{column}»: {message}")]
    BadCell { file: String, line: u64, column: String, value: String, message: String },
}

fn list(found: &[String]) -> String {
    if found.is_empty() {
        return "(không có)".to_owned();
    }
    found.iter().map(|h| quote(h)).collect::<Vec<_>>().join(", ")
}

impl ImportError {
    /// True for problems confined to one row: report it and read on.
    pub fn is_row_problem(&self) -> bool {
        matches!(self, ImportError::RowShape { .. } | ImportError::BadCell { .. })
    }

    /// The file named by the error.
    pub fn file(&self) -> &str {
        match self {
            ImportError::Open { file, .. }
            | ImportError::Read { file, .. }
            | ImportError::InvalidUtf8 { file, .. }
            | ImportError::Malformed { file, .. }
            | ImportError::EncodingMismatch { file, .. }
            | ImportError::LegacyEncoding { file, .. }
            | ImportError::Structure { file, .. }
            | ImportError::Excel { file, .. }
            | ImportError::Ods { file, .. }
            | ImportError::NotATable { file, .. }
            | ImportError::Empty { file }
            | ImportError::NoData { file }
            | ImportError::MissingColumn { file, .. }
            | ImportError::DuplicateColumn { file, .. }
            | ImportError::RowShape { file, .. }
            | ImportError::BadCell { file, .. } => file,
        }
    }

    /// The error as a report line, so per-row shape problems can be listed
    /// with the value problems of other rows.
    pub fn to_problem(&self) -> Problem {
        match self {
            ImportError::RowShape { file, line, expected, found } => Problem {
                file: file.clone(),
                row: Some(*line),
                column: None,
                value: None,
                message: format!("có {found} cột trong khi dòng tiêu đề có {expected} cột"),
                hint: Some(
                    "kiểm tra dấu phân cách thừa/thiếu, hoặc đặt ô có dấu phân cách trong \
                     dấu ngoặc kép"
                        .to_owned(),
                ),
            },
            ImportError::BadCell { file, line, column, value, message } => Problem {
                file: file.clone(),
                row: Some(*line),
                column: Some(column.clone()),
                value: Some(value.clone()),
                message: message.clone(),
                hint: None,
            },
            other => Problem {
                file: other.file().to_owned(),
                row: None,
                column: None,
                value: None,
                message: other.to_string(),
                hint: None,
            },
        }
    }

    pub(crate) fn open(file: &str, e: &io::Error) -> Self {
        ImportError::Open { file: file.to_owned(), reason: io_reason(e) }
    }

    pub(crate) fn read(file: &str, e: &io::Error) -> Self {
        ImportError::Read { file: file.to_owned(), reason: io_reason(e) }
    }

    pub(crate) fn excel(file: &str, reason: impl Into<String>) -> Self {
        ImportError::Excel { file: file.to_owned(), reason: reason.into() }
    }
}

/// Vietnamese wording for the I/O failures a user can act on.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "không tìm thấy tệp".to_owned(),
        io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".to_owned(),
        io::ErrorKind::IsADirectory => "đây là thư mục, không phải tệp".to_owned(),
        io::ErrorKind::UnexpectedEof => "tệp bị cắt cụt (không đầy đủ)".to_owned(),
        _ => crate::files::os_error::reason(e),
    }
}

/// The name shown to users: the file name, or the path if it has none.
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}
