//! Units (phòng, cơ quan, đơn vị).

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx};
use crate::domain::directory::Unit;
use crate::domain::text::fold;
use crate::store::audit::Change;

pub fn list(conn: &Connection) -> Result<Vec<Unit>, StoreError> {
    let mut stmt = conn.prepare("SELECT code, name, kind FROM units ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| Ok(Unit { code: r.get(0)?, name: r.get(1)?, kind: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The unit with `code`, whatever its case (`kt` is KT).
pub fn get(conn: &Connection, code: &str) -> Result<Option<Unit>, StoreError> {
    Ok(conn
        .query_row("SELECT code, name, kind FROM units WHERE code = ?1 COLLATE NOCASE", [code], |r| {
            Ok(Unit { code: r.get(0)?, name: r.get(1)?, kind: r.get(2)? })
        })
        .optional()?)
}

pub enum Saved {
    Added,
    Updated,
    Unchanged,
}

/// Adds a unit or updates its name and kind; every real change is logged.
pub fn save(tx: &Tx, unit: &Unit) -> Result<Saved, StoreError> {
    let old = get(tx, &unit.code)?;
    if old.as_ref() == Some(unit) {
        return Ok(Saved::Unchanged);
    }
    tx.execute(
        "INSERT INTO units (code, name, kind, name_folded) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, name_folded = excluded.name_folded",
        params![unit.code, unit.name, unit.kind, fold(&unit.name)],
    )?;
    let action = if old.is_some() { "update" } else { "add" };
    tx.audit(Change { action, entity: "unit", entity_id: &unit.code, round_id: None }, old.as_ref(), Some(unit))?;
    Ok(if old.is_some() { Saved::Updated } else { Saved::Added })
}
