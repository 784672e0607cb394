//! Evidence files in SQLite's archive table `sqlar` (what `sqlite3 FILE -A` lists and extracts), named by their
//! SHA-256, and the rows that link each to a round, unit and item. Content streams in and out in chunks through
//! SQLite's incremental blob I/O: memory stays flat whatever a file's size.

use std::io::{Read, Write};

use rusqlite::{Connection, MAIN_DB, OptionalExtension, Row, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::audit::Change;
use super::{StoreError, Tx, parsed, settings, timestamp};
use crate::domain::code;
use crate::domain::evidence::{FileKind, ItemEvidence, PaperTrail};
use crate::domain::sample::hex;

/// Bytes read or written at a time.
const CHUNK: usize = 256 * 1024;
/// `-rw-r--r--`, as `sqlite3 -A` records a regular file.
const MODE: i64 = 0o100_644;
/// The per-file size cap when `cchc config set evidence_max_mb` was not used.
pub const DEFAULT_MAX_MB: u64 = 100;
pub const MAX_MB_KEY: &str = "evidence_max_mb";

/// The archive entry of a content: `sqlite3 DB -Ax` writes it to `sha256/<hex>`.
pub fn entry_name(sha256: &str) -> String {
    format!("sha256/{sha256}")
}

/// The size cap per file, in bytes.
pub fn max_size(conn: &Connection) -> Result<u64, StoreError> {
    let mb = settings::get(conn, MAX_MB_KEY)?.and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(DEFAULT_MAX_MB);
    Ok(mb.saturating_mul(1024 * 1024))
}

pub struct Content {
    pub sha256: String,
    pub size: u64,
    /// False when the same content was already stored (the new copy is dropped).
    pub fresh: bool,
}

/// Stores exactly `size` bytes read by `open()` (called once or twice) in the archive. A first pass hashes them:
/// content already stored is not written again. Otherwise a second pass streams them into a zero-filled blob
/// under its final name, hashing again to make sure the file did not change in between. The row is never
/// updated afterwards: an UPDATE would rewrite the whole blob through memory. `label` names the file in messages.
pub fn put<R: Read>(
    tx: &Tx,
    mut open: impl FnMut() -> std::io::Result<R>,
    size: u64,
    label: &str,
) -> Result<Content, StoreError> {
    let len = i64::try_from(size).map_err(|_| StoreError::Invalid(format!("tệp «{label}» quá lớn")))?;
    let mut buf = vec![0u8; CHUNK];
    let mut first = open().map_err(|e| read_error(label, &e))?;
    let sha256 = stream(&mut first, &mut buf, size, label, |_| Ok(()))?;
    let name = entry_name(&sha256);
    let exists = tx.query_row("SELECT 1 FROM sqlar WHERE name = ?1", [&name], |_| Ok(())).optional()?.is_some();
    if exists {
        return Ok(Content { sha256, size, fresh: false });
    }
    tx.execute(
        "INSERT INTO sqlar (name, mode, mtime, sz, data) VALUES (?1, ?2, ?3, ?4, zeroblob(?4))",
        params![name, MODE, tx.now.and_utc().timestamp(), len],
    )?;
    let mut blob = tx.blob_open(MAIN_DB, "sqlar", "data", tx.last_insert_rowid(), false)?;
    let mut second = open().map_err(|e| read_error(label, &e))?;
    let again = stream(&mut second, &mut buf, size, label, |chunk| {
        blob.write_all(chunk).map_err(|e| StoreError::Invalid(format!("không ghi được «{label}»: {e}")))
    })?;
    if again != sha256 {
        return Err(changed(label));
    }
    Ok(Content { sha256, size, fresh: true })
}

/// Reads exactly `size` bytes in chunks, handing each to `sink`; returns their SHA-256.
fn stream(
    reader: &mut dyn Read,
    buf: &mut [u8],
    size: u64,
    label: &str,
    mut sink: impl FnMut(&[u8]) -> Result<(), StoreError>,
) -> Result<String, StoreError> {
    let mut hasher = Sha256::new();
    let mut total: u64 = 0;
    loop {
        let n = reader.read(buf).map_err(|e| read_error(label, &e))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > size {
            return Err(changed(label));
        }
        hasher.update(&buf[..n]);
        sink(&buf[..n])?;
    }
    if total != size {
        return Err(changed(label));
    }
    Ok(hex(&hasher.finalize()))
}

fn read_error(label: &str, e: &std::io::Error) -> StoreError {
    StoreError::Invalid(format!("không đọc được tệp «{label}»: {e}"))
}

fn changed(label: &str) -> StoreError {
    StoreError::Invalid(format!(
        "tệp «{label}» thay đổi trong khi đang đọc; hãy đóng chương trình đang ghi tệp rồi chạy lại"
    ))
}

/// Copies a stored content to `out`, chunk by chunk.
pub fn copy_to(conn: &Connection, sha256: &str, out: &mut dyn Write) -> Result<u64, StoreError> {
    let missing =
        || StoreError::NotFound(format!("không còn nội dung tệp {sha256} trong cơ sở dữ liệu; chạy `cchc check`"));
    let (rowid, sz): (i64, i64) = conn
        .query_row("SELECT rowid, sz FROM sqlar WHERE name = ?1", [entry_name(sha256)], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(missing)?;
    let mut blob =
        open_raw(conn, rowid, sz).map_err(|why| StoreError::Invalid(format!("nội dung tệp {sha256}: {why}")))?;
    std::io::copy(&mut blob, out).map_err(|e| StoreError::Invalid(format!("không ghi được tệp: {e}")))
}

/// Opens an entry's data for reading, after checking it is stored raw (`sz` = its length), as cchc stores it. The
/// length comes from the blob handle: `length(data)` in a query can load a whole blob into memory.
fn open_raw(conn: &Connection, rowid: i64, sz: i64) -> Result<rusqlite::blob::Blob<'_>, String> {
    let blob = conn.blob_open(MAIN_DB, "sqlar", "data", rowid, true).map_err(|e| e.to_string())?;
    if i64::try_from(blob.len()).ok() != Some(sz) {
        return Err(format!(
            "kích thước ghi {sz} khác nội dung {} byte (bị sửa, hoặc được nén bởi chương trình khác: cchc chỉ đọc tệp không nén)",
            blob.len()
        ));
    }
    Ok(blob)
}

/// Re-hashes every stored file an evidence row uses; one line per problem (for `cchc check`).
pub fn verify(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT e.sha256, min(e.name), s.rowid, s.sz FROM evidence e
         LEFT JOIN sqlar s ON s.name = 'sha256/' || e.sha256 GROUP BY e.sha256 ORDER BY e.sha256",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<i64>>(2)?, r.get::<_, Option<i64>>(3)?))
    })?;
    let mut problems = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    for row in rows {
        let (sha256, name, rowid, sz) = row?;
        let Some(rowid) = rowid else {
            problems.push(format!("tệp kiểm chứng «{name}»: nội dung không còn trong cơ sở dữ liệu"));
            continue;
        };
        let mut blob = match open_raw(conn, rowid, sz.unwrap_or(-1)) {
            Ok(blob) => blob,
            Err(why) => {
                problems.push(format!("tệp kiểm chứng «{name}»: {why}"));
                continue;
            }
        };
        let hashed = stream(&mut blob, &mut buf, u64::try_from(sz.unwrap_or(0)).unwrap_or(0), &name, |_| Ok(()))?;
        if hashed != sha256 {
            problems.push(format!("tệp kiểm chứng «{name}»: nội dung không khớp mã băm SHA-256 (đã bị sửa hoặc hỏng)"));
        }
    }
    Ok(problems)
}

