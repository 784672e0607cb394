//! Keeping the ward's record safe: online backups and consistency checks.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::{StoreError, catalogues};
use crate::domain::directory::Official;

/// Pages copied between pauses, so that a writer in another process is not starved during a backup.
const BACKUP_STEP: std::os::raw::c_int = 1024;
const BACKUP_PAUSE: Duration = Duration::from_millis(2);

/// Copies the live database with SQLite's online backup, safe while another process writes:
/// SQLite restarts the copy if the source changes under it, so the result is one consistent state.
pub fn backup(conn: &Connection, to: &Path) -> Result<(), StoreError> {
    let mut target = Connection::open(to)?;
    Backup::new(conn, &mut target)?.run_to_completion(BACKUP_STEP, BACKUP_PAUSE, None)?;
    Ok(())
}

/// Replaces everything in the live database with the content of `from` (a copy already at this schema), in one
/// transaction that first takes the write lock (waiting the busy timeout, then `Busy`) and keeps it until the
/// swap is committed; under that lock, `keep` copies what is about to be replaced. So every write another
/// command was told succeeded is either in the kept copy or comes after the restore, never lost in between.
pub fn replace_under_lock(
    live: &Connection,
    from: &Path,
    keep: impl FnOnce() -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    live.execute("ATTACH DATABASE ?1 AS restored", [from.to_string_lossy()])?;
    // Off for the swap (it cannot change inside a transaction): tables are emptied and filled in name order, and
    // the copy passed `foreign_key_check` before it got here.
    live.pragma_update(None, "foreign_keys", "OFF")?;
    let replaced = (|| {
        live.execute_batch("BEGIN IMMEDIATE")?;
        let swapped = keep().and_then(|()| copy_tables(live));
        match swapped {
            Ok(()) => Ok(live.execute_batch("COMMIT")?),
            Err(e) => {
                let _ = live.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    })();
    let _ = live.execute_batch("DETACH DATABASE restored");
    live.pragma_update(None, "foreign_keys", "ON")?;
    replaced
}

/// Every table of `main` emptied and filled from `restored` (the same tables, at the same schema version).
fn copy_tables(live: &Connection) -> Result<(), StoreError> {
    let names = |sql: &str| -> Result<Vec<String>, StoreError> {
        let mut stmt = live.prepare(sql)?;
        let names = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    };
    let ours =
        names("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
    let theirs = names(
        "SELECT name FROM restored.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    if ours != theirs {
        return Err(StoreError::Invalid("bản sao lưu không cùng cấu trúc bảng với cơ sở dữ liệu".into()));
    }
    // The names come from the database's own schema, quoted as identifiers.
    for table in &ours {
        let quoted_table = table.replace('"', "\"\"");
        live.execute_batch(&format!(
            "DELETE FROM main.\"{quoted_table}\"; INSERT INTO main.\"{quoted_table}\" SELECT * FROM restored.\"{quoted_table}\";"
        ))?;
    }
    Ok(())
}

/// Moving an official to another unit would leave the assignments naming them under the old one, a state the
/// assignment import refuses: the move waits until they are given again.
pub fn refuse_move(conn: &Connection, official: &Official, to_unit: &str) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare("SELECT criterion FROM assignments WHERE official_code = ?1 AND unit_code <> ?2 ORDER BY criterion")?;
    let criteria: Vec<String> = stmt.query_map([&official.code, to_unit], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let Some(first) = criteria.first() else { return Ok(()) };
    Err(StoreError::Conflict(format!(
        "cán bộ {} ({}) đang được phân công ở đơn vị {} cho {} nội dung ({}): chuyển sang {to_unit} thì các phân \
         công đó sai. Hãy phân công lại trước, ví dụ: cchc assign add {first} --unit {to_unit} --official {} (hoặc \
         cchc assign add {first} --unit {} để đơn vị cũ giữ nội dung, không ghi cán bộ), rồi chạy lại lệnh này.",
        official.code,
        official.name,
        official.unit_code,
        criteria.len(),
        criteria.join(", "),
        official.code,
        official.unit_code
    )))
}

/// Assignments whose official works in another unit than the one assigned (made before moves were checked).
fn assignments_match_officials(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT a.criterion, a.unit_code, o.code, o.unit_code FROM assignments a
         JOIN officials o ON o.code = a.official_code WHERE o.unit_code <> a.unit_code ORDER BY a.criterion",
    )?;
    let rows = stmt.query_map([], |r| {
        let (criterion, unit, official, works_in): (String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        Ok(format!(
            "nội dung {criterion} giao cho đơn vị {unit} với cán bộ {official}, nhưng cán bộ này thuộc {works_in}: \
             cchc assign add {criterion} --unit {works_in} --official {official}"
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Files an earlier `restore` left beside the database (`cchc.hong-…`, `cchc.truoc-khoi-phuc-…`), named when the
/// database itself is missing or empty: the ward's data may be in one of them.
pub fn leftovers(db: &Path) -> Vec<std::path::PathBuf> {
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let dir = crate::files::os_error::folder(db);
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            ["hong-", "truoc-khoi-phuc-"].iter().any(|tag| name.starts_with(&format!("{stem}.{tag}")))
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .map(|p| dir.join(p.file_name().unwrap_or_default()))
        .collect();
    found.sort();
    found
}

/// `leftovers` as a sentence to append to a message (empty when there are none).
pub fn leftovers_note(db: &Path) -> String {
    let found = leftovers(db);
    let Some(latest) = found.last() else { return String::new() };
    let names: Vec<String> = found.iter().map(|p| format!("«{}»", p.display())).collect();
    format!(
        " Bên cạnh có tệp do lần khôi phục trước để lại, dữ liệu có thể nằm ở đó: {}. Xem bằng `cchc --db \"{}\" log`, \
         rồi khôi phục: cchc restore \"{}\"",
        names.join(", "),
        latest.display(),
        latest.display()
    )
}

#[derive(Debug, Clone)]
pub struct CheckResult {
    pub name: &'static str,
    pub problems: Vec<String>,
}

/// Every check `cchc check` reports: the file's soundness, and the data's agreement with itself.
pub fn run_checks(conn: &Connection) -> Result<Vec<CheckResult>, StoreError> {
    let mut checks = soundness(conn)?;
    checks.push(CheckResult {
        name: "Phân công khớp đơn vị của cán bộ", problems: assignments_match_officials(conn)?
    });
    Ok(checks)
}

fn soundness(conn: &Connection) -> Result<Vec<CheckResult>, StoreError> {
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

/// What makes a copy unfit to be called a backup or to be restored: the file's soundness. A disagreement in the
/// data (an assignment `check` reports) travels with the copy, to be put right after.
pub fn problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(soundness(conn)?.into_iter().flat_map(|c| c.problems).collect())
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
    problems.extend(catalogues::parsed::disagreeing(conn)?);
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
