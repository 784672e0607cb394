//! Findings (kết luận) of a round and the history of their remediation.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx, parsed, parsed_opt, timestamp};
use crate::domain::finding::{self, FindingKind, FindingStatus};
use crate::domain::finding::{Event, Finding};
use crate::domain::round::Round;
use crate::domain::suggest::{Cutoff, nearest};
use crate::store::audit::Change;

#[derive(Clone)]
pub struct NewFinding {
    pub round_id: String,
    pub unit_code: String,
    pub criterion: Option<String>,
    pub official_code: Option<String>,
    pub kind: FindingKind,
    pub text: String,
    pub recommendation: String,
    pub due: Option<NaiveDate>,
    pub source: Option<String>,
    /// The earlier proposal this one repeats, as the person recording it said (`--repeats`).
    pub repeats: Option<String>,
}

/// Every column of a finding, in the order `row` reads them, with its round for ordering and filtering.
pub(super) const COLUMNS: &str = "SELECT f.id, f.round_id, f.seq, f.unit_code, f.criterion, f.official_code, f.kind,
    f.text, f.recommendation, f.due_date, f.status, f.source, f.created_at, f.repeats FROM findings f JOIN rounds r ON r.id = f.round_id";

/// Rounds in date order, findings in their round's order.
pub(super) const ORDER: &str = "ORDER BY r.start_date, r.id, f.seq";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Finding> {
    Ok(Finding {
        id: r.get(0)?,
        round_id: r.get(1)?,
        seq: r.get(2)?,
        unit_code: r.get(3)?,
        criterion: r.get(4)?,
        official_code: r.get(5)?,
        kind: parsed(r, 6)?,
        text: r.get(7)?,
        recommendation: r.get(8)?,
        due: parsed_opt(r, 9)?,
        status: parsed(r, 10)?,
        source: r.get(11)?,
        created_at: r.get(12)?,
        repeats: r.get(13)?,
    })
}

/// The unit of a round's first finding, if the round has any.
pub fn first_unit(conn: &Connection, round_id: &str) -> Result<Option<String>, StoreError> {
    let sql = "SELECT unit_code FROM findings WHERE round_id = ?1 ORDER BY seq LIMIT 1";
    Ok(conn.query_row(sql, [round_id], |r| r.get(0)).optional()?)
}

/// A finding by id; an unknown id names the nearest one.
pub fn get(conn: &Connection, id: &str) -> Result<Finding, StoreError> {
    let id = id.trim();
    // The exact id through the primary key first: a comparison without case cannot use it, and scans every finding.
    let exact = conn.prepare_cached(&format!("{COLUMNS} WHERE f.id = ?1"))?.query_row([id], row).optional()?;
    let found = match exact {
        Some(found) => Some(found),
        None => conn.query_row(&format!("{COLUMNS} WHERE f.id = ?1 COLLATE NOCASE"), [id], row).optional()?,
    };
    if let Some(found) = found {
        return Ok(found);
    }
    let mut stmt = conn.prepare("SELECT id FROM findings")?;
    let ids: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let hint = match nearest(id, ids.iter().map(String::as_str), Cutoff::Typo) {
        Some(near) => format!(" Có phải «{near}»?"),
        None if ids.is_empty() => " Chưa có kết luận nào.".to_owned(),
        None => " Xem danh sách: `cchc finding list`.".to_owned(),
    };
    Err(StoreError::NotFound(format!("không có kết luận «{id}».{hint}")))
}

#[derive(Default)]
pub struct Filter<'a> {
    pub round_id: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub kind: Option<FindingKind>,
    /// Only findings in this remediation status (good practices and proposals have none).
    pub status: Option<FindingStatus>,
    /// Only findings overdue on this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only findings carried into this round: from earlier rounds (of its year or an earlier one: a finding open
    /// at the end of a year carries into the next), in its scope, followed up and not verified before it (those
    /// verified during it stay listed, to show the result).
    pub carried_into: Option<&'a Round>,
}

pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Finding>, StoreError> {
    let carried = filter.carried_into;
    let mut stmt = conn.prepare(&format!(
        "{COLUMNS} WHERE (?1 IS NULL OR f.round_id = ?1) AND (?2 IS NULL OR f.unit_code = ?2)
           AND (?3 IS NULL OR f.kind = ?3) AND (?4 IS NULL OR (f.status = ?4 AND f.kind IN ('han-che', 'vi-pham')))
           AND (?5 IS NULL OR (
                r.year <= ?6 AND f.round_id <> ?5 AND (r.start_date < ?7 OR (r.start_date = ?7 AND r.id < ?5))
                AND f.kind IN ('han-che', 'vi-pham')
                AND (f.status <> 'da-xac-minh' OR EXISTS (SELECT 1 FROM finding_events e
                     WHERE e.finding_id = f.id AND e.status = 'da-xac-minh' AND e.round_id = ?5))
                AND (NOT EXISTS (SELECT 1 FROM round_units WHERE round_id = ?5)
                     OR f.unit_code IN (SELECT unit_code FROM round_units WHERE round_id = ?5))))
         {ORDER}"
    ))?;
    let rows = stmt.query_map(
        params![
            filter.round_id,
            filter.unit,
            filter.kind.map(FindingKind::as_str),
            filter.status.map(FindingStatus::as_str),
            carried.map(|r| r.id.as_str()),
            carried.map(|r| r.year),
            carried.map(|r| r.start.to_string()),
        ],
        row,
    )?;
    let mut all: Vec<Finding> = rows.collect::<Result<_, _>>()?;
    if let Some(today) = filter.overdue_on {
        all.retain(|f| f.is_overdue(today));
    }
    Ok(all)
}

/// Records a finding under the next number of its round.
pub fn add(tx: &Tx, new: &NewFinding) -> Result<Finding, StoreError> {
    super::rounds::ensure_open_in(tx, &new.round_id)?;
    let added = insert(tx, &NewFinding { repeats: None, ..new.clone() }, next_seq(tx, &new.round_id)?)?;
    match &new.repeats {
        Some(earlier) => link(tx, &added.id, Some(earlier)),
        None => Ok(added),
    }
}

/// Records that proposal `id` repeats the earlier proposal `earlier` (`None`: repeats none), as a person said;
/// allowed after the round closed, to link proposals recorded before links existed.
pub fn link(tx: &Tx, id: &str, earlier: Option<&str>) -> Result<Finding, StoreError> {
    let current = get(tx, id)?;
    let earlier = earlier.map(|e| get(tx, e)).transpose()?;
    if let Some(earlier) = &earlier {
        let (this, that) = (super::rounds::get(tx, &current.round_id)?, super::rounds::get(tx, &earlier.round_id)?);
        let first = (that.start, &that.id) < (this.start, &this.id);
        finding::check_repeat(&current, earlier, first).map_err(StoreError::Conflict)?;
    }
    let repeats = earlier.map(|e| e.id);
    tx.execute("UPDATE findings SET repeats = ?1 WHERE id = ?2", params![repeats, current.id])?;
    let change =
        Change { action: "link", entity: "finding", entity_id: &current.id, round_id: Some(&current.round_id) };
    let old = serde_json::json!({ "repeats": current.repeats });
    tx.audit(change, Some(&old), Some(&serde_json::json!({ "repeats": repeats })))?;
    get(tx, &current.id)
}

/// The number the next finding of a round takes.
fn next_seq(tx: &Tx, round_id: &str) -> Result<i64, StoreError> {
    let sql = "SELECT COALESCE(MAX(seq), 0) + 1 FROM findings WHERE round_id = ?1";
    Ok(tx.prepare_cached(sql)?.query_row([round_id], |r| r.get(0))?)
}

