//! Issue 20, the rest: a report as of a date leaves out findings recorded after it (and says how many), `cchc
//! review --date` names data recorded after a paper's date, and self points the program computed are marked and
//! left out of the comparison.

use crate::common::Ward;

fn demo() -> Ward {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "mau"]);
    ward
}

/// stdout, stderr and exit code of a command on the demo's database, run on `now`.
fn run_at(ward: &Ward, now: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let mut all = vec!["--db", "mau/cchc.db"];
    all.extend(args);
    let out = ward.cmd(&all).env("CCHC_NOW", now).output().expect("run");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8");
    (text(out.stdout), text(out.stderr), out.status.code())
}

/// The day a finding was recorded, dd/mm/yyyy.
fn recorded(ward: &Ward, id: &str) -> String {
    let conn = rusqlite::Connection::open(ward.path("mau/cchc.db")).expect("open demo db");
    let at: String = conn.query_row("SELECT created_at FROM findings WHERE id = ?1", [id], |r| r.get(0)).expect("row");
    format!("{}/{}/{}", &at[8..10], &at[5..7], &at[..4])
}

#[test]
fn a_finding_recorded_after_the_as_of_date_is_left_out_and_counted() {
    let ward = demo();
    // Typed in for Đợt 1 in December, after the demo's last event.
    let now = "2026-12-20T09:00:00";
    let run = |args: &[&str]| run_at(&ward, now, args);
    let text = "Sổ theo dõi văn bản đến ghi thiếu";
    assert_eq!(run(&["round", "reopen", "2026-dot1", "--reason", "Bổ sung kết luận"]).2, Some(0));
    let (id, _, _) = run(&["finding", "add", "2026-dot1", "--unit", "KT", "--kind", "han-che", "--text", text]);
    let on = recorded(&ward, id.trim());
    let (json, stderr, _) = run(&["report", "year", "2026", "--as-of", "17/11/2026", "--format", "json"]);
    assert!(!json.contains(text), "recorded on {on}, absent from the year as of 17/11");
    assert!(
        stderr.contains("1 kết luận ghi sau ngày 17/11/2026 không có trong báo cáo")
            && stderr.contains(&format!("lập lại với --as-of {on}")),
        "{stderr}"
    );
    let (json, stderr, _) = run(&["report", "year", "2026", "--format", "json"]);
    assert!(json.contains(text), "present as of today");
    assert!(!stderr.contains("kết luận ghi sau ngày"), "{stderr}");
    let (md, stderr, _) = run(&["report", "round", "2026-dot1", "--format", "md"]);
    assert!(!md.contains(text) && stderr.contains("ghi sau ngày 10/07/2026"), "Đợt 1 as of its last day: {stderr}");
}

#[test]
fn review_names_data_recorded_after_the_papers_date() {
    let ward = demo();
    let now = "2026-12-31T08:00:00";
    // Đợt 2 (20–25/10): scores and findings typed in on 24/10, after a paper dated 22/10.
    let (csv, _, code) = run_at(&ward, now, &["review", "2026-dot2", "--date", "22/10/2026", "--format", "csv"]);
    assert_eq!(code, Some(1));
    let later: Vec<&str> = csv.lines().filter(|l| l.contains("ghi sau ngày ký")).collect();
    let findings = later.iter().find(|l| l.contains("kết luận kiểm tra")).expect("findings after 22/10");
    assert!(
        findings.contains("lập báo cáo với --as-of 22/10/2026") && findings.contains("--date 24/10/2026"),
        "{findings}"
    );
    assert!(later.iter().any(|l| l.contains("điểm thẩm định")), "{csv}");
    let (csv, _, _) = run_at(&ward, now, &["review", "2026-dot2", "--date", "28/10/2026", "--format", "csv"]);
    assert!(!csv.contains("ghi sau ngày ký"), "nothing after 28/10 is in the report as of 25/10: {csv}");
    let (csv, _, _) = run_at(&ward, now, &["review", "2026-dot2", "--format", "csv"]);
    assert!(!csv.contains("ghi sau ngày ký"), "without --date, no date to check");
    // The report given --date passes it to the review count it prints.
    let (_, stderr, _) =
        run_at(&ward, now, &["report", "round", "2026-dot2", "--date", "22/10/2026", "--format", "md"]);
    let (_, undated, _) = run_at(&ward, now, &["report", "round", "2026-dot2", "--format", "md"]);
    let open = |stderr: &str| -> usize {
        let line = stderr.lines().find(|l| l.contains("điểm cần xem lại")).expect("a review count");
        line.split("còn ").nth(1).and_then(|n| n.split(' ').next()?.parse().ok()).expect("a number")
    };
    assert!(stderr.contains("`cchc review 2026-dot2 --date 22/10/2026`"), "{stderr}");
    assert_eq!(open(&stderr), open(&undated) + 2, "two kinds recorded after 22/10: {stderr}");
}

