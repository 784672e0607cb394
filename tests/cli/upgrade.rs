use cchc::bench::SCHEMA_VERSION;

use crate::common::Ward;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema");

/// Every schema version a cchc ever shipped has its fixture (`tests/fixtures/schema/make.sh` builds a missing one):
/// each is brought to the current version, keeps its data and takes new writes.
#[test]
fn a_database_from_every_schema_version_upgrades_and_keeps_its_data() {
    for version in 1..=SCHEMA_VERSION {
        let fixture = format!("{FIXTURES}/v{version}.db");
        assert!(std::path::Path::new(&fixture).is_file(), "no fixture for schema {version}: run make.sh in {FIXTURES}");
        let ward = Ward::empty();
        std::fs::copy(&fixture, ward.db()).unwrap();
        let conn = rusqlite::Connection::open(ward.db()).unwrap();
        let was: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(was, version, "the fixture v{version} is at schema {version}");
        drop(conn);
        assert!(ward.ok(&["check"]).contains("đạt"), "v{version}");
        let conn = rusqlite::Connection::open(ward.db()).unwrap();
        let now: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(now, SCHEMA_VERSION, "v{version} upgraded to the current schema");
        drop(conn);
        assert_eq!(ward.json(&["round", "list"])[0]["id"], "2026-dot1", "v{version}");
        assert!(ward.ok(&["unit", "show", "van hoa"]).contains("Nguyễn Thị Hoài Thu"), "v{version}");
        // The upgraded database takes new writes.
        ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
        assert_eq!(ward.json(&["round", "list"]).as_array().map(Vec::len), Some(2), "v{version}");
    }
}

/// The one ward-wide `decision_number` of schema 8 moves to the round its date comes before (schema 9 records a
/// decision per round): a second round's minutes no longer cite the first round's decision.
#[test]
fn the_ward_wide_decision_number_moves_to_its_round() {
    let ward = Ward::empty();
    std::fs::copy(format!("{FIXTURES}/v8.db"), ward.db()).unwrap();
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    conn.execute("INSERT INTO settings (key, value) VALUES ('decision_number', '112/QĐ-UBND ngày 22/06/2026')", [])
        .unwrap();
    drop(conn);
    ward.ok(&["check"]);
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    let moved: (String, String, String) = conn
        .query_row("SELECT round_id, number, decided_on FROM round_decisions", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(moved, ("2026-dot1".into(), "112/QĐ-UBND".into(), "2026-06-22".into()));
    let left: i64 =
        conn.query_row("SELECT count(*) FROM settings WHERE key = 'decision_number'", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}
