//! Clarifications (giải trình): questions to units and their answers.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::Change;
use super::{StoreError, Tx, parsed, parsed_opt, rounds, timestamp};
use crate::domain::clarification::{Answer, Clarification};

pub struct NewClarification<'a> {
    pub round_id: &'a str,
    pub unit_code: &'a str,
    pub criterion: Option<&'a str>,
    pub question: &'a str,
    pub due: Option<NaiveDate>,
    pub asked_on: NaiveDate,
}

const COLUMNS: &str = "id, round_id, unit_code, criterion, question, due_date, asked_on, answer, answered_on";

fn row(r: &Row) -> rusqlite::Result<Clarification> {
    let answer: Option<String> = r.get(7)?;
    let answered_on: Option<NaiveDate> = parsed_opt(r, 8)?;
    Ok(Clarification {
        id: r.get(0)?,
        round_id: r.get(1)?,
        unit_code: r.get(2)?,
        criterion: r.get(3)?,
        question: r.get(4)?,
        due: parsed_opt(r, 5)?,
        asked_on: parsed(r, 6)?,
        answer: answer.zip(answered_on).map(|(text, on)| Answer { text, on }),
    })
}

pub fn ask(tx: &Tx, new: &NewClarification) -> Result<Clarification, StoreError> {
    rounds::ensure_open_in(tx, new.round_id)?;
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM clarifications WHERE round_id = ?1",
        [new.round_id],
        |r| r.get(0),
    )?;
    let id = Clarification::id_for(new.round_id, seq);
    tx.execute(
        "INSERT INTO clarifications (id, round_id, seq, unit_code, criterion, question, due_date, asked_on,
                                     asked_at, asked_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            new.round_id,
            seq,
            new.unit_code,
            new.criterion,
            new.question,
            new.due.map(|d| d.to_string()),
            new.asked_on.to_string(),
            timestamp(tx.now),
            tx.actor
        ],
    )?;
    let asked = get(tx, &id)?;
    let change = Change { action: "ask", entity: "clarification", entity_id: &id, round_id: Some(new.round_id) };
    tx.audit(change, None::<&()>, Some(&asked))?;
    Ok(asked)
}

/// Records (or replaces) the unit's answer.
pub fn answer(tx: &Tx, id: &str, text: &str, on: NaiveDate) -> Result<Clarification, StoreError> {
    let old = get(tx, id)?;
    rounds::ensure_open_in(tx, &old.round_id)?;
    tx.execute(
        "UPDATE clarifications SET answer = ?2, answered_on = ?3, answered_at = ?4, answered_by = ?5 WHERE id = ?1",
        params![id, text, on.to_string(), timestamp(tx.now), tx.actor],
    )?;
    let new = get(tx, id)?;
    let change = Change { action: "respond", entity: "clarification", entity_id: id, round_id: Some(&old.round_id) };
    tx.audit(change, Some(&old), Some(&new))?;
    Ok(new)
}

pub fn get(conn: &Connection, id: &str) -> Result<Clarification, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM clarifications WHERE id = ?1 COLLATE NOCASE"), [id.trim()], row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("không có yêu cầu giải trình «{id}» (xem `cchc clarify list`)")))
}

/// The requests of a round (or of every round), optionally of one unit, in the order they were asked.
pub fn list(conn: &Connection, round_id: Option<&str>, unit: Option<&str>) -> Result<Vec<Clarification>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM clarifications WHERE (?1 IS NULL OR round_id = ?1) AND (?2 IS NULL OR unit_code = ?2)
         ORDER BY round_id, seq"
    ))?;
    let rows = stmt.query_map(params![round_id, unit], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
