use crate::common::Ward;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema");

#[test]
fn a_database_from_every_schema_version_upgrades_and_keeps_its_data() {
    for version in 1..=3 {
        let ward = Ward::empty();
        std::fs::copy(format!("{FIXTURES}/v{version}.db"), ward.db()).unwrap();
        assert!(ward.ok(&["check"]).contains("đạt"), "v{version}");
        let conn = rusqlite::Connection::open(ward.db()).unwrap();
        let now: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert!(now >= 3, "v{version} upgraded to {now}");
        drop(conn);
        assert_eq!(ward.json(&["round", "list"])[0]["id"], "2026-dot1", "v{version}");
        assert!(ward.ok(&["unit", "show", "van hoa"]).contains("Nguyễn Thị Hoài Thu"), "v{version}");
        // The upgraded database takes new writes.
        ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
    }
}
