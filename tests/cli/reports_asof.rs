//! Reports a provincial reviewer cannot fault (issue 20, part A): as of their date, proposals linked by people,
//! NĐ 335 stated not decided, no internal ids in the year report.

use crate::common::Ward;

fn sql(ward: &Ward, query: &str) -> i64 {
    let conn = rusqlite::Connection::open(ward.path("mau/cchc.db")).expect("open demo db");
    conn.query_row(query, [], |r| r.get(0)).expect("query")
}

fn demo() -> Ward {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "mau"]);
    ward
}

fn on_demo(ward: &Ward, args: &[&str]) -> String {
    let mut all = vec!["--db", "mau/cchc.db"];
    all.extend(args);
    ward.ok(&all)
}

#[test]
fn every_proposal_is_listed_once_and_answered_only_by_its_own_answer() {
    let ward = demo();
    let held = sql(&ward, "SELECT COUNT(*) FROM findings WHERE kind = 'kien-nghi'");
    let year: serde_json::Value =
        serde_json::from_str(&on_demo(&ward, &["report", "year", "2026", "--format", "json"])).expect("year json");
    let listed = year["proposals"].as_array().expect("proposals");
    assert_eq!(listed.len() as i64, held, "the year report lists every proposal the database holds");
    let followup: serde_json::Value =
        serde_json::from_str(&on_demo(&ward, &["report", "followup", "--as-of", "31/12/2026", "--format", "json"]))
            .expect("followup json");
    assert_eq!(followup["proposals"].as_array().map(Vec::len), Some(held as usize), "follow-up lists every one");
    let conn = rusqlite::Connection::open(ward.path("mau/cchc.db")).expect("open");
    for p in listed.iter().filter(|p| p["answered"] == true) {
        let id = p["finding_id"].as_str().expect("id");
        let own: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM proposal_answers WHERE finding_id = ?1 AND answer IS NOT NULL",
                [id],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(own, 1, "{id} is shown answered without an answer of its own");
    }
    assert_eq!(sql(&ward, "SELECT COUNT(*) FROM findings WHERE repeats IS NOT NULL"), 2, "only the demo's own links");
    let repeats: Vec<_> = listed.iter().filter(|p| !p["repeats"].is_null()).collect();
    assert_eq!(repeats.len(), 2, "the two linked repeats");
    let centre = repeats.iter().find(|p| p["repeats"] == "2026-dot1-F03").expect("the centre's linked repeat");
    assert_eq!(centre["answered"].as_bool(), Some(false), "a repeat is not answered by its first's answer");
    let kt = listed.iter().find(|p| p["finding_id"] == "2026-dot2-F01").expect("KT's Đợt 2 request");
    assert_eq!((kt["repeats"].is_null(), kt["answered"].as_bool()), (true, Some(false)), "never guessed");
}

#[test]
fn a_repeat_is_linked_by_a_person_and_checked() {
    let ward = demo();
    let err = ward.fails(1, &["--db", "mau/cchc.db", "finding", "link", "2026-dot2-F01", "--repeats", "2026-dot1-F03"]);
    assert!(err.contains("không phải KT"), "{err}");
    let err = ward.fails(1, &["--db", "mau/cchc.db", "finding", "link", "2026-dot1-F01", "--repeats", "2026-dot2-F01"]);
    assert!(err.contains("không thuộc một đợt trước"), "{err}");
    on_demo(&ward, &["finding", "link", "2026-dot2-F01", "--repeats", "2026-dot1-F01"]);
    assert_eq!(sql(&ward, "SELECT COUNT(*) FROM findings WHERE repeats = '2026-dot1-F01'"), 1);
    on_demo(&ward, &["finding", "link", "2026-dot2-F01", "--none"]);
    assert_eq!(sql(&ward, "SELECT COUNT(*) FROM findings WHERE repeats IS NOT NULL"), 2, "the demo's two links");
}

