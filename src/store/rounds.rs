//! Inspection rounds, the units they cover and their teams.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx, catalogues, closed_record, parsed, timestamp};
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
        included: Vec::new(),
    })
}

/// The round with the units put in its scope on purpose, in directory order.
fn with_included(conn: &Connection, mut round: Round) -> Result<Round, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.unit_code FROM round_included x JOIN units u ON u.code = x.unit_code WHERE x.round_id = ?1
         ORDER BY u.rowid",
    )?;
    round.included = stmt.query_map([&round.id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(round)
}

pub fn list(conn: &Connection, year: Option<i32>) -> Result<Vec<Round>, StoreError> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} WHERE ?1 IS NULL OR year = ?1 ORDER BY start_date, id"))?;
    let rows: Vec<Round> = stmt.query_map([year], row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(|r| with_included(conn, r)).collect()
}

pub fn get(conn: &Connection, id: &str) -> Result<Round, StoreError> {
    let found = conn.query_row(&format!("{COLUMNS} WHERE id = ?1"), [id.trim()], row).optional()?;
    let found = found.map(|r| with_included(conn, r)).transpose()?;
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
    // What the round's reports name from now on (see `closed_record`).
    match action {
        "close" => closed_record::keep(tx, id)?,
        "reopen" => closed_record::forget(tx, id)?,
        _ => {}
    }
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
        "SELECT id, round_id, name, role, unit_code, title, unit_name, official_code FROM round_team
         WHERE round_id = ?1
         ORDER BY CASE role WHEN 'truong-doan' THEN 0 WHEN 'pho-doan' THEN 1 WHEN 'thu-ky' THEN 3 ELSE 2 END, id",
    )?;
    let rows = stmt.query_map([round_id], |r| {
        Ok(TeamMember {
            id: r.get(0)?,
            round_id: r.get(1)?,
            name: r.get(2)?,
            role: r.get(3)?,
            unit_code: r.get(4)?,
            title: r.get(5)?,
            unit_name: r.get(6)?,
            official_code: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The member a name (or an official's code) designates, case and accents as typed aside.
pub fn member(conn: &Connection, round_id: &str, who: &str) -> Result<TeamMember, StoreError> {
    let key = crate::domain::text::fold(who.trim());
    let team = team(conn, round_id)?;
    let found = team.iter().find(|m| {
        crate::domain::text::fold(&m.name) == key
            || m.official_code.as_deref().is_some_and(|c| crate::domain::text::fold(c) == key)
    });
    found.cloned().ok_or_else(|| {
        let names: Vec<&str> = team.iter().map(|m| m.name.as_str()).collect();
        StoreError::NotFound(format!(
            "đoàn kiểm tra đợt {round_id} không có «{}». Thành viên: {}.",
            who.trim(),
            if names.is_empty() { "(chưa có)".to_owned() } else { names.join(", ") }
        ))
    })
}

/// Adds a member: a person is on a team once, and a team has one Trưởng đoàn.
pub fn add_member(tx: &Tx, new: &TeamMember) -> Result<TeamMember, StoreError> {
    let round_id = new.round_id.as_str();
    ensure_open_in(tx, round_id)?;
    let team = team(tx, round_id)?;
    let same = |m: &&TeamMember| {
        crate::domain::text::fold(&m.name) == crate::domain::text::fold(&new.name)
            || (new.official_code.is_some() && m.official_code == new.official_code)
    };
    if let Some(m) = team.iter().find(same) {
        return Err(StoreError::Conflict(format!(
            "{} đã có trong đoàn kiểm tra đợt {round_id} ({}); đổi vai trò bằng `cchc round team {round_id} role \"{}\" --role …`",
            m.name,
            round::role_label(&m.role),
            m.name
        )));
    }
    if new.role == "truong-doan" && team.iter().any(|m| m.role == "truong-doan") {
        return Err(StoreError::Conflict(format!(
            "đợt {round_id} đã có trưởng đoàn; để đổi, dùng `cchc round team {round_id} role \"{}\" --role truong-doan` sau khi thêm người này làm thành viên",
            new.name
        )));
    }
    tx.execute(
        "INSERT INTO round_team (round_id, name, role, unit_code, title, unit_name, official_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![round_id, new.name, new.role, new.unit_code, new.title, new.unit_name, new.official_code],
    )?;
    let member = TeamMember { id: tx.last_insert_rowid(), ..new.clone() };
    let id = member.id.to_string();
    let change = Change { action: "add", entity: "team", entity_id: &id, round_id: Some(round_id) };
    tx.audit(change, None::<&()>, Some(&member))?;
    Ok(member)
}

/// Takes a member off the team.
pub fn remove_member(tx: &Tx, member: &TeamMember) -> Result<(), StoreError> {
    ensure_open_in(tx, &member.round_id)?;
    tx.execute("DELETE FROM round_team WHERE id = ?1", [member.id])?;
    let id = member.id.to_string();
    let change = Change { action: "remove", entity: "team", entity_id: &id, round_id: Some(&member.round_id) };
    tx.audit(change, Some(member), None::<&()>)?;
    Ok(())
}

/// Gives a member a role; making someone Trưởng đoàn makes the former leader a thành viên, in the same
/// transaction. Returns the former leader moved, if any.
pub fn set_role(tx: &Tx, member: &TeamMember, role: &str) -> Result<Option<TeamMember>, StoreError> {
    ensure_open_in(tx, &member.round_id)?;
    let mut moved = None;
    if role == "truong-doan" {
        let former = team(tx, &member.round_id)?.into_iter().find(|m| m.role == "truong-doan" && m.id != member.id);
        if let Some(former) = former {
            moved = Some(change_role(tx, &former, "thanh-vien")?);
        }
    }
    change_role(tx, member, role)?;
    Ok(moved)
}

fn change_role(tx: &Tx, member: &TeamMember, role: &str) -> Result<TeamMember, StoreError> {
    tx.execute("UPDATE round_team SET role = ?1 WHERE id = ?2", params![role, member.id])?;
    let id = member.id.to_string();
    let change = Change { action: "role", entity: "team", entity_id: &id, round_id: Some(&member.round_id) };
    let new = TeamMember { role: role.to_owned(), ..member.clone() };
    tx.audit(change, Some(member), Some(&new))?;
    Ok(new)
}

/// Puts a unit in a round's inspected scope on purpose.
pub fn include(tx: &Tx, round_id: &str, unit: &str) -> Result<bool, StoreError> {
    ensure_open_in(tx, round_id)?;
    let added = tx.execute(
        "INSERT OR IGNORE INTO round_included (round_id, unit_code) VALUES (?1, ?2)",
        params![round_id, unit],
    )?;
    if added > 0 {
        let change = Change { action: "include", entity: "round", entity_id: unit, round_id: Some(round_id) };
        tx.audit(change, None::<&()>, Some(&unit))?;
    }
    Ok(added > 0)
}

/// The units a round inspects, in directory order: of the units it covers, those `Round::split_scope` keeps (in
/// Đợt 1 and 2 the units answering for an item the round scores). Papers, the schedule and reports agree on it.
pub fn inspected(conn: &Connection, round: &Round) -> Result<Vec<String>, StoreError> {
    let catalogue = catalogues::get(conn, &round.catalogue_hash)?;
    let assigned = super::assignments::list(conn, None, None)?;
    let pairs = assigned.iter().map(|a| (a.criterion.as_str(), a.unit_code.as_str()));
    Ok(round.split_scope(&catalogue, pairs, scope(conn, &round.id)?).0)
}
