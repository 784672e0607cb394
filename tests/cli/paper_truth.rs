//! The papers of a round tell one truth on their date (issue 19): the same units in the decision, the schedule
//! notice, the minutes and the round report; the date line the paper's own (blank for the văn thư, never the
//! clock); a unit's minutes as they stood at the end of its inspection day; next year's plan with placeholders for
//! bases it does not have yet and the year's unfinished business.

use std::collections::BTreeSet;

use crate::common::Ward;

fn demo() -> Ward {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "."]);
    ward
}

fn names(value: &serde_json::Value, list: &str, key: &str) -> BTreeSet<String> {
    value[list].as_array().unwrap().iter().map(|v| v[key].as_str().unwrap_or_default().to_owned()).collect()
}

/// Every ISO date (`YYYY-MM-DD…`) in a JSON value, with the path of keys that leads to it.
fn dates_in(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| dates_in(v, &format!("{path}.{k}"), out)),
        serde_json::Value::Array(list) => list.iter().for_each(|v| dates_in(v, path, out)),
        serde_json::Value::String(s) if s.get(..10).and_then(|d| d.parse::<chrono::NaiveDate>().ok()).is_some() => {
            out.push((path.to_owned(), s[..10].to_owned()))
        }
        _ => {}
    }
}

#[test]
fn every_paper_of_a_round_names_the_same_units_as_its_report() {
    let ward = &demo();
    for round in ["2026-dot1", "2026-dot2"] {
        let report = ward.json(&["report", "round", round]);
        let codes = names(&report, "units", "code");
        let unit_names = names(&report, "units", "name");
        assert_eq!(codes.len(), 5, "{round}: {codes:?}");
        let decision = ward.json(&["paper", "decision", round]);
        let listed: BTreeSet<String> =
            decision["units"].as_array().unwrap().iter().map(|u| u.as_str().unwrap().to_owned()).collect();
        assert_eq!(listed, unit_names, "{round}: decision");
        let notice = ward.json(&["paper", "schedule", round]);
        assert_eq!(names(&notice, "slots", "unit_code"), codes, "{round}: schedule notice");
        let dir = format!("bien-ban-{round}");
        ward.ok(&["paper", "minutes", round, "--all", "-o", &dir]);
        let minutes: BTreeSet<String> = std::fs::read_dir(ward.path(&dir))
            .unwrap()
            .map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
                stem.trim_start_matches(&format!("bien-ban-kiem-tra-{round}-")).to_owned()
            })
            .collect();
        assert_eq!(minutes, codes, "{round}: minutes");
        let shown = ward.json(&["round", "schedule", round]);
        let scheduled: BTreeSet<String> =
            shown.as_array().unwrap().iter().map(|s| s["unit"].as_str().unwrap().to_owned()).collect();
        assert_eq!(scheduled, codes, "{round}: round schedule show");
    }
}

