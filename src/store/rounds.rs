//! Inspection rounds, the units they cover and their teams.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx, catalogues, parsed, timestamp};
use crate::domain::catalogue::Catalogue;
use crate::domain::round::{self, RoundKind, RoundStatus};
use crate::domain::round::{Round, TeamMember};
use crate::store::audit::Change;

/// Refuses a write into a closed round from inside the write's own transaction: another command may have closed
/// the round after this one read it.
pub fn ensure_open_in(tx: &Tx, id: &str) -> Result<(), StoreError> {
    let status: Option<String> =
        tx.prepare_cached("SELECT status FROM rounds WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
    if status.as_deref() == Some(RoundStatus::Closed.as_str()) {
        return Ok(get(tx, id)?.ensure_open()?);
    }
    Ok(())
}

pub struct NewRound {
    pub kind: RoundKind,
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub selfreport_due: NaiveDate,
    pub topic: Option<String>,
    pub reason: Option<String>,
    pub units: Vec<String>,
    pub catalogue_hash: String,
}

const COLUMNS: &str =
    "SELECT id, kind, year, start_date, end_date, selfreport_due, topic, reason, status, catalogue_hash FROM rounds";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Round> {
    Ok(Round {
        id: r.get(0)?,
        kind: parsed(r, 1)?,
        year: r.get(2)?,
        start: parsed(r, 3)?,
        end: parsed(r, 4)?,
        selfreport_due: parsed(r, 5)?,
        topic: r.get(6)?,
        reason: r.get(7)?,
        status: parsed(r, 8)?,
        catalogue_hash: r.get(9)?,
    })
}

pub fn list(conn: &Connection, year: Option<i32>) -> Result<Vec<Round>, StoreError> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} WHERE ?1 IS NULL OR year = ?1 ORDER BY start_date, id"))?;
    let rows = stmt.query_map([year], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: &str) -> Result<Round, StoreError> {
    let found = conn.query_row(&format!("{COLUMNS} WHERE id = ?1"), [id.trim()], row).optional()?;
    found.ok_or_else(|| {
        let known: Vec<String> = list(conn, None).map(|rs| rs.into_iter().map(|r| r.id).collect()).unwrap_or_default();
        let hint = if known.is_empty() {
            "Chưa có đợt nào; tạo bằng `cchc round new --kind dot1`.".to_owned()
        } else {
            format!("Các đợt hiện có: {}.", known.join(", "))
        };
        StoreError::NotFound(format!("không có đợt kiểm tra «{id}». {hint}"))
    })
}

/// A round with the catalogue version it pinned: what a command on a round's items reads first.
pub fn get_with_catalogue(conn: &Connection, id: &str) -> Result<(Round, Catalogue), StoreError> {
    let round = get(conn, id)?;
    let catalogue = catalogues::get(conn, &round.catalogue_hash)?;
    Ok((round, catalogue))
}

pub fn create(tx: &Tx, new: &NewRound) -> Result<Round, StoreError> {
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM rounds WHERE year = ?1 AND kind = ?2",
        params![new.year, new.kind.as_str()],
        |r| r.get(0),
    )?;
    if new.kind != RoundKind::DotXuat && seq > 1 {
        return Err(StoreError::Conflict(format!(
            "năm {} đã có {}: mỗi năm chỉ có một {} (xem `cchc round list`)",
            new.year,
            new.kind.round_id(new.year, 1),
            new.kind.label()
        )));
    }
    let id = new.kind.round_id(new.year, seq);
    tx.execute(
        "INSERT INTO rounds (id, kind, year, seq, start_date, end_date, selfreport_due, topic, reason, status, catalogue_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'planned', ?10, ?11)",
        params![
            id,
            new.kind.as_str(),
            new.year,
            seq,
            new.start.to_string(),
            new.end.to_string(),
            new.selfreport_due.to_string(),
            new.topic,
            new.reason,
            new.catalogue_hash,
            timestamp(tx.now)
        ],
    )?;
    for unit in &new.units {
        tx.execute("INSERT OR IGNORE INTO round_units (round_id, unit_code) VALUES (?1, ?2)", params![id, unit])?;
    }
    let created = get(tx, &id)?;
    let record = serde_json::json!({ "round": &created, "units": &new.units });
    tx.audit(
        Change { action: "create", entity: "round", entity_id: &id, round_id: Some(&id) },
        None::<&()>,
        Some(&record),
    )?;
    Ok(created)
}

