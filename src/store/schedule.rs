//! The inspection schedule of a round: one slot per unit.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx, parsed, parsed_opt, rounds, settings};
use crate::domain::schedule::Slot;
use crate::store::audit::Change;

const COLUMNS: &str = "SELECT round_id, unit_code, day, session, place FROM round_schedule";

/// A stored slot; its deadline is left to `dated`.
fn row(r: &rusqlite::Row) -> rusqlite::Result<Slot> {
    let day = parsed(r, 2)?;
    Ok(Slot { round_id: r.get(0)?, unit_code: r.get(1)?, day, session: parsed_opt(r, 3)?, place: r.get(4)?, due: day })
}

/// The slots with their self-report deadlines on the ward's calendar as it stands now.
fn dated(conn: &Connection, mut slots: Vec<Slot>) -> Result<Vec<Slot>, StoreError> {
    let cal = settings::calendar(conn)?;
    for slot in &mut slots {
        slot.due = cal.selfreport_due(slot.day);
    }
    Ok(slots)
}

/// The round's slots by day, morning first, then unit.
pub fn list(conn: &Connection, round_id: &str) -> Result<Vec<Slot>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{COLUMNS} WHERE round_id = ?1"))?;
    let mut slots = dated(conn, stmt.query_map([round_id], row)?.collect::<Result<_, _>>()?)?;
    slots.sort_by(|a, b| a.order().cmp(&b.order()));
    Ok(slots)
}

/// Every slot of a year's rounds (for the reports' per-unit deadlines).
pub fn of_year(conn: &Connection, year: i32) -> Result<Vec<Slot>, StoreError> {
    let sql = format!("{COLUMNS} WHERE round_id IN (SELECT id FROM rounds WHERE year = ?1)");
    let mut stmt = conn.prepare_cached(&sql)?;
    dated(conn, stmt.query_map([year], row)?.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, round_id: &str, unit: &str) -> Result<Option<Slot>, StoreError> {
    let sql = format!("{COLUMNS} WHERE round_id = ?1 AND unit_code = ?2");
    let slot = conn.query_row(&sql, params![round_id, unit], row).optional()?;
    Ok(dated(conn, slot.into_iter().collect())?.pop())
}

/// Sets a unit's slot, replacing the one it had; every real change is logged. Returns the slot replaced.
pub fn save(tx: &Tx, slot: &Slot) -> Result<Option<Slot>, StoreError> {
    rounds::ensure_open_in(tx, &slot.round_id)?;
    let old = get(tx, &slot.round_id, &slot.unit_code)?;
    if old.as_ref() == Some(slot) {
        return Ok(old);
    }
    tx.execute(
        "INSERT INTO round_schedule (round_id, unit_code, day, session, place) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (round_id, unit_code) DO UPDATE SET day = excluded.day, session = excluded.session,
             place = excluded.place",
        params![slot.round_id, slot.unit_code, slot.day.to_string(), slot.session.map(|s| s.as_str()), slot.place],
    )?;
    let action = if old.is_some() { "update" } else { "add" };
    let change = Change { action, entity: "schedule", entity_id: &slot.unit_code, round_id: Some(&slot.round_id) };
    tx.audit(change, old.as_ref(), Some(slot))?;
    Ok(old)
}
