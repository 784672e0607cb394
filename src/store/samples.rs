//! Sampled case files: how each sample was drawn and the team's finding on each drawn file.

use rusqlite::{Connection, OptionalExtension, params};

use super::audit::Change;
use super::{StoreError, Tx, rounds, timestamp};
pub use crate::domain::sample::{Sample, SampleFile};

/// Which sample: a unit's item in a round.
pub struct Key<'a> {
    pub round_id: &'a str,
    pub unit_code: &'a str,
    pub criterion: &'a str,
}

pub struct NewSample<'a> {
    pub list_name: &'a str,
    pub list_hash: &'a str,
    pub list_size: usize,
    pub seed: u64,
    pub seed_given: bool,
    /// Drawn files in draw order: code and the list's other columns.
    pub files: Vec<(String, Vec<(String, String)>)>,
}

pub fn draw(tx: &Tx, key: &Key, new: &NewSample) -> Result<Sample, StoreError> {
    rounds::ensure_open_in(tx, key.round_id)?;
    if let Some(old) = get(tx, key)? {
        return Err(StoreError::Conflict(format!(
            "đã bốc mẫu hồ sơ cho {} nội dung {} ở đợt {} (ngày {}, hạt giống {}); xem `cchc sample show {} {} {}`",
            key.unit_code,
            key.criterion,
            key.round_id,
            old.drawn_at.get(..10).unwrap_or_default(),
            old.seed,
            key.round_id,
            key.unit_code,
            key.criterion
        )));
    }
    tx.execute(
        "INSERT INTO samples (round_id, unit_code, criterion, list_name, list_hash, list_size, seed, seed_given,
                              drawn_at, drawn_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            key.round_id,
            key.unit_code,
            key.criterion,
            new.list_name,
            new.list_hash,
            i64::try_from(new.list_size).unwrap_or(i64::MAX),
            new.seed.to_string(),
            new.seed_given,
            timestamp(tx.now),
            tx.actor
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut insert =
        tx.prepare("INSERT INTO sample_files (sample_id, position, code, details) VALUES (?1, ?2, ?3, ?4)")?;
    for (position, (code, details)) in (1_i64..).zip(&new.files) {
        insert.execute(params![id, position, code, serde_json::to_string(details)?])?;
    }
    let drawn = get(tx, key)?.ok_or_else(|| StoreError::NotFound("mẫu vừa bốc".into()))?;
    let change = Change { action: "draw", entity: "sample", entity_id: &id.to_string(), round_id: Some(key.round_id) };
    tx.audit(change, None::<&()>, Some(&drawn))?;
    Ok(drawn)
}

/// Records the team's finding on one drawn file.
pub fn record(tx: &Tx, key: &Key, code: &str, compliant: bool, note: &str) -> Result<SampleFile, StoreError> {
    rounds::ensure_open_in(tx, key.round_id)?;
    let sample = get(tx, key)?.ok_or_else(|| {
        StoreError::NotFound(format!(
            "chưa bốc mẫu hồ sơ cho {} nội dung {} ở đợt {}; hãy chạy `cchc sample draw` trước",
            key.unit_code, key.criterion, key.round_id
        ))
    })?;
    let Some(old) = sample.files.iter().find(|f| f.code.eq_ignore_ascii_case(code.trim())) else {
        let drawn: Vec<&str> = sample.files.iter().map(|f| f.code.as_str()).collect();
        return Err(StoreError::NotFound(format!(
            "hồ sơ «{code}» không nằm trong mẫu đã bốc; các hồ sơ trong mẫu: {}",
            drawn.join(", ")
        )));
    };
    tx.execute(
        "UPDATE sample_files SET compliant = ?3, note = ?4 WHERE sample_id = ?1 AND position = ?2",
        params![sample.id, old.position, compliant, note],
    )?;
    let new = SampleFile { compliant: Some(compliant), note: note.to_owned(), ..old.clone() };
    let change = Change {
        action: "record",
        entity: "sample_file",
        entity_id: &format!("{}:{}", sample.id, old.code),
        round_id: Some(key.round_id),
    };
    tx.audit(change, Some(old), Some(&new))?;
    Ok(new)
}

pub fn get(conn: &Connection, key: &Key) -> Result<Option<Sample>, StoreError> {
    let found = conn
        .query_row(
            "SELECT id, list_name, list_hash, list_size, seed, seed_given, drawn_at, drawn_by FROM samples
             WHERE round_id = ?1 AND unit_code = ?2 AND criterion = ?3",
            params![key.round_id, key.unit_code, key.criterion],
            |r| {
                Ok(Sample {
                    id: r.get(0)?,
                    round_id: key.round_id.to_owned(),
                    unit_code: key.unit_code.to_owned(),
                    criterion: key.criterion.to_owned(),
                    list_name: r.get(1)?,
                    list_hash: r.get(2)?,
                    list_size: r.get(3)?,
                    seed: r.get(4)?,
                    seed_given: r.get(5)?,
                    drawn_at: r.get(6)?,
                    drawn_by: r.get(7)?,
                    files: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut sample) = found else { return Ok(None) };
    let mut stmt = conn.prepare(
        "SELECT position, code, details, compliant, note FROM sample_files WHERE sample_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([sample.id], |r| {
        let details: String = r.get(2)?;
        Ok(SampleFile {
            position: r.get(0)?,
            code: r.get(1)?,
            details: serde_json::from_str(&details).unwrap_or_default(),
            compliant: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    sample.files = rows.collect::<Result<_, _>>()?;
    Ok(Some(sample))
}

/// The samples of a round, for the minutes and reports.
pub fn of_round(conn: &Connection, round_id: &str) -> Result<Vec<Sample>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT unit_code, criterion FROM samples WHERE round_id = ?1 ORDER BY unit_code, id")?;
    let keys: Vec<(String, String)> =
        stmt.query_map([round_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut all = Vec::new();
    for (unit_code, criterion) in &keys {
        all.extend(get(conn, &Key { round_id, unit_code, criterion })?);
    }
    Ok(all)
}
