//! Clarifications (giải trình): asked with a due date, answered with files kept as evidence, listed open or all;
//! a closed round refuses new requests.

use crate::common::Ward;
use crate::evidence::{PDF, ward};

#[test]
fn ask_answer_with_a_file_and_list() {
    let ward = ward();
    let id = ward.ok(&[
        "clarify",
        "ask",
        "2026-dot1",
        "VP",
        "1.1.5",
        "--text",
        "Đề nghị bổ sung kế hoạch",
        "--due",
        "20/11/2026",
    ]);
    assert_eq!(id.trim(), "2026-dot1-GT01");
    ward.ok(&["clarify", "ask", "2026-dot1", "VHXH", "--text", "Giải trình việc chậm gửi báo cáo"]);
    let open = ward.json(&["clarify", "list", "2026-dot1", "--open"]);
    let statuses: Vec<&str> = open.as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["qua-han", "chua-giai-trinh"], "due 20/11, today 28/11");

    ward.write("bo-sung.pdf", PDF);
    let before = ward.dump();
    let err = ward.fails(1, &["clarify", "answer", "2026-dot1-GT02", "--text", "Đã gửi", "--file", "bo-sung.pdf"]);
    assert!(err.contains("không gắn với nội dung nào"), "{err}");
    assert_eq!(ward.dump(), before);
    ward.ok(&["clarify", "answer", "2026-dot1-GT01", "--text", "Đã bổ sung kế hoạch", "--file", "bo-sung.pdf"]);
    let file = ward.json(&["evidence", "show", "1"]);
    assert_eq!(file["name"], "bo-sung.pdf");
    assert_eq!(file["clarification"], "2026-dot1-GT01");
    let open = ward.json(&["clarify", "list", "--open"]);
    assert_eq!(open.as_array().unwrap().len(), 1);
    let table = ward.ok(&["clarify", "list", "2026-dot1"]);
    assert!(table.contains("đã giải trình") && table.contains("Đã bổ sung kế hoạch"), "{table}");
}

#[test]
fn a_closed_round_refuses_new_requests() {
    let ward: Ward = ward();
    ward.ok(&["round", "start", "2026-dot1"]);
    ward.ok(&["round", "close", "2026-dot1"]);
    let before = ward.dump();
    let err = ward.fails(1, &["clarify", "ask", "2026-dot1", "VP", "--text", "?"]);
    assert!(err.contains("2026-dot1"), "{err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn the_minutes_show_what_was_asked_and_answered_as_of_the_meeting() {
    let ward = ward();
    let ask = ["clarify", "ask", "2026-dot1", "VP", "1.1.5", "--text", "Đề nghị giải trình tiến độ số hóa"];
    ward.ok(&[&ask[..], &["--on", "20/11/2026", "--due", "25/11/2026"]].concat());
    ward.ok(&["clarify", "answer", "2026-dot1-GT01", "--text", "Đã số hóa 1.250 hồ sơ", "--on", "24/11/2026"]);
    ward.ok(&["clarify", "ask", "2026-dot1", "VP", "--text", "Hỏi sau buổi kiểm tra", "--on", "30/11/2026"]);
    let md = ward.ok(&["paper", "minutes", "2026-dot1", "VP", "--as-of", "28/11/2026", "--format", "md"]);
    assert!(md.contains("Tài liệu kiểm chứng, giải trình và kiểm tra xác suất hồ sơ"), "{md}");
    assert!(
        md.contains("Yêu cầu giải trình (nội dung 1.1.5), hạn 25/11/2026: Đề nghị giải trình tiến độ số hóa Đơn vị giải trình ngày 24/11/2026: Đã số hóa 1.250 hồ sơ"),
        "{md}"
    );
    assert!(!md.contains("Hỏi sau buổi kiểm tra"), "asked after the as-of day (today, 28/11): not in the minutes");
}
