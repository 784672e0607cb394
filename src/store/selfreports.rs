//! Self-reports: one row per revision of a unit's report for a round (the newest is current), and its items.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, Statement, params};

use super::round_set::{IN_ROUNDS, Rounds};
use super::{StoreError, Tx, parsed, timestamp};
use crate::domain::selfreport::{NewItem, Revision, SelfItemRow, StoredItem};
use crate::store::audit::Change;

/// A revision being written: not current until closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    pub id: i64,
    pub revision: i64,
}

/// What closing a unit's submission did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Same content as the current revision: nothing kept, nothing logged.
    Unchanged { revision: i64 },
    /// A new current revision; `replaced` is the one it supersedes.
    New { revision: i64, replaced: Option<i64> },
}

/// Rows per multi-row insert: one statement step per chunk instead of per row is the cheapest way into SQLite.
/// `OR FAIL` spares SQLite a statement journal: a failing row fails the whole import, whose transaction is then
/// rolled back anyway.
const CHUNK: usize = 32;
const ITEM_COLUMNS: &str = "INSERT OR FAIL INTO selfreport_items \
    (selfreport_id, criterion, self_points, figure, figure_pct, result, evidence, proposal, points_computed) VALUES ";
const ITEM_VALUES: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// A unit's revisions in the round: the last number, and the current one.
#[derive(Debug, Default)]
struct Known {
    last: i64,
    current: Option<Current>,
}

/// A unit's current revision.
#[derive(Debug)]
struct Current {
    id: i64,
    revision: i64,
    content_hash: String,
}

/// Writes the submissions of one import inside its transaction, with the item inserts prepared once.
pub struct Writer<'t> {
    tx: &'t Tx<'t>,
    round_id: &'t str,
    received: String,
    imported_at: String,
    insert: Statement<'t>,
    insert_chunk: Statement<'t>,
    /// Read once and kept up to date, so that opening and closing a revision needs no query.
    known: HashMap<String, Known>,
}

impl<'t> Writer<'t> {
    pub fn new(tx: &'t Tx<'t>, round_id: &'t str, received: NaiveDate) -> Result<Writer<'t>, StoreError> {
        let insert = tx.prepare(&format!("{ITEM_COLUMNS}{ITEM_VALUES}"))?;
        let insert_chunk = tx.prepare(&format!("{ITEM_COLUMNS}{}", vec![ITEM_VALUES; CHUNK].join(", ")))?;
        let (received, imported_at) = (received.to_string(), timestamp(tx.now));
        let mut known: HashMap<String, Known> = HashMap::new();
        let mut stmt = tx
            .prepare("SELECT unit_code, id, revision, content_hash, is_current FROM selfreports WHERE round_id = ?1")?;
        let mut rows = stmt.query([round_id])?;
        while let Some(r) = rows.next()? {
            let entry = known.entry(r.get(0)?).or_default();
            let revision: i64 = r.get(2)?;
            entry.last = entry.last.max(revision);
            if r.get::<_, i64>(4)? == 1 {
                entry.current = Some(Current { id: r.get(1)?, revision, content_hash: r.get(3)? });
            }
        }
        drop(rows);
        drop(stmt);
        Ok(Writer { tx, round_id, received, imported_at, insert, insert_chunk, known })
    }

    /// Starts a revision of `unit`'s report from `file_name`; it is not current until [`Writer::close`].
    pub fn open(&mut self, unit: &str, file_name: &str) -> Result<Opened, StoreError> {
        let next = self.known.get(unit).map_or(0, |k| k.last) + 1;
        self.tx
            .prepare_cached(
                "INSERT INTO selfreports (round_id, unit_code, revision, content_hash, file_name, received_on, imported_at, is_current)
                 VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, 0)",
            )?
            .execute(params![self.round_id, unit, next, file_name, self.received, self.imported_at])?;
        Ok(Opened { id: self.tx.last_insert_rowid(), revision: next })
    }

    /// Inserts items, each into the revision (selfreport id) it comes with.
    pub fn insert(&mut self, items: &[(i64, NewItem)]) -> Result<(), StoreError> {
        let mut chunks = items.chunks_exact(CHUNK);
        for chunk in &mut chunks {
            for (i, (selfreport, item)) in chunk.iter().enumerate() {
                bind(&mut self.insert_chunk, i * 9, *selfreport, item)?;
            }
            self.insert_chunk.raw_execute()?;
        }
        for (selfreport, item) in chunks.remainder() {
            bind(&mut self.insert, 0, *selfreport, item)?;
            self.insert.raw_execute()?;
        }
        Ok(())
    }

