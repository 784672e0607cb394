//! Appraised scores, totals, locking of closed rounds and the audit log.

use serde_json::Value;

use crate::common::Ward;

/// The example ward with Đợt 1 created (planned).
pub fn ward_with_dot1() -> Ward {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward
}

pub fn audit_count(ward: &Ward) -> i64 {
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

/// Runs a command that must succeed; returns stderr (the messages).
pub fn messages(ward: &Ward, args: &[&str]) -> String {
    let out = ward.cmd(args).output().unwrap();
    assert!(out.status.success(), "cchc {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

/// A unit's current self-report, written straight into the tables issue 3's import fills.
pub fn insert_selfreport(
    ward: &Ward,
    round: &str,
    unit: &str,
    revision: i64,
    current: bool,
    items: &[(&str, f64, &str)],
) {
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    conn.execute(
        "INSERT INTO selfreports (round_id, unit_code, revision, content_hash, file_name, received_on, imported_at, is_current)
         VALUES (?1, ?2, ?3, ?4, 'tu-kiem-tra.csv', '2026-06-25', '2026-06-25T08:00:00', ?5)",
        rusqlite::params![round, unit, revision, format!("hash-{unit}-{revision}"), i64::from(current)],
    )
    .unwrap();
    let id = conn.last_insert_rowid();
    for (criterion, points, proposal) in items {
        conn.execute(
            "INSERT INTO selfreport_items (selfreport_id, criterion, self_points, proposal) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id, criterion, points, proposal],
        )
        .unwrap();
    }
}

fn row<'a>(rows: &'a Value, unit: &str, criterion: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|r| r["unit"] == unit && r["criterion"] == criterion).unwrap()
}

#[test]
fn scores_are_set_listed_and_totalled_with_na_left_out() {
    let ward = ward_with_dot1();
    let err = messages(&ward, &["score", "set", "2026-dot1", "VP", "1.1.5", "1,5", "--note", "Chưa số hóa hết"]);
    assert!(err.contains("1,5/2 điểm") && err.contains("75,00/100"), "{err}");
    ward.ok(&["score", "set", "2026-dot1", "van phong", "1.2.10", "--na"]);
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.6", "1"]);
    let rows = ward.json(&["score", "list", "2026-dot1", "--unit", "VP"]);
    assert_eq!(rows.as_array().unwrap().len(), 24, "every periodic item assigned to VP is listed");
    let scored = row(&rows, "VP", "1.1.5");
    assert_eq!((scored["points"].as_f64(), scored["max"].as_f64()), (Some(1.5), Some(2.0)));
    assert_eq!(scored["note"], "Chưa số hóa hết");
    assert_eq!(row(&rows, "VP", "1.2.10")["mark"], "not_applicable");
    assert_eq!(row(&rows, "VP", "1.2.10")["points"], Value::Null);
    assert_eq!(row(&rows, "VP", "1.1.7")["mark"], "pending");
    // Field 1.1: 2,5 of 3 (pending items wait); field 1.2: only an N/A item, so no total.
    let totals = ward.json(&["score", "summary", "2026-dot1", "--per", "linh-vuc", "--unit", "VP"]);
    let field = |code: &str| totals.as_array().unwrap().iter().find(|r| r["code"] == code).unwrap().clone();
    assert_eq!(field("1.1")["score100"], 83.33);
    assert_eq!(field("1.2")["score100"], Value::Null);
    assert_eq!(field("1.2")["not_applicable"], 1);
    let unit = totals.as_array().unwrap().iter().find(|r| r["level"] == "unit").unwrap();
    assert_eq!((unit["points"].as_f64(), unit["max"].as_f64()), (Some(2.5), Some(3.0)));
    assert_eq!(unit["band"], "tot");
    // The terminal table carries the totals after the items.
    let table = ward.ok(&["score", "list", "2026-dot1", "--unit", "VP", "--field", "1.2"]);
    assert!(table.contains("không áp dụng") && table.contains("Tổng điểm") && !table.contains("1.1.5"), "{table}");
    // Appraising an item the unit is not assigned is allowed, with a warning.
    let err = messages(&ward, &["score", "set", "2026-dot1", "KT", "1.1.5", "1"]);
    assert!(err.contains("chưa được phân công") && err.contains("1.1.5 (KT)"), "{err}");
    // Setting points again keeps the note unless a new one is given.
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "2"]);
    assert_eq!(
        row(&ward.json(&["score", "list", "2026-dot1", "--unit", "VP"]), "VP", "1.1.5")["note"],
        "Chưa số hóa hết"
    );
}

