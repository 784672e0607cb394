//! Issue 25, item 3: a backup replaces the old one only once the new one passes its check; a restore holds the
//! write lock from before it keeps the current database until the swap, gives each kept copy its own name, and
//! reads a backup from read-only media.

use rusqlite::Connection;

use crate::common::Ward;

#[test]
fn backup_force_replaces_the_old_copy_only_with_a_checked_new_one() {
    let ward = Ward::example();
    ward.ok(&["backup", "tuan.db"]);
    ward.ok(&["unit", "add", "--code", "MOI", "--name", "Đơn vị mới"]);
    ward.ok(&["backup", "--force", "tuan.db"]);
    assert!(ward.ok(&["--db", "tuan.db", "unit", "list"]).contains("Đơn vị mới"));
    let names: Vec<_> = std::fs::read_dir(ward.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("dang-ghi"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn restore_waits_for_the_write_lock_then_exits_3_with_nothing_changed() {
    let ward = Ward::example();
    ward.ok(&["backup", "sao-luu.db"]);
    let before = std::fs::read(ward.db()).unwrap();
    let writer = Connection::open(ward.db()).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = ward.cmd(&["restore", "sao-luu.db"]).env("CCHC_BUSY_TIMEOUT", "0.3").output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("đang bận"));
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    let left: Vec<_> = std::fs::read_dir(ward.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("truoc-khoi-phuc") || n.contains("dang-ghi"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(std::fs::read(ward.db()).unwrap(), before);
}

/// A write committed just before the restore takes the lock is in the kept copy; the restore keeps the lock from
/// the moment it copies to the swap, so nothing falls between.
#[test]
fn a_write_made_before_the_restore_is_in_the_kept_copy() {
    let ward = Ward::example();
    ward.ok(&["backup", "sao-luu.db"]);
    ward.ok(&["unit", "add", "--code", "SAU", "--name", "Ghi trước khôi phục"]);
    ward.ok(&["restore", "sao-luu.db"]);
    let kept = "cchc.truoc-khoi-phuc-20261128-090000.db";
    assert!(ward.ok(&["--db", kept, "unit", "list"]).contains("Ghi trước khôi phục"));
    assert!(!ward.ok(&["unit", "list"]).contains("Ghi trước khôi phục"));
}

#[test]
fn two_restores_in_the_same_second_keep_two_copies() {
    let ward = Ward::example();
    ward.ok(&["backup", "sao-luu.db"]);
    ward.ok(&["unit", "add", "--code", "A1", "--name", "Lần một"]);
    ward.ok(&["restore", "sao-luu.db"]);
    ward.ok(&["unit", "add", "--code", "A2", "--name", "Lần hai"]);
    ward.ok(&["restore", "sao-luu.db"]);
    let first = "cchc.truoc-khoi-phuc-20261128-090000.db";
    let second = "cchc.truoc-khoi-phuc-20261128-090000-2.db";
    assert!(ward.ok(&["--db", first, "unit", "list"]).contains("Lần một"));
    assert!(ward.ok(&["--db", second, "unit", "list"]).contains("Lần hai"));
}

#[test]
fn a_backup_on_read_only_media_restores_and_leaves_nothing_beside_it() {
    let ward = Ward::example();
    let media = ward.path("dia");
    std::fs::create_dir(&media).unwrap();
    ward.ok(&["backup", "dia/sao-luu.db"]);
    let bound = std::process::Command::new("mount").args(["--bind", "-o", "ro"]).arg(&media).arg(&media).output();
    if !bound.is_ok_and(|o| o.status.success()) {
        eprintln!("read-only mount not available here");
        return;
    }
    let _ = std::process::Command::new("mount").args(["-o", "remount,ro,bind"]).arg(&media).output();
    let restored = ward.cmd(&["restore", "dia/sao-luu.db"]).output().unwrap();
    let listing: Vec<_> = std::fs::read_dir(&media).unwrap().map(|e| e.unwrap().file_name()).collect();
    let _ = std::process::Command::new("umount").arg(&media).output();
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    assert_eq!(listing.len(), 1, "{listing:?}");
}