/// What `link` records.
pub struct NewEvidence<'a> {
    pub round_id: &'a str,
    pub unit_code: &'a str,
    pub criterion: &'a str,
    pub name: &'a str,
    pub kind: FileKind,
    pub received_on: chrono::NaiveDate,
    pub note: &'a str,
    pub clarification: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub round_id: String,
    pub unit_code: String,
    pub criterion: String,
    pub name: String,
    pub kind: FileKind,
    pub size: u64,
    pub sha256: String,
    pub received_on: chrono::NaiveDate,
    pub note: String,
    pub clarification: Option<String>,
    pub added_at: String,
    pub added_by: String,
}

const COLUMNS: &str = "id, round_id, unit_code, criterion, name, kind, size, sha256, received_on, note, clarification, \
                       added_at, added_by";

fn row(r: &Row) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        round_id: r.get(1)?,
        unit_code: r.get(2)?,
        criterion: r.get(3)?,
        name: r.get(4)?,
        kind: parsed(r, 5)?,
        size: r.get::<_, i64>(6)?.try_into().unwrap_or_default(),
        sha256: r.get(7)?,
        received_on: parsed(r, 8)?,
        note: r.get(9)?,
        clarification: r.get(10)?,
        added_at: r.get(11)?,
        added_by: r.get(12)?,
    })
}

