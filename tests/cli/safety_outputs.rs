//! Issue 25, items 2 and 4: one way to write a file. No output ever replaces the open database, its side files,
//! another SQLite file or a file of another kind; names Windows cannot hold are refused; a missing folder is named
//! with how to create it. After every refusal the database is byte-identical.

use crate::common::Ward;

fn bytes(ward: &Ward) -> Vec<u8> {
    std::fs::read(ward.db()).expect("database")
}

#[test]
fn no_output_replaces_the_open_database_or_its_side_files() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let before = bytes(&ward);
    for args in [
        &["unit", "list", "--format", "csv", "-o", "cchc.db"][..],
        &["report", "year", "2026", "--format", "docx", "-o", "cchc.db"],
        &["unit", "list", "--format", "json", "-o", "cchc.db"],
        &["unit", "list", "--format", "csv", "-o", "cchc.db-wal"],
        &["backup", "--force", "cchc.db-wal"],
        &["backup", "--force", "cchc.db"],
    ] {
        let err = ward.fails(1, args);
        assert!(err.contains("cchc.db"), "{args:?}: {err}");
        assert_eq!(bytes(&ward), before, "{args:?} changed the database");
    }
    assert!(!ward.path("cchc.db-wal").exists() || std::fs::metadata(ward.path("cchc.db-wal")).unwrap().len() == 0);
}

#[test]
fn a_file_of_another_kind_is_never_replaced() {
    let ward = Ward::example();
    ward.ok(&["backup", "tuan.db"]);
    let backup = std::fs::read(ward.path("tuan.db")).unwrap();
    // A JSON report over a backup, named .db or named .json.
    ward.fails(1, &["unit", "list", "--format", "json", "-o", "tuan.db"]);
    std::fs::copy(ward.path("tuan.db"), ward.path("tuan.json")).unwrap();
    let err = ward.fails(1, &["unit", "list", "--format", "json", "-o", "tuan.json"]);
    assert!(err.contains("SQLite"), "{err}");
    assert_eq!(std::fs::read(ward.path("tuan.db")).unwrap(), backup);
    // The edited catalogue workbook is not turned into TOML text.
    ward.ok(&["criteria", "export", "-o", "bo.xlsx"]);
    let workbook = std::fs::read(ward.path("bo.xlsx")).unwrap();
    let err = ward.fails(1, &["criteria", "import", "bo.xlsx", "-o", "bo.xlsx"]);
    assert!(err.contains(".xlsx"), "{err}");
    assert_eq!(std::fs::read(ward.path("bo.xlsx")).unwrap(), workbook);
    // A CSV over a workbook.
    let err = ward.fails(1, &["unit", "list", "--format", "csv", "-o", "bo.xlsx"]);
    assert!(err.contains("bo.xlsx"), "{err}");
}

#[test]
fn regenerating_the_same_kind_of_file_is_the_everyday_loop() {
    let ward = Ward::example();
    ward.ok(&["unit", "list", "--format", "csv", "-o", "don-vi.csv"]);
    ward.ok(&["unit", "list", "--format", "csv", "-o", "don-vi.csv"]);
    ward.ok(&["criteria", "export", "-o", "bo.xlsx"]);
    ward.ok(&["criteria", "export", "-o", "bo.xlsx"]);
    let leftovers: Vec<_> = std::fs::read_dir(ward.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("dang-ghi"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn names_windows_cannot_hold_are_refused() {
    let ward = Ward::example();
    for name in ["CON", "nul.csv", "aux.docx", "COM1.csv", "bao\ncao.csv"] {
        let format = if name.ends_with("docx") { "json" } else { "csv" };
        let err = ward.fails(1, &["unit", "list", "--format", format, "-o", name]);
        assert!(err.contains("Windows") || err.contains("điều khiển") || err.contains("đuôi"), "{name:?}: {err}");
    }
}

#[test]
fn a_missing_output_folder_is_named_with_how_to_create_it() {
    let ward = Ward::example();
    let err = ward.fails(1, &["unit", "list", "--format", "csv", "-o", "chua-co/don-vi.csv"]);
    assert!(err.contains("«chua-co» chưa có") && err.contains("mkdir \"chua-co\""), "{err}");
    let err = ward.fails(1, &["backup", "chua-co/sao-luu.db"]);
    assert!(err.contains("mkdir"), "{err}");
    let err = ward.fails(1, &["--db", "chua-co/cchc.db", "init"]);
    assert!(err.contains("mkdir") && !err.contains("unable to open"), "{err}");
}

/// Every user-facing string source, and what the binary printed above, is free of the system's English.
#[test]
fn no_english_os_phrases_in_messages() {
    let phrases = ["os error", "No such file", "unable to open", "Permission denied"];
    let mut found = Vec::new();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut dirs = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                // The mapping's own test names the phrases it keeps out.
                let quoted = line.contains("[\"os error\"");
                if !quoted && phrases.iter().any(|p| line.contains(p)) {
                    found.push(format!("{}:{}: {line}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// `evidence pack` and `evidence extract` write through the one writer too: a pack named after the database is
/// refused, and extracting twice into the same folder (the everyday loop) replaces the files it wrote.
#[test]
fn evidence_files_go_through_the_one_writer() {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "."]);
    let before = bytes(&ward);
    let err = ward.fails(1, &["evidence", "pack", "2026-dot1", "--out", "cchc.db"]);
    assert!(err.contains("cchc.db"), "{err}");
    assert_eq!(bytes(&ward), before);
    ward.ok(&["evidence", "pack", "2026-dot1", "--out", "ho-so.zip"]);
    ward.ok(&["evidence", "pack", "2026-dot1", "--out", "ho-so.zip"]);
    ward.ok(&["evidence", "extract", "2026-dot1", "--out", "ho-so"]);
    ward.ok(&["evidence", "extract", "2026-dot1", "--out", "ho-so"]);
}

/// Every file a command writes goes through `crate::files` (the demo's sample files and reports included): no
/// command writes with `std::fs::write` or `File::create` of its own.
#[test]
fn commands_write_files_only_through_the_one_writer() {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.to_string_lossy().ends_with("_tests.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Unit tests at the end of a file may write their fixtures as they like.
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                for (n, line) in code.lines().enumerate() {
                    if line.contains("fs::write(") || line.contains("File::create(") {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands"), &mut found);
    assert!(found.is_empty(), "{found:#?}");
}
