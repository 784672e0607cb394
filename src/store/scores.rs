//! Appraised scores (điểm thẩm định) per round, unit and item, and the score sheet a round's reports read.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use rusqlite::{Connection, OptionalExtension, params};

use super::round_set::Rounds;
use super::rounds;
use super::selfreports;
use super::units::Saved;
use super::{StoreError, Tx, timestamp};
use crate::domain::catalogue::{Catalogue, NodeKind};
use crate::domain::code;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::score::{Score, SheetRow};
use crate::domain::scoring::{Mark, Responsibility};
use crate::store::audit::Change;

pub(super) const COLUMNS: &str = "SELECT round_id, unit_code, criterion, points, not_applicable, note FROM scores";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Score> {
    Ok(Score {
        round_id: r.get(0)?,
        unit_code: r.get(1)?,
        criterion: r.get(2)?,
        points: r.get(3)?,
        not_applicable: r.get::<_, i64>(4)? == 1,
        note: r.get(5)?,
    })
}

pub fn get(conn: &Connection, round_id: &str, unit: &str, criterion: &str) -> Result<Option<Score>, StoreError> {
    let sql = format!("{COLUMNS} WHERE round_id = ?1 AND unit_code = ?2 AND criterion = ?3");
    Ok(conn.query_row(&sql, params![round_id, unit, criterion], row).optional()?)
}

/// Every score of a round (of one unit when given).
pub fn list(conn: &Connection, round_id: &str, unit: Option<&str>) -> Result<Vec<Score>, StoreError> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} WHERE round_id = ?1 AND (?2 IS NULL OR unit_code = ?2)"))?;
    let rows = stmt.query_map(params![round_id, unit], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A unit's scores in a round as they stood at the end of `day`, for papers dated then (a unit's minutes): the
/// table keeps only the latest value, the audit log every value as written, so the log is replayed up to that
/// day. A score older than the log (none is written without an entry since the first schema) is read as stored.
pub fn as_of(conn: &Connection, round_id: &str, unit: &str, day: NaiveDate) -> Result<Vec<Score>, StoreError> {
    let end = format!("{day}T23:59:59");
    let prefix = format!("{unit}/");
    let mut stmt = conn.prepare(
        "SELECT entity_id, new_value FROM audit_log
         WHERE entity = 'score' AND round_id = ?1 AND substr(entity_id, 1, length(?2)) = ?2 AND at <= ?3
         ORDER BY id",
    )?;
    let mut state: BTreeMap<String, Option<Score>> = BTreeMap::new();
    for entry in stmt.query_map(params![round_id, prefix, end], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
        let (id, value): (String, Option<String>) = entry?;
        let score = value.map(|v| serde_json::from_str::<Score>(&v)).transpose()?;
        state.insert(id, score);
    }
    let unlogged = format!(
        "{COLUMNS} WHERE round_id = ?1 AND unit_code = ?2 AND updated_at <= ?3 AND NOT EXISTS (
             SELECT 1 FROM audit_log a WHERE a.entity = 'score' AND a.round_id = scores.round_id
                 AND a.entity_id = scores.unit_code || '/' || scores.criterion)"
    );
    let mut stmt = conn.prepare(&unlogged)?;
    let older = stmt.query_map(params![round_id, unit, end], row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(state.into_values().flatten().chain(older).collect())
}

/// Writes a score; an identical one is left alone (no write, no audit entry), so importing a file twice
/// changes nothing.
pub fn save(tx: &Tx, score: &Score) -> Result<Saved, StoreError> {
    rounds::ensure_open_in(tx, &score.round_id)?;
    let old = get(tx, &score.round_id, &score.unit_code, &score.criterion)?;
    if old.as_ref() == Some(score) {
        return Ok(Saved::Unchanged);
    }
    tx.execute(
        "INSERT INTO scores (round_id, unit_code, criterion, points, not_applicable, note, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (round_id, unit_code, criterion) DO UPDATE SET points = excluded.points,
             not_applicable = excluded.not_applicable, note = excluded.note, updated_at = excluded.updated_at",
        params![
            score.round_id,
            score.unit_code,
            score.criterion,
            score.points,
            i64::from(score.not_applicable),
            score.note,
            timestamp(tx.now)
        ],
    )?;
    let id = format!("{}/{}", score.unit_code, score.criterion);
    let action = if old.is_some() { "update" } else { "set" };
    let change = Change { action, entity: "score", entity_id: &id, round_id: Some(&score.round_id) };
    tx.audit(change, old.as_ref(), Some(score))?;
    Ok(if old.is_some() { Saved::Updated } else { Saved::Added })
}

