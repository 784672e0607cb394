//! Ward settings (name, province, signer, recipients) used on reports.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx};
use crate::store::audit::Change;

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn all(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sets a value, logging the change; setting the same value again writes nothing.
pub fn set(tx: &Tx, key: &str, value: &str) -> Result<bool, StoreError> {
    let old = get(tx, key)?;
    if old.as_deref() == Some(value) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    let change = Change { action: "set", entity: "setting", entity_id: key, round_id: None };
    tx.audit(change, old.as_ref(), Some(&value))?;
    Ok(true)
}
