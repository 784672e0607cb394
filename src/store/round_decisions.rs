//! The decision that formed each round's team (số, ngày): the decision paper prints it as its own number and date,
//! every unit's minutes of the round cite it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::Change;
use super::rounds::ensure_open_in;
use super::{StoreError, Tx, parsed};
use crate::domain::round::Decision;

pub fn get(conn: &Connection, round_id: &str) -> Result<Option<Decision>, StoreError> {
    let sql = "SELECT number, decided_on FROM round_decisions WHERE round_id = ?1";
    let row = |r: &rusqlite::Row| Ok(Decision { number: r.get(0)?, decided_on: parsed(r, 1)? });
    Ok(conn.query_row(sql, [round_id], row).optional()?)
}

/// Records (or corrects) the round's decision; the same number and date again changes nothing.
pub fn set(tx: &Tx, round_id: &str, number: &str, decided_on: NaiveDate) -> Result<Decision, StoreError> {
    ensure_open_in(tx, round_id)?;
    let new = Decision { number: number.to_owned(), decided_on };
    let old = get(tx, round_id)?;
    if old.as_ref() == Some(&new) {
        return Ok(new);
    }
    tx.execute(
        "INSERT INTO round_decisions (round_id, number, decided_on) VALUES (?1, ?2, ?3)
         ON CONFLICT (round_id) DO UPDATE SET number = excluded.number, decided_on = excluded.decided_on",
        params![round_id, new.number, new.decided_on.to_string()],
    )?;
    let change = Change { action: "set", entity: "decision", entity_id: round_id, round_id: Some(round_id) };
    tx.audit(change, old.as_ref(), Some(&new))?;
    Ok(new)
}
