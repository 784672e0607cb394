//! Typed store errors with Vietnamese messages for the person at the terminal.

use std::io::Write;
use std::path::Path;

use rusqlite::ErrorCode;

use crate::files;
use crate::files::os_error::{Action, Cause, describe};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cơ sở dữ liệu đang bận: một người hoặc một lệnh khác đang ghi vào tệp. Hãy chờ giây lát rồi chạy lại lệnh."
    )]
    Busy,
    #[error("«{0}» không phải là cơ sở dữ liệu cchc (SQLite) hoặc đã hỏng")]
    NotADatabase(String),
    #[error(
        "cơ sở dữ liệu được tạo bởi phiên bản cchc mới hơn (lược đồ {found}, bản này hỗ trợ đến {supported}); hãy cài bản cchc mới hơn. Tệp không bị thay đổi."
    )]
    TooNew { found: i64, supported: i64 },
    #[error(
        "«{0}» không phải cơ sở dữ liệu cchc (tệp rỗng, hoặc tệp SQLite của chương trình khác): không mở, không có gì \
         thay đổi. Hãy chỉ đúng tệp bằng --db hay biến CCHC_DB.{1}"
    )]
    NotCchc(String, String),
    /// An operating-system failure on the database file, already in words (`files::os_error`).
    #[error("{0}")]
    File(String),
    #[error("không nâng cấp được cơ sở dữ liệu: {0}")]
    Migration(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Closed(#[from] crate::domain::round::RoundClosed),
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Sqlite(rusqlite::Error),
    #[error("lỗi dữ liệu JSON trong cơ sở dữ liệu: {0}")]
    Json(#[from] serde_json::Error),
}

/// `err` on the database at `path`: the failures the system causes (missing folder, no permission, full disk,
/// read-only media) become the one OS message naming the path; a full disk is never called damage.
pub fn at(err: StoreError, path: &Path) -> StoreError {
    let code = match &err {
        StoreError::Sqlite(e) => e.sqlite_error_code(),
        StoreError::File(_) => Some(ErrorCode::DiskFull),
        _ => return err,
    };
    if !matches!(
        code,
        Some(ErrorCode::CannotOpen | ErrorCode::SystemIoFailure | ErrorCode::DiskFull | ErrorCode::ReadOnly)
    ) {
        return err;
    }
    // SQLite does not say which system error it met: trying to write beside the database does.
    let cause = match files::temporary(path) {
        Err(e) => return StoreError::File(e.0),
        Ok((probe, mut file)) => {
            let wrote = file.write_all(&[0; 65536]).and_then(|()| file.sync_all());
            let _ = std::fs::remove_file(&probe);
            match wrote {
                Err(e) => Cause::of_error(&e),
                Ok(()) if code == Some(ErrorCode::DiskFull) => Cause::DiskFull,
                Ok(()) if code == Some(ErrorCode::ReadOnly) => Cause::ReadOnly,
                Ok(()) => return err,
            }
        }
    };
    StoreError::File(describe(cause, path, Action::Write))
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase(String::new()),
            // Where the folder is not known here; `at` names it where it is.
            Some(ErrorCode::DiskFull) => StoreError::File(
                "ổ đĩa chứa cơ sở dữ liệu đã đầy: không ghi được. Hãy giải phóng chỗ trống rồi chạy lại; những gì \
                 đã ghi trước đó vẫn nguyên."
                    .into(),
            ),
            _ => StoreError::Sqlite(err),
        }
    }
}
