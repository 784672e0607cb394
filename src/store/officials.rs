//! Officials (cán bộ, công chức, viên chức) and the unit they work in.

use rusqlite::{Connection, OptionalExtension, params};

use super::units::Saved;
use super::{StoreError, Tx};
use crate::domain::directory::Official;
use crate::domain::text::fold;
use crate::store::audit::Change;

const COLUMNS: &str = "SELECT code, name, position, unit_code, category FROM officials";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Official> {
    Ok(Official { code: r.get(0)?, name: r.get(1)?, position: r.get(2)?, unit_code: r.get(3)?, category: r.get(4)? })
}

pub fn list(conn: &Connection, unit: Option<&str>) -> Result<Vec<Official>, StoreError> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} WHERE ?1 IS NULL OR unit_code = ?1 ORDER BY rowid"))?;
    let rows = stmt.query_map([unit], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The official with `code`, whatever its case.
pub fn get(conn: &Connection, code: &str) -> Result<Option<Official>, StoreError> {
    Ok(conn.query_row(&format!("{COLUMNS} WHERE code = ?1 COLLATE NOCASE"), [code], row).optional()?)
}

pub fn save(tx: &Tx, official: &Official) -> Result<Saved, StoreError> {
    let old = get(tx, &official.code)?;
    if old.as_ref() == Some(official) {
        return Ok(Saved::Unchanged);
    }
    if let Some(old) = old.as_ref().filter(|o| o.unit_code != official.unit_code) {
        super::maintenance::refuse_move(tx, old, &official.unit_code)?;
    }
    tx.execute(
        "INSERT INTO officials (code, name, position, unit_code, name_folded, category) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position,
             unit_code = excluded.unit_code, name_folded = excluded.name_folded, category = excluded.category",
        params![
            official.code,
            official.name,
            official.position,
            official.unit_code,
            fold(&official.name),
            official.category
        ],
    )?;
    let action = if old.is_some() { "update" } else { "add" };
    let change = Change { action, entity: "official", entity_id: &official.code, round_id: None };
    tx.audit(change, old.as_ref(), Some(official))?;
    Ok(if old.is_some() { Saved::Updated } else { Saved::Added })
}
