//! What the reports read: a few aggregate queries per report, each one prepared statement over a set of rounds
//! (one round, or every round of a year), never one query per unit or per item.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::round_set::{IN_ROUNDS, Result, Rounds, rows};
use super::{assignments, findings, officials, report_texts, rounds, schedule, scores, selfreports, units};
use super::{catalogues, closed_record, parsed};
use crate::domain::catalogue::Catalogue;
use crate::domain::finding::{Event, Finding};
use crate::domain::review::{self, ReviewRows, YearRows};
use crate::domain::round::Round;
use crate::domain::score::Score;
use crate::domain::selfreport::ReceiptRow;
use crate::domain::sources::Sources;

/// The appraised scores (điểm thẩm định) of the rounds.
pub fn scores(conn: &Connection, rounds: Rounds) -> Result<Vec<Score>> {
    rounds.rows(conn, &format!("{} WHERE round_id IN {IN_ROUNDS}", scores::COLUMNS), scores::row)
}

pub fn receipts(conn: &Connection, rounds: Rounds) -> Result<Vec<ReceiptRow>> {
    let sql = format!(
        "SELECT round_id, unit_code, MIN(received_on), COUNT(*) FROM selfreports
         WHERE round_id IN {IN_ROUNDS} GROUP BY round_id, unit_code"
    );
    rounds.rows(conn, &sql, |r| {
        Ok(ReceiptRow {
            round_id: r.get(0)?,
            unit_code: r.get(1)?,
            first_received: parsed(r, 2)?,
            revisions: r.get(3)?,
        })
    })
}

/// Which findings to read.
#[derive(Debug, Clone, Copy)]
pub enum FindingSet<'a> {
    /// Every finding of the selected rounds (found through the `findings (round_id, seq)` key).
    Of(Rounds<'a>),
    /// Every finding not yet remediated, of any year, for follow-up (through `findings_status`).
    Open,
}

impl FindingSet<'_> {
    /// The set's condition on `findings f`: one per set rather than one query with `OR`, so that each uses its
    /// index.
    fn condition(self) -> String {
        match self {
            FindingSet::Of(_) => format!("f.round_id IN {IN_ROUNDS}"),
            FindingSet::Open => "f.status IN ('mo', 'dang-khac-phuc')".to_owned(),
        }
    }

    fn rows<T>(self, conn: &Connection, sql: &str, map: impl FnMut(&Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
        match self {
            FindingSet::Of(rounds) => rounds.rows(conn, sql, map),
            FindingSet::Open => rows(conn, sql, &[], map),
        }
    }
}

/// The findings of the set, in round then sequence order.
pub fn findings(conn: &Connection, set: FindingSet) -> Result<Vec<Finding>> {
    let sql = format!("{} WHERE {} {}", findings::COLUMNS, set.condition(), findings::ORDER);
    set.rows(conn, &sql, findings::row)
}

/// Every status change of the set's findings, oldest first (through `finding_events_finding`).
pub fn events(conn: &Connection, set: FindingSet) -> Result<Vec<Event>> {
    let sql = format!(
        "{} JOIN findings f ON f.id = e.finding_id WHERE {} ORDER BY e.finding_id, e.at, e.id",
        findings::EVENT_COLUMNS,
        set.condition()
    );
    set.rows(conn, &sql, findings::event_row)
}

/// Units each selected round covers (its own list, or every unit), in one query for all the rounds.
pub fn scopes(conn: &Connection, rounds: Rounds) -> Result<Vec<(String, String)>> {
    // Every unit for a round without a list of its own, the listed ones for the others: two parts, so that whether a
    // round has a list is asked once per round, not once per round and unit (a national year has hundreds of ad-hoc
    // rounds and tens of thousands of units: 3 s in one statement).
    let sql = "SELECT r.id, u.code, u.rowid FROM rounds r CROSS JOIN units u
         WHERE r.year = ?1 AND (?2 IS NULL OR r.id = ?2)
           AND NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id)
         UNION ALL
         SELECT x.round_id, x.unit_code, u.rowid FROM round_units x JOIN units u ON u.code = x.unit_code
         WHERE x.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2))
         ORDER BY 1, 3";
    rounds.rows(conn, sql, |r| Ok((r.get(0)?, r.get(1)?)))
}

