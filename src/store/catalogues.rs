//! Catalogue versions stored whole, addressed by the hash of their content.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{StoreError, Tx, settings, timestamp};
use crate::domain::catalogue::Catalogue;
use crate::domain::catalogue_parse;
use crate::store::audit::Change;

const ACTIVE_KEY: &str = "catalogue_hash";

pub fn hash(content: &str) -> String {
    Sha256::digest(content.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores a catalogue version and makes it the active one. A different content under an id and version
/// already stored is refused: a round pinned to that version must keep meaning the same thing.
pub fn load(tx: &Tx, file_name: &str, content: &str, catalogue: &Catalogue) -> Result<String, StoreError> {
    let hash = hash(content);
    let existing: Option<String> = tx
        .query_row(
            "SELECT hash FROM catalogues WHERE id = ?1 AND version = ?2",
            params![catalogue.id, catalogue.version],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(stored) if stored != hash => {
            return Err(StoreError::Conflict(format!(
                "bộ tiêu chí «{}» phiên bản «{}» đã được nạp với nội dung khác. Tệp «{file_name}» đã bị sửa mà vẫn giữ số phiên bản: hãy tăng `version` trong tệp rồi nạp lại.",
                catalogue.id, catalogue.version
            )));
        }
        Some(_) => {}
        None => {
            tx.execute(
                "INSERT INTO catalogues (hash, id, version, file_name, content, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![hash, catalogue.id, catalogue.version, file_name, content, timestamp(tx.now)],
            )?;
            let change = Change { action: "load", entity: "catalogue", entity_id: &hash, round_id: None };
            let new = serde_json::json!({"id": catalogue.id, "version": catalogue.version, "file": file_name});
            tx.audit(change, None::<&()>, Some(&new))?;
        }
    }
    settings::set(tx, ACTIVE_KEY, &hash)?;
    Ok(hash)
}

/// The catalogue stored under `hash`, parsed again from its stored content.
pub fn get(conn: &Connection, hash: &str) -> Result<Catalogue, StoreError> {
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
