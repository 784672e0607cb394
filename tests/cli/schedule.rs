//! `cchc round schedule`: slots within the round, a weekend warned about, one slot per unit, and each unit's
//! self-report deadline five days before its slot in `selfreport status` and the reports.

use crate::common::Ward;

/// The example ward with Đợt 1 (01/07–10/07/2026, round-wide deadline 26/06/2026).
fn ward() -> Ward {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward
}

fn status_of(ward: &Ward, unit: &str) -> serde_json::Value {
    let rows = ward.json(&["selfreport", "status", "2026-dot1"]);
    rows.as_array().and_then(|r| r.iter().find(|row| row["unit"] == unit).cloned()).expect("unit in status")
}

#[test]
fn a_slot_outside_the_round_is_refused_naming_it_and_nothing_is_written() {
    let ward = ward();
    let before = ward.dump();
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "set", "VHXH", "11/07/2026"]);
    insta::assert_snapshot!("schedule_outside_round", err);
    assert_eq!(ward.dump(), before);
    let err = ward.fails(2, &["round", "schedule", "2026-dot1", "set", "VHXH", "31/06/2026"]);
    assert!(err.contains("không tồn tại"), "{err}");
}

#[test]
fn a_weekend_slot_is_warned_about_and_kept() {
    let ward = ward();
    let out = ward.cmd(&["round", "schedule", "2026-dot1", "set", "VHXH", "04/07/2026", "--session", "sáng"]).output();
    let out = out.expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lịch kiểm tra VHXH ngày 04/07/2026 rơi vào thứ Bảy"), "{err}");
    assert!(err.contains("hạn nộp báo cáo tự kiểm tra 29/06/2026"), "{err}");
    let shown = ward.json(&["round", "schedule", "2026-dot1", "show"]);
    assert_eq!(shown[0]["unit"], "VHXH");
    assert_eq!((shown[0]["day"].as_str(), shown[0]["session"].as_str()), (Some("2026-07-04"), Some("sang")));
}

#[test]
fn an_import_with_two_slots_for_one_unit_is_refused_whole() {
    let ward = ward();
    let file = ward.write(
        "lich.csv",
        "Mã đơn vị,Ngày kiểm tra,Buổi,Địa điểm\nVP,02/07/2026,sáng,Trụ sở UBND\nKT,12/07/2026,chiều,\n\
         VP,03/07/2026,,\nXYZ,03/07/2026,tối,\n",
    );
    let before = ward.dump();
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "import", file.to_str().unwrap()]);
    insta::assert_snapshot!("schedule_import_refused", err);
    assert_eq!(ward.dump(), before);
    let good = ward
        .write("lich-dung.csv", "ma_don_vi;ngay;buoi;dia_diem\nVP;02/07/2026;Sáng;Trụ sở UBND\nKT;03/07/2026;chieu;\n");
    ward.ok(&["round", "schedule", "2026-dot1", "import", good.to_str().unwrap()]);
    let shown = ward.json(&["round", "schedule", "2026-dot1"]);
    assert_eq!((shown[0]["unit"].as_str(), shown[0]["place"].as_str()), (Some("VP"), Some("Trụ sở UBND")));
    assert_eq!(shown[1]["selfreport_due"], "2026-06-28");
    assert_eq!(shown[2]["scheduled"], 0, "units without a slot follow");
    assert_eq!(shown[2]["selfreport_due"], "2026-06-26", "and keep the round's deadline");
}