#[test]
fn computed_self_points_are_marked_and_left_out_of_the_comparison() {
    let ward = demo();
    let now = "2026-12-31T08:00:00";
    let (md, _, _) = run_at(&ward, now, &["report", "unit", "2026-dot1", "KT", "--format", "md"]);
    assert_eq!(md.matches("(tính từ số liệu)").count(), 5, "KT's five computed items: {md}");
    assert!(md.contains("so sánh trên 8/13 nội dung đơn vị tự chấm"), "{md}");
    assert!(md.contains("tự chấm 92,86") && md.contains("64,29"), "self against appraised on the 8 KT scored");
    let (json, _, _) = run_at(&ward, now, &["report", "unit", "2026-dot1", "KT", "--format", "json"]);
    let unit: serde_json::Value = serde_json::from_str(&json).expect("json");
    let computed = unit["items"].as_array().expect("items").iter().filter(|i| i["self_computed"] == true).count();
    assert_eq!((computed, unit["totals"]["items_compared"].as_u64()), (5, Some(8)));

    let (md, _, _) = run_at(&ward, now, &["report", "round", "2026-dot1", "--format", "md"]);
    let kt = md.lines().find(|l| l.contains("| Phòng Kinh tế, Hạ tầng và Đô thị | 13 |")).expect("KT's row");
    assert!(kt.contains("| 69,23 | 8/13 | 92,86 | 64,29 | -28,57 |"), "{kt}");
    assert!(md.contains("Chênh lệch = “Thẩm định cùng nội dung” − “Tự chấm”"), "the difference can be checked");
    assert!(md.contains("so sánh trên 54/71 nội dung đơn vị tự chấm"), "the ward's self score says over what");
    let (json, _, _) = run_at(&ward, now, &["report", "round", "2026-dot1", "--format", "json"]);
    let round: serde_json::Value = serde_json::from_str(&json).expect("json");
    let kt = round["units"].as_array().expect("units").iter().find(|u| u["code"] == "KT").expect("KT");
    assert_eq!((kt["totals"]["items_compared"].as_u64(), kt["totals"]["items_assessed"].as_u64()), (Some(8), Some(13)));
    run_at(&ward, now, &["report", "round", "2026-dot1", "-o", "dot1.docx"]);
    let parts = crate::common::unzip(&std::fs::read(ward.path("dot1.docx")).expect("docx written"));
    let doc = parts.iter().find(|(name, _)| name == "word/document.xml").map(|(_, xml)| xml.as_str()).expect("body");
    assert!(doc.contains("Thẩm định cùng nội dung") && doc.contains("8/13"), "the DOCX has the same columns");
    // The self-assessment leaves VP's computed 1.1.5 out of its self column, and says so.
    let (md, _, _) = run_at(&ward, now, &["report", "selfassessment", "2026", "--format", "md"]);
    let row = md.lines().find(|l| l.starts_with("| 1.1.5 |")).expect("1.1.5");
    assert!(row.contains("| 2,00 |  | 2,00 |") && row.contains("Tự chấm (tính từ số liệu): không tính"), "{row}");
}
