//! `CCHC_SQL_LOG=FILE`: every statement a command runs, one line each with its time in microseconds, appended to
//! FILE. For finding where a slow command spends its time, and for the test that keeps the year report's floor
//! (`scripts/report-year-core.sql`) the very queries the report runs.

use std::fs::File;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();

/// Logs `conn`'s statements when `CCHC_SQL_LOG` names a file that can be opened; otherwise does nothing.
pub fn attach(conn: &Connection) {
    let log = LOG.get_or_init(|| {
        let path = std::env::var_os("CCHC_SQL_LOG")?;
        File::options().create(true).append(true).open(path).ok().map(Mutex::new)
    });
    if log.is_some() {
        conn.trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(write));
    }
}

/// One line: microseconds, a tab, the statement's text (parameters unexpanded) on one line.
fn write(event: TraceEvent<'_>) {
    let TraceEvent::Profile(stmt, took) = event else { return };
    let sql = stmt.sql().split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(Some(file)) = LOG.get()
        && let Ok(mut file) = file.lock()
    {
        let _ = writeln!(file, "{}\t{sql}", took.as_micros());
    }
}
