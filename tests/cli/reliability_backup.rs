//! Backups taken while another process writes hold one consistent state, and the restore procedure of
//! RELIABILITY.md brings a database back after a crash, step by step as written there.

use std::process::Stdio;
use std::time::Duration;

use rusqlite::Connection;

use crate::common::{Ward, dump};
use crate::reliability_corpus::ward_with_round;
use crate::reliability_crash::{add_units, appraisal, lock_probe, periodic_items, rows_noted, writing};

/// Backups taken while the import writes: each starts once the import holds the write lock (seen from a second
/// connection), and at least two of the three must start with the lock still held.
#[test]
fn a_backup_taken_during_a_large_import_has_all_of_it_or_none() {
    const BACKUPS: usize = 3;
    const DURING_WRITE_AT_LEAST: usize = 2;
    let ward = ward_with_round();
    let units = add_units(&ward, "B", 40);
    let items = periodic_items(&ward);
    let rows = (units.len() * items.len()) as i64;
    let probe = lock_probe(&ward);
    let (mut with, mut without, mut during_write) = (0, 0, 0);
    for attempt in 0..BACKUPS {
        let note = format!("sao lưu {attempt}");
        let file = ward.write("diem.csv", appraisal(&units, &items, &note));
        let mut import = ward
            .std_cmd(&["score", "import", "2026-dot1", &file.display().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn import");
        while !writing(&probe) && import.try_wait().expect("wait").is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        during_write += usize::from(writing(&probe));
        let copy = format!("sao-luu-{attempt}.db");
        ward.ok(&["backup", &copy]);
        assert!(import.wait().expect("import").success(), "the import is not disturbed");
        let conn = Connection::open(ward.path(&copy)).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
        match rows_noted(&conn, &note) {
            (0, 0) => without += 1,
            (s, a) if s == rows && a == rows => with += 1,
            partial => panic!("backup {attempt} holds part of an import: {partial:?} of {rows}"),
        }
    }
    eprintln!(
        "backup during writes: {BACKUPS} backups, {during_write} started while the import wrote; {with} with the \
         running import, {without} without it"
    );
    assert!(during_write >= DURING_WRITE_AT_LEAST, "only {during_write} backups started during the write");
}

/// The database as a crash leaves it: committed changes still in a hot write-ahead log beside it.
fn crash_with_hot_wal(ward: &Ward, sql: &str) {
    let conn = Connection::open(ward.db()).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute_batch(sql).unwrap();
    let wal = std::fs::read(ward.path("cchc.db-wal")).unwrap();
    assert!(!wal.is_empty(), "the change is in the log");
    drop(conn); // a clean close folds the log in; put it back as a crash would have left it
    std::fs::write(ward.path("cchc.db-wal"), wal).unwrap();
}

const AFTER_BACKUP: &str = "UPDATE units SET name = name || ' (sau sao lưu)'";

#[test]
fn restore_puts_the_backup_back_after_a_crash_and_keeps_what_was_there() {
    let ward = ward_with_round();
    ward.ok(&["backup", "sao-luu.db"]);
    ward.ok(&["score", "set", "2026-dot1", "VHXH", "1.1.1", "1,5", "--note", "sau khi sao lưu"]);
    crash_with_hot_wal(&ward, AFTER_BACKUP);
    ward.ok(&["restore", "sao-luu.db"]);
    assert!(ward.ok(&["check"]).contains("đạt"));
    let restored = dump(&ward.db());
    let backup = dump(&ward.path("sao-luu.db"));
    assert_eq!(
        restored.split("-- audit_log").nth(1).unwrap().lines().count(),
        backup.split("-- audit_log").nth(1).unwrap().lines().count() + 1,
        "the restore is logged"
    );
    assert_eq!(without_audit(&restored), without_audit(&backup), "the data is the backup's");
    // What was done after the backup stays readable in the kept copy, to be entered again.
    let kept = "cchc.truoc-khoi-phuc-20261128-090000.db";
    let log = ward.ok(&["--db", kept, "log", "--entity", "score", "--format", "csv"]);
    assert!(log.contains("sau khi sao lưu"), "{log}");
    assert!(ward.ok(&["--db", kept, "unit", "list"]).contains("(sau sao lưu)"));
}

#[test]
fn restore_replaces_a_database_that_no_longer_opens_and_fills_a_missing_one() {
    let ward = ward_with_round();
    ward.ok(&["backup", "sao-luu.db"]);
    std::fs::write(ward.db(), b"not a database any more, the disk was damaged").unwrap();
    ward.ok(&["restore", "sao-luu.db"]);
    assert!(ward.ok(&["check"]).contains("đạt"));
    assert!(ward.path("cchc.hong-20261128-090000.db").exists(), "the damaged file is kept");
    std::fs::remove_file(ward.db()).unwrap();
    ward.ok(&["restore", "sao-luu.db"]);
    assert_eq!(ward.json(&["round", "list"])[0]["id"], "2026-dot1");
}

#[test]
fn restore_refuses_a_damaged_or_foreign_backup_and_changes_nothing() {
    let ward = ward_with_round();
    ward.ok(&["backup", "sao-luu.db"]);
    let conn = Connection::open(ward.path("sao-luu.db")).unwrap();
    conn.execute("DELETE FROM audit_log WHERE id = 2", []).unwrap();
    drop(conn);
    let text = ward.write("ghi-chu.db", "chỉ là văn bản");
    let before = ward.dump();
    let err = ward.fails(1, &["restore", "sao-luu.db"]);
    assert!(err.contains("không đạt kiểm tra") && err.contains("đã bị xoá"), "{err}");
    let err = ward.fails(1, &["restore", &text.display().to_string()]);
    assert!(err.contains("không phải bản sao lưu"), "{err}");
    assert_eq!(ward.dump(), before);
}

/// The manual way, for when cchc itself cannot run: the -wal and -shm files must go with the database, or SQLite
/// replays the old log onto the copied backup.
#[test]
fn copying_a_backup_by_hand_needs_the_journal_files_moved_too() {
    let ward = ward_with_round();
    ward.ok(&["backup", "sao-luu.db"]);
    crash_with_hot_wal(&ward, AFTER_BACKUP);
    let backup = dump(&ward.path("sao-luu.db"));
    // Wrong: the stale log is applied to the copy.
    std::fs::copy(ward.path("sao-luu.db"), ward.db()).unwrap();
    assert_ne!(dump(&ward.db()), backup, "a stale -wal changes the copied backup");
    // Right (RELIABILITY.md): move cchc.db, cchc.db-wal and cchc.db-shm aside, then copy.
    crash_with_hot_wal(&ward, AFTER_BACKUP);
    for suffix in ["", "-wal", "-shm"] {
        let from = ward.path(&format!("cchc.db{suffix}"));
        if from.exists() {
            std::fs::rename(&from, ward.path(&format!("cchc-hong.db{suffix}"))).unwrap();
        }
    }
    std::fs::copy(ward.path("sao-luu.db"), ward.db()).unwrap();
    assert!(ward.ok(&["check"]).contains("đạt"));
    assert_eq!(dump(&ward.db()), backup);
}

fn without_audit(dump: &str) -> String {
    let (before, after) = dump.split_once("-- audit_log").unwrap();
    let rest = after.split_once("\n-- ").map(|(_, r)| r).unwrap_or("");
    format!("{before}{rest}")
}