/// Removes a score entered by mistake (the item is then pending again); `None` when there was none to remove.
pub fn unset(tx: &Tx, round_id: &str, unit: &str, criterion: &str) -> Result<Option<Score>, StoreError> {
    rounds::ensure_open_in(tx, round_id)?;
    let Some(old) = get(tx, round_id, unit, criterion)? else { return Ok(None) };
    tx.execute(
        "DELETE FROM scores WHERE round_id = ?1 AND unit_code = ?2 AND criterion = ?3",
        params![round_id, unit, criterion],
    )?;
    let id = format!("{unit}/{criterion}");
    let change = Change { action: "unset", entity: "score", entity_id: &id, round_id: Some(round_id) };
    tx.audit(change, Some(&old), None::<&Score>)?;
    Ok(Some(old))
}

/// Who answers for which item at which unit: the assignments that name an official.
pub fn responsibilities(conn: &Connection) -> Result<Vec<Responsibility>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT unit_code, criterion, official_code FROM assignments WHERE official_code IS NOT NULL
         ORDER BY unit_code, criterion",
    )?;
    let rows = stmt.query_map([], |r| Ok(Responsibility { unit: r.get(0)?, code: r.get(1)?, official: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The score sheet of a round, units in the round's scope order and items in code order. A periodic round lists
/// every periodic item assigned to each unit (pending until appraised); any round lists what was appraised or
/// self-reported. Maximum points come from the round's pinned catalogue.
pub fn sheet(conn: &Connection, round: &Round, catalogue: &Catalogue) -> Result<Vec<SheetRow>, StoreError> {
    let mut wanted: HashMap<String, BTreeSet<String>> = HashMap::new();
    if round.kind != RoundKind::DotXuat {
        let mut stmt = conn.prepare("SELECT unit_code, criterion FROM assignments")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for pair in rows {
            let (unit, criterion) = pair?;
            if catalogue.get(&criterion).is_some_and(|n| n.is_leaf && n.kind == NodeKind::Periodic) {
                wanted.entry(unit).or_default().insert(criterion);
            }
        }
    }
    let scores: HashMap<(String, String), Score> =
        list(conn, &round.id, None)?.into_iter().map(|s| ((s.unit_code.clone(), s.criterion.clone()), s)).collect();
    // Self points from each unit's current self-report revision (none until self-reports are imported).
    let selfs: HashMap<(String, String), Option<f64>> =
        selfreports::current_items(conn, Rounds { year: round.year, round: Some(&round.id) })?
            .into_iter()
            .map(|i| ((i.unit_code, i.criterion), i.self_points))
            .collect();
    for (unit, criterion) in scores.keys().chain(selfs.keys()) {
        wanted.entry(unit.clone()).or_default().insert(criterion.clone());
    }
    let mut sheet = Vec::new();
    for unit in rounds::scope(conn, &round.id)? {
        let Some(codes) = wanted.remove(&unit) else { continue };
        let mut codes: Vec<String> = codes.into_iter().collect();
        codes.sort_by(|a, b| code::compare(a, b));
        for criterion in codes {
            // A code the pinned catalogue does not know has no maximum to be scored against.
            let Some(node) = catalogue.get(&criterion) else { continue };
            let key = (unit.clone(), criterion);
            let score = scores.get(&key);
            sheet.push(SheetRow {
                max: node.max_points,
                self_points: selfs.get(&key).copied().flatten(),
                mark: score.map_or(Mark::Pending, Score::mark),
                note: score.map(|s| s.note.clone()).unwrap_or_default(),
                unit: key.0,
                criterion: key.1,
            });
        }
    }
    Ok(sheet)
}
