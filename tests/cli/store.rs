use crate::common::Ward;

#[test]
fn a_missing_database_says_to_run_init_and_is_not_created() {
    let ward = Ward::empty();
    let err = ward.fails(1, &["unit", "list"]);
    assert!(err.contains("cchc init"), "{err}");
    assert!(!ward.db().exists());
}

#[test]
fn init_creates_a_strict_wal_database_with_the_current_schema() {
    let ward = Ward::new();
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, cchc::bench::SCHEMA_VERSION);
    let sql: String = conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'units'", [], |r| r.get(0)).unwrap();
    assert!(sql.contains("STRICT"));
    // Running init again keeps everything.
    ward.ok(&["unit", "add", "--code", "VP", "--name", "Văn phòng HĐND và UBND"]);
    ward.ok(&["init"]);
    assert!(ward.ok(&["unit", "list"]).contains("VP"));
}

#[test]
fn a_database_from_a_newer_cchc_is_refused_untouched() {
    let ward = Ward::new();
    {
        let conn = rusqlite::Connection::open(ward.db()).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(ward.db()).unwrap();
    let err = ward.fails(4, &["unit", "list"]);
    assert!(err.contains("phiên bản cchc mới hơn"), "{err}");
    assert_eq!(std::fs::read(ward.db()).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let ward = Ward::empty();
    ward.write("cchc.db", "đây không phải cơ sở dữ liệu, chỉ là một tệp văn bản dài hơn một trăm byte để SQLite đọc phần đầu tệp và thấy sai.");
    let err = ward.fails(4, &["unit", "list"]);
    assert!(err.contains("không phải là cơ sở dữ liệu"), "{err}");
}

#[test]
fn usage_errors_exit_with_2() {
    let ward = Ward::empty();
    ward.fails(2, &["round", "new", "--kind", "dot3"]);
    ward.fails(2, &["khong-co-lenh"]);
    let help = ward.ok(&["--help"]);
    assert!(help.contains("Cách dùng") && help.contains("Lệnh"), "{help}");
}

#[test]
fn init_with_another_catalogue_file() {
    let ward = Ward::empty();
    let text =
        include_str!("../../criteria/mac-dinh-2026.toml").replacen("version = \"1.0.0\"", "version = \"1.1.0\"", 1);
    ward.write("khac.toml", &text);
    ward.ok(&["init", "--catalogue", "khac.toml"]);
    let out = ward.cmd(&["criteria", "check", "khac.toml"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("1.1.0"));
    // A comment or the layout is not the content: the same version, accepted.
    ward.write("chu-thich.toml", text.replacen("max_points = 100.0", "max_points = 100.0 # sửa", 1));
    ward.ok(&["init", "--catalogue", "chu-thich.toml"]);
    // The same id and version with different content is refused.
    ward.write("sua.toml", text.replacen("title = \"Kiểm tra định kỳ\"", "title = \"Kiểm tra định kỳ (sửa)\"", 1));
    let err = ward.fails(1, &["init", "--catalogue", "sua.toml"]);
    assert!(err.contains("hãy tăng `version`"), "{err}");
}

#[test]
fn backup_makes_a_checked_copy_and_check_finds_tampering() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward.ok(&["backup", "sao-luu.db"]);
    let err = ward.fails(1, &["backup", "sao-luu.db"]);
    assert!(err.contains("--force"), "{err}");
    // Restore: copy the backup over the database; everything is there and sound.
    std::fs::copy(ward.path("sao-luu.db"), ward.db()).unwrap();
    let _ = std::fs::remove_file(ward.path("cchc.db-wal"));
    let _ = std::fs::remove_file(ward.path("cchc.db-shm"));
    assert!(ward.ok(&["check"]).contains("đạt"));
    assert_eq!(ward.json(&["round", "list"])[0]["id"], "2026-dot1");

    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    conn.execute("UPDATE catalogues SET content = content || '# sửa lén'", []).unwrap();
    conn.execute("DELETE FROM audit_log WHERE id = 3", []).unwrap();
    drop(conn);
    let err = ward.fails(1, &["check"]);
    assert!(err.contains("2 mục kiểm tra không đạt"), "{err}");
    let out = ward.cmd(&["check"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("đã bị sửa") && table.contains("có mục đã bị xoá"), "{table}");
}
