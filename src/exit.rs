//! Exit codes a script can act on, one kind per class of failure (in the spirit of cargo's `CliError`), and the
//! panic hook that replaces Rust's English panic text with a Vietnamese message.

use std::process::ExitCode;

use rusqlite::ErrorCode;

use crate::store::StoreError;

/// Why a run ended without success; each kind is one exit code (README, «Mã thoát»).
#[derive(Debug)]
pub enum CliError {
    /// 1: a bad file, value or state (the database is unchanged).
    Refused(anyhow::Error),
    /// 2: the command line itself is wrong (clap's errors, already printed).
    Usage,
    /// 3: another program kept the database locked beyond the wait.
    Busy(anyhow::Error),
    /// 4: the file is not a cchc database, is damaged, or was written by a newer cchc.
    Damaged(anyhow::Error),
    /// 70: a bug in cchc (a panic), already reported by the hook.
    Internal,
}

impl CliError {
    pub fn code(&self) -> ExitCode {
        ExitCode::from(match self {
            CliError::Refused(_) => 1,
            CliError::Usage => 2,
            CliError::Busy(_) => 3,
            CliError::Damaged(_) => 4,
            CliError::Internal => 70,
        })
    }

    /// The message to print, if the error has not been reported already.
    pub fn error(&self) -> Option<&anyhow::Error> {
        match self {
            CliError::Refused(err) | CliError::Busy(err) | CliError::Damaged(err) => Some(err),
            CliError::Usage | CliError::Internal => None,
        }
    }
}

impl From<anyhow::Error> for CliError {
    /// Classified by the first database error in the chain (`Some(true)` busy, `Some(false)` damaged); anything
    /// else is a refusal.
    fn from(err: anyhow::Error) -> Self {
        let sqlite_kind = |code: Option<ErrorCode>| match code {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Some(true),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Some(false),
            // A full disk is never called damage (exit 1 with the message naming the folder).
            _ => None,
        };
        let database = err.chain().find_map(|cause| {
            if let Some(store) = cause.downcast_ref::<StoreError>() {
                match store {
                    StoreError::Busy => Some(true),
                    StoreError::NotADatabase(_) | StoreError::NotCchc(..) | StoreError::TooNew { .. } => Some(false),
                    StoreError::Sqlite(e) => sqlite_kind(e.sqlite_error_code()),
                    _ => None,
                }
            } else {
                cause.downcast_ref::<rusqlite::Error>().and_then(|e| sqlite_kind(e.sqlite_error_code()))
            }
        });
        match database {
            Some(true) => CliError::Busy(err),
            Some(false) => CliError::Damaged(err),
            None => CliError::Refused(err),
        }
    }
}

/// Where a user reports a bug; printed by the panic hook.
const REPORT_TO: &str = "người phụ trách cchc của phường (mục «Báo lỗi» trong README)";

/// The panic hook's text: what happened in plain words, that data is safe, and what to send where.
pub fn panic_message(detail: &str, location: Option<String>) -> String {
    let place = location.map(|l| format!(" ({l})")).unwrap_or_default();
    format!(
        "Lỗi nội bộ của cchc: chương trình gặp một tình huống không lường trước và đã dừng. Đây là lỗi của \
         chương trình, không phải của dữ liệu bạn nhập. Lệnh ghi nào chưa xong đều không được lưu (cơ sở dữ liệu \
         ghi trọn hoặc không ghi gì).\nXin báo cho {REPORT_TO}, kèm lệnh đã chạy, phiên bản (cchc --version) và \
         dòng sau:\n  chi tiết: {detail}{place}"
    )
}

/// Installs the hook; the program then ends with exit code 70 (see `lib::main`).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "không rõ".to_owned());
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
        eprintln!("{}", panic_message(&detail, location));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_message_is_vietnamese_and_says_where_to_report() {
        let text = panic_message("index out of bounds", Some("src/x.rs:3".into()));
        assert!(text.starts_with("Lỗi nội bộ của cchc"), "{text}");
        assert!(text.contains("Báo lỗi") && text.contains("cchc --version"), "{text}");
        assert!(text.contains("chi tiết: index out of bounds (src/x.rs:3)"), "{text}");
        assert!(!text.contains("panicked"), "{text}");
    }

    #[test]
    fn database_errors_choose_the_exit_code() {
        let code = |err: anyhow::Error| format!("{:?}", CliError::from(err).code());
        assert_eq!(code(anyhow::Error::from(StoreError::Busy).context("ghi điểm")), format!("{:?}", ExitCode::from(3)));
        let too_new = StoreError::TooNew { found: 99, supported: 4 };
        assert_eq!(code(too_new.into()), format!("{:?}", ExitCode::from(4)));
        assert_eq!(code(anyhow::anyhow!("điểm sai")), format!("{:?}", ExitCode::from(1)));
    }
}
