//! Who answers for which criterion (phân công phụ trách).

use rusqlite::{Connection, OptionalExtension, params};

use super::units::Saved;
use super::{StoreError, Tx};
use crate::domain::directory::{Assignment, AssignmentView};
use crate::store::audit::Change;

/// Maps `criterion, unit_code, unit name, official_code, official name` to a view (shared with the year report).
pub fn view_row(r: &rusqlite::Row) -> rusqlite::Result<AssignmentView> {
    Ok(AssignmentView {
        criterion: r.get(0)?,
        unit_code: r.get(1)?,
        unit_name: r.get(2)?,
        official_code: r.get(3)?,
        official_name: r.get(4)?,
    })
}

pub fn list(conn: &Connection, unit: Option<&str>, official: Option<&str>) -> Result<Vec<AssignmentView>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT a.criterion, a.unit_code, u.name, a.official_code, o.name
         FROM assignments a JOIN units u ON u.code = a.unit_code LEFT JOIN officials o ON o.code = a.official_code
         WHERE (?1 IS NULL OR a.unit_code = ?1) AND (?2 IS NULL OR a.official_code = ?2)",
    )?;
    let rows = stmt.query_map(params![unit, official], view_row)?;
    let mut all: Vec<AssignmentView> = rows.collect::<Result<_, _>>()?;
    sort(&mut all);
    Ok(all)
}

/// Item order (1.2 before 1.10), then unit.
pub fn sort(all: &mut [AssignmentView]) {
    all.sort_by(|a, b| crate::domain::code::compare(&a.criterion, &b.criterion).then(a.unit_code.cmp(&b.unit_code)));
}

/// The SQL of `for_each`.
pub const ALL_SQL: &str = "SELECT unit_code, criterion, official_code FROM assignments";

/// Calls `each(unit, criterion, official)` for every assignment, borrowed, without collecting them: a national
/// directory has a quarter of a million.
pub fn for_each(conn: &Connection, mut each: impl FnMut(&str, &str, Option<&str>)) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(ALL_SQL)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let unit = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let criterion = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let official = row.get_ref(2)?.as_str_or_null().map_err(rusqlite::Error::from)?;
        each(unit, criterion, official);
    }
    Ok(())
}

/// The assignment of `criterion` at `unit`, if there is one.
pub fn get(conn: &Connection, criterion: &str, unit: &str) -> Result<Option<Assignment>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT criterion, unit_code, official_code FROM assignments WHERE criterion = ?1 AND unit_code = ?2",
            params![criterion, unit],
            |r| Ok(Assignment { criterion: r.get(0)?, unit_code: r.get(1)?, official_code: r.get(2)? }),
        )
        .optional()?)
}

pub fn save(tx: &Tx, a: &Assignment) -> Result<Saved, StoreError> {
    let old = get(tx, &a.criterion, &a.unit_code)?;
    if old.as_ref() == Some(a) {
        return Ok(Saved::Unchanged);
    }
    tx.execute(
        "INSERT INTO assignments (criterion, unit_code, official_code) VALUES (?1, ?2, ?3)
         ON CONFLICT (criterion, unit_code) DO UPDATE SET official_code = excluded.official_code",
        params![a.criterion, a.unit_code, a.official_code],
    )?;
    let id = format!("{}/{}", a.criterion, a.unit_code);
    let action = if old.is_some() { "update" } else { "add" };
    tx.audit(Change { action, entity: "assignment", entity_id: &id, round_id: None }, old.as_ref(), Some(a))?;
    Ok(if old.is_some() { Saved::Updated } else { Saved::Added })
}