/// Links a stored content to an item; `None` when that very content already backs that item of that unit.
pub fn link(tx: &Tx, new: &NewEvidence, content: &Content) -> Result<Option<Evidence>, StoreError> {
    let inserted = tx.execute(
        "INSERT INTO evidence (round_id, unit_code, criterion, sha256, kind, name, size, received_on, note,
                               clarification, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (round_id, unit_code, criterion, sha256) DO NOTHING",
        params![
            new.round_id,
            new.unit_code,
            new.criterion,
            content.sha256,
            new.kind.as_str(),
            new.name,
            i64::try_from(content.size).unwrap_or(i64::MAX),
            new.received_on.to_string(),
            new.note,
            new.clarification,
            timestamp(tx.now),
            tx.actor,
        ],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    let added = get(tx, tx.last_insert_rowid())?;
    let change =
        Change { action: "add", entity: "evidence", entity_id: &added.id.to_string(), round_id: Some(new.round_id) };
    tx.audit(change, None::<&()>, Some(&added))?;
    Ok(Some(added))
}

pub fn get(conn: &Connection, id: i64) -> Result<Evidence, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("không có tệp kiểm chứng số {id} (xem `cchc evidence list ĐỢT`)")))
}

#[derive(Default)]
pub struct Filter<'a> {
    pub rounds: &'a [String],
    pub unit: Option<&'a str>,
    pub criterion: Option<&'a str>,
}

/// The files of the given rounds, by unit, item (in code order), then as added.
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Evidence>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM evidence WHERE round_id = ?1 AND (?2 IS NULL OR unit_code = ?2)
         AND (?3 IS NULL OR criterion = ?3 OR criterion LIKE ?3 || '.%') ORDER BY unit_code, id"
    ))?;
    let mut all = Vec::new();
    for round in filter.rounds {
        let rows = stmt.query_map(params![round, filter.unit, filter.criterion], row)?;
        for r in rows {
            all.push(r?);
        }
    }
    all.sort_by(|a, b| {
        (&a.round_id, &a.unit_code)
            .cmp(&(&b.round_id, &b.unit_code))
            .then_with(|| code::compare(&a.criterion, &b.criterion))
            .then(a.id.cmp(&b.id))
    });
    Ok(all)
}

/// Unlinks a file; its content goes too unless another row still uses it. Returns the row and whether the
/// content was deleted.
pub fn remove(tx: &Tx, id: i64) -> Result<(Evidence, bool), StoreError> {
    let old = get(tx, id)?;
    super::rounds::ensure_open_in(tx, &old.round_id)?;
    tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
    let used: i64 = tx.query_row("SELECT count(*) FROM evidence WHERE sha256 = ?1", [&old.sha256], |r| r.get(0))?;
    if used == 0 {
        tx.execute("DELETE FROM sqlar WHERE name = ?1", [entry_name(&old.sha256)])?;
    }
    let change =
        Change { action: "remove", entity: "evidence", entity_id: &id.to_string(), round_id: Some(&old.round_id) };
    tx.audit(change, Some(&old), None::<&()>)?;
    Ok((old, used == 0))
}

/// Every item of the round's current self-reports with its self-points (those the program computed from the unit's
/// figure too: the figure is the claim the evidence must back), the documents it cites and the files attached: what
/// `evidence check`, the minutes, the round report and the self-assessment table read. `as_of`: only files received
/// by that day (a paper as of a date does not count a file handed over later).
pub fn coverage(
    conn: &Connection,
    round_id: &str,
    as_of: Option<chrono::NaiveDate>,
) -> Result<Vec<ItemEvidence>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT s.unit_code, i.criterion, i.self_points, i.evidence,
                (SELECT group_concat(e.name, char(10) ORDER BY e.id) FROM evidence e
                  WHERE e.round_id = s.round_id AND e.unit_code = s.unit_code AND e.criterion = i.criterion
                    AND (?2 IS NULL OR e.received_on <= ?2))
         FROM selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id
         WHERE s.round_id = ?1 AND s.is_current = 1",
    )?;
    let rows = stmt.query_map(rusqlite::params![round_id, as_of.map(|d| d.to_string())], |r| {
        let files: Option<String> = r.get(4)?;
        Ok(ItemEvidence {
            unit_code: r.get(0)?,
            criterion: r.get(1)?,
            self_points: r.get(2)?,
            citation: r.get(3)?,
            files: files.map(|f| f.split('\n').map(str::to_owned).collect()).unwrap_or_default(),
        })
    })?;
    let mut items: Vec<ItemEvidence> = rows.collect::<Result<_, _>>()?;
    items.sort_by(|a, b| a.unit_code.cmp(&b.unit_code).then_with(|| code::compare(&a.criterion, &b.criterion)));
    Ok(items)
}

/// One unit's paper trail in a round, for its minutes.
pub fn paper_trail(
    conn: &Connection,
    round_id: &str,
    unit: &str,
    as_of: chrono::NaiveDate,
) -> Result<PaperTrail, StoreError> {
    let items = coverage(conn, round_id, Some(as_of))?.into_iter().filter(|i| i.unit_code == unit).collect();
    let clarifications = super::clarifications::list(conn, Some(round_id), Some(unit))?;
    let samples = super::samples::of_round(conn, round_id)?.into_iter().filter(|s| s.unit_code == unit).collect();
    Ok(PaperTrail { as_of, items, clarifications, samples })
}