#[test]
fn bad_scores_are_refused_with_the_expected_value_and_nothing_changes() {
    let ward = ward_with_dot1();
    ward.ok(&["round", "new", "--kind", "dot-xuat", "--from", "15/08/2026", "--topic", "Kỷ luật", "--units", "VHXH"]);
    let before = ward.dump();
    let err = ward.fails(1, &["score", "set", "2026-dot1", "VP", "1.1.5", "2,5"]);
    assert!(err.contains("«2,5»") && err.contains("tối đa") && err.contains("từ 0 đến 2"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dot1", "VP", "1.1.55", "1"]);
    assert!(err.contains("«1.1.5»?"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dot1", "VP", "1.1", "1"]);
    assert!(err.contains("là nhóm"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dot1", "VPP", "1.1.5", "1"]);
    assert!(err.contains("«VP»?"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dot1", "VP", "1.1.5", "abc"]);
    assert!(err.contains("«abc»") && err.contains("7,5"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dot1", "VP", "1.1.5", "-1"]);
    assert!(err.contains("âm"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dot1", "VHXH", "2.1", "5"]);
    assert!(err.contains("đột xuất") && err.contains("dot-xuat"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dx1", "VHXH", "1.5.3", "1"]);
    assert!(err.contains("định kỳ") && err.contains("2.1"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dx1", "VP", "2.1", "5"]);
    assert!(err.contains("không thuộc phạm vi đợt 2026-dx1"), "{err}");
    let err = ward.fails(1, &["score", "set", "2026-dot9", "VP", "1.1.5", "1"]);
    assert!(err.contains("2026-dot1"), "{err}");
    ward.fails(2, &["score", "set", "2026-dot1", "VP", "1.1.5", "1", "--na"]);
    ward.fails(2, &["score", "set", "2026-dot1", "VP", "1.1.5"]);
    assert_eq!(ward.dump(), before);
    // In its ad-hoc round, the topic item is scored like any other.
    ward.ok(&["score", "set", "2026-dx1", "VHXH", "2.1", "8,5"]);
    assert_eq!(ward.json(&["score", "list", "2026-dx1"])[0]["points"], 8.5);
}

#[test]
fn an_appraisal_file_imports_all_or_nothing_and_twice_changes_nothing() {
    let ward = ward_with_dot1();
    ward.write(
        "tham-dinh.csv",
        "STT;Mã đơn vị;Mã tiêu chí;Điểm thẩm định;Nhận xét\n1;VP;1.1.5;1,5;Thiếu hồ sơ\n2;VP;1.2.10;N/A;\n\
         3;KT;1.6.1.1;1.5;\n4;KT;1.6.1.2;;\n",
    );
    let before = ward.dump();
    let err = messages(&ward, &["score", "import", "2026-dot1", "tham-dinh.csv", "--dry-run"]);
    assert!(err.contains("Chạy thử") && err.contains("3 mới"), "{err}");
    assert_eq!(ward.dump(), before);
    let err = messages(&ward, &["score", "import", "2026-dot1", "tham-dinh.csv"]);
    assert!(err.contains("3 mới") && err.contains("Bỏ qua 1 dòng"), "{err}");
    let rows = ward.json(&["score", "list", "2026-dot1"]);
    assert_eq!(row(&rows, "VP", "1.1.5")["points"], 1.5);
    assert_eq!(row(&rows, "VP", "1.2.10")["mark"], "not_applicable");
    assert_eq!(row(&rows, "KT", "1.6.1.2")["mark"], "pending");
    let (after, entries) = (ward.dump(), audit_count(&ward));
    let err = messages(&ward, &["score", "import", "2026-dot1", "tham-dinh.csv"]);
    assert!(err.contains("3 không đổi"), "{err}");
    assert_eq!((ward.dump(), audit_count(&ward)), (after.clone(), entries));

    ward.write(
        "sai.csv",
        "ma_don_vi,ma_tieu_chi,diem_tham_dinh,nhan_xet\nVP,1.1.5,2,\nVPP,1.1.6,1,\nVP,1.1.66,1,\nVP,1.1.7,9,\n\
         VP,1.1.5,1,\nVHXH,2.1,5,\nVP,1.1.6,,Có nhận xét\n",
    );
    let err = ward.fails(1, &["score", "import", "2026-dot1", "sai.csv"]);
    for needle in [
        "chưa ghi gì",
        "dòng 3",
        "«VP»?",
        "dòng 4",
        "«1.1.6»?",
        "dòng 5",
        "từ 0 đến",
        "dòng 6",
        "trùng với dòng 2",
        "dòng 7",
        "dot-xuat",
        "dòng 8",
        "thiếu điểm",
    ] {
        assert!(err.contains(needle), "{needle} not in {err}");
    }
    assert!(!err.contains("dòng 2,"), "{err}");
    assert_eq!(ward.dump(), after);
}

#[test]
fn self_points_come_from_the_current_self_report_revision() {
    let ward = ward_with_dot1();
    // Before any self-report, the self column is simply empty.
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "1,5"]);
    assert_eq!(row(&ward.json(&["score", "list", "2026-dot1"]), "VP", "1.1.5")["self_points"], Value::Null);
    insert_selfreport(&ward, "2026-dot1", "VP", 1, false, &[("1.1.5", 1.0, "")]);
    insert_selfreport(&ward, "2026-dot1", "VP", 2, true, &[("1.1.5", 2.0, ""), ("1.1.6", 1.5, "")]);
    let rows = ward.json(&["score", "list", "2026-dot1", "--unit", "VP"]);
    let item = row(&rows, "VP", "1.1.5");
    assert_eq!((item["self_points"].as_f64(), item["difference"].as_f64()), (Some(2.0), Some(-0.5)));
    assert_eq!(row(&rows, "VP", "1.1.6")["self_points"], 1.5);
    assert_eq!(row(&rows, "VP", "1.1.6")["difference"], Value::Null);
}

#[test]
fn officials_are_scored_on_the_items_assigned_to_them() {
    let ward = ward_with_dot1();
    // CB16 answers for 1.4.4 and 1.6.3.1–1.6.3.3 at TTDVC; 1.4.4 is also assigned to CB11 at VHXH.
    for (unit, code, points) in
        [("TTDVC", "1.4.4", "1"), ("TTDVC", "1.6.3.1", "0,5"), ("VHXH", "1.4.4", "0"), ("TTDVC", "1.6.3.2", "N/A")]
    {
        ward.ok(&["score", "set", "2026-dot1", unit, code, points]);
    }
    let officials = ward.json(&["score", "summary", "2026-dot1", "--per", "can-bo"]);
    let of = |code: &str| officials.as_array().unwrap().iter().find(|r| r["code"] == code).unwrap().clone();
    let cb16 = of("CB16");
    assert_eq!((cb16["points"].as_f64(), cb16["max"].as_f64()), (Some(1.5), Some(2.0)));
    assert_eq!((cb16["score100"].as_f64(), cb16["not_applicable"].as_i64()), (Some(75.0), Some(1)));
    assert_eq!(cb16["pending"], 1);
    assert_eq!(cb16["unit"], "TTDVC");
    assert_eq!(of("CB11")["score100"], 0.0);
    // Units and the ward as a whole: 1,5 of 3.
    let units = ward.json(&["score", "summary", "2026-dot1"]);
    let ward_row = units.as_array().unwrap().iter().find(|r| r["level"] == "ward").unwrap();
    assert_eq!(ward_row["score100"], 50.0);
    // On the terminal: no empty code column per unit, and scores with two decimals.
    let table = ward.ok(&["score", "summary", "2026-dot1"]);
    assert!(!table.contains("Mã") && table.contains("50,00") && table.contains("Toàn phường"), "{table}");
}

#[test]
fn a_closed_round_refuses_writes_but_remediation_goes_on() {
    let ward = ward_with_dot1();
    let id = ward.ok(&["finding", "add", "2026-dot1", "--unit", "KT", "--kind", "han-che", "--text", "Chậm công khai"]);
    ward.ok(&["round", "close", "2026-dot1"]);
    ward.write("td.csv", "ma_don_vi,ma_tieu_chi,diem_tham_dinh\nVP,1.1.5,1\n");
    let before = ward.dump();
    for args in [
        vec!["score", "set", "2026-dot1", "VP", "1.1.5", "1"],
        vec!["score", "import", "2026-dot1", "td.csv"],
        vec!["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "vi-pham", "--text", "X"],
    ] {
        let err = ward.fails(1, &args);
        assert!(err.contains("đã kết thúc") && err.contains("cchc round reopen 2026-dot1 --reason"), "{err}");
    }
    assert_eq!(ward.dump(), before);
    ward.ok(&["finding", "update", id.trim(), "--status", "dang-khac-phuc", "--note", "Đã lập kế hoạch"]);
    // Reading is always allowed; after reopening (with a reason) writes work again.
    ward.ok(&["score", "list", "2026-dot1"]);
    ward.ok(&["round", "reopen", "2026-dot1", "--reason", "Bổ sung điểm thẩm định"]);
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "1"]);
}

#[test]
fn every_successful_write_is_logged_exactly_once_and_a_failed_one_not_at_all() {
    let ward = ward_with_dot1();
    let writes: &[&[&str]] = &[
        &["round", "start", "2026-dot1"],
        &["score", "set", "2026-dot1", "VP", "1.1.5", "1,5"],
        &["score", "set", "2026-dot1", "VP", "1.1.5", "2"],
        &["score", "set", "2026-dot1", "VP", "1.2.10", "--na"],
        &["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "han-che", "--text", "Thiếu hồ sơ"],
        &["finding", "update", "2026-dot1-F01", "--status", "dang-khac-phuc"],
        &["finding", "update", "2026-dot1-F01", "--status", "dang-khac-phuc", "--note", "Tiến độ 50%"],
        &["round", "close", "2026-dot1"],
    ];
    for args in writes {
        let before = audit_count(&ward);
        ward.ok(args);
        assert_eq!(audit_count(&ward), before + 1, "{args:?}");
    }
    let failures: &[&[&str]] = &[
        &["score", "set", "2026-dot1", "VP", "1.1.5", "1"],
        &["finding", "update", "2026-dot1-F01", "--status", "mo", "--note", "x"],
        &["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "han-che", "--text", "Y"],
        &["round", "close", "2026-dot1"],
    ];
    for args in failures {
        let before = audit_count(&ward);
        ward.fails(1, args);
        assert_eq!(audit_count(&ward), before, "{args:?}");
    }
    // An unchanged score is no write at all.
    ward.ok(&["round", "reopen", "2026-dot1", "--reason", "Sửa điểm"]);
    let before = audit_count(&ward);
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "2"]);
    assert_eq!(audit_count(&ward), before);

    let scores = ward.json(&["log", "--entity", "score"]);
    let scores = scores.as_array().unwrap();
    assert_eq!(scores.len(), 3);
    assert_eq!(scores[1]["action"], "update");
    assert_eq!(scores[1]["actor"], "thư ký");
    assert_eq!(scores[1]["entity_id"], "VP/1.1.5");
    assert!(scores[1]["old_value"].as_str().unwrap().contains("1.5"), "{:?}", scores[1]);
    // The Vietnamese name of the entity works too, and the table speaks Vietnamese.
    assert_eq!(ward.json(&["log", "--entity", "kết luận"]).as_array().unwrap().len(), 3);
    let table = ward.ok(&["log", "--round", "2026-dot1", "--entity", "diem"]);
    assert!(table.contains("28/11/2026 09:00") && table.contains("điểm") && table.contains("ghi"), "{table}");
    let csv = ward.ok(&["log", "--since", "28/11/2026", "--format", "csv"]);
    // CSV is for people too (intake_output.rs): the change in words; JSON keeps the raw old and new values.
    assert!(csv.starts_with("id,at,actor,action,entity,entity_id,round,change\n"), "{csv}");
    assert!(ward.json(&["log", "--since", "29/11/2026"]).as_array().unwrap().is_empty());
    let err = ward.fails(1, &["log", "--round", "2026-dot3"]);
    assert!(err.contains("2026-dot1"), "{err}");
}

#[test]
fn free_text_may_begin_with_a_dash_as_a_list_item_does() {
    let ward = ward_with_dot1();
    let text = "- Chưa niêm yết công khai thủ tục hành chính";
    let id = ward.ok(&["finding", "add", "2026-dot1", "--unit", "KT", "--kind", "han-che", "--text", text]);
    ward.ok(&["finding", "update", id.trim(), "--status", "dang-khac-phuc", "--note", "-Đã lập kế hoạch"]);
    ward.ok(&["score", "set", "2026-dot1", "VP", "1.1.5", "1", "--note", "-0,5 vì thiếu hồ sơ"]);
    let shown = ward.json(&["finding", "show", id.trim()]);
    assert_eq!(shown["text"], text, "{shown}");
    let scores = ward.ok(&["score", "list", "2026-dot1", "--format", "csv"]);
    assert!(scores.contains("-0,5 vì thiếu hồ sơ"), "{scores}");
}
