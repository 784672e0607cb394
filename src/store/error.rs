//! Typed store errors with Vietnamese messages for the person at the terminal.

use rusqlite::ErrorCode;

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

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase(String::new()),
            _ => StoreError::Sqlite(err),
        }
    }
}