#[test]
fn a_paper_carries_its_own_date_never_the_clock() {
    let ward = &demo();
    // The clock says 28/11/2026; without --date the day and month are left blank…
    let md = ward.ok(&["paper", "schedule", "2026-dot1", "--format", "md"]);
    assert!(md.contains("*Thành Sen, ngày      tháng      năm 2026*"), "{md}");
    assert!(!md.contains("28 tháng 11"));
    let md = ward.ok(&["paper", "schedule", "2026-dot1", "--format", "md", "--date", "22/06/2026"]);
    assert!(md.contains("*Thành Sen, ngày 22 tháng 6 năm 2026*"), "{md}");
    // …except on a decision the văn thư has numbered: its own number and date (`round team … decision`).
    let md = ward.ok(&["paper", "decision", "2026-dot1", "--format", "md"]);
    assert!(md.contains("Số: 112/QĐ-UBND") && md.contains("*Thành Sen, ngày 22 tháng 6 năm 2026*"), "{md}");
    let md = ward.ok(&["paper", "decision", "2026-dot2", "--format", "md"]);
    assert!(md.contains("Số: 251/QĐ-UBND") && md.contains("*Thành Sen, ngày 09 tháng 10 năm 2026*"), "{md}");
    // The team's report cites the decision that formed it.
    let report = ward.ok(&["report", "round", "2026-dot2", "--format", "md"]);
    assert!(report.contains("và Quyết định số 251/QĐ-UBND ngày 09/10/2026 của Chủ tịch UBND phường"), "{report}");
    let adhoc = ward.ok(&["report", "round", "2026-dx1", "--format", "md"]);
    assert!(adhoc.contains("Quyết định số 287/QĐ-UBND ngày 10/11/2026"), "{adhoc}");
    let out = ward.cmd(&["paper", "decision", "2026-dot1", "--format", "md", "--date", "01/07/2026"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.contains("không trước ngày bắt đầu đợt 2026-dot1"), "{err}");
    let md = ward.ok(&["paper", "plan", "2026", "--format", "md"]);
    assert!(md.contains("ngày      tháng      năm 2026"), "plan");
    let md = ward.ok(&["paper", "reminder", "2026-dot1", "--as-of", "06/07/2026", "--format", "md"]);
    assert!(md.contains("*Thành Sen, ngày 06 tháng 7 năm 2026*"), "{md}");
    // The decision cites the plan and the notice gives every deadline with its weekday, evidence in a phụ lục.
    let decision = ward.ok(&["paper", "decision", "2026-dot1", "--format", "md"]);
    assert!(decision.contains("Căn cứ Kế hoạch số 15/KH-UBND ngày 12/06/2026"), "{decision}");
    let notice = ward.ok(&["paper", "schedule", "2026-dot1", "--format", "md"]);
    assert!(
        notice.contains(
            "| Thứ Năm, 09/07/2026 | Sáng | Trung tâm Cung ứng dịch vụ công phường Thành Sen | Thứ Sáu, 03/07/2026 |"
        ),
        "{notice}"
    );
    let annex = notice.find("**PHỤ LỤC**").expect("a phụ lục");
    assert!(annex > notice.find("Trần Thị Thủy Nga").unwrap(), "after the signature");
}

#[test]
fn a_units_minutes_show_what_stood_at_the_end_of_its_inspection_day() {
    let ward = &demo();
    // KT is inspected on 02/07; its proposals were answered later in the year.
    let json = ward.json(&["paper", "minutes", "2026-dot1", "KT"]);
    let slot = "2026-07-02";
    assert_eq!(json["date"], slot);
    for p in json["unit"]["proposals"].as_array().unwrap() {
        assert!(p["answered_on"].as_str().is_none_or(|d| d <= slot), "answered after the slot: {p}");
    }
    // Nothing in it is dated after the slot, except the dates it sets (deadlines, the round's last day).
    let mut dated = Vec::new();
    dates_in(&json, "", &mut dated);
    let later: Vec<_> = dated
        .iter()
        .filter(|(key, day)| day.as_str() > slot && !key.ends_with("due_date") && !key.ends_with("round.end"))
        .collect();
    assert!(later.is_empty(), "{later:?}");
    let later = ward.json(&["paper", "minutes", "2026-dot1", "KT", "--as-of", "31/12/2026"]);
    let answered = |v: &serde_json::Value| {
        v["unit"]["proposals"].as_array().unwrap().iter().filter(|p| p["answered"] == true).count()
    };
    assert!(answered(&later) > answered(&json), "the filter is what hides the later answers");
    // A score corrected after the meeting (28/11, the round reopened) is not what the minutes of 02/07 hold.
    let points = |v: &serde_json::Value| {
        let items = v["unit"]["items"].as_array().unwrap();
        items.iter().find(|i| i["code"] == "1.4.8").unwrap()["appraised_points"].as_f64()
    };
    assert_eq!(points(&json), Some(0.5));
    ward.ok(&["round", "reopen", "2026-dot1", "--reason", "Sửa điểm theo kết quả xác minh"]);
    ward.ok(&["score", "set", "2026-dot1", "KT", "1.4.8", "1"]);
    ward.ok(&["score", "unset", "2026-dot1", "KT", "1.6.1.1"]);
    let again = ward.json(&["paper", "minutes", "2026-dot1", "KT"]);
    assert_eq!(points(&again), Some(0.5), "the score as it stood on 02/07");
    assert_eq!(again["unit"]["totals"], json["unit"]["totals"]);
    let now = ward.json(&["paper", "minutes", "2026-dot1", "KT", "--as-of", "28/11/2026"]);
    assert_eq!(points(&now), Some(1.0));
    let md = ward.ok(&["paper", "minutes", "2026-dot1", "KT", "--format", "md"]);
    assert!(md.contains("Thực hiện Quyết định số 112/QĐ-UBND ngày 22/06/2026"), "{md}");
    assert!(md.contains("**THƯ KÝ ĐOÀN KIỂM TRA**") && md.contains("**Phan Thị Lan Anh**"), "{md}");
    assert!(!md.contains("Các đơn vị nêu") && !md.contains("2026-dot1-F"), "singular, no internal ids: {md}");
}

#[test]
fn next_years_plan_has_placeholders_and_the_years_unfinished_business() {
    let ward = &demo();
    let md = ward.ok(&["paper", "plan", "2027", "--format", "md"]);
    assert!(md.contains("[Căn cứ năm 2027: cần cập nhật]"), "{md}");
    assert!(!md.contains("3369") && !md.contains("146/KH-UBND"), "no 2026 bases as finished text");
    assert!(md.contains("Kiểm tra việc khắc phục tồn tại, hạn chế năm 2026"), "{md}");
    assert!(md.contains("Kiến nghị, đề xuất chưa được trả lời"), "{md}");
    // No 2027 round yet: the plan's dates moved onto working days (10/07/2027 is a Saturday).
    assert!(md.contains("Đợt 1: Dự kiến từ ngày 01/07/2027 đến ngày 09/07/2027."), "{md}");
    for typo in ["Nền tảng Hợp trực tuyến", "thực nhiệm", "điểm hình", "chuyên biến"] {
        assert!(!md.contains(typo), "{typo}");
    }
    let json = ward.json(&["paper", "plan", "2027"]);
    let first = json["carried"]["findings"].as_array().unwrap().len();
    assert!(first > 0);
    // The signed 2026 text keeps its own wording.
    let signed = ward.ok(&["paper", "plan", "2026", "--format", "md"]);
    assert!(signed.contains("điểm hình") && signed.contains("3369"));
}

#[test]
fn no_title_in_any_paper_or_report_the_demo_writes_is_cut() {
    let ward = &demo();
    let mut read = 0;
    for dir in ["van-ban", "bao-cao"] {
        for entry in std::fs::read_dir(ward.path(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // A run of "…" is a line left for handwriting; a single one would be a cut title.
            let cut = text.split("……").map(|part| part.trim_start_matches('…')).any(|part| part.contains('…'));
            assert!(!cut, "a «…» in {}", path.display());
            read += 1;
        }
    }
    assert!(read >= 15, "every paper and report: {read}");
}
