//! The SQLite store: one file, opened with the same pragmas every time, migrated by `user_version`.

pub mod assignments;
pub mod audit;
pub mod catalogues;
pub mod error;
pub mod findings;
pub mod lookup;
pub mod maintenance;
pub mod officials;
pub mod reports;
pub mod rounds;
pub mod scores;
pub mod selfreports;
pub mod settings;
pub mod units;

use std::fmt::Display;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::types::Type;
use rusqlite::{Connection, OpenFlags, Row, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

pub use error::StoreError;

/// Append-only: a released migration is never edited; a new one is added at the end.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_foundation.sql"),
    include_str!("../../migrations/0002_selfreports.sql"),
    include_str!("../../migrations/0003_inspection.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another process's transaction before saying the database is busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    pub conn: Connection,
    actor: String,
    now: NaiveDateTime,
}

impl Store {
    /// Creates (or upgrades) the database file.
    pub fn create(path: &Path, actor: &str, now: NaiveDateTime) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        Self::connect(path, flags, actor, now)
    }

    /// Opens an existing database; never creates one.
    pub fn open(path: &Path, actor: &str, now: NaiveDateTime) -> Result<Store, StoreError> {
        Self::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, actor, now)
    }

    fn connect(path: &Path, flags: OpenFlags, actor: &str, now: NaiveDateTime) -> Result<Store, StoreError> {
        let mut conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Read before any pragma writes to the file: a newer database must stay untouched.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|_| StoreError::NotADatabase(path.display().to_string()))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { found: version, supported: SCHEMA_VERSION });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if version < SCHEMA_VERSION {
            migrations().to_latest(&mut conn).map_err(|e| StoreError::Migration(e.to_string()))?;
        }
        Ok(Store { conn, actor: actor.to_owned(), now })
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
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let wrapped = Tx { tx, actor: &self.actor, now: self.now };
        let value = f(&wrapped)?;
        if commit {
            wrapped.tx.commit().map_err(StoreError::from)?;
        }
        Ok(value)
    }
}

pub fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
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
