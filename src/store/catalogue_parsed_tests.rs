use chrono::NaiveDate;

use super::*;
use crate::domain::catalogue::{DEFAULT_FILE_NAME, DEFAULT_TOML, Level, Rubric, Threshold};
use crate::domain::catalogue_parse;
use crate::store::{Store, catalogues};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let store = Store::create(&dir.path().join("t.db"), "tester", now).unwrap();
    (dir, store)
}

/// Loads a catalogue file as `criteria load` does; returns its hash.
fn load(store: &mut Store, toml: &str) -> String {
    let catalogue = catalogue_parse::parse(DEFAULT_FILE_NAME, toml).unwrap();
    store.write(|tx| catalogues::load(tx, DEFAULT_FILE_NAME, &catalogue)).unwrap()
}

fn parsed_from_content(conn: &Connection, hash: &str) -> Catalogue {
    let (file, content): (String, String) = conn
        .query_row("SELECT file_name, content FROM catalogues WHERE hash = ?1", [hash], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    catalogue_parse::parse(&file, &content).unwrap()
}

fn kept_rows(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM catalogue_parsed WHERE format = ?1", [FORMAT], |r| r.get(0)).unwrap()
}

#[test]
fn loading_keeps_the_parsed_form_and_it_is_the_catalogue_parsed_again() {
    let (_dir, mut store) = store();
    let hash = load(&mut store, DEFAULT_TOML);
    let kept = kept(&store.conn, &hash).expect("a parsed form kept by the load");
    assert!(kept == parsed_from_content(&store.conn, &hash));
    assert!(catalogues::get(&store.conn, &hash).unwrap() == kept);
    // The index is rebuilt: lookups by code work on the form read back.
    assert_eq!(kept.get("1.1").map(|n| n.code.as_str()), Some("1.1"));
}

#[test]
fn get_reads_the_kept_form_under_the_hash_it_asks_for() {
    let (_dir, mut store) = store();
    let first = load(&mut store, DEFAULT_TOML);
    let edited = DEFAULT_TOML.replacen("version = \"1.0.0\"", "version = \"2.0.0\"", 1).replacen(
        "title = \"Công tác chỉ đạo, điều hành\"",
        "title = \"Chỉ đạo, điều hành\"",
        1,
    );
    let second = load(&mut store, &edited);
    assert_ne!(first, second);
    assert_eq!(catalogues::get(&store.conn, &first).unwrap().get("1.1").unwrap().title, "Công tác chỉ đạo, điều hành");
    assert_eq!(catalogues::get(&store.conn, &second).unwrap().get("1.1").unwrap().title, "Chỉ đạo, điều hành");
    // The form is what `get` reads, not the TOML: a form changed under the first hash shows through it.
    let mut changed = kept(&store.conn, &first).unwrap();
    changed.title = "đọc từ dạng đã phân tích".into();
    keep(&store.conn, &first, &changed).unwrap();
    assert_eq!(catalogues::get(&store.conn, &first).unwrap().title, "đọc từ dạng đã phân tích");
    assert_ne!(catalogues::get(&store.conn, &second).unwrap().title, "đọc từ dạng đã phân tích");
}

#[test]
fn a_form_of_another_format_is_parsed_again_then_filled() {
    let (_dir, mut store) = store();
    let hash = load(&mut store, DEFAULT_TOML);
    let expected = parsed_from_content(&store.conn, &hash);
    store.conn.execute_batch("UPDATE catalogue_parsed SET format = '0.0.0/0', parsed = '{}'").unwrap();
    assert!(kept(&store.conn, &hash).is_none());
    assert!(catalogues::get(&store.conn, &hash).unwrap() == expected);
    fill(&store.conn).unwrap();
    assert!(kept(&store.conn, &hash) == Some(expected), "filled again in this format");
    let formats: i64 = store.conn.query_row("SELECT count(*) FROM catalogue_parsed", [], |r| r.get(0)).unwrap();
    assert_eq!(formats, 2, "the other build's form stays for it");
}

#[test]
fn a_form_that_does_not_read_is_passed_over_and_loading_the_version_again_mends_it() {
    let (_dir, mut store) = store();
    let hash = load(&mut store, DEFAULT_TOML);
    let expected = parsed_from_content(&store.conn, &hash);
    store.conn.execute_batch("UPDATE catalogue_parsed SET parsed = '{\"id\": 1}'").unwrap();
    assert!(kept(&store.conn, &hash).is_none());
    assert!(catalogues::get(&store.conn, &hash).unwrap() == expected);
    load(&mut store, DEFAULT_TOML);
    assert!(kept(&store.conn, &hash) == Some(expected));
}

#[test]
fn fill_keeps_the_versions_loaded_before_the_table_and_never_waits_for_a_writer() {
    let (dir, mut store) = store();
    let hash = load(&mut store, DEFAULT_TOML);
    store.conn.execute_batch("DELETE FROM catalogue_parsed").unwrap();
    let writer = Connection::open(dir.path().join("t.db")).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    assert!(fill(&store.conn).is_err(), "busy");
    assert!(started.elapsed() < Duration::from_secs(1), "told busy at once, not after the busy timeout");
    writer.execute_batch("ROLLBACK").unwrap();
    assert_eq!(kept_rows(&store.conn), 0);
    fill(&store.conn).unwrap();
    assert_eq!(kept_rows(&store.conn), 1);
    assert!(kept(&store.conn, &hash) == Some(parsed_from_content(&store.conn, &hash)));
}

#[test]
fn check_names_a_form_that_reads_as_another_catalogue_than_its_content() {
    let (_dir, mut store) = store();
    let hash = load(&mut store, DEFAULT_TOML);
    assert!(disagreeing(&store.conn).unwrap().is_empty());
    let mut changed = kept(&store.conn, &hash).unwrap();
    changed.nodes[1].max_points += 1.0;
    keep(&store.conn, &hash, &changed).unwrap();
    let problems = crate::store::maintenance::problems(&store.conn).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("mac-dinh-2026 phiên bản 1.0.0 (bảng catalogue_parsed)"), "{problems:?}");
    store.conn.execute_batch("DROP TABLE catalogue_parsed").unwrap();
    assert!(disagreeing(&store.conn).unwrap().is_empty(), "a database from before the table");
}

