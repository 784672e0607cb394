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
fn a_weekend_slot_is_refused_unless_allowed_then_warned_about_and_kept() {
    let ward = ward();
    let before = ward.dump();
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "set", "VHXH", "04/07/2026"]);
    assert!(err.contains("04/07/2026 là thứ Bảy") && err.contains("--allow-non-working-day"), "{err}");
    assert_eq!(ward.dump(), before);
    let args = ["round", "schedule", "2026-dot1", "set", "VHXH", "04/07/2026", "--session", "sáng"];
    let out = ward.cmd(&[&args[..], &["--allow-non-working-day"]].concat()).output();
    let out = out.expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lịch kiểm tra VHXH ngày 04/07/2026 rơi vào thứ Bảy"), "{err}");
    assert!(err.contains("hạn nộp báo cáo tự kiểm tra Thứ Hai, 29/06/2026"), "{err}");
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
    assert_eq!(shown[1]["selfreport_due"], "2026-06-26", "Sunday 28/06 moved back to Friday");
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
    assert_eq!(days.len(), 5, "every unit the round inspects has a slot, the four with nothing assigned none");
    assert!(!days.iter().any(|d| ["2026-07-04", "2026-07-05"].contains(d)), "no weekend: {days:?}");
    let vhxh = shown.as_array().unwrap().iter().find(|s| s["unit"] == "VHXH").unwrap();
    assert_eq!(vhxh["day"], "2026-07-10", "the slot set by hand stays");
    ward.ok(&["round", "schedule", "2026-dot1", "auto", "--replace"]);
    let replaced = ward.json(&["round", "schedule", "2026-dot1"]);
    let vhxh = replaced.as_array().unwrap().iter().find(|s| s["unit"] == "VHXH").unwrap();
    assert_eq!((vhxh["day"].as_str(), vhxh["place"].as_str()), (Some("2026-07-06"), Some("Phòng họp số 2")));
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

    // Moved to 02/07, its deadline (Saturday 27/06) moves back to Friday 26/06: the same receipt is three days
    // late, everywhere.
    ward.ok(&["round", "schedule", "2026-dot1", "set", "VHXH", "02/07/2026"]);
    assert_eq!(status_of(&ward, "VHXH")["days_late"], 3);
    let report = ward.json(&["report", "round", "2026-dot1"]);
    let late = report["late_units"].as_array().unwrap();
    assert!(late.iter().any(|u| u["code"] == "VHXH" && u["days_late"] == 3 && u["due"] == "2026-06-26"), "{late:?}");
    let md = ward.ok(&["report", "unit", "2026-dot1", "VHXH", "--format", "md"]);
    assert!(md.contains("nộp ngày 29/06/2026 (muộn so với hạn 26/06/2026)"), "{md}");
}

#[test]
fn a_closed_round_keeps_its_schedule() {
    let ward = ward();
    ward.ok(&["round", "close", "2026-dot1"]);
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "set", "VHXH", "08/07/2026"]);
    assert!(err.contains("đã kết thúc"), "{err}");
}

#[test]
fn deadlines_fall_on_working_days_and_one_team_is_in_one_place() {
    let ward = ward();
    // Friday 03/07: five days before is Sunday 28/06, so Friday 26/06, printed with its weekday.
    let out = ward.cmd(&["round", "schedule", "2026-dot1", "set", "KT", "03/07/2026", "--session", "sang"]).output();
    let err = String::from_utf8_lossy(&out.expect("run").stderr).into_owned();
    assert!(err.contains("hạn nộp báo cáo tự kiểm tra Thứ Sáu, 26/06/2026"), "{err}");
    // Another unit the same morning is refused; the afternoon is free.
    let before = ward.dump();
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "set", "VP", "03/07/2026", "--session", "sáng"]);
    assert!(err.contains("KT") && err.contains("--allow-overlap"), "{err}");
    assert_eq!(ward.dump(), before);
    ward.ok(&["round", "schedule", "2026-dot1", "set", "VP", "03/07/2026", "--session", "chiều"]);
    ward.ok(&["round", "schedule", "2026-dot1", "set", "VHXH", "03/07/2026", "--session", "sáng", "--allow-overlap"]);
    let shown = ward.json(&["round", "schedule", "2026-dot1"]);
    let kt = shown.as_array().unwrap().iter().find(|s| s["unit"] == "KT").unwrap();
    assert_eq!(kt["overlap"], "VHXH", "show marks the overlap");
    // A holiday entered for the year is a day off too: 02/07 made a holiday moves a 07/07 slot's deadline
    // (Thursday 02/07) back to Wednesday 01/07.
    ward.ok(&["config", "set", "holidays", "02/07/2026"]);
    ward.ok(&["round", "schedule", "2026-dot1", "set", "TTPVHCC", "07/07/2026"]);
    let shown = ward.json(&["round", "schedule", "2026-dot1"]);
    let row = shown.as_array().unwrap().iter().find(|s| s["unit"] == "TTPVHCC").unwrap();
    assert_eq!(row["selfreport_due"], "2026-07-01");
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "set", "TTDVC", "02/07/2026"]);
    assert!(err.contains("ngày nghỉ lễ"), "{err}");
    let err = ward.fails(1, &["config", "set", "holidays", "32/07/2026"]);
    assert!(err.contains("32/07/2026"), "{err}");
    // The ward may move deadlines forward instead (Bộ luật Dân sự, Điều 148): KT's becomes Monday 29/06.
    ward.ok(&["config", "set", "deadline_direction", "sau"]);
    let shown = ward.json(&["round", "schedule", "2026-dot1"]);
    let kt = shown.as_array().unwrap().iter().find(|s| s["unit"] == "KT").unwrap();
    assert_eq!(kt["selfreport_due"], "2026-06-29");
    assert!(ward.ok(&["config", "list"]).contains("deadline_direction"));
}

#[test]
fn a_unit_outside_the_scope_is_refused_unless_included_and_then_in_every_paper() {
    let ward = ward();
    let err = ward.fails(1, &["round", "schedule", "2026-dot1", "set", "TYT", "06/07/2026"]);
    assert!(err.contains("không phụ trách nội dung nào") && err.contains("--include"), "{err}");
    ward.ok(&["round", "schedule", "2026-dot1", "set", "TYT", "06/07/2026", "--include"]);
    ward.ok(&["round", "team", "2026-dot1", "add", "--name", "Nguyễn Thị Hoài Thu", "--role", "truong-doan"]);
    let decision = ward.ok(&["paper", "decision", "2026-dot1", "--format", "md"]);
    assert!(decision.contains("6 phòng, cơ quan, đơn vị") && decision.contains("Trạm Y tế"), "{decision}");
    let notice = ward.ok(&["paper", "schedule", "2026-dot1", "--format", "md"]);
    assert!(notice.contains("Trạm Y tế"), "{notice}");
    let report = ward.json(&["report", "round", "2026-dot1"]);
    assert!(report["units"].as_array().unwrap().iter().any(|u| u["code"] == "TYT"), "{report}");
    ward.ok(&["paper", "minutes", "2026-dot1", "TYT", "--format", "md"]);
}
