//! A large write-ahead log left by a run that stopped mid-write (Ctrl-C, a closed window, a power cut): its
//! uncommitted part is ignored by SQLite, but the file stays beside the database until someone checkpoints it.

use std::path::Path;

use rusqlite::Connection;

/// Above this size a `-wal` file is a leftover: SQLite's own checkpoints keep it near 4 MiB in normal use.
const LEFTOVER_BYTES: u64 = 16 * 1024 * 1024;

/// Copies what the log holds into the database and empties it, when a leftover is found on opening. Best effort: a
/// reader holding an old snapshot makes the checkpoint partial, which is harmless and tried again next time.
pub(super) fn checkpoint_leftover(path: &Path, conn: &Connection) {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > LEFTOVER_BYTES) {
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_log_left_beside_the_database_is_emptied_on_opening() {
        let dir = std::env::temp_dir().join(format!("cchc-wal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("cchc.db");
        let writer = Connection::open(&db).unwrap();
        writer.pragma_update(None, "journal_mode", "WAL").unwrap();
        writer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        writer.execute_batch("CREATE TABLE t (x BLOB)").unwrap();
        for _ in 0..20 {
            writer.execute("INSERT INTO t VALUES (zeroblob(1048576))", []).unwrap();
        }
        let wal = dir.join("cchc.db-wal");
        assert!(std::fs::metadata(&wal).unwrap().len() > LEFTOVER_BYTES);
        // As if the writer had been stopped: it is never closed, so it never checkpoints.
        std::mem::forget(writer);
        let reader = Connection::open(&db).unwrap();
        checkpoint_leftover(&db, &reader);
        assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
        let rows: i64 = reader.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 20);
        drop(reader);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