/// Writes a finding under number `seq` of its round (open, checked by the caller), with its audit entry.
fn insert(tx: &Tx, new: &NewFinding, seq: i64) -> Result<Finding, StoreError> {
    let created = Finding {
        id: finding::finding_id(&new.round_id, seq),
        round_id: new.round_id.clone(),
        seq,
        unit_code: new.unit_code.clone(),
        criterion: new.criterion.clone(),
        official_code: new.official_code.clone(),
        kind: new.kind,
        text: new.text.clone(),
        recommendation: new.recommendation.clone(),
        due: new.due,
        status: FindingStatus::Mo,
        source: new.source.clone(),
        created_at: timestamp(tx.now),
        repeats: new.repeats.clone(),
    };
    tx.prepare_cached(
        "INSERT INTO findings (id, round_id, seq, unit_code, criterion, official_code, kind, text, recommendation,
             due_date, status, source, created_at, repeats)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        created.id,
        created.round_id,
        seq,
        created.unit_code,
        created.criterion,
        created.official_code,
        created.kind.as_str(),
        created.text,
        created.recommendation,
        created.due.map(|d| d.to_string()),
        created.status.as_str(),
        created.source,
        created.created_at,
        created.repeats
    ])?;
    let change = Change { action: "add", entity: "finding", entity_id: &created.id, round_id: Some(&new.round_id) };
    tx.audit(change, None::<&()>, Some(&created))?;
    Ok(created)
}

pub(super) const EVENT_COLUMNS: &str =
    "SELECT e.finding_id, e.at, e.status, e.note, e.evidence, e.round_id, e.actor FROM finding_events e";

pub(super) fn event_row(r: &rusqlite::Row) -> rusqlite::Result<Event> {
    Ok(Event {
        finding_id: r.get(0)?,
        at: r.get(1)?,
        status: parsed(r, 2)?,
        note: r.get(3)?,
        evidence: r.get(4)?,
        round_id: r.get(5)?,
        actor: r.get(6)?,
    })
}

pub fn events(conn: &Connection, finding_id: &str) -> Result<Vec<Event>, StoreError> {
    let mut stmt = conn.prepare(&format!("{EVENT_COLUMNS} WHERE e.finding_id = ?1 ORDER BY e.id"))?;
    let rows = stmt.query_map([finding_id], event_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub struct StatusUpdate<'a> {
    pub status: FindingStatus,
    pub note: &'a str,
    pub evidence: &'a str,
    pub round_id: Option<&'a str>,
}

/// Moves a finding's remediation forward and keeps the step in its history. Allowed after the finding's round
/// is closed: remediation goes on after the round.
pub fn update_status(tx: &Tx, id: &str, update: &StatusUpdate) -> Result<Finding, StoreError> {
    let current = get(tx, id)?;
    if !current.kind.is_followed_up() {
        let what = match current.kind {
            FindingKind::KienNghi => "kiến nghị, đề xuất (được trả lời bằng `cchc finding answer`)",
            _ => "điển hình (cách làm hay để nhân rộng)",
        };
        return Err(StoreError::Conflict(format!(
            "kết luận {} là {what}, không có việc khắc phục để theo dõi",
            current.id
        )));
    }
    let has_note = !update.note.is_empty() || !update.evidence.is_empty();
    finding::check_move(&current.id, current.status, update.status, has_note).map_err(StoreError::Conflict)?;
    tx.execute("UPDATE findings SET status = ?1 WHERE id = ?2", params![update.status.as_str(), current.id])?;
    tx.execute(
        "INSERT INTO finding_events (finding_id, at, status, note, evidence, round_id, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            current.id,
            timestamp(tx.now),
            update.status.as_str(),
            update.note,
            update.evidence,
            update.round_id,
            tx.actor
        ],
    )?;
    let old = serde_json::json!({ "status": current.status });
    let new = serde_json::json!({
        "status": update.status, "note": update.note, "evidence": update.evidence, "checked_in": update.round_id
    });
    let change =
        Change { action: "status", entity: "finding", entity_id: &current.id, round_id: Some(&current.round_id) };
    tx.audit(change, Some(&old), Some(&new))?;
    get(tx, &current.id)
}