/// For a report on one year, or on one round of it (`round`: scores, self-reports and team of that round only;
/// findings and their events always cover the whole year, for the carry-over).
pub fn load(conn: &Connection, year: i32, round: Option<&str>) -> Result<Sources> {
    let only = Rounds { year, round };
    let mut src = with_findings(conn, rounds::list(conn, Some(year))?, FindingSet::Of(Rounds { year, round: None }))?;
    if let Some(id) = round {
        src.team = rounds::team(conn, id)?;
    }
    src.scopes = scopes(conn, only)?;
    src.scores = scores(conn, only)?;
    src.self_items = selfreports::current_items(conn, only)?;
    src.receipts = receipts(conn, only)?;
    src.answers = report_texts::answers(conn, year)?;
    src.slots = match round {
        Some(id) => schedule::list(conn, id)?,
        None => schedule::of_year(conn, year)?,
    };
    if let Some(id) = round {
        closed_record::apply(conn, id, &mut src)?;
    }
    Ok(src)
}

/// For follow-up as of `as_of`: the findings not yet remediated, of any year, with the directory to name who
/// answers for them; those remediated since `as_of` too (with their status changes), since on that day they were
/// not; and every proposal of `year` (answered or not, listed apart) with the answers given.
pub fn load_open(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Sources> {
    let mut src = with_findings(conn, rounds::list(conn, None)?, FindingSet::Open)?;
    let sql = format!(
        "{} WHERE f.round_id IN {IN_ROUNDS} AND f.kind = 'kien-nghi' AND f.status NOT IN ('mo', 'dang-khac-phuc') {}",
        findings::COLUMNS,
        findings::ORDER
    );
    // The open ones are already read with the open set.
    src.findings.extend(Rounds { year, round: None }.rows(conn, &sql, findings::row)?);
    const SINCE: &str = "f.kind IN ('han-che', 'vi-pham') AND f.status NOT IN ('mo', 'dang-khac-phuc')
         AND EXISTS (SELECT 1 FROM finding_events x WHERE x.finding_id = f.id AND x.at >= ?1)";
    let after = (as_of + chrono::Days::new(1)).to_string();
    let sql = format!("{} WHERE {SINCE} {}", findings::COLUMNS, findings::ORDER);
    src.findings.extend(rows(conn, &sql, &[&after], findings::row)?);
    let sql = format!(
        "{} JOIN findings f ON f.id = e.finding_id WHERE {SINCE} ORDER BY e.finding_id, e.at, e.id",
        findings::EVENT_COLUMNS
    );
    src.events.extend(rows(conn, &sql, &[&after], findings::event_row)?);
    src.answers = report_texts::answers(conn, year)?;
    Ok(src)
}

/// What `cchc review` reads besides one round's rows: the catalogues of the year's rounds, the units that answer
/// for items and the year's answers to proposals.
pub fn review_base(conn: &Connection, rounds: &[Round], year: i32) -> Result<ReviewRows> {
    let year = YearRows {
        catalogues: catalogues_of(conn, rounds)?,
        answering: rows(conn, "SELECT DISTINCT unit_code FROM assignments", &[], |r| r.get(0))?.into_iter().collect(),
        answers: review::first_answers(report_texts::answers(conn, year)?),
    };
    Ok(ReviewRows { year: std::sync::Arc::new(year), ..ReviewRows::default() })
}

/// One round's rows the review checks besides its findings, in place of the previous round's: its scope, the units
/// it scored, the scores marked not applicable and the self-report items with computed points or on such items.
/// A year is reviewed round by round, in the memory of one. Each query takes the year's round set narrowed to the
/// round (`?2`): the benchmark's floor runs the same statements once over the whole year
/// (`scripts/report-year-core.sql`).
pub fn review_round(conn: &Connection, year: i32, round_id: &str, out: &mut ReviewRows) -> Result<()> {
    let round = Rounds { year, round: Some(round_id) };
    out.scopes = scopes(conn, round)?;
    let scored = format!("SELECT DISTINCT round_id, unit_code FROM scores WHERE round_id IN {IN_ROUNDS}");
    out.scored_units = round.rows(conn, &scored, |r| Ok((r.get(0)?, r.get(1)?)))?;
    let not_applicable = format!("{} WHERE round_id IN {IN_ROUNDS} AND not_applicable = 1", scores::COLUMNS);
    out.scores = round.rows(conn, &not_applicable, scores::row)?;
    out.self_items = round.rows(conn, &selfreports::review_items_sql(), selfreports::item_row)?;
    out.findings = Vec::new();
    Ok(())
}

/// The next findings of a round the review checks (those on an item, and proposals), in their order: at most
/// `limit` (all when `None`) after the one numbered `after`, with the appraised scores of their items (from the
/// findings to the scores, by the scores' key; a score marked not applicable is among `review_round`'s). A national
/// round is checked a few thousand findings at a time rather than held whole.
pub fn review_findings(
    conn: &Connection,
    year: i32,
    round_id: &str,
    after: i64,
    limit: Option<usize>,
) -> Result<(Vec<Finding>, Vec<Score>)> {
    let limit = limit.and_then(|n| i64::try_from(n).ok()).unwrap_or(-1);
    let findings = format!(
        "{} WHERE f.round_id IN {IN_ROUNDS} AND (f.criterion IS NOT NULL OR f.kind = 'kien-nghi') AND f.seq > ?3
         ORDER BY f.round_id, f.seq LIMIT ?4",
        findings::COLUMNS
    );
    let found = rows(conn, &findings, params![year, round_id, after, limit], findings::row)?;
    let Some(last) = found.last().map(|f| f.seq) else { return Ok((found, Vec::new())) };
    let scored = format!(
        "SELECT s.round_id, s.unit_code, s.criterion, s.points, s.not_applicable, s.note
         FROM findings f JOIN scores s ON s.round_id = f.round_id AND s.unit_code = f.unit_code
             AND s.criterion = f.criterion
         WHERE f.round_id IN {IN_ROUNDS} AND f.seq > ?3 AND f.seq <= ?4 AND s.not_applicable = 0"
    );
    let scores = rows(conn, &scored, params![year, round_id, after, last], scores::row)?;
    Ok((found, scores))
}

/// What every report reads: the rounds with their catalogues, units and officials (the caller adds the findings,
/// their status changes and the assignments it needs).
pub(super) fn directory(conn: &Connection, rounds: Vec<Round>) -> Result<Sources> {
    Ok(Sources {
        catalogues: catalogues_of(conn, &rounds)?,
        rounds,
        units: units::list(conn)?,
        officials: officials::list(conn, None)?,
        assignments: Vec::new(),
        scopes: Vec::new(),
        whole: Vec::new(),
        team: Vec::new(),
        scores: Vec::new(),
        self_items: Vec::new(),
        receipts: Vec::new(),
        slots: Vec::new(),
        findings: Vec::new(),
        events: Vec::new(),
        answers: Vec::new(),
        evidence: Vec::new(),
        clarifications: Vec::new(),
    })
}

/// The directory with a set of findings, their status changes and every assignment.
fn with_findings(conn: &Connection, rounds: Vec<Round>, set: FindingSet) -> Result<Sources> {
    let mut src = directory(conn, rounds)?;
    src.findings = findings(conn, set)?;
    src.events = events(conn, set)?;
    src.assignments = assignments::list(conn, None, None)?;
    Ok(src)
}

fn catalogues_of(conn: &Connection, rounds: &[Round]) -> Result<HashMap<String, Catalogue>> {
    let mut out = HashMap::new();
    for round in rounds {
        if let Entry::Vacant(slot) = out.entry(round.catalogue_hash.clone()) {
            slot.insert(catalogues::get(conn, &round.catalogue_hash)?);
        }
    }
    Ok(out)
}
