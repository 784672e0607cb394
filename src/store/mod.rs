//! The SQLite store: one file, opened with the same pragmas every time, migrated by `user_version`.

pub mod assignments;
pub mod audit;
pub mod catalogues;
pub mod clarifications;
pub mod closed_record;
pub mod error;
pub mod evidence;
pub mod findings;
pub mod lookup;
pub mod maintenance;
pub mod officials;
pub mod report_texts;
pub mod reports;
pub mod reports_compare;
pub mod reports_year;
pub mod review;
pub mod round_decisions;
pub mod round_set;
pub mod rounds;
pub mod samples;
pub mod schedule;
pub mod scores;
pub mod selfreports;
pub mod settings;
mod sql_log;
pub mod units;
mod wal;

use std::fmt::Display;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::types::Type;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior};

pub use error::StoreError;

/// Append-only: a released migration is never edited; a new one is added at the end.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_foundation.sql"),
    include_str!("../../migrations/0002_selfreports.sql"),
    include_str!("../../migrations/0003_inspection.sql"),
    include_str!("../../migrations/0004_schedule.sql"),
    include_str!("../../migrations/0006_report_texts.sql"),
    include_str!("../../migrations/0007_team_calendar.sql"),
    include_str!("../../migrations/0008_proposal_links.sql"),
    include_str!("../../migrations/0010_evidence.sql"),
    // 0009 and 0011 after 0010, not before it: databases at version 8 already hold the evidence tables.
    include_str!("../../migrations/0009_closed_round_record.sql"),
    include_str!("../../migrations/0011_round_decisions.sql"),
    include_str!("../../migrations/0012_catalogue_parsed.sql"),
    include_str!("../../migrations/0013_review_indexes.sql"),
    include_str!("../../migrations/0014_self_points_index.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` of every cchc database: "CCHC" in ASCII. Set by `init` (and on first open of a database
/// made before the stamp); a SQLite file carrying another program's id, or none and no cchc tables, is refused.
pub const APPLICATION_ID: i64 = 0x4343_4843;

/// How long a writer waits for another process's transaction before saying the database is busy; the
/// environment variable `CCHC_BUSY_TIMEOUT` (seconds, decimals allowed) overrides it, e.g. on a slow shared drive.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

fn busy_timeout() -> Duration {
    std::env::var("CCHC_BUSY_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().replace(',', ".").parse::<f64>().ok())
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .unwrap_or(BUSY_TIMEOUT)
}

pub struct Store {
    pub conn: Connection,
    actor: String,
    now: NaiveDateTime,
}

impl Store {
    /// Creates (or upgrades) the database file. A file this call created is removed again if it could not be set
    /// up (a full disk): no command leaves a 0-byte database behind.
    pub fn create(path: &Path, actor: &str, now: NaiveDateTime) -> Result<Store, StoreError> {
        let existed = path.exists();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let store = Self::connect(path, flags, actor, now);
        if store.is_err() && !existed {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        store
    }

    /// Opens an existing cchc database; never creates one, never changes a file that is not cchc's.
    pub fn open(path: &Path, actor: &str, now: NaiveDateTime) -> Result<Store, StoreError> {
        Self::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, actor, now)
    }

    fn connect(path: &Path, flags: OpenFlags, actor: &str, now: NaiveDateTime) -> Result<Store, StoreError> {
        let creating = flags.contains(OpenFlags::SQLITE_OPEN_CREATE);
        Self::setup(path, flags, creating)
            .map(|conn| Store { conn, actor: actor.to_owned(), now })
            .map_err(|e| error::at(e, path))
    }

    fn setup(path: &Path, flags: OpenFlags, creating: bool) -> Result<Connection, StoreError> {
        let mut conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        sql_log::attach(&conn);
        conn.busy_timeout(busy_timeout())?;
        // Read before any pragma writes to the file: a newer database, or another program's, must stay untouched.
        let found = Identity::read(&conn).map_err(|e| match StoreError::from(e) {
            StoreError::NotADatabase(_) => StoreError::NotADatabase(path.display().to_string()),
            other => other,
        })?;
        if !found.is_cchc(creating) {
            return Err(StoreError::NotCchc(path.display().to_string(), maintenance::leftovers_note(path)));
        }
        if found.version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { found: found.version, supported: SCHEMA_VERSION });
        }
        use_wal(&conn)?;
        wal::checkpoint_leftover(path, &conn);
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if found.version < SCHEMA_VERSION || found.application_id != APPLICATION_ID {
            migrate(&mut conn)?;
        }
        Ok(conn)
    }

    /// Runs `f`'s reads in one read transaction: a report or listing made of several queries sees one committed
    /// state throughout, even while another command writes.
    pub fn snapshot<T, E>(&self, f: impl FnOnce(&Store) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.conn.execute_batch("BEGIN DEFERRED").map_err(StoreError::from)?;
        let result = f(self);
        // Ending a transaction that only read cannot lose anything.
        let _ = self.conn.execute_batch("COMMIT");
        result
    }

    /// Like `snapshot`, with a second connection reading the very same committed state, for a report that reads
    /// on both cores. A third connection holds the write lock for the instant both begin, so that no commit can
    /// fall between them. When another command is writing at that instant, or no second connection can be had,
    /// `f` gets `None` and reads on the one connection: never wrong, only slower.
    pub fn snapshot_pair<T, E>(&self, f: impl FnOnce(&Store, Option<Connection>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.snapshot(|store| {
            let twin = store.twin();
            f(store, twin)
        })
    }

    /// Called first thing in `snapshot`, before its transaction has read anything (see `snapshot_pair`).
    fn twin(&self) -> Option<Connection> {
        let path = self.conn.path().filter(|p| !p.is_empty())?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let lock = Connection::open_with_flags(path, flags).ok()?;
        let twin = Connection::open_with_flags(path, flags).ok()?;
        sql_log::attach(&twin);
        twin.busy_timeout(busy_timeout()).ok()?;
        // Busy at once rather than waiting: a writer at work means reading on one connection.
        lock.busy_timeout(Duration::ZERO).ok()?;
        lock.execute_batch("BEGIN IMMEDIATE").ok()?;
        let begin = |conn: &Connection| conn.execute_batch("SELECT count(*) FROM sqlite_schema");
        let same = begin(&self.conn).and_then(|()| twin.execute_batch("BEGIN DEFERRED")).and_then(|()| begin(&twin));
        // Ending a transaction that wrote nothing cannot lose anything.
        let _ = lock.execute_batch("ROLLBACK");
        same.ok().map(|()| twin)
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, with its audit entries, or nothing.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transaction(true, f)
    }

    /// Like `write`, but with `commit = false` everything is rolled back: what `--dry-run` shows.
    pub fn transaction<T, E>(&mut self, commit: bool, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        // A full disk shows at the commit, when the write-ahead log grows: named with the database's folder.
        let path = std::path::PathBuf::from(self.conn.path().unwrap_or_default());
        let located = |e: rusqlite::Error| error::at(e.into(), &path);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(located)?;
        let now = not_before_last_entry(&tx, self.now)?;
        let wrapped = Tx { tx, actor: &self.actor, now };
        let value = f(&wrapped)?;
        if commit {
            wrapped.tx.commit().map_err(located)?;
        }
        Ok(value)
    }
}

/// A command that waited for another's lock logs no earlier than the entry written before it: the clock is read
/// when a command starts, so without this two writers could log out of order and `cchc check` would see the
/// audit log run backwards.
fn not_before_last_entry(conn: &Connection, now: NaiveDateTime) -> Result<NaiveDateTime, StoreError> {
    let last: Option<String> =
        conn.query_row("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    let last = last.and_then(|at| NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S").ok());
    Ok(last.filter(|last| *last > now).unwrap_or(now))
}

