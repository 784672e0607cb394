//! The audit log: who changed what, when, from which value to which.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::{StoreError, Tx, timestamp};

pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub round_id: Option<&'a str>,
}

impl Tx<'_> {
    /// Records one user-visible write; `old`/`new` are stored as JSON.
    pub fn audit<O: Serialize, N: Serialize>(
        &self,
        change: Change,
        old: Option<&O>,
        new: Option<&N>,
    ) -> Result<(), StoreError> {
        let old = old.map(serde_json::to_string).transpose()?;
        let new = new.map(serde_json::to_string).transpose()?;
        // Cached: an import may log thousands of entries in one transaction.
        self.prepare_cached(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, round_id, old_value, new_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            timestamp(self.now),
            self.actor,
            change.action,
            change.entity,
            change.entity_id,
            change.round_id,
            old,
            new
        ])?;
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub round_id: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[derive(Default)]
pub struct Filter<'a> {
    pub round_id: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub since: Option<NaiveDate>,
}

pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Entry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, round_id, old_value, new_value FROM audit_log
         WHERE (?1 IS NULL OR round_id = ?1) AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR at >= ?3)
         ORDER BY id",
    )?;
    let since = filter.since.map(|d| d.to_string());
    let rows = stmt.query_map(params![filter.round_id, filter.entity, since], |r| {
        Ok(Entry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            round_id: r.get(6)?,
            old_value: r.get(7)?,
            new_value: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The kinds of entity the log holds (`unit`, `score`…), each once, in order.
pub fn entities(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT DISTINCT entity FROM audit_log ORDER BY entity")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