    /// Ends the revision opened for `unit`: dropped when its content equals the current revision's, else made
    /// current (the previous one stays as history) and logged.
    pub fn close(
        &mut self,
        opened: Opened,
        unit: &str,
        file: &str,
        hash: &str,
        items: u64,
    ) -> Result<Outcome, StoreError> {
        let selfreport = opened.id;
        let known = self.known.entry(unit.to_owned()).or_default();
        let current = known.current.take();
        if let Some(revision) = current.as_ref().filter(|c| c.content_hash == hash).map(|c| c.revision) {
            known.current = current;
            self.tx.prepare_cached("DELETE FROM selfreport_items WHERE selfreport_id = ?1")?.execute([selfreport])?;
            self.tx.prepare_cached("DELETE FROM selfreports WHERE id = ?1")?.execute([selfreport])?;
            return Ok(Outcome::Unchanged { revision });
        }
        let revision = opened.revision;
        known.last = revision;
        known.current = Some(Current { id: selfreport, revision, content_hash: hash.to_owned() });
        if let Some(Current { id, .. }) = &current {
            self.tx.prepare_cached("UPDATE selfreports SET is_current = 0 WHERE id = ?1")?.execute([id])?;
        }
        self.tx
            .prepare_cached("UPDATE selfreports SET is_current = 1, content_hash = ?2 WHERE id = ?1")?
            .execute(params![selfreport, hash])?;
        let old = current.as_ref().map(|c| serde_json::json!({"revision": c.revision, "content_hash": c.content_hash}));
        let new = serde_json::json!({
            "revision": revision, "file": file, "received_on": self.received, "items": items, "content_hash": hash
        });
        let entity_id = format!("{}/{unit}", self.round_id);
        let change =
            Change { action: "import", entity: "selfreport", entity_id: &entity_id, round_id: Some(self.round_id) };
        self.tx.audit(change, old.as_ref(), Some(&new))?;
        Ok(Outcome::New { revision, replaced: current.map(|c| c.revision) })
    }
}

impl Writer<'_> {
    /// Foreign keys are off during an import (see the import command); the revision rows are few, so their links
    /// to the round and the units are checked here before the commit.
    pub fn check_links(&self) -> Result<(), StoreError> {
        let broken: i64 =
            self.tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check('selfreports')", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(StoreError::Invalid(format!(
                "lỗi nội bộ: {broken} bản báo cáo tự kiểm tra trỏ tới đợt hoặc đơn vị không có; chưa ghi gì"
            )));
        }
        Ok(())
    }
}

/// Binds one item to parameters `base + 1 ..= base + 9`.
fn bind(s: &mut Statement, base: usize, selfreport: i64, item: &NewItem) -> Result<(), StoreError> {
    let figure = Some(item.figure).filter(|f| !f.is_empty());
    s.raw_bind_parameter(base + 1, selfreport)?;
    s.raw_bind_parameter(base + 2, item.criterion)?;
    s.raw_bind_parameter(base + 3, item.points)?;
    s.raw_bind_parameter(base + 4, figure)?;
    s.raw_bind_parameter(base + 5, item.percent)?;
    s.raw_bind_parameter(base + 6, item.result)?;
    s.raw_bind_parameter(base + 7, item.evidence)?;
    s.raw_bind_parameter(base + 8, item.proposal)?;
    s.raw_bind_parameter(base + 9, item.computed)?;
    Ok(())
}

fn revision_row(r: &rusqlite::Row) -> rusqlite::Result<Revision> {
    Ok(Revision {
        id: r.get(0)?,
        round_id: r.get(1)?,
        unit_code: r.get(2)?,
        revision: r.get(3)?,
        content_hash: r.get(4)?,
        file_name: r.get(5)?,
        received_on: parsed(r, 6)?,
        imported_at: r.get(7)?,
        is_current: r.get::<_, i64>(8)? == 1,
    })
}

const REVISION_COLUMNS: &str = "SELECT id, round_id, unit_code, revision, content_hash, file_name, received_on, imported_at, is_current FROM selfreports";