#[test]
fn auto_spreads_the_units_over_working_days_and_keeps_the_slots_set() {
    let ward = ward();
    ward.ok(&["round", "schedule", "2026-dot1", "set", "VHXH", "10/07/2026", "--place", "Phòng họp số 2"]);
    ward.ok(&["round", "schedule", "2026-dot1", "auto"]);
    let table = ward.ok(&["round", "schedule", "2026-dot1", "show"]);
    insta::assert_snapshot!("schedule_auto", table);
    let shown = ward.json(&["round", "schedule", "2026-dot1"]);
    let days: Vec<&str> = shown.as_array().unwrap().iter().filter_map(|s| s["day"].as_str()).collect();
    assert_eq!(days.len(), 9, "every unit has a slot");
    assert!(!days.iter().any(|d| ["2026-07-04", "2026-07-05"].contains(d)), "no weekend: {days:?}");
    let vhxh = shown.as_array().unwrap().iter().find(|s| s["unit"] == "VHXH").unwrap();
    assert_eq!(vhxh["day"], "2026-07-10", "the slot set by hand stays");
    ward.ok(&["round", "schedule", "2026-dot1", "auto", "--replace"]);
    let replaced = ward.json(&["round", "schedule", "2026-dot1"]);
    let vhxh = replaced.as_array().unwrap().iter().find(|s| s["unit"] == "VHXH").unwrap();
    assert_eq!((vhxh["day"].as_str(), vhxh["place"].as_str()), (Some("2026-07-02"), Some("Phòng họp số 2")));
}

#[test]
fn each_unit_is_late_against_its_own_slot_in_status_and_reports() {
    let ward = ward();
    // VHXH is inspected on 08/07: its report is due 03/07, so one received 29/06 is on time; KT keeps 26/06.
    ward.ok(&["round", "schedule", "2026-dot1", "set", "VHXH", "08/07/2026"]);
    let vhxh = crate::common::EXAMPLES.to_owned() + "/tu-kiem-tra/vhxh-dot1.csv";
    ward.ok(&["selfreport", "import", "2026-dot1", &vhxh, "--received", "29/06/2026"]);
    let row = status_of(&ward, "VHXH");
    assert_eq!((row["due"].as_str(), row["status"].as_str()), (Some("2026-07-03"), Some("on_time")));
    let kt = status_of(&ward, "KT");
    assert_eq!(
        (kt["due"].as_str(), kt["status"].as_str(), kt["days_late"].as_i64()),
        (Some("2026-06-26"), Some("missing"), Some(155))
    );
    let table = ward.ok(&["selfreport", "status", "2026-dot1"]);
    assert!(table.contains("5 ngày trước ngày kiểm tra từng đơn vị (đơn vị chưa có lịch: 26/06/2026)"), "{table}");

    let report = ward.json(&["report", "round", "2026-dot1"]);
    let late = report["late_units"].as_array().unwrap();
    assert!(!late.iter().any(|u| u["code"] == "VHXH"), "on time against its slot: {late:?}");
    assert!(late.iter().any(|u| u["code"] == "KT" && u["due"] == "2026-06-26"));
    assert_eq!(report["units_scheduled"], 1);
    let unit = ward.json(&["report", "unit", "2026-dot1", "VHXH"]);
    assert_eq!(unit["selfreport_due"], "2026-07-03");

    // Moved to 02/07, the same receipt is two days late (due 27/06), everywhere.
    ward.ok(&["round", "schedule", "2026-dot1", "set", "VHXH", "02/07/2026"]);
    assert_eq!(status_of(&ward, "VHXH")["days_late"], 2);
    let report = ward.json(&["report", "round", "2026-dot1"]);
    let late = report["late_units"].as_array().unwrap();
    assert!(late.iter().any(|u| u["code"] == "VHXH" && u["days_late"] == 2 && u["due"] == "2026-06-27"), "{late:?}");
    let md = ward.ok(&["report", "unit", "2026-dot1", "VHXH", "--format", "md"]);
    assert!(md.contains("nộp ngày 29/06/2026 (muộn so với hạn 27/06/2026)"), "{md}");
}

#[test]
fn a_closed_round_keeps_its_schedule() {
    let ward = ward();
    ward.ok(&["round", "close", "2026-dot1"]);
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "set", "VHXH", "08/07/2026"]);
    assert!(err.contains("đã kết thúc"), "{err}");
}
