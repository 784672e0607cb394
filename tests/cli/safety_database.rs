//! Issue 25, items 4 and 5: only cchc databases are opened, a full disk is a full disk, and a missing or empty
//! database next to an earlier restore's files names them instead of starting anew.

use std::process::Command as Std;

use rusqlite::Connection;

use crate::common::Ward;

const APPLICATION_ID: i64 = 0x4343_4843;

fn application_id(path: &std::path::Path) -> i64 {
    Connection::open(path).unwrap().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap()
}

#[test]
fn init_stamps_the_database_and_an_older_one_is_stamped_on_first_open() {
    let ward = Ward::new();
    assert_eq!(application_id(&ward.db()), APPLICATION_ID);
    Connection::open(ward.db()).unwrap().pragma_update(None, "application_id", 0).unwrap();
    ward.ok(&["unit", "list"]);
    assert_eq!(application_id(&ward.db()), APPLICATION_ID);
}

#[test]
fn another_programs_sqlite_file_or_an_empty_file_is_refused_unchanged() {
    let ward = Ward::empty();
    let other = ward.path("khac.db");
    let conn = Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('A');").unwrap();
    drop(conn);
    let before = std::fs::read(&other).unwrap();
    let empty = ward.write("rong.db", b"");
    for db in ["khac.db", "rong.db"] {
        for args in [&["log"][..], &["unit", "list"], &["check"]] {
            let mut all = vec!["--db", db];
            all.extend(args);
            let err = ward.fails(4, &all);
            assert!(err.contains("không phải cơ sở dữ liệu cchc"), "{err}");
        }
    }
    assert_eq!(std::fs::read(&other).unwrap(), before, "no tables, no WAL switch");
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
    assert!(!ward.path("khac.db-wal").exists() && !ward.path("rong.db-wal").exists());
}

#[test]
fn a_missing_or_empty_database_beside_an_earlier_restore_names_its_files() {
    let ward = Ward::new();
    std::fs::rename(ward.db(), ward.path("cchc.hong-20261127-080000.db")).unwrap();
    let err = ward.fails(1, &["unit", "list"]);
    assert!(err.contains("cchc.hong-20261127-080000.db") && err.contains("cchc restore"), "{err}");
    let err = ward.fails(1, &["init"]);
    assert!(err.contains("cchc.hong-20261127-080000.db"), "{err}");
    assert!(!ward.db().exists(), "no new empty database");
    ward.write("cchc.db", b"");
    let err = ward.fails(4, &["unit", "list"]);
    assert!(err.contains("cchc.hong-20261127-080000.db"), "{err}");
    assert_eq!(std::fs::read(ward.db()).unwrap(), b"");
}

/// A small tmpfs, where the test runs as root; `None` elsewhere (the mapping's unit tests cover the messages).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &std::path::Path, size: &str) -> Option<Tmpfs> {
        let path = dir.join("the-nho");
        std::fs::create_dir(&path).ok()?;
        let size = format!("size={size}");
        let ok =
            Std::new("mount").args(["-t", "tmpfs", "-o", &size, "tmpfs"]).arg(&path).output().ok()?.status.success();
        ok.then_some(Tmpfs(path))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Std::new("umount").arg(&self.0).output();
    }
}

/// Fills the file system holding `dir` to the last byte.
fn fill(dir: &std::path::Path) {
    use std::io::Write;
    let mut filler = std::fs::File::create(dir.join("day")).unwrap();
    let block = vec![7u8; 4096];
    while filler.write_all(&block).is_ok() {}
    while filler.write_all(&[7]).is_ok() {}
    let _ = filler.sync_all();
}

#[test]
fn a_full_disk_is_a_full_disk_not_damage() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let Some(disk) = Tmpfs::mount(ward.dir.path(), "8m") else {
        eprintln!("tmpfs not available: the full disk is covered by files::os_error's unit tests");
        return;
    };
    let db = disk.0.join("cchc.db");
    std::fs::copy(ward.db(), &db).unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend(args);
        ward.cmd(&all).output().unwrap()
    };
    assert!(run(&["unit", "list"]).status.success());
    ward.ok(&["--db", db.to_str().unwrap(), "backup", disk.0.join("sao-luu.db").to_str().unwrap()]);
    fill(&disk.0);
    let before = std::fs::read(&db).unwrap();
    let folder = format!("«{}»", disk.0.display());
    for args in [
        &["score", "set", "2026-dot1", "VHXH", "1.1.1", "1,5", "--note", "đầy"][..],
        &["unit", "list", "--format", "csv", "-o", disk.0.join("x.csv").to_str().unwrap()],
        &["backup", disk.0.join("moi.db").to_str().unwrap()],
        &["restore", disk.0.join("sao-luu.db").to_str().unwrap()],
    ] {
        let out = run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(4), "{args:?}: {err}");
        if !out.status.success() {
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains("đầy") && err.contains(&folder), "{args:?}: {err}");
            assert!(!err.contains("hỏng") && !err.contains("os error"), "{args:?}: {err}");
        }
        assert_eq!(std::fs::read(&db).unwrap().len(), before.len(), "{args:?}: never a 0-byte database");
    }
    assert!(!disk.0.join("moi.db").exists() && !disk.0.join("x.csv").exists(), "no partial file");
    let check = run(&["check"]);
    assert_ne!(check.status.code(), Some(4), "{}", String::from_utf8_lossy(&check.stderr));
}
