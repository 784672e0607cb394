//! The paper trail in the reports (issue 22): the round report counts each unit's backed claims and lists the
//! requests still unanswered on its day; the reminder names a request past its due date; the review counts them;
//! the self-assessment table names the files beside the citations.

use crate::common::Ward;
use crate::evidence::{PDF, ward};

/// VP claims points on three items of Đợt 1: 1.1.1 backed by a file received 20/11, 1.1.7 by a citation only,
/// 1.1.5 by nothing; a second file for 1.1.5 arrives today (28/11).
fn claims(ward: &Ward) {
    ward.write(
        "vp.csv",
        "Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện,Tài liệu kiểm chứng\nVP,1.1.5,1,x,\nVP,1.1.7,2,x,Báo cáo số 5/BC-VP\nVP,1.1.1,1,x,\n",
    );
    ward.ok(&["selfreport", "import", "2026-dot1", "vp.csv", "--received", "15/11/2026"]);
    ward.write("kh.pdf", PDF);
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.1", "kh.pdf", "--received", "20/11/2026"]);
    ward.write("muon.pdf", [PDF, b"% 2"].concat());
    ward.ok(&["evidence", "add", "2026-dot1", "VP", "1.1.5", "muon.pdf"]);
}

/// GT01 on 1.1.5 due 25/11, unanswered; GT02 answered on 26/11; GT03 asked today, after a report as of 27/11.
fn requests(ward: &Ward) {
    let ask = |rest: &[&str]| ward.ok(&[&["clarify", "ask", "2026-dot1", "VP"][..], rest].concat());
    ask(&["1.1.5", "--text", "Đề nghị giải trình tiến độ số hóa", "--on", "20/11/2026", "--due", "25/11/2026"]);
    ask(&["--text", "Giải trình việc chậm gửi báo cáo", "--on", "21/11/2026"]);
    ward.ok(&["clarify", "answer", "2026-dot1-GT02", "--text", "Do thay đổi nhân sự", "--on", "26/11/2026"]);
    ask(&["--text", "Hỏi sau ngày báo cáo"]);
}

