//! What the reports read: a few aggregate queries per report, each one prepared statement over a set of rounds
//! (one round, or every round of a year), never one query per unit or per item.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rusqlite::{Connection, Row, ToSql, params};

use super::assignments::{self, AssignmentView};
use super::findings::{self, Event, Finding};
use super::officials::{self, Official};
use super::report_texts::{self, ProposalAnswer};
use super::rounds::{self, Round, TeamMember};
use super::scores::{self, Score};
use super::units::{self, Unit};
use super::{StoreError, catalogues, parsed, schedule};
use crate::domain::catalogue::Catalogue;
use crate::domain::schedule::Slot;

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

type Result<T> = std::result::Result<T, StoreError>;

fn rows<T>(
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

/// The appraised scores (điểm thẩm định) of the rounds.
pub fn scores(conn: &Connection, rounds: Rounds) -> Result<Vec<Score>> {
    rounds.rows(conn, &format!("{} WHERE round_id IN {IN_ROUNDS}", scores::COLUMNS), scores::row)
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

pub fn self_items(conn: &Connection, rounds: Rounds) -> Result<Vec<SelfItemRow>> {
    let sql = format!(
        "SELECT s.round_id, s.unit_code, i.criterion, i.self_points, i.figure, i.evidence, i.proposal
         FROM selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id
         WHERE s.is_current = 1 AND s.round_id IN {IN_ROUNDS}"
    );
    rounds.rows(conn, &sql, |r| {
        Ok(SelfItemRow {
            round_id: r.get(0)?,
            unit_code: r.get(1)?,
            criterion: r.get(2)?,
            self_points: r.get(3)?,
            figure: r.get(4)?,
            evidence: r.get(5)?,
            proposal: r.get(6)?,
        })
    })
}

/// When a unit first sent its self-report for a round (a later corrected revision does not make it late).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptRow {
    pub round_id: String,
    pub unit_code: String,
    pub first_received: NaiveDate,
    pub revisions: i64,
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
    let sql = "SELECT r.id, u.code FROM rounds r CROSS JOIN units u
         WHERE r.year = ?1 AND (?2 IS NULL OR r.id = ?2)
           AND (NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id)
                OR EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id AND x.unit_code = u.code))
         ORDER BY r.id, u.rowid";
    rounds.rows(conn, sql, |r| Ok((r.get(0)?, r.get(1)?)))
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
    /// Rounds that cover every unit, left out of `scopes` (only the year report loads them so: a national year
    /// would list every unit for every round).
    pub whole: Vec<String>,
    pub team: Vec<TeamMember>,
    pub scores: Vec<Score>,
    pub self_items: Vec<SelfItemRow>,
    pub receipts: Vec<ReceiptRow>,
    /// The inspection slots of the rounds: each scheduled unit's self-report deadline.
    pub slots: Vec<Slot>,
    pub findings: Vec<Finding>,
    /// The findings' status changes, oldest first.
    pub events: Vec<Event>,
    /// The answers given to the units' proposals (`kien-nghi` findings).
    pub answers: Vec<ProposalAnswer>,
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
    src.self_items = self_items(conn, only)?;
    src.receipts = receipts(conn, only)?;
    src.answers = report_texts::answers(conn, year)?;
    src.slots = match round {
        Some(id) => schedule::list(conn, id)?,
        None => schedule::of_year(conn, year)?,
    };
    Ok(src)
}

/// For follow-up: the findings not yet remediated, of any year, with the directory to name who answers for them.
pub fn load_open(conn: &Connection) -> Result<Sources> {
    with_findings(conn, rounds::list(conn, None)?, FindingSet::Open)
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