/// Every revision of a unit's report for a round, oldest first.
pub fn revisions(conn: &Connection, round_id: &str, unit: &str) -> Result<Vec<Revision>, StoreError> {
    let mut stmt =
        conn.prepare(&format!("{REVISION_COLUMNS} WHERE round_id = ?1 AND unit_code = ?2 ORDER BY revision"))?;
    let rows = stmt.query_map(params![round_id, unit], revision_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every revision of every unit for a round, by unit then revision.
pub fn all_revisions(conn: &Connection, round_id: &str) -> Result<Vec<Revision>, StoreError> {
    let mut stmt = conn.prepare(&format!("{REVISION_COLUMNS} WHERE round_id = ?1 ORDER BY unit_code, revision"))?;
    let rows = stmt.query_map([round_id], revision_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The items of one revision, in criterion order.
pub fn items(conn: &Connection, selfreport: i64) -> Result<Vec<StoredItem>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT criterion, self_points, figure, figure_pct, result, evidence, proposal FROM selfreport_items
         WHERE selfreport_id = ?1",
    )?;
    let rows = stmt.query_map([selfreport], |r| {
        Ok(StoredItem {
            criterion: r.get(0)?,
            self_points: r.get(1)?,
            figure: r.get(2)?,
            figure_pct: r.get(3)?,
            result: r.get(4)?,
            evidence: r.get(5)?,
            proposal: r.get(6)?,
        })
    })?;
    let mut all: Vec<StoredItem> = rows.collect::<Result<_, _>>()?;
    all.sort_by(|a, b| crate::domain::code::compare(&a.criterion, &b.criterion));
    Ok(all)
}

/// Items reported and sum of self points of each current revision of a round: (unit, items, points). An item counts
/// only if something was filled in: a row left as the template gave it is not a report.
pub fn current_totals(conn: &Connection, round_id: &str) -> Result<Vec<(String, i64, Option<f64>)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT s.unit_code,
             COUNT(CASE WHEN i.self_points IS NOT NULL OR COALESCE(i.figure, '') <> '' OR i.result <> ''
                 OR i.evidence <> '' THEN 1 END),
             SUM(i.self_points)
         FROM selfreports s
         LEFT JOIN selfreport_items i ON i.selfreport_id = s.id
         WHERE s.round_id = ?1 AND s.is_current = 1 GROUP BY s.id",
    )?;
    let rows = stmt.query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const REPORTED_ITEM_COLUMNS: &str =
    "SELECT s.round_id, s.unit_code, i.criterion, i.self_points, i.figure, i.evidence, i.proposal, i.points_computed
     FROM selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id";

pub(super) fn item_row(r: &rusqlite::Row) -> rusqlite::Result<SelfItemRow> {
    Ok(SelfItemRow {
        round_id: r.get(0)?,
        unit_code: r.get(1)?,
        criterion: r.get(2)?,
        self_points: r.get(3)?,
        figure: r.get(4)?,
        evidence: r.get(5)?,
        proposal: r.get(6)?,
        computed: r.get(7)?,
    })
}

/// The items of each unit's current self-report revision in the rounds.
pub fn current_items(conn: &Connection, rounds: Rounds) -> Result<Vec<SelfItemRow>, StoreError> {
    rounds.rows(
        conn,
        &format!("{REPORTED_ITEM_COLUMNS} WHERE s.is_current = 1 AND s.round_id IN {IN_ROUNDS}"),
        item_row,
    )
}

/// The current self-report items `cchc review` looks at: points the program computed, and items the team marked
/// not applicable (their evidence is checked); the rest of a national year's items would only fill memory. The
/// second are found from the scores (`CROSS JOIN` keeps that order): a probe per score marked not applicable, not one
/// per item. Sorted as the items come in the first (round, unit, item).
pub(super) fn review_items_sql() -> String {
    format!(
        "{REPORTED_ITEM_COLUMNS} WHERE s.is_current = 1 AND s.round_id IN {IN_ROUNDS} AND i.points_computed = 1
         UNION SELECT s.round_id, s.unit_code, i.criterion, i.self_points, i.figure, i.evidence, i.proposal,
             i.points_computed
         FROM scores c CROSS JOIN selfreports s ON s.round_id = c.round_id AND s.unit_code = c.unit_code
             JOIN selfreport_items i ON i.selfreport_id = s.id AND i.criterion = c.criterion
         WHERE s.is_current = 1 AND c.round_id IN {IN_ROUNDS} AND c.not_applicable = 1
         ORDER BY 1, 2, 3"
    )
}

/// The items of the revision of `unit`'s self-report the team held at the end of `day` (the newest recorded by
/// then): a correction recorded later is not what the minutes of that day discussed.
pub fn items_as_of(
    conn: &Connection,
    round_id: &str,
    unit: &str,
    day: NaiveDate,
) -> Result<Vec<SelfItemRow>, StoreError> {
    let sql = format!(
        "{REPORTED_ITEM_COLUMNS} WHERE s.id = (SELECT id FROM selfreports WHERE round_id = ?1 AND unit_code = ?2
             AND imported_at <= ?3 ORDER BY revision DESC LIMIT 1)"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![round_id, unit, format!("{day}T23:59:59")], item_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