#[test]
fn the_round_report_counts_backed_claims_and_lists_open_requests_as_of_its_day() {
    let ward = ward();
    claims(&ward);
    let md = ward.ok(&["report", "round", "2026-dot1", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(md.contains("Trong đợt, Đoàn kiểm tra không có yêu cầu giải trình."), "{md}");
    requests(&ward);
    let md = ward.ok(&["report", "round", "2026-dot1", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(md.contains("### 4. Tài liệu kiểm chứng và giải trình"), "{md}");
    assert!(!md.contains("không có yêu cầu giải trình"), "{md}");
    assert!(
        md.contains("| Văn phòng HĐND và UBND | 3 | 1 | 1 | 1 nội dung: 1.1.5 |"),
        "the file of 28/11 is not counted on 27/11: {md}"
    );
    assert!(
        md.contains("Đoàn kiểm tra đã gửi 2 yêu cầu giải trình; đã được trả lời 1, còn 1 yêu cầu chưa được trả lời:"),
        "{md}"
    );
    assert!(
        md.contains("Văn phòng HĐND và UBND (nội dung 1.1.5): Đề nghị giải trình tiến độ số hóa (yêu cầu ngày 20/11/2026; hạn Thứ Tư, 25/11/2026, đã quá hạn)."),
        "{md}"
    );
    assert!(!md.contains("Hỏi sau ngày báo cáo"), "asked after the report's day: {md}");

    let later = ward.json(&["report", "round", "2026-dot1", "--as-of", "28/11/2026"]);
    assert_eq!(later["evidence"][0]["with_files"], 2, "the file of 28/11 counts on 28/11");
    assert_eq!(later["evidence"][0]["without"].as_array().unwrap().len(), 0);
    assert_eq!(later["open_clarifications"].as_array().unwrap().len(), 2);
    let before = ward.json(&["report", "round", "2026-dot1", "--as-of", "25/11/2026"]);
    assert_eq!(before["open_clarifications"][0]["overdue"], false, "due 25/11: not overdue on that day");
    assert_eq!(before["open_clarifications"].as_array().unwrap().len(), 2, "GT02 was answered on 26/11");
}

#[test]
fn the_reminder_names_a_request_unanswered_past_its_due_date() {
    let ward = ward();
    claims(&ward);
    requests(&ward);
    let md = ward.ok(&["paper", "reminder", "2026-dot1", "VP", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(md.contains("V/v đôn đốc giải trình cải cách hành chính"), "VP sent its report: only the request: {md}");
    assert!(
        md.contains("- Nội dung 1.1.5: Đề nghị giải trình tiến độ số hóa (yêu cầu ngày 20/11/2026; hạn"),
        "a letter to VP alone does not name VP in its list: {md}"
    );
    assert!(!md.contains("Giải trình việc chậm gửi báo cáo"), "GT02 has no due date: never overdue: {md}");
    assert!(!md.contains("chưa gửi báo cáo tự kiểm tra"), "{md}");

    let all = ward.ok(&["paper", "reminder", "2026-dot1", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(all.contains("V/v đôn đốc gửi báo cáo tự kiểm tra và giải trình"), "late units and VP's request: {all}");
    assert!(all.contains("- Văn phòng HĐND và UBND (nội dung 1.1.5): Đề nghị giải trình tiến độ số hóa"), "{all}");

    ward.ok(&["clarify", "answer", "2026-dot1-GT01", "--text", "Đã số hóa 1.250 hồ sơ", "--on", "26/11/2026"]);
    let before = ward.dump();
    let err = ward.fails(1, &["paper", "reminder", "2026-dot1", "VP", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(err.contains("không có yêu cầu giải trình nào quá hạn, không cần đôn đốc"), "{err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn the_review_counts_requests_unanswered_on_the_reports_day() {
    let ward = ward();
    requests(&ward);
    let points = ward.cmd(&["review", "2026-dot1", "--as-of", "27/11/2026", "--format", "json"]).output().unwrap();
    let points: serde_json::Value = serde_json::from_slice(&points.stdout).unwrap();
    let problems: Vec<&str> = points
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["problem"].as_str().unwrap())
        .filter(|p| p.contains("giải trình"))
        .collect();
    assert_eq!(
        problems,
        [
            "yêu cầu giải trình 2026-dot1-GT01 chưa được trả lời (hạn 25/11/2026, đã quá hạn): «Đề nghị giải trình tiến độ số hóa»"
        ]
    );
}

#[test]
fn the_self_assessment_names_the_files_beside_the_citations() {
    let ward = ward();
    ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
    ward.write(
        "vp.csv",
        "Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện,Tài liệu kiểm chứng\nVP,1.1.7,2,x,Báo cáo số 5/BC-VP\n",
    );
    ward.ok(&["selfreport", "import", "2026-dot2", "vp.csv"]);
    ward.write("Báo cáo 5.pdf", PDF);
    ward.ok(&["evidence", "add", "2026-dot2", "VP", "1.1.7", "Báo cáo 5.pdf"]);
    let md = ward.ok(&["report", "selfassessment", "2026", "--format", "md"]);
    assert!(md.contains("| Báo cáo số 5/BC-VP; Tệp kèm theo: Báo cáo 5.pdf |"), "{md}");
}

#[test]
fn an_ad_hoc_rounds_reminder_names_only_its_overdue_requests() {
    let ward = ward();
    ward.ok(&["round", "new", "--kind", "dot-xuat", "--from", "16/11/2026", "--topic", "Kỷ luật", "--units", "VP"]);
    let before = ward.dump();
    let err = ward.fails(1, &["paper", "reminder", "2026-dx1", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(
        err.contains("không yêu cầu báo cáo tự kiểm tra, và đến ngày 27/11/2026 không có yêu cầu giải trình"),
        "{err}"
    );
    assert_eq!(ward.dump(), before);

    let ask = ["clarify", "ask", "2026-dx1", "VP", "--text", "Giải trình việc chậm trả hồ sơ", "--on", "17/11/2026"];
    ward.ok(&[&ask[..], &["--due", "20/11/2026"]].concat());
    let md = ward.ok(&["paper", "reminder", "2026-dx1", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(md.contains("V/v đôn đốc giải trình"), "{md}");
    assert!(md.contains("Kính gửi: Văn phòng HĐND và UBND."), "{md}");
    assert!(md.contains("- Giải trình việc chậm trả hồ sơ (yêu cầu ngày 17/11/2026; hạn Thứ Sáu, 20/11/2026"), "{md}");
    assert!(!md.contains("chưa gửi báo cáo tự kiểm tra"), "an ad-hoc round asks for no self-report: {md}");
    let md = ward.ok(&["paper", "reminder", "2026-dx1", "VP", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(md.contains("Giải trình việc chậm trả hồ sơ"), "{md}");

    ward.ok(&["clarify", "answer", "2026-dx1-GT01", "--text", "Do mất điện", "--on", "25/11/2026"]);
    let md = ward.ok(&["report", "round", "2026-dx1", "--as-of", "27/11/2026", "--format", "md"]);
    assert!(
        md.contains("Đoàn kiểm tra đã gửi 1 yêu cầu giải trình; đơn vị đã giải trình đầy đủ."),
        "one request, one unit: {md}"
    );
}