#[test]
fn the_round_report_holds_nothing_after_its_last_day() {
    let ward = demo();
    let md = on_demo(&ward, &["report", "round", "2026-dot2", "--format", "md"]);
    for later in ["03/11/2026", "Trần Thị M.", "16/11/2026"] {
        assert!(!md.contains(later), "Đợt 2 report shows «{later}» from after 25/10/2026");
    }
    let json = on_demo(&ward, &["report", "round", "2026-dot2", "--format", "json"]);
    assert!(!json.contains("Trần Thị M.") && !json.contains("2026-dx1"), "no ad-hoc round in Đợt 2");
    assert!(md.contains("ngày      tháng"), "no --date: the date line is left blank");
    let dated = on_demo(&ward, &["report", "round", "2026-dot2", "--date", "28/10/2026", "--format", "md"]);
    assert!(dated.contains("ngày 28 tháng 10 năm 2026"), "--date fills the date line");
    // As of the day before the verification, the Đợt 1 violation is still only remediated.
    let before: serde_json::Value =
        serde_json::from_str(&on_demo(&ward, &["report", "followup", "--as-of", "15/08/2026", "--format", "json"]))
            .expect("json");
    assert!(before.to_string().contains("2026-dot1-F10"), "open on 15/08: {before}");
}

#[test]
fn the_year_report_states_the_cap_per_category_and_keeps_ids_home() {
    let ward = demo();
    let md = on_demo(&ward, &["report", "year", "2026", "--format", "md"]);
    assert!(md.contains("Điều 20 khoản 5 điểm a"), "the article is quoted");
    assert!(md.contains("từ 90 điểm") && md.contains("từ 70 đến dưới 90 điểm"), "the bands are quoted");
    assert!(!md.contains("vượt tỷ lệ cho phép"), "never a verdict");
    assert!(md.contains("Mức theo thang điểm: viên chức"), "viên chức are grouped apart");
    on_demo(&ward, &["report", "year", "2026", "-o", "nam.docx"]);
    let parts = crate::common::unzip(&std::fs::read(ward.path("nam.docx")).expect("docx written"));
    let doc = parts.iter().find(|(name, _)| name == "word/document.xml").map(|(_, xml)| xml.as_str()).expect("body");
    assert!(!doc.contains("2026-dot1-F") && !doc.contains("2026-dot2-F"), "no finding ids in the year report's DOCX");
    let csv = on_demo(&ward, &["report", "year", "2026", "--format", "csv"]);
    assert!(csv.contains("2026-dot1-F"), "the machine formats keep the ids");
    let json: serde_json::Value =
        serde_json::from_str(&on_demo(&ward, &["report", "year", "2026", "--format", "json"])).expect("json");
    let groups = json["groups"].as_array().expect("groups");
    assert!(groups.iter().any(|g| g["category"] == "vien-chuc"), "{groups:?}");
    for g in groups {
        if let Some(cap) = g["cap"].as_object() {
            assert_eq!(cap["base"], "tot");
        }
    }
}