/// The round a status change is checked in when none is named: the newest round of the finding's year that is in
/// progress and did not start before the finding's own round. `None` between rounds.
pub fn default_event_round(conn: &Connection, of: &Round) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM rounds WHERE year = ?1 AND status = 'in_progress' AND start_date >= ?2
             ORDER BY start_date DESC, id DESC LIMIT 1",
            params![of.year, of.start.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Turns the difficulties and proposals (khó khăn, vướng mắc, đề xuất) of the units' current self-reports for
/// `round_id` into `kien-nghi` findings, so the team can answer them. A proposal that already has its finding in
/// the round is left alone, so calling this again adds nothing. Returns how many findings were added.
pub fn sync_proposals(tx: &Tx, round_id: &str) -> Result<usize, StoreError> {
    // Linear at any size (a province's import brings tens of thousands of proposals): the round's proposal findings
    // are read once, the round is checked once, and the findings are numbered on from the last.
    let taken: HashSet<String> = {
        let sql = "SELECT source FROM findings WHERE round_id = ?1 AND source LIKE 'selfreport:%'";
        let mut stmt = tx.prepare(sql)?;
        let rows = stmt.query_map([round_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut pending: Vec<(String, String, String, Option<String>)> = {
        let mut stmt = tx.prepare(
            "SELECT s.unit_code, i.criterion, trim(i.proposal), a.official_code
             FROM selfreport_items i JOIN selfreports s ON s.id = i.selfreport_id
             LEFT JOIN assignments a ON a.criterion = i.criterion AND a.unit_code = s.unit_code
             WHERE s.round_id = ?1 AND s.is_current = 1 AND trim(i.proposal) <> ''",
        )?;
        let rows = stmt.query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    pending.retain(|(unit, criterion, _, _)| !taken.contains(&source(unit, criterion)));
    if pending.is_empty() {
        return Ok(0);
    }
    pending.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| crate::domain::code::compare(&a.1, &b.1)));
    super::rounds::ensure_open_in(tx, round_id)?;
    let first = next_seq(tx, round_id)?;
    for ((unit, criterion, proposal, official), seq) in pending.iter().zip(first..) {
        let new = NewFinding {
            round_id: round_id.to_owned(),
            unit_code: unit.clone(),
            criterion: Some(criterion.clone()),
            official_code: official.clone(),
            kind: FindingKind::KienNghi,
            text: proposal.clone(),
            recommendation: String::new(),
            due: None,
            source: Some(source(unit, criterion)),
            repeats: None,
        };
        insert(tx, &new, seq)?;
    }
    Ok(pending.len())
}

/// Where a proposal's finding came from: `selfreport:UNIT:CRITERION`.
fn source(unit: &str, criterion: &str) -> String {
    format!("selfreport:{unit}:{criterion}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const WARD: &str = "
        INSERT INTO catalogues VALUES ('h', 'c', '1', 'c.toml', '', '2026-01-01T00:00:00');
        INSERT INTO units (code, name, name_folded) VALUES ('VP', 'Văn phòng', 'van phong'), ('KT', 'Kinh tế', 'kinh te');
        INSERT INTO officials (code, name, unit_code, name_folded) VALUES ('CB05', 'Hồ Văn Đức', 'VP', 'ho van duc');
        INSERT INTO assignments VALUES ('1.1.5', 'VP', 'CB05');
        INSERT INTO rounds (id, kind, year, seq, start_date, end_date, selfreport_due, catalogue_hash, created_at)
        VALUES ('2026-dot1', 'dot1', 2026, 1, '2026-07-01', '2026-07-10', '2026-06-26', 'h', '2026-06-01T08:00:00'),
               ('2026-dot2', 'dot2', 2026, 1, '2026-10-20', '2026-10-25', '2026-10-15', 'h', '2026-06-01T08:00:00');
        INSERT INTO selfreports (id, round_id, unit_code, revision, content_hash, file_name, received_on, imported_at, is_current)
        VALUES (1, '2026-dot1', 'VP', 1, 'a', 'vp.csv', '2026-06-20', '2026-06-20T08:00:00', 0),
               (2, '2026-dot1', 'VP', 2, 'b', 'vp.csv', '2026-06-24', '2026-06-24T08:00:00', 1),
               (3, '2026-dot1', 'KT', 1, 'c', 'kt.csv', '2026-06-24', '2026-06-24T08:00:00', 1),
               (4, '2026-dot2', 'VP', 1, 'd', 'vp.csv', '2026-10-14', '2026-10-14T08:00:00', 1);
        INSERT INTO selfreport_items (selfreport_id, criterion, self_points, proposal)
        VALUES (1, '1.1.5', 1.0, 'Đề xuất của bản cũ'),
               (2, '1.1.5', 1.5, ' Đề nghị bố trí kinh phí số hóa '),
               (2, '1.1.6', 1.0, ''),
               (2, '1.1.7', 1.0, '   '),
               (3, '1.6.1.1', 1.0, 'Vướng mắc về giải ngân'),
               (4, '1.1.5', 2.0, 'Đề nghị bố trí kinh phí số hóa');
    ";

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let store = Store::create(&dir.path().join("t.db"), "tester", now).unwrap();
        store.conn.execute_batch(WARD).unwrap();
        (dir, store)
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn proposals_of_current_revisions_become_kien_nghi_findings_once() {
        let (_dir, mut store) = store();
        assert_eq!(store.write(|tx| sync_proposals(tx, "2026-dot1")).unwrap(), 2);
        assert_eq!(count(&store, "SELECT COUNT(*) FROM audit_log WHERE entity = 'finding'"), 2);
        let found = list(&store.conn, &Filter { round_id: Some("2026-dot1"), ..Filter::default() }).unwrap();
        let vp = found.iter().find(|f| f.unit_code == "VP").unwrap();
        assert_eq!(vp.kind, FindingKind::KienNghi);
        assert_eq!(vp.text, "Đề nghị bố trí kinh phí số hóa");
        assert_eq!(vp.criterion.as_deref(), Some("1.1.5"));
        assert_eq!(vp.official_code.as_deref(), Some("CB05"), "from the assignment");
        assert_eq!(vp.source.as_deref(), Some("selfreport:VP:1.1.5"));
        let kt = found.iter().find(|f| f.unit_code == "KT").unwrap();
        assert_eq!(kt.official_code, None, "nobody is assigned 1.6.1.1 at KT here");
        // Again: nothing new, nothing logged.
        assert_eq!(store.write(|tx| sync_proposals(tx, "2026-dot1")).unwrap(), 0);
        assert_eq!(count(&store, "SELECT COUNT(*) FROM findings"), 2);
        assert_eq!(count(&store, "SELECT COUNT(*) FROM audit_log"), 2);
        // The same proposal repeated in the next round is a new finding of that round.
        assert_eq!(store.write(|tx| sync_proposals(tx, "2026-dot2")).unwrap(), 1);
        assert_eq!(get(&store.conn, "2026-dot2-F01").unwrap().source.as_deref(), Some("selfreport:VP:1.1.5"));
    }

    #[test]
    fn nothing_to_sync_without_self_reports() {
        let (_dir, mut store) = store();
        store.conn.execute_batch("DELETE FROM selfreport_items; DELETE FROM selfreports;").unwrap();
        assert_eq!(store.write(|tx| sync_proposals(tx, "2026-dot1")).unwrap(), 0);
    }
}
