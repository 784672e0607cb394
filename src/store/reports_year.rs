//! What the year report reads. A year of a national database holds about a million item scores and self points
//! and tens of thousands of findings: they stream past the caller (the scores borrowed, one row at a time) to be
//! summed or laid out, instead of being loaded. The rest — rounds, directory, each finding's latest step — is
//! loaded as for the other reports. The scores and self points may be read on a second connection, on the same
//! snapshot (`Store::snapshot_pair`), while the rest is read on the first.
//!
//! `scripts/report-year-core.sql` runs every statement the year report runs, these and the rest, in the sqlite3
//! shell: the floor the benchmark compares the year report with. A test (tests/cli/scale.rs) keeps the two in step
//! from the report's own log of its statements (`CCHC_SQL_LOG`).

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::assignments;
use super::findings;
use super::reports::directory;
use super::round_set::{IN_ROUNDS, Rounds};
use super::{StoreError, rounds};
use crate::domain::finding::{Event, Finding};
use crate::domain::sources::{ScoreRef, ScoreSink, SelfPointRef, Sources};

type Result<T> = std::result::Result<T, StoreError>;

/// Scores of the rounds in key order (round, unit, item: their primary key's, so SQLite sorts nothing). Who answers
/// for each item comes from one scan of the assignments (`assignments::for_each`): joined here, it would cost a
/// B-tree probe per score.
fn scores_sql() -> String {
    format!(
        "SELECT s.round_id, s.unit_code, s.criterion, s.points, s.not_applicable FROM scores s
         WHERE s.round_id IN {IN_ROUNDS} ORDER BY s.round_id, s.unit_code, s.criterion"
    )
}

/// Items with self points the unit wrote (not computed by the program from a figure) in the current revisions, in
/// the scores' key order (through `selfreports_current` and `selfreport_items_points`, which holds just these
/// items' key and points): `for_each_score` sets them beside the appraised points as both stream, instead of a
/// B-tree probe into the scores for each item.
fn self_points_sql() -> String {
    format!(
        "SELECT s.round_id, s.unit_code, i.criterion, i.self_points
         FROM selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id
         WHERE s.is_current = 1 AND i.self_points IS NOT NULL AND i.points_computed = 0 AND s.round_id IN {IN_ROUNDS}
         ORDER BY s.round_id, s.unit_code, i.criterion"
    )
}

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

/// Hands `sink` every appraised score of the year's rounds and, right after an item's score when the team gave it
/// points, the self points the unit wrote on it (self points are set against appraised points over the same items
/// only). Both streams come in key order and are merged as they pass.
pub fn for_each_score(conn: &Connection, year: i32, sink: &mut impl ScoreSink) -> Result<()> {
    let mut scores = conn.prepare_cached(&scores_sql())?;
    let mut items = conn.prepare_cached(&self_points_sql())?;
    let mut scores = scores.query(params![year, None::<&str>])?;
    let mut items = items.query(params![year, None::<&str>])?;
    let mut pending = SelfItem::default();
    pending.next(&mut items)?;
    while let Some(r) = scores.next()? {
        let score = ScoreRef {
            round_id: text(r, 0)?,
            unit_code: text(r, 1)?,
            criterion: text(r, 2)?,
            points: r.get(3)?,
            not_applicable: r.get::<_, i64>(4)? == 1,
        };
        sink.score(&score);
        let key = (score.round_id, score.unit_code, score.criterion);
        while pending.live && pending.key() < key {
            pending.next(&mut items)?;
        }
        if pending.live && pending.key() == key {
            if let (Some(appraised), false) = (score.points, score.not_applicable) {
                let point = SelfPointRef { round_id: key.0, criterion: key.2, points: pending.points, appraised };
                sink.self_point(&point);
            }
            pending.next(&mut items)?;
        }
    }
    Ok(())
}

/// The self-report item the merge in `for_each_score` has reached (copied out of its row, so that the row can move
/// on); `live` is false once the items are all read.
#[derive(Default)]
struct SelfItem {
    live: bool,
    round_id: String,
    unit_code: String,
    criterion: String,
    points: f64,
}

impl SelfItem {
    fn key(&self) -> (&str, &str, &str) {
        (&self.round_id, &self.unit_code, &self.criterion)
    }

    fn next(&mut self, items: &mut rusqlite::Rows) -> rusqlite::Result<()> {
        let Some(r) = items.next()? else {
            self.live = false;
            return Ok(());
        };
        for (i, into) in [&mut self.round_id, &mut self.unit_code, &mut self.criterion].into_iter().enumerate() {
            into.clear();
            into.push_str(text(r, i)?);
        }
        self.points = r.get(3)?;
        self.live = true;
        Ok(())
    }
}

/// A text column, borrowed from the row.
fn text<'r>(r: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)
}
