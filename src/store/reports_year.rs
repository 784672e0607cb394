//! What the year report reads. A year of a national database holds about a million item scores and self points
//! and tens of thousands of findings: they stream past the caller (the scores borrowed, one row at a time) to be
//! summed or laid out, instead of being loaded. The rest — rounds, directory, each finding's latest step — is
//! loaded as for the other reports. The scores and self points may be read on a second connection, on the same
//! snapshot (`Store::snapshot_pair`), while the rest is read on the first.
//!
//! `scripts/report-year-core.sql` runs these same queries in the sqlite3 shell, the floor the benchmark compares
//! the year report with; a test keeps the two in step.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::assignments;
use super::findings;
use super::reports::directory;
use super::round_set::{IN_ROUNDS, Rounds};
use super::{StoreError, rounds};
use crate::domain::finding::{Event, Finding};
use crate::domain::sources::{ScoreRef, SelfPointRef, Sources};

type Result<T> = std::result::Result<T, StoreError>;

/// Scores of the rounds (through their primary key). Who answers for each item comes from one scan of the
/// assignments (`assignments::for_each`): joined here, it would cost a B-tree probe per score, twice the scan.
pub const SCORES_SQL: &str =
    "SELECT s.round_id, s.unit_code, s.criterion, s.points, s.not_applicable FROM scores s WHERE s.round_id IN ";

/// Items with self points of the current revisions (through `selfreports_current`) that the team gave points
/// (through the scores' primary key): self points are set against appraised points over the same items only, and
/// only where the unit wrote them (points the program computed from a figure are not the unit's judgement).
pub const SELF_POINTS_SQL: &str = "SELECT s.round_id, i.criterion, i.self_points, c.points
    FROM selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id
    JOIN scores c ON c.round_id = s.round_id AND c.unit_code = s.unit_code AND c.criterion = i.criterion
    WHERE s.is_current = 1 AND i.self_points IS NOT NULL AND i.points_computed = 0 AND c.not_applicable = 0
    AND c.points IS NOT NULL AND s.round_id IN ";

/// The status changes of the year's findings (through `finding_events_finding`), with only what the report shows of
/// them, sorted so that each finding's latest comes last of its run: `latest_events` keeps that one. (Asking SQLite
/// for the latest of each, with a correlated `NOT EXISTS` per change, took three times as long.)
const EVENTS: &str = "SELECT e.finding_id, e.at, e.status, e.note, '', NULL, '' FROM finding_events e
    JOIN findings f ON f.id = e.finding_id WHERE ";

/// Who answers for findings recorded without an official: the assignment of their unit and item, codes only (the
/// report names units and officials from the directory it holds).
const FINDING_ASSIGNMENTS: &str = "SELECT DISTINCT a.criterion, a.unit_code, '', a.official_code, NULL
    FROM findings f JOIN assignments a ON a.criterion = f.criterion AND a.unit_code = f.unit_code
    WHERE f.official_code IS NULL AND a.official_code IS NOT NULL AND ";

/// Units of the rounds that name their units (ad-hoc rounds), in directory order.
const LISTED_SCOPES: &str = "SELECT x.round_id, x.unit_code FROM round_units x JOIN units u ON u.code = x.unit_code
    WHERE x.round_id IN ";

/// Rounds that cover every unit.
const WHOLE_SCOPES: &str =
    "SELECT id FROM rounds r WHERE NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id) AND id IN ";

/// Every query of the year report over the rows of its rounds, `IN_ROUNDS` in place (`?1` = year, `?2` = NULL):
/// what the sqlite3 shell is asked to run for the benchmark (`scripts/report-year-core.sql`, checked below).
#[cfg(test)]
fn core_queries() -> Vec<String> {
    vec![
        super::assignments::ALL_SQL.to_owned(),
        format!("{SCORES_SQL}{IN_ROUNDS}"),
        format!("{SELF_POINTS_SQL}{IN_ROUNDS}"),
        findings_sql(),
        format!("{EVENTS}f.round_id IN {IN_ROUNDS} ORDER BY e.finding_id, e.at, e.id"),
        format!("{FINDING_ASSIGNMENTS}f.round_id IN {IN_ROUNDS}"),
        format!("{LISTED_SCOPES}{IN_ROUNDS} ORDER BY x.round_id, u.rowid"),
        format!("{WHOLE_SCOPES}{IN_ROUNDS}"),
    ]
}

/// The rounds of the year with their catalogues, the units and the officials: what the year report reads first.
pub fn load_directory(conn: &Connection, year: i32) -> Result<Sources> {
    directory(conn, rounds::list(conn, Some(year))?)
}

