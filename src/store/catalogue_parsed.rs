//! The parsed form of each stored catalogue version (table `catalogue_parsed`), kept so that a command on a round
//! does not parse its catalogue's TOML again: JSON of the `Catalogue`, read back in a fraction of the parse's time.
//! Derived data, keyed by the content's hash: a catalogue changed in any way is another version with another hash.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::domain::catalogue::Catalogue;
use crate::store::StoreError;

/// This program's form of a parsed catalogue: its package version and a number to raise whenever `Catalogue`'s
/// fields or what `catalogue_parse::parse` makes of a file change (`the_parsed_form_is_pinned` fails until it is),
/// so that a form another build stored is never read as this one's.
pub const FORMAT: &str = concat!(env!("CARGO_PKG_VERSION"), "/1");

/// The parsed form kept for `hash`, when there is one of this program's format that reads. Anything else (none yet,
/// another format, a row edited by hand, a connection to a file not yet migrated) is only a lost shortcut.
pub fn kept(conn: &Connection, hash: &str) -> Option<Catalogue> {
    let sql = "SELECT parsed FROM catalogue_parsed WHERE hash = ?1 AND format = ?2";
    // Read in place, checked as UTF-8 by the SIMD checker: the form is long and mostly Vietnamese.
    let read = |r: &rusqlite::Row| {
        let bytes = r.get_ref(0)?.as_bytes()?;
        Ok(simdutf8::basic::from_utf8(bytes).ok().and_then(|json| serde_json::from_str(json).ok()))
    };
    conn.query_row(sql, params![hash, FORMAT], read).optional().ok().flatten().flatten()
}

/// Keeps `catalogue`, parsed from the content stored under `hash`, as that version's parsed form. A form that would
/// not read back as the very same catalogue is not kept: the catalogue is then parsed each time, as before.
pub fn keep(conn: &Connection, hash: &str, catalogue: &Catalogue) -> Result<(), StoreError> {
    let json = serde_json::to_string(catalogue).map_err(|e| StoreError::Invalid(e.to_string()))?;
    if serde_json::from_str::<Catalogue>(&json).ok().as_ref() != Some(catalogue) {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO catalogue_parsed (hash, format, parsed) VALUES (?1, ?2, ?3)
         ON CONFLICT (hash, format) DO UPDATE SET parsed = excluded.parsed",
        params![hash, FORMAT, json],
    )?;
    Ok(())
}

/// Keeps the parsed form of every stored version that lacks one of this format: the versions loaded before the
/// table existed, or by another build of cchc. Once per database and program, like a migration, but never waited for: while
/// another command writes, this fails at once (busy) and a later command does it.
pub fn fill(conn: &Connection) -> Result<(), StoreError> {
    if missing(conn)?.is_empty() {
        return Ok(());
    }
    let path = conn.path().filter(|p| !p.is_empty()).map(Path::new);
    let Some(path) = path else { return Ok(()) };
    let mut writer =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    writer.busy_timeout(Duration::ZERO)?;
    let tx = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for hash in missing(&tx)? {
        // A version whose content no longer parses has no parsed form: `get` reports it, as before.
        if let Ok(catalogue) = super::parse_stored(&tx, &hash) {
            keep(&tx, &hash, &catalogue)?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Parsed forms that read as another catalogue than their version's stored content (the table edited outside cchc):
/// for `cchc check`, beside the content's own hash. A backup from before the table has none to check.
pub fn disagreeing(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let table: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'catalogue_parsed'", [], |r| r.get(0))?;
    if table == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT c.hash, c.id, c.version FROM catalogues c JOIN catalogue_parsed p USING (hash) WHERE p.format = ?1",
    )?;
    let rows =
        stmt.query_map([FORMAT], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut problems = Vec::new();
    for row in rows {
        let (hash, id, version) = row?;
        let (Some(kept), Ok(parsed)) = (kept(conn, &hash), super::parse_stored(conn, &hash)) else { continue };
        if kept != parsed {
            problems.push(format!(
                "dạng đã phân tích của bộ tiêu chí {id} phiên bản {version} (bảng catalogue_parsed) khác nội dung đã lưu: \
                 bảng đã bị sửa ngoài cchc; nạp lại đúng tệp phiên bản đó bằng `cchc criteria load` để ghi lại"
            ));
        }
    }
    Ok(problems)
}

/// The stored versions without a parsed form of this format.
fn missing(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT hash FROM catalogues c
         WHERE NOT EXISTS (SELECT 1 FROM catalogue_parsed p WHERE p.hash = c.hash AND p.format = ?1)",
    )?;
    let hashes = stmt.query_map([FORMAT], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(hashes)
}

#[cfg(test)]
#[path = "catalogue_parsed_tests.rs"]
mod tests;
