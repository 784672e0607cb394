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
