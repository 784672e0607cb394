use super::*;

fn db(dir: &Path) -> PathBuf {
    let db = dir.join("cchc.db");
    std::fs::write(&db, b"SQLite format 3\0rest").unwrap();
    db
}

#[test]
fn the_open_database_and_its_side_files_are_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    for name in ["cchc.db", "cchc.db-wal", "cchc.db-shm", "cchc.db-journal"] {
        let err = write(&db, &dir.path().join(name), Kind::Database, b"x").unwrap_err();
        assert!(err.0.contains("cơ sở dữ liệu đang dùng"), "{name}: {err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), b"SQLite format 3\0rest");
}

#[test]
fn content_of_another_kind_than_the_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    for (name, kind) in [("x.db", Kind::Text("csv")), ("bo.xlsx", Kind::Text("toml")), ("a.json", Kind::Docx)] {
        assert!(write(&db, &dir.path().join(name), kind, b"x").is_err(), "{name}");
    }
    for (name, kind) in [("x.csv", Kind::Text("csv")), ("x.txt", Kind::Text("json")), ("x", Kind::Text("json"))] {
        write(&db, &dir.path().join(name), kind, b"x").unwrap();
    }
}

#[test]
fn a_file_is_replaced_only_by_one_of_its_kind_and_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    let json = dir.path().join("r.json");
    write(&db, &json, Kind::Text("json"), b"{}").unwrap();
    write(&db, &json, Kind::Text("json"), b"[1]").unwrap();
    assert_eq!(std::fs::read(&json).unwrap(), b"[1]");
    let backup = dir.path().join("tuan.json");
    std::fs::write(&backup, b"SQLite format 3\0...").unwrap();
    let err = write(&db, &backup, Kind::Text("json"), b"{}").unwrap_err();
    assert!(err.0.contains("SQLite"), "{err}");
    // A failure while filling leaves the old file and no temporary one.
    let failed = write_with(&db, &json, Kind::Text("json"), |_| Err(FileError("hết chỗ".into())));
    assert!(failed.is_err());
    assert_eq!(std::fs::read(&json).unwrap(), b"[1]");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn windows_device_names_and_control_characters_are_refused() {
    for name in ["CON", "nul.csv", "aux.docx", "COM1.txt", "lpt9", "bao\ncao.csv", "a\tb.csv"] {
        assert!(check_name(Path::new(name)).is_err(), "{name:?}");
    }
    for name in ["console.csv", "com10.txt", "com0", "bao cao.csv", "Báo cáo.docx"] {
        assert!(check_name(Path::new(name)).is_ok(), "{name:?}");
    }
}

#[test]
fn a_missing_folder_is_named_with_how_to_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    let err = write(&db, &dir.path().join("chua-co/x.csv"), Kind::Text("csv"), b"x").unwrap_err();
    assert!(err.0.contains("chưa có") && err.0.contains("mkdir"), "{err}");
}