#[test]
fn review_lists_what_a_reviewer_sends_back_and_a_clean_round_passes() {
    let ward = demo();
    let out = ward.cmd(&["--db", "mau/cchc.db", "review", "2026-dot1", "--format", "csv"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "open points: exit 1");
    let listed = String::from_utf8(out.stdout).expect("utf-8");
    let violation = listed.lines().find(|l| l.contains("KT, nội dung 1.6.1.5")).expect("the violation on 1.6.1.5");
    assert!(violation.contains("đủ điểm 1/1"), "{violation}");
    assert!(listed.contains("do phần mềm tính từ số liệu «61,5%»"), "KT's computed self points: {listed}");
    assert!(listed.contains("VHXH, nội dung 1.1.3") && listed.contains("28/BC-UBND"), "N/A citing a document");
    let report = ward.cmd(&["--db", "mau/cchc.db", "report", "round", "2026-dot1", "--format", "md"]).output();
    let stderr = String::from_utf8(report.expect("run").stderr).expect("utf-8");
    assert!(stderr.contains("điểm cần xem lại trước khi ký; xem: `cchc review 2026-dot1`"), "{stderr}");

    let clean = Ward::new();
    clean.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    clean.ok(&["round", "team", "2026-dot1", "add", "--name", "Nguyễn Văn A", "--role", "truong-doan"]);
    clean.ok(&["report", "text", "confirm", "2026-dot1", "--all"]);
    clean.ok(&["review", "2026-dot1"]);
}

#[test]
fn officials_carry_a_category() {
    let ward = Ward::example();
    ward.ok(&["official", "add", "--code", "VC01", "--name", "Lê Thị B", "--unit", "VP", "--category", "viên chức"]);
    let listed = ward.ok(&["official", "list", "--format", "csv"]);
    let row = listed.lines().find(|l| l.starts_with("VC01")).expect("listed");
    assert!(row.ends_with("Viên chức"), "{row}");
    let by_unit = listed.lines().find(|l| l.contains(",TTDVC,")).expect("an official of a public-service unit");
    assert!(by_unit.ends_with(','), "empty: taken from the unit's kind: {by_unit}");
    let err = ward.fails(2, &["official", "add", "--code", "X1", "--name", "X", "--unit", "VP", "--category", "khác"]);
    assert!(err.contains("không hợp lệ"), "{err}");
}

#[test]
fn the_catalogue_workbook_carries_the_caps_base() {
    let ward = Ward::new();
    ward.ok(&["criteria", "export", "-o", "mac-dinh.xlsx"]);
    ward.ok(&["criteria", "import", "mac-dinh.xlsx", "-o", "mac-dinh.toml"]);
    let toml = std::fs::read_to_string(ward.path("mac-dinh.toml")).expect("toml");
    let edited = toml
        .replace("[classification]\n", "[classification]\ntop_band_cap_base = \"tot-tro-len\"\n")
        .replace("version = \"1.0.0\"", "version = \"1.1.0\"");
    ward.write("tot-tro-len.toml", edited);
    ward.ok(&["criteria", "load", "tot-tro-len.toml"]);
    ward.ok(&["criteria", "export", "--catalogue", "mac-dinh-2026@1.1.0", "-o", "tot-tro-len.xlsx"]);
    ward.ok(&["criteria", "import", "tot-tro-len.xlsx", "-o", "lai.toml"]);
    let back = std::fs::read_to_string(ward.path("lai.toml")).expect("toml");
    assert!(back.contains("top_band_cap_base = \"tot-tro-len\""), "the workbook shows and keeps the base: {back}");
}

/// The status a report gives a finding, found wherever it lists it.
fn status_of(report: &serde_json::Value, id: &str) -> Option<String> {
    match report {
        serde_json::Value::Object(map) if map.get("id").and_then(|v| v.as_str()) == Some(id) => {
            map.get("status").and_then(|s| s.as_str()).map(str::to_owned)
        }
        serde_json::Value::Object(map) => map.values().find_map(|v| status_of(v, id)),
        serde_json::Value::Array(list) => list.iter().find_map(|v| status_of(v, id)),
        _ => None,
    }
}

#[test]
fn the_year_report_gives_each_finding_the_status_it_had_on_its_date() {
    let ward = demo();
    // KT's violation of Đợt 1: in progress from 20/07, remedied 21/08, verified 20/10.
    let id = "2026-dot1-F10";
    let kind = sql(&ward, "SELECT count(*) FROM findings WHERE id = '2026-dot1-F10' AND kind = 'vi-pham'");
    assert_eq!(kind, 1, "the demo's violation keeps its id");
    for (as_of, status) in
        [("31/07/2026", "dang-khac-phuc"), ("30/09/2026", "da-khac-phuc"), ("31/12/2026", "da-xac-minh")]
    {
        let json = on_demo(&ward, &["report", "year", "2026", "--as-of", as_of, "--format", "json"]);
        let year: serde_json::Value = serde_json::from_str(&json).expect("year json");
        assert_eq!(status_of(&year, id).as_deref(), Some(status), "as of {as_of}");
    }
}

#[test]
fn a_year_report_as_of_mid_year_holds_only_the_rounds_held_by_then() {
    let ward = demo();
    let json = on_demo(&ward, &["report", "year", "2026", "--as-of", "30/09/2026", "--format", "json"]);
    let year: serde_json::Value = serde_json::from_str(&json).expect("year json");
    let text = year.to_string();
    assert!(!text.contains("2026-dot2") && !text.contains("2026-dx1"), "rounds held after 30/09: {text}");
    assert!(text.contains("2026-dot1"), "Đợt 1 was held");
}
