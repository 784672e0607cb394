//! A set of rounds that report queries cover, and the statement runner those queries share.

use rusqlite::{Connection, Row, ToSql, params};

use super::StoreError;

/// Which rounds a query covers: every round of `year`, or only `round` within it.
#[derive(Debug, Clone, Copy)]
pub struct Rounds<'a> {
    pub year: i32,
    pub round: Option<&'a str>,
}

/// `?1` = year, `?2` = round id or NULL. SQLite turns the subquery into a small set and probes each table's
/// primary key (or `selfreports_current`) once per round.
pub(super) const IN_ROUNDS: &str = "(SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2))";

impl Rounds<'_> {
    /// The rows of `sql`, which holds `IN_ROUNDS`, for these rounds.
    pub(super) fn rows<T>(
        self,
        conn: &Connection,
        sql: &str,
        map: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        rows(conn, sql, params![self.year, self.round], map)
    }
}

pub(super) type Result<T> = std::result::Result<T, StoreError>;

pub(super) fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: &[&dyn ToSql],
    map: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, map)?;
    let mut all: Vec<T> = rows.collect::<rusqlite::Result<_>>()?;
    // Grown by doubling without a row count: up to half of it unused, megabytes on a national database.
    all.shrink_to_fit();
    Ok(all)
}