pub fn set_status(tx: &Tx, id: &str, to: RoundStatus, reason: Option<&str>) -> Result<Round, StoreError> {
    let current = get(tx, id)?;
    round::check_move(id, current.status, to).map_err(StoreError::Conflict)?;
    tx.execute("UPDATE rounds SET status = ?1 WHERE id = ?2", params![to.as_str(), id])?;
    let action = match (current.status, to) {
        (RoundStatus::Closed, _) => "reopen",
        (_, RoundStatus::Closed) => "close",
        _ => "start",
    };
    let new = serde_json::json!({ "status": to, "reason": reason });
    let change = Change { action, entity: "round", entity_id: id, round_id: Some(id) };
    tx.audit(change, Some(&serde_json::json!({ "status": current.status })), Some(&new))?;
    get(tx, id)
}

/// Units a round covers: its own list, or every unit when it has none.
pub fn scope(conn: &Connection, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT code FROM units WHERE NOT EXISTS (SELECT 1 FROM round_units WHERE round_id = ?1)
            OR code IN (SELECT unit_code FROM round_units WHERE round_id = ?1)
         ORDER BY rowid",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn team(conn: &Connection, round_id: &str) -> Result<Vec<TeamMember>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, round_id, name, role, unit_code FROM round_team WHERE round_id = ?1
         ORDER BY CASE role WHEN 'truong-doan' THEN 0 WHEN 'thu-ky' THEN 2 ELSE 1 END, id",
    )?;
    let rows = stmt.query_map([round_id], |r| {
        Ok(TeamMember { id: r.get(0)?, round_id: r.get(1)?, name: r.get(2)?, role: r.get(3)?, unit_code: r.get(4)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn add_member(
    tx: &Tx,
    round_id: &str,
    name: &str,
    role: &str,
    unit: Option<&str>,
) -> Result<TeamMember, StoreError> {
    ensure_open_in(tx, round_id)?;
    if role == "truong-doan" && team(tx, round_id)?.iter().any(|m| m.role == "truong-doan") {
        return Err(StoreError::Conflict(format!("đợt {round_id} đã có trưởng đoàn")));
    }
    tx.execute(
        "INSERT INTO round_team (round_id, name, role, unit_code) VALUES (?1, ?2, ?3, ?4)",
        params![round_id, name, role, unit],
    )?;
    let member = TeamMember {
        id: tx.last_insert_rowid(),
        round_id: round_id.to_owned(),
        name: name.to_owned(),
        role: role.to_owned(),
        unit_code: unit.map(str::to_owned),
    };
    let id = member.id.to_string();
    let change = Change { action: "add", entity: "team", entity_id: &id, round_id: Some(round_id) };
    tx.audit(change, None::<&()>, Some(&member))?;
    Ok(member)
}

/// The units a round inspects, in directory order: of the units it covers, those `Round::split_scope` keeps (in
/// Đợt 1 and 2 the units answering for an item the round scores). Papers, the schedule and reports agree on it.
pub fn inspected(conn: &Connection, round: &Round) -> Result<Vec<String>, StoreError> {
    let catalogue = catalogues::get(conn, &round.catalogue_hash)?;
    let assigned = super::assignments::list(conn, None, None)?;
    let pairs = assigned.iter().map(|a| (a.criterion.as_str(), a.unit_code.as_str()));
    Ok(round.split_scope(&catalogue, pairs, scope(conn, &round.id)?).0)
}