/// What the year report reads besides the big rows, which stream past (`for_each_score`, `for_each_self_point`,
/// `for_each_finding`), and the findings' latest steps (`latest_events`, handed to the findings as they come): the
/// assignments naming who answers for findings recorded without an official, and the rounds' scopes.
pub fn load_finding_context(conn: &Connection, year: i32, src: &mut Sources) -> Result<()> {
    let rounds = Rounds { year, round: None };
    src.assignments =
        rounds.rows(conn, &format!("{FINDING_ASSIGNMENTS}f.round_id IN {IN_ROUNDS}"), assignments::view_row)?;
    let listed = format!("{LISTED_SCOPES}{IN_ROUNDS} ORDER BY x.round_id, u.rowid");
    src.scopes = rounds.rows(conn, &listed, |r| Ok((r.get(0)?, r.get(1)?)))?;
    src.whole = rounds.rows(conn, &format!("{WHOLE_SCOPES}{IN_ROUNDS}"), |r| r.get(0))?;
    src.answers = super::report_texts::answers(conn, year)?;
    Ok(())
}

/// Each finding's latest status change by the end of `as_of` (its status, note and time), in finding order: a change
/// made later is not yet made on the report's day.
pub fn latest_events(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Vec<Event>> {
    let end = format!("{as_of}T23:59:59");
    let sql = format!("{EVENTS}f.round_id IN {IN_ROUNDS} ORDER BY e.finding_id, e.at, e.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![year, None::<&str>])?;
    let mut latest: Vec<Event> = Vec::new();
    while let Some(r) = rows.next()? {
        let event = findings::event_row(r)?;
        if event.at > end {
            continue;
        }
        match latest.last_mut() {
            Some(last) if last.finding_id == event.finding_id => *last = event,
            _ => latest.push(event),
        }
    }
    Ok(latest)
}

/// How many findings of the year are followed up (all but good practices): what the year report lists.
pub fn count_followed_up(conn: &Connection, year: i32) -> Result<usize> {
    let sql =
        format!("SELECT COUNT(*) FROM findings f WHERE f.round_id IN {IN_ROUNDS} AND f.kind IN ('han-che', 'vi-pham')");
    let count: i64 = conn.query_row(&sql, params![year, None::<&str>], |r| r.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// Calls `f` with every finding of the year, in round then sequence order.
pub fn for_each_finding(conn: &Connection, year: i32, mut f: impl FnMut(Finding)) -> Result<()> {
    let mut stmt = conn.prepare_cached(&findings_sql())?;
    let mut rows = stmt.query(params![year, None::<&str>])?;
    while let Some(r) = rows.next()? {
        f(findings::row(r)?);
    }
    Ok(())
}

/// The findings of the year's rounds, in round then sequence order (through `findings (round_id, seq)`).
fn findings_sql() -> String {
    format!("{} WHERE f.round_id IN {IN_ROUNDS} {}", findings::COLUMNS, findings::ORDER)
}

/// Calls `f` with every appraised score of the year's rounds.
pub fn for_each_score(conn: &Connection, year: i32, mut f: impl FnMut(&ScoreRef)) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!("{SCORES_SQL}{IN_ROUNDS}"))?;
    let mut rows = stmt.query(params![year, None::<&str>])?;
    while let Some(r) = rows.next()? {
        f(&ScoreRef {
            round_id: text(r, 0)?,
            unit_code: text(r, 1)?,
            criterion: text(r, 2)?,
            points: r.get(3)?,
            not_applicable: r.get::<_, i64>(4)? == 1,
        });
    }
    Ok(())
}

/// Calls `f` with every item that has self points in the current self-reports of the year's rounds and appraised
/// points.
pub fn for_each_self_point(conn: &Connection, year: i32, mut f: impl FnMut(&SelfPointRef)) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!("{SELF_POINTS_SQL}{IN_ROUNDS}"))?;
    let mut rows = stmt.query(params![year, None::<&str>])?;
    while let Some(r) = rows.next()? {
        f(&SelfPointRef { round_id: text(r, 0)?, criterion: text(r, 1)?, points: r.get(2)?, appraised: r.get(3)? });
    }
    Ok(())
}

/// A text column, borrowed from the row.
fn text<'r>(r: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(sql: &str) -> String {
        sql.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_benchmark_runs_the_reports_queries() {
        let file = include_str!("../../scripts/report-year-core.sql");
        let body: Vec<&str> = file.lines().filter(|l| !l.trim_start().starts_with("--")).collect();
        let statements: Vec<String> = body.join("\n").split(';').map(normalised).filter(|s| !s.is_empty()).collect();
        let queries: Vec<String> = core_queries().iter().map(|q| normalised(q)).collect();
        assert_eq!(statements, queries, "scripts/report-year-core.sql is out of step with the year report's queries");
    }
}
