//! Issue 25, item 6 (second half): moving an official checks their assignments, and `check` reports any that
//! disagree.

use rusqlite::Connection;

use crate::common::Ward;

#[test]
fn moving_an_assigned_official_is_refused_with_the_command_to_reassign() {
    let ward = Ward::example();
    let conn = Connection::open(ward.db()).unwrap();
    let (official, unit, criterion): (String, String, String) = conn
        .query_row(
            "SELECT official_code, unit_code, criterion FROM assignments WHERE official_code IS NOT NULL LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let other: String =
        conn.query_row("SELECT code FROM units WHERE code <> ?1 LIMIT 1", [&unit], |r| r.get(0)).unwrap();
    let name: String = conn.query_row("SELECT name FROM officials WHERE code = ?1", [&official], |r| r.get(0)).unwrap();
    drop(conn);
    let before = ward.dump();
    let err = ward.fails(1, &["official", "add", "--code", &official, "--name", &name, "--unit", &other]);
    assert!(err.contains(&criterion) && err.contains("cchc assign add"), "{err}");
    assert_eq!(ward.dump(), before);
    // A disagreement made another way (an older cchc) is reported by `check`.
    let conn = Connection::open(ward.db()).unwrap();
    conn.execute("UPDATE officials SET unit_code = ?1 WHERE code = ?2", [&other, &official]).unwrap();
    drop(conn);
    let out = ward.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("Phân công khớp đơn vị của cán bộ") && listing.contains(&criterion), "{listing}");
}
