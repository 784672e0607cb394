//! Catalogue versions stored whole, addressed by the hash of their content.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{StoreError, Tx, settings, timestamp};
use crate::domain::catalogue::Catalogue;
use crate::domain::{catalogue_parse, catalogue_toml};
use crate::store::audit::Change;

#[path = "catalogue_parsed.rs"]
pub mod parsed;

const ACTIVE_KEY: &str = "catalogue_hash";

pub fn hash(content: &str) -> String {
    Sha256::digest(content.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores a catalogue version in its canonical form and makes it the active one (the one new rounds take). A
/// different content under an id and version already stored is refused: a round pinned to that version must keep
/// meaning the same thing. Returns the version's hash.
pub fn load(tx: &Tx, file_name: &str, catalogue: &Catalogue) -> Result<String, StoreError> {
    let content = catalogue_toml::canonical(catalogue);
    let hash = hash(&content);
    let existing: Option<(String, String, String)> = tx
        .query_row(
            "SELECT hash, file_name, content FROM catalogues WHERE id = ?1 AND version = ?2",
            params![catalogue.id, catalogue.version],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let active = match existing {
        // A database from before canonical storage holds the file's own text: compared by content, not by bytes.
        Some((stored, stored_file, stored_content)) => {
            let same = stored == hash
                || catalogue_parse::parse(&stored_file, &stored_content)
                    .is_ok_and(|c| catalogue_toml::canonical(&c) == content);
            if !same {
                return Err(StoreError::Conflict(format!(
                    "bộ tiêu chí «{}» phiên bản «{}» đã được nạp với nội dung khác. Tệp «{file_name}» đã bị sửa mà vẫn giữ số phiên bản: hãy tăng `version` trong tệp rồi nạp lại.",
                    catalogue.id, catalogue.version
                )));
            }
            stored
        }
        None => {
            tx.execute(
                "INSERT INTO catalogues (hash, id, version, file_name, content, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![hash, catalogue.id, catalogue.version, file_name, content, timestamp(tx.now)],
            )?;
            let change = Change { action: "load", entity: "catalogue", entity_id: &hash, round_id: None };
            let new = serde_json::json!({"id": catalogue.id, "version": catalogue.version, "file": file_name});
            tx.audit(change, None::<&()>, Some(&new))?;
            hash
        }
    };
    // What `get` would parse from the stored content (not `catalogue` itself, read from the user's file).
    if let Ok(stored) = parse_stored(tx, &active) {
        parsed::keep(tx, &active, &stored)?;
    }
    settings::set(tx, ACTIVE_KEY, &active)?;
    Ok(active)
}

/// The catalogue stored under `hash`: the parsed form kept for it when there is one of this program's, else parsed
/// again from its stored content (the same catalogue, only slower).
pub fn get(conn: &Connection, hash: &str) -> Result<Catalogue, StoreError> {
    match parsed::kept(conn, hash) {
        Some(catalogue) => Ok(catalogue),
        None => parse_stored(conn, hash),
    }
}

/// The catalogue stored under `hash`, parsed from its stored content.
fn parse_stored(conn: &Connection, hash: &str) -> Result<Catalogue, StoreError> {
    let (file, content): (String, String) = conn
        .query_row("SELECT file_name, content FROM catalogues WHERE hash = ?1", [hash], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("không tìm thấy bộ tiêu chí có mã băm {hash}")))?;
    catalogue_parse::parse(&file, &content).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The catalogue new rounds are created with.
pub fn active(conn: &Connection) -> Result<(String, Catalogue), StoreError> {
    let hash = settings::get(conn, ACTIVE_KEY)?
        .ok_or_else(|| StoreError::NotFound("cơ sở dữ liệu chưa có bộ tiêu chí; hãy chạy `cchc init`".into()))?;
    let catalogue = get(conn, &hash)?;
    Ok((hash, catalogue))
}

/// One stored catalogue version, for `criteria versions`.
#[derive(Debug, Clone)]
pub struct Version {
    pub hash: String,
    pub id: String,
    pub version: String,
    pub file_name: String,
    pub loaded_at: String,
    pub catalogue: Catalogue,
    /// Ids of the rounds pinned to this version.
    pub rounds: Vec<String>,
    pub active: bool,
}

/// Every stored version, oldest first.
pub fn versions(conn: &Connection) -> Result<Vec<Version>, StoreError> {
    let active = settings::get(conn, ACTIVE_KEY)?;
    let mut stmt = conn.prepare(
        "SELECT c.hash, c.id, c.version, c.file_name, c.loaded_at,
                (SELECT group_concat(r.id, ' ') FROM (SELECT id FROM rounds WHERE catalogue_hash = c.hash ORDER BY year, created_at, id) r)
         FROM catalogues c ORDER BY c.loaded_at, c.rowid",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get::<_, Option<String>>(5)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (hash, id, version, file_name, loaded_at, rounds): (String, String, String, String, String, _) = row?;
        out.push(Version {
            catalogue: get(conn, &hash)?,
            active: active.as_deref() == Some(hash.as_str()),
            rounds: rounds.map(|r| r.split(' ').map(str::to_owned).collect()).unwrap_or_default(),
            hash,
            id,
            version,
            file_name,
            loaded_at,
        });
    }
    Ok(out)
}

/// The stored version a user named: `ID@VERSION`, a version alone when only one id has it, or the start of a hash.
pub fn find(conn: &Connection, spec: &str) -> Result<(String, Catalogue), StoreError> {
    let spec = spec.trim();
    let (id, version) = spec.split_once('@').map_or(("", spec), |(i, v)| (i.trim(), v.trim()));
    let mut stmt = conn.prepare(
        "SELECT hash FROM catalogues WHERE (version = ?2 AND (?1 = '' OR id = ?1))
            OR (?1 = '' AND length(?2) >= 6 AND hash LIKE ?2 || '%') ORDER BY loaded_at, rowid",
    )?;
    let hashes: Vec<String> = stmt.query_map(params![id, version], |r| r.get(0))?.collect::<Result<_, _>>()?;
    match hashes.as_slice() {
        [hash] => Ok((hash.clone(), get(conn, hash)?)),
        [] => {
            let known: Vec<String> = versions(conn)?.iter().map(|v| format!("{}@{}", v.id, v.version)).collect();
            Err(StoreError::NotFound(format!(
                "không có bộ tiêu chí «{spec}» trong cơ sở dữ liệu; các phiên bản đã nạp: {} (xem `cchc criteria versions`)",
                known.join(", ")
            )))
        }
        _ => Err(StoreError::Invalid(format!(
            "«{spec}» khớp với {} bộ tiêu chí; hãy ghi rõ dạng MÃ@PHIÊN_BẢN (xem `cchc criteria versions`)",
            hashes.len()
        ))),
    }
}
