//! Keeping the ward's record safe: online backups and consistency checks.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::{StoreError, catalogues};

/// Pages copied between pauses, so that a writer in another process is not starved during a backup.
const BACKUP_STEP: std::os::raw::c_int = 1024;
const BACKUP_PAUSE: Duration = Duration::from_millis(2);

/// Copies the live database with SQLite's online backup, safe while another process writes:
/// SQLite restarts the copy if the source changes under it, so the result is one consistent state.
pub fn backup(conn: &Connection, to: &Path) -> Result<(), StoreError> {
    let mut target = Connection::open(to)?;
    let backup = Backup::new(conn, &mut target)?;
    backup.run_to_completion(BACKUP_STEP, BACKUP_PAUSE, None)?;
    Ok(())
}

/// Writes the backup at `from` into the live database through SQLite itself (the online backup API in reverse),
/// so the database's own write-ahead log is handled by SQLite: copying a file over the database could have a
/// stale `-wal` replayed onto it. Other readers see the old state or the new, never a mix.
pub fn restore(live: &mut Connection, from: &Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, live)?;
    backup.run_to_completion(BACKUP_STEP, BACKUP_PAUSE, None)?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct CheckResult {
    pub name: &'static str,
    pub problems: Vec<String>,
}

pub fn run_checks(conn: &Connection) -> Result<Vec<CheckResult>, StoreError> {
    Ok(vec![
        CheckResult { name: "Toàn vẹn tệp (integrity_check)", problems: integrity(conn)? },
        CheckResult { name: "Khoá ngoại (foreign_key_check)", problems: foreign_keys(conn)? },
        CheckResult { name: "Bộ tiêu chí của các đợt khớp mã băm", problems: catalogue_hashes(conn)? },
        CheckResult { name: "Tệp kiểm chứng khớp mã băm SHA-256", problems: super::evidence::verify(conn)? },
        CheckResult {
            name: "Nhật ký liên tục, đủ cho mọi đợt, đơn vị, cán bộ", problems: audit_continuity(conn)?
        },
    ])
}

/// Every problem the checks find, for a command that only needs to know whether the database is sound.
pub fn problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(run_checks(conn)?.into_iter().flat_map(|c| c.problems).collect())
}

fn integrity(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

fn foreign_keys(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        let table: String = r.get(0)?;
        let rowid: Option<i64> = r.get(1)?;
        let parent: String = r.get(2)?;
        Ok(format!("bảng {table}, dòng {}: tham chiếu tới {parent} không tồn tại", rowid.unwrap_or_default()))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn catalogue_hashes(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT hash, id, version, content FROM catalogues")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut problems = Vec::new();
    for row in rows {
        let (hash, id, version, content) = row?;
        if catalogues::hash(&content) != hash {
            problems.push(format!("nội dung bộ tiêu chí {id} phiên bản {version} đã bị sửa trong cơ sở dữ liệu"));
        }
    }
    Ok(problems)
}

fn audit_continuity(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let (count, max): (i64, Option<i64>) =
        conn.query_row("SELECT count(*), max(id) FROM audit_log", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if max.unwrap_or(0) != count {
        problems
            .push(format!("nhật ký có {count} mục nhưng số thứ tự lớn nhất là {}: có mục đã bị xoá", max.unwrap_or(0)));
    }
    let backwards: i64 = conn.query_row(
        "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 WHERE b.at < a.at",
        [],
        |r| r.get(0),
    )?;
    if backwards > 0 {
        problems.push(format!("{backwards} mục nhật ký có thời gian lùi so với mục trước"));
    }
    // Whole statements rather than a table name pasted into SQL: every statement stays a literal.
    const UNLOGGED: [(&str, &str); 3] = [
        ("round", "SELECT id FROM rounds WHERE id NOT IN (SELECT entity_id FROM audit_log WHERE entity = 'round')"),
        ("unit", "SELECT code FROM units WHERE code NOT IN (SELECT entity_id FROM audit_log WHERE entity = 'unit')"),
        (
            "official",
            "SELECT code FROM officials WHERE code NOT IN (SELECT entity_id FROM audit_log WHERE entity = 'official')",
        ),
    ];
    for (entity, sql) in UNLOGGED {
        let mut stmt = conn.prepare(sql)?;
        let missing: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        for id in missing {
            problems.push(format!("{entity} «{id}» không có mục nào trong nhật ký"));
        }
    }
    Ok(problems)
}