/// Switching a file that is not yet in WAL mode (a new database, or one written by another tool) needs it to itself:
/// a second cchc opening it at that moment is told "busy" at once, without the busy timeout, so it waits here.
fn use_wal(conn: &Connection) -> Result<(), StoreError> {
    let deadline = std::time::Instant::now() + busy_timeout();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL").map_err(StoreError::from) {
            Err(StoreError::Busy) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Applies the migrations the file lacks in one IMMEDIATE transaction that reads the version only once it holds the
/// write lock: when two cchc open the same old database at once (the morning after an upgrade), the second waits,
/// then finds the file upgraded, instead of running the same migration again.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (reached, sql) in (1_i64..).zip(MIGRATIONS).skip(usize::try_from(version).unwrap_or(0)) {
        tx.execute_batch(sql).map_err(|e| match e.sqlite_error_code() {
            // The disk, not the migration, failed: `error::at` names the folder.
            Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure) => StoreError::from(e),
            _ => StoreError::Migration(e.to_string()),
        })?;
        tx.pragma_update(None, "user_version", reached)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// What a SQLite file says it is, read without writing anything.
pub struct Identity {
    pub version: i64,
    pub application_id: i64,
    /// Schema objects of any kind: none in a new (or 0-byte) file.
    pub objects: i64,
    /// Whether the tables every cchc database has are there (a database made before the stamp).
    pub cchc_tables: bool,
}