/// The parsed form of the default catalogue, pinned. When this fails because `Catalogue` or the parse changed, raise
/// the number in `FORMAT` (forms stored by the previous build must not be read) and then update the hash; when only
/// criteria/mac-dinh-2026.toml changed, update the hash alone.
#[test]
fn the_parsed_form_is_pinned() {
    let catalogue = catalogue_parse::parse(DEFAULT_FILE_NAME, DEFAULT_TOML).unwrap();
    let json = serde_json::to_string(&catalogue).unwrap();
    assert_eq!(FORMAT.rsplit('/').next(), Some("1"));
    assert_eq!(catalogues::hash(&json), "18786819698a571e7822eaed449d2473d3381ef50a595a425fdeaa954ca62869");
}

/// The kept form's rubrics are read field by field (`TaggedRubric`), not through serde's internally tagged reading.
#[test]
fn a_rubric_reads_back_as_it_is_written_and_a_mismatched_one_is_refused() {
    let levels = Rubric::Levels { levels: vec![Level { label: "Đạt".into(), points: 1.0 }] };
    let ratio = Rubric::Ratio { thresholds: vec![Threshold { at_least: 95.0, points: 2.0 }] };
    for rubric in [levels, ratio] {
        let json = serde_json::to_string(&rubric).unwrap();
        assert!(json.starts_with(r#"{"type":"#), "{json}");
        assert_eq!(serde_json::from_str::<Rubric>(&json).unwrap(), rubric);
    }
    let read = |json: &str| serde_json::from_str::<Rubric>(json).is_ok();
    assert!(read(r#"{"levels": [], "type": "levels"}"#), "the tag may come after the data");
    assert!(!read(r#"{"type": "ratio", "levels": []}"#));
    assert!(!read(r#"{"type": "levels"}"#));
    assert!(!read(r#"{"type": "levels", "levels": [], "thresholds": []}"#));
    assert!(!read(r#"{"type": "scale", "levels": []}"#));
}
