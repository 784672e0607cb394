//! Issue 25, item 6 (recipe 9): closing a round keeps the units, officials and assignments it used, and its reports
//! read those; a later edit of the directory does not rewrite a closed round's report.

use crate::common::Ward;

const ROUND: &str = "2026-dot1";

fn report(ward: &Ward) -> String {
    ward.ok(&["report", "round", ROUND, "--format", "md"])
}

/// The demo's year, whose rounds are all closed.
fn demo() -> Ward {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "."]);
    ward
}

#[test]
fn renaming_a_unit_leaves_the_closed_round_report_as_it_was() {
    let ward = demo();
    let before = report(&ward);
    assert!(before.contains("Phòng Kinh tế, Hạ tầng và Đô thị"), "{before}");
    ward.ok(&["unit", "add", "--code", "KT", "--name", "Phòng Kinh tế mới"]);
    assert_eq!(report(&ward), before);
    // The unit report of the closed round too.
    let unit = ward.ok(&["report", "unit", ROUND, "KT", "--format", "md"]);
    assert!(unit.contains("Phòng Kinh tế, Hạ tầng và Đô thị") && !unit.contains("Phòng Kinh tế mới"), "{unit}");
}

#[test]
fn assignments_added_after_closing_do_not_reach_the_closed_round() {
    let ward = demo();
    let before = report(&ward);
    let file = ward.write("them.csv", "ma_tieu_chi,ma_don_vi,ma_can_bo\n1.1.5,KT,CB06\n1.2.1,KT,CB06\n");
    ward.ok(&["assign", "import", file.to_str().unwrap()]);
    assert_eq!(report(&ward), before);
}

#[test]
fn renaming_or_moving_an_official_leaves_the_closed_round_report_as_it_was() {
    let ward = demo();
    let before = report(&ward);
    assert!(before.contains("Võ Văn Lợi | Trưởng phòng"), "{before}");
    ward.ok(&["official", "add", "--code", "CB06", "--name", "Võ Văn Lộc", "--position", "Phó Trưởng phòng"]);
    ward.ok(&["official", "add", "--code", "CB17", "--unit", "KT"]);
    assert_eq!(report(&ward), before);
}

#[test]
fn a_reopened_round_reads_the_directory_again_and_keeps_a_new_record_when_closed() {
    let ward = demo();
    ward.ok(&["unit", "add", "--code", "KT", "--name", "Phòng Kinh tế mới"]);
    ward.ok(&["round", "reopen", ROUND, "--reason", "sửa tên đơn vị"]);
    assert!(report(&ward).contains("Phòng Kinh tế mới"));
    ward.ok(&["round", "close", ROUND]);
    let closed = report(&ward);
    assert!(closed.contains("Phòng Kinh tế mới"), "{closed}");
    ward.ok(&["unit", "add", "--code", "KT", "--name", "Phòng Kinh tế, Hạ tầng và Đô thị"]);
    assert_eq!(report(&ward), closed);
}

/// A round closed before the record existed (schema 8) gets the directory as it stands at the upgrade.
#[test]
fn a_round_closed_before_the_upgrade_gets_its_record_from_the_directory_then() {
    let ward = Ward::empty();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema/v8.db"), ward.db()).unwrap();
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    conn.execute("UPDATE rounds SET status = 'closed' WHERE id = ?1", [ROUND]).unwrap();
    drop(conn);
    let before = report(&ward);
    assert!(before.contains("Phòng Văn hoá - Xã hội"), "{before}");
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM closed_units WHERE round_id = ?1 AND code = 'VHXH'", [ROUND], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1);
    drop(conn);
    ward.ok(&["unit", "add", "--code", "VHXH", "--name", "Phòng Văn hoá mới"]);
    assert_eq!(report(&ward), before);
}