impl Identity {
    pub fn read(conn: &Connection) -> rusqlite::Result<Identity> {
        let pragma = |name: &str| conn.pragma_query_value(None, name, |r| r.get::<_, i64>(0));
        let (objects, cchc): (i64, i64) = conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name IN ('settings', 'audit_log', 'units'))
             FROM sqlite_schema",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Identity {
            version: pragma("user_version")?,
            application_id: pragma("application_id")?,
            objects,
            cchc_tables: cchc == 3,
        })
    }

    /// Stamped by cchc, or an older cchc database, or (`init` only) a file with nothing in it yet.
    pub fn is_cchc(&self, creating: bool) -> bool {
        match self.application_id {
            APPLICATION_ID => true,
            0 => self.cchc_tables || (creating && self.objects == 0 && self.version == 0),
            _ => false,
        }
    }
}

/// A write transaction that knows who acts and when, for the audit log.
pub struct Tx<'a> {
    pub tx: Transaction<'a>,
    pub actor: &'a str,
    pub now: NaiveDateTime,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// Timestamps are stored as local office time, ISO 8601 without a zone.
pub fn timestamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A text column parsed into a typed value (a date, a kind, a status); a value the type refuses is a conversion
/// error naming the column, never a panic.
fn parsed<T: FromStr>(r: &Row, i: usize) -> rusqlite::Result<T>
where
    T::Err: Display,
{
    parsed_opt(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(i, "text".into(), Type::Null))
}

/// Like `parsed`, for a column that may be NULL.
fn parsed_opt<T: FromStr>(r: &Row, i: usize) -> rusqlite::Result<Option<T>>
where
    T::Err: Display,
{
    let text: Option<String> = r.get(i)?;
    text.map(|t| {
        t.parse().map_err(|e: T::Err| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e.to_string().into()))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let store = Store::create(&dir.path().join("t.db"), "tester", now).unwrap();
        (dir, store)
    }

    fn settings(conn: &Connection) -> i64 {
        conn.query_row("SELECT COUNT(*) FROM settings", [], |r| r.get(0)).unwrap()
    }

    fn other(dir: &tempfile::TempDir) -> Connection {
        Connection::open(dir.path().join("t.db")).unwrap()
    }

    #[test]
    fn the_twin_reads_the_same_state_as_the_snapshot_while_another_connection_commits() {
        let (dir, store) = store();
        let writer = other(&dir);
        let before = settings(&store.conn);
        let seen = store
            .snapshot_pair(|store, twin| -> Result<_, StoreError> {
                let twin = twin.expect("a twin when nobody writes");
                writer.execute("INSERT INTO settings (key, value) VALUES ('signer_name', 'A')", []).unwrap();
                Ok((settings(&store.conn), settings(&twin)))
            })
            .unwrap();
        assert_eq!(seen, (before, before), "both see the state before the commit");
        assert_eq!(settings(&store.conn), before + 1, "and the commit is there afterwards");
    }

    #[test]
    fn no_twin_while_another_connection_is_writing() {
        let (dir, store) = store();
        let writer = other(&dir);
        writer.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('signer_name', 'A')").unwrap();
        let twin = store.snapshot_pair(|_, twin| -> Result<_, StoreError> { Ok(twin.is_some()) }).unwrap();
        assert!(!twin, "the report reads on one connection rather than wait");
        writer.execute_batch("COMMIT").unwrap();
    }
}
