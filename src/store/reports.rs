//! What the reports read: a few aggregate queries per report, each one prepared statement over a set of rounds
//! (one round, or every round of a year), never one query per unit or per item.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::assignments::{self, AssignmentView};
use super::officials::{self, Official};
use super::rounds::{self, Round, TeamMember};
use super::units::{self, Unit};
use super::{StoreError, catalogues};
use crate::domain::catalogue::Catalogue;

/// Which rounds a query covers: every round of `year`, or only `round` within it.
#[derive(Debug, Clone, Copy)]
pub struct Rounds<'a> {
    pub year: i32,
    pub round: Option<&'a str>,
}

/// `?1` = year, `?2` = round id or NULL. SQLite turns the subquery into a small set and probes each table's
/// primary key (or `selfreports_current`) once per round.
const IN_ROUNDS: &str = "(SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2))";

/// One appraised score (điểm thẩm định); `points` is `None` for an item marked not applicable.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub round_id: String,
    pub unit_code: String,
    pub criterion: String,
    pub points: Option<f64>,
    pub note: String,
}

pub fn scores(conn: &Connection, rounds: Rounds) -> Result<Vec<ScoreRow>, StoreError> {
    let sql = format!(
        "SELECT round_id, unit_code, criterion, CASE WHEN not_applicable = 1 THEN NULL ELSE points END, note
         FROM scores WHERE round_id IN {IN_ROUNDS}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![rounds.year, rounds.round], |r| {
        Ok(ScoreRow {
            round_id: r.get(0)?,
            unit_code: r.get(1)?,
            criterion: r.get(2)?,
            points: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One item of a unit's current self-report revision.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfItemRow {
    pub round_id: String,
    pub unit_code: String,
    pub criterion: String,
    pub self_points: Option<f64>,
    pub figure: Option<String>,
    pub evidence: String,
    pub proposal: String,
}

pub fn self_items(conn: &Connection, rounds: Rounds) -> Result<Vec<SelfItemRow>, StoreError> {
    let sql = format!(
        "SELECT s.round_id, s.unit_code, i.criterion, i.self_points, i.figure, i.evidence, i.proposal
         FROM selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id
         WHERE s.is_current = 1 AND s.round_id IN {IN_ROUNDS}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![rounds.year, rounds.round], |r| {
        Ok(SelfItemRow {
            round_id: r.get(0)?,
            unit_code: r.get(1)?,
            criterion: r.get(2)?,
            self_points: r.get(3)?,
            figure: r.get(4)?,
            evidence: r.get(5)?,
            proposal: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// When a unit first sent its self-report for a round (a later corrected revision does not make it late).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptRow {
    pub round_id: String,
    pub unit_code: String,
    pub first_received: NaiveDate,
    pub revisions: i64,
}

pub fn receipts(conn: &Connection, rounds: Rounds) -> Result<Vec<ReceiptRow>, StoreError> {
    let sql = format!(
        "SELECT round_id, unit_code, MIN(received_on), COUNT(*) FROM selfreports
         WHERE round_id IN {IN_ROUNDS} GROUP BY round_id, unit_code"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![rounds.year, rounds.round], |r| {
        Ok(ReceiptRow { round_id: r.get(0)?, unit_code: r.get(1)?, first_received: date(r, 2)?, revisions: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A finding with its latest remediation event (for a proposal: the answer given).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    pub id: String,
    pub round_id: String,
    pub unit_code: String,
    pub criterion: Option<String>,
    pub official_code: Option<String>,
    pub kind: String,
    pub text: String,
    pub recommendation: String,
    pub due_date: Option<NaiveDate>,
    pub status: String,
    pub latest: Option<EventRow>,
}

/// One status change of a finding, with the round in which it was checked.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub finding_id: String,
    pub at: String,
    pub status: String,
    pub note: String,
    pub evidence: String,
    pub round_id: Option<String>,
}

/// Which findings to read.
#[derive(Debug, Clone, Copy)]
pub enum FindingSet<'a> {
    /// Every finding of the selected rounds (found through the `findings (round_id, seq)` key).
    Of(Rounds<'a>),
    /// Every finding not yet remediated, of any year, for follow-up (through `findings_status`).
    Open,
}

/// Findings in round then sequence order, each with its latest event from one correlated lookup on
/// `finding_events_finding`. Two statements rather than one with `OR`, so that each uses its index.
pub fn findings(conn: &Connection, set: FindingSet) -> Result<Vec<FindingRow>, StoreError> {
    const SELECT: &str = "SELECT f.id, f.round_id, f.unit_code, f.criterion, f.official_code, f.kind, f.text,
                f.recommendation, f.due_date, f.status, e.finding_id, e.at, e.status, e.note, e.evidence, e.round_id
         FROM findings f JOIN rounds r ON r.id = f.round_id
         LEFT JOIN finding_events e ON e.id = (
             SELECT id FROM finding_events WHERE finding_id = f.id ORDER BY at DESC, id DESC LIMIT 1)
         WHERE";
    const ORDER: &str = "ORDER BY r.start_date, r.id, f.seq";
    // Only constants are pasted in (the statement stays parameterised), so reviewers and
    // tests/cli/reliability_sql.rs can see it.
    let sql = match set {
        FindingSet::Of(_) => format!("{SELECT} f.round_id IN {IN_ROUNDS} {ORDER}"),
        FindingSet::Open => format!("{SELECT} f.status IN ('mo', 'dang-khac-phuc') {ORDER}"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = match set {
        FindingSet::Of(r) => stmt.query_map(params![r.year, r.round], finding_row)?.collect::<Result<_, _>>(),
        FindingSet::Open => stmt.query_map([], finding_row)?.collect::<Result<_, _>>(),
    };
    Ok(rows?)
}

fn finding_row(r: &Row) -> rusqlite::Result<FindingRow> {
    let latest = match r.get::<_, Option<String>>(10)? {
        Some(finding_id) => Some(event(r, finding_id, 11)?),
        None => None,
    };
    Ok(FindingRow {
        id: r.get(0)?,
        round_id: r.get(1)?,
        unit_code: r.get(2)?,
        criterion: r.get(3)?,
        official_code: r.get(4)?,
        kind: r.get(5)?,
        text: r.get(6)?,
        recommendation: r.get(7)?,
        due_date: optional_date(r, 8)?,
        status: r.get(9)?,
        latest,
    })
}

/// Every event of the findings of the selected rounds, oldest first.
pub fn events(conn: &Connection, rounds: Rounds) -> Result<Vec<EventRow>, StoreError> {
    let sql = format!(
        "SELECT e.finding_id, e.at, e.status, e.note, e.evidence, e.round_id
         FROM finding_events e JOIN findings f ON f.id = e.finding_id
         WHERE f.round_id IN {IN_ROUNDS} ORDER BY e.finding_id, e.at, e.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![rounds.year, rounds.round], |r| event(r, r.get(0)?, 1))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn event(r: &Row, finding_id: String, at: usize) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        finding_id,
        at: r.get(at)?,
        status: r.get(at + 1)?,
        note: r.get(at + 2)?,
        evidence: r.get(at + 3)?,
        round_id: r.get(at + 4)?,
    })
}

fn optional_date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = r.get(i)?;
    text.map(|t| {
        t.parse().map_err(|e: chrono::ParseError| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.to_string().into())
        })
    })
    .transpose()
}

fn date(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    optional_date(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(i, "date".into(), rusqlite::types::Type::Null))
}

/// Units each selected round covers (its own list, or every unit), in one query for all the rounds.
pub fn scopes(conn: &Connection, rounds: Rounds) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, u.code FROM rounds r CROSS JOIN units u
         WHERE r.year = ?1 AND (?2 IS NULL OR r.id = ?2)
           AND (NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id)
                OR EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id AND x.unit_code = u.code))
         ORDER BY r.id, u.rowid",
    )?;
    let rows = stmt.query_map(params![rounds.year, rounds.round], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Everything a report reads, as the store returns it: the build step turns it into a view model.
pub struct Sources {
    /// The rounds of the year (every round, for follow-up), in date order.
    pub rounds: Vec<Round>,
    /// The catalogue each round pinned, by hash.
    pub catalogues: HashMap<String, Catalogue>,
    pub units: Vec<Unit>,
    pub officials: Vec<Official>,
    pub assignments: Vec<AssignmentView>,
    /// (round, unit) pairs: which units each round covers.
    pub scopes: Vec<(String, String)>,
    pub team: Vec<TeamMember>,
    pub scores: Vec<ScoreRow>,
    pub self_items: Vec<SelfItemRow>,
    pub receipts: Vec<ReceiptRow>,
    pub findings: Vec<FindingRow>,
    pub events: Vec<EventRow>,
}

/// For a report on one year, or on one round of it (`round`: scores, self-reports and team of that round only;
/// findings and their events always cover the whole year, for the carry-over).
pub fn load(conn: &Connection, year: i32, round: Option<&str>) -> Result<Sources, StoreError> {
    let only = Rounds { year, round };
    let year_wide = Rounds { year, round: None };
    let rounds = rounds::list(conn, Some(year))?;
    let team = match round {
        Some(id) => rounds::team(conn, id)?,
        None => Vec::new(),
    };
    Ok(Sources {
        catalogues: catalogues_of(conn, &rounds)?,
        rounds,
        units: units::list(conn)?,
        officials: officials::list(conn, None)?,
        assignments: assignments::list(conn, None, None)?,
        scopes: scopes(conn, only)?,
        team,
        scores: scores(conn, only)?,
        self_items: self_items(conn, only)?,
        receipts: receipts(conn, only)?,
        findings: findings(conn, FindingSet::Of(year_wide))?,
        events: events(conn, year_wide)?,
    })
}

/// For follow-up: the findings not yet remediated, of any year, with the directory to name who answers for them.
pub fn load_open(conn: &Connection) -> Result<Sources, StoreError> {
    let rounds = rounds::list(conn, None)?;
    Ok(Sources {
        catalogues: catalogues_of(conn, &rounds)?,
        rounds,
        units: units::list(conn)?,
        officials: officials::list(conn, None)?,
        assignments: assignments::list(conn, None, None)?,
        scopes: Vec::new(),
        team: Vec::new(),
        scores: Vec::new(),
        self_items: Vec::new(),
        receipts: Vec::new(),
        findings: findings(conn, FindingSet::Open)?,
        events: Vec::new(),
    })
}

fn catalogues_of(conn: &Connection, rounds: &[Round]) -> Result<HashMap<String, Catalogue>, StoreError> {
    let mut out = HashMap::new();
    for round in rounds {
        if let Entry::Vacant(slot) = out.entry(round.catalogue_hash.clone()) {
            slot.insert(catalogues::get(conn, &round.catalogue_hash)?);
        }
    }
    Ok(out)
}
