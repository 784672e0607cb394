//! Findings, their remediation, carry-over into the next round, proposals from self-reports and ad-hoc rounds.

use serde_json::Value;

use crate::common::Ward;
use crate::inspection::{insert_selfreport, messages, ward_with_dot1};

fn add(ward: &Ward, round: &str, unit: &str, kind: &str, text: &str, extra: &[&str]) -> String {
    let mut args = vec!["finding", "add", round, "--unit", unit, "--kind", kind, "--text", text];
    args.extend_from_slice(extra);
    ward.ok(&args).trim().to_owned()
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect()
}

#[test]
fn findings_are_numbered_per_round_and_take_the_assigned_official() {
    let ward = ward_with_dot1();
    let first = add(&ward, "2026-dot1", "ttpvhcc", "han-che", "Tỷ lệ hồ sơ trực tuyến thấp", &["--criterion", "1.3.7"]);
    assert_eq!(first, "2026-dot1-F01");
    let second = add(
        &ward,
        "2026-dot1",
        "VP",
        "dien-hinh",
        "Họp trực tuyến ở mọi phòng",
        &["--criterion", "1.7.1.3", "--official", "CB05", "--recommend", "Nhân rộng"],
    );
    assert_eq!(second, "2026-dot1-F02");
    let all = ward.json(&["finding", "list", "--round", "2026-dot1"]);
    assert_eq!(all[0]["official"], "CB14", "from the assignment of 1.3.7 at TTPVHCC");
    assert_eq!(all[0]["status"], "mo");
    assert_eq!(all[1]["official"], "CB05");
    assert_eq!(all[1]["status"], "", "a good practice has no remediation to follow");
    assert_eq!(ids(&ward.json(&["finding", "list", "--kind", "dien-hinh"])), ["2026-dot1-F02"]);
    assert_eq!(ids(&ward.json(&["finding", "list", "--unit", "trung tam phuc vu"])), ["2026-dot1-F01"]);
    assert_eq!(ids(&ward.json(&["finding", "list", "--status", "mo"])), ["2026-dot1-F01"]);
    let shown = ward.ok(&["finding", "show", "2026-dot1-f01"]);
    assert!(shown.contains("Tồn tại, hạn chế") && shown.contains("CB14 — Phạm Thị Ngọc Ánh"), "{shown}");
    assert!(shown.contains("1.3.7 — Kết quả tỷ lệ dịch vụ công"), "{shown}");
}

#[test]
fn bad_findings_and_unknown_ids_are_refused() {
    let ward = ward_with_dot1();
    add(&ward, "2026-dot1", "VP", "vi-pham", "Chậm ban hành kế hoạch", &[]);
    let before = ward.dump();
    let err = ward.fails(1, &["finding", "show", "2026-dot1-F1"]);
    assert!(err.contains("«2026-dot1-F01»?"), "{err}");
    let err = ward.fails(1, &["finding", "update", "2026-dot1-F9", "--status", "da-khac-phuc"]);
    assert!(err.contains("«2026-dot1-F01»?"), "{err}");
    let err = ward.fails(1, &["finding", "add", "2026-dot1", "--unit", "VPP", "--kind", "vi-pham", "--text", "X"]);
    assert!(err.contains("«VP»?"), "{err}");
    let args =
        ["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "vi-pham", "--text", "X", "--criterion", "1.1.55"];
    assert!(ward.fails(1, &args).contains("«1.1.5»?"));
    let args =
        ["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "vi-pham", "--text", "X", "--official", "CB20"];
    assert!(ward.fails(1, &args).contains("không thuộc VP"));
    let err = ward.fails(1, &["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "vi-pham", "--text", "  "]);
    assert!(err.contains("--text"), "{err}");
    let err = ward.fails(1, &["finding", "add", "2026-dot9", "--unit", "VP", "--kind", "vi-pham", "--text", "X"]);
    assert!(err.contains("2026-dot1"), "{err}");
    let args =
        ["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "vi-pham", "--text", "X", "--due", "31/02/2026"];
    assert!(ward.fails(2, &args).contains("không tồn tại"));
    ward.fails(2, &["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "loi", "--text", "X"]);
    assert_eq!(ward.dump(), before);
}

#[test]
fn remediation_only_moves_forward_and_keeps_its_history() {
    let ward = ward_with_dot1();
    ward.ok(&["round", "start", "2026-dot1"]);
    let id = add(&ward, "2026-dot1", "KT", "vi-pham", "Chưa công khai dự toán", &["--due", "31/08/2026"]);
    let good = add(&ward, "2026-dot1", "VP", "dien-hinh", "Họp trực tuyến", &[]);
    let update = |status: &str, extra: &[&str]| {
        let mut args = vec!["finding", "update", id.as_str(), "--status", status];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |args: Vec<String>| ward.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run(update("dang-khac-phuc", &["--note", "Đã lập lịch công khai"]));
    run(update("da-khac-phuc", &["--evidence", "QĐ 215/QĐ-UBND ngày 20/08/2026"]));
    let before = ward.dump();
    let err = ward.fails(1, &["finding", "update", &id, "--status", "dang-khac-phuc", "--note", "x"]);
    assert!(err.contains("không thể lùi") && err.contains("«đã khắc phục»"), "{err}");
    let err = ward.fails(1, &["finding", "update", &id, "--status", "da-khac-phuc"]);
    assert!(err.contains("--note"), "{err}");
    let err = ward.fails(1, &["finding", "update", &good, "--status", "da-khac-phuc"]);
    assert!(err.contains("điển hình"), "{err}");
    ward.fails(2, &["finding", "update", &id, "--status", "xong"]);
    assert_eq!(ward.dump(), before);
    run(update("da-xac-minh", &["--note", "Đã đối chiếu hồ sơ."]));
    let err = ward.fails(1, &["finding", "update", &id, "--status", "da-xac-minh", "--note", "lại"]);
    assert!(err.contains("đã được xác minh"), "{err}");

    let shown = ward.json(&["finding", "show", &id]);
    let events = shown["events"].as_array().unwrap();
    let statuses: Vec<&str> = events.iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["dang-khac-phuc", "da-khac-phuc", "da-xac-minh"]);
    assert_eq!(events[1]["evidence"], "QĐ 215/QĐ-UBND ngày 20/08/2026");
    assert_eq!(events[0]["round_id"], "2026-dot1", "checked in the round in progress");
    assert_eq!(events[0]["at"], "2026-11-28T09:00:00");
    let text = ward.ok(&["finding", "show", &id]);
    assert!(text.contains("đã khắc phục — Tài liệu: QĐ 215") && text.contains("Đã đối chiếu hồ sơ [thư ký]"), "{text}");
}

#[test]
fn overdue_is_computed_from_the_due_date_and_today() {
    let ward = ward_with_dot1();
    let late = add(&ward, "2026-dot1", "TTPVHCC", "han-che", "DVC toàn trình thấp", &["--due", "30/09/2026"]);
    let done = add(&ward, "2026-dot1", "KT", "vi-pham", "Chậm công khai", &["--due", "31/08/2026"]);
    add(&ward, "2026-dot1", "VHXH", "han-che", "Đào tạo chậm", &["--due", "15/12/2026"]);
    add(&ward, "2026-dot1", "VHXH", "han-che", "Hạn hôm nay", &["--due", "28/11/2026"]);
    ward.ok(&["finding", "update", &done, "--status", "da-khac-phuc"]);
    let overdue = ward.json(&["finding", "list", "--overdue"]);
    assert_eq!(ids(&overdue), [late.as_str()]);
    assert_eq!(overdue[0]["overdue_days"], 59);
    assert!(ward.ok(&["finding", "show", &late]).contains("Hạn khắc phục: 30/09/2026 (quá hạn 59 ngày)"));
    // Nothing is stored: on another day the answer changes.
    let out =
        ward.cmd(&["finding", "list", "--overdue", "--format", "json"]).env("CCHC_NOW", "2026-09-30").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[test]
fn open_findings_carry_over_into_the_next_round_and_are_verified_there() {
    let ward = ward_with_dot1();
    ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
    ward.ok(&["round", "start", "2026-dot1"]);
    let open = add(&ward, "2026-dot1", "TTPVHCC", "han-che", "DVC toàn trình thấp", &["--due", "30/09/2026"]);
    let fixed = add(&ward, "2026-dot1", "KT", "vi-pham", "Chậm công khai", &[]);
    let verified = add(&ward, "2026-dot1", "VP", "vi-pham", "Sai quy trình", &[]);
    add(&ward, "2026-dot1", "VP", "dien-hinh", "Họp trực tuyến", &[]);
    ward.ok(&["finding", "update", &fixed, "--status", "da-khac-phuc"]);
    ward.ok(&["finding", "update", &verified, "--status", "da-xac-minh"]);
    ward.ok(&["round", "close", "2026-dot1"]);

    let said = messages(&ward, &["round", "start", "2026-dot2"]);
    assert!(said.contains("2 kết luận chưa xác minh"), "{said}");
    assert!(said.contains(&open) && said.contains("quá hạn 59 ngày") && said.contains(&fixed), "{said}");
    assert!(!said.contains(&verified) && !said.contains("Họp trực tuyến"), "{said}");
    assert_eq!(ids(&ward.json(&["finding", "list", "--carried-over", "2026-dot2"])), [open.as_str(), fixed.as_str()]);

    // Verified during Đợt 2 (the round in progress is the default), it stays in Đợt 2's carry-over as a result.
    ward.ok(&["finding", "update", &fixed, "--status", "da-xac-minh", "--note", "Đã kiểm tra lại"]);
    let events = &ward.json(&["finding", "show", &fixed])["events"];
    assert_eq!(events[1]["round_id"], "2026-dot2");
    let carried = ward.json(&["finding", "list", "--carried-over", "2026-dot2"]);
    assert_eq!(ids(&carried), [open.as_str(), fixed.as_str()]);
    assert_eq!(carried[1]["status"], "da-xac-minh");
    // An explicit round is checked: not closed, not before the finding's own round.
    let err = ward.fails(1, &["finding", "update", &open, "--status", "da-khac-phuc", "--round", "2026-dot1"]);
    assert!(err.contains("đã kết thúc"), "{err}");
    ward.ok(&["finding", "update", &open, "--status", "dang-khac-phuc", "--round", "2026-dot2"]);
    assert!(ward.json(&["finding", "list", "--carried-over", "2026-dot1"]).as_array().unwrap().is_empty());
}

#[test]
fn proposals_in_self_reports_become_kien_nghi_findings_when_the_round_starts() {
    let ward = ward_with_dot1();
    insert_selfreport(&ward, "2026-dot1", "VP", 1, false, &[("1.1.5", 1.0, "Đề xuất cũ, đã thay")]);
    insert_selfreport(
        &ward,
        "2026-dot1",
        "VP",
        2,
        true,
        &[("1.1.5", 1.5, "Đề nghị bố trí kinh phí số hóa tài liệu"), ("1.1.6", 2.0, "  ")],
    );
    insert_selfreport(&ward, "2026-dot1", "TTDVC", 1, true, &[("1.4.4", 1.0, "Thiếu biên chế")]);
    let said = messages(&ward, &["round", "start", "2026-dot1"]);
    assert!(said.contains("Đã ghi 2 khó khăn, đề xuất"), "{said}");
    let found = ward.json(&["finding", "list", "--kind", "kien-nghi"]);
    assert_eq!(found.as_array().unwrap().len(), 2);
    let vp = found.as_array().unwrap().iter().find(|f| f["unit"] == "VP").unwrap();
    assert_eq!(vp["text"], "Đề nghị bố trí kinh phí số hóa tài liệu");
    assert_eq!((vp["criterion"].as_str(), vp["official"].as_str()), (Some("1.1.5"), Some("CB05")));
    let shown = ward.json(&["finding", "show", vp["id"].as_str().unwrap()]);
    assert_eq!(shown["source"], "selfreport:VP:1.1.5");
}

#[test]
fn an_ad_hoc_round_from_a_citizens_complaint() {
    let ward = ward_with_dot1();
    ward.ok(&["round", "start", "2026-dot1"]);
    let complaint = add(
        &ward,
        "2026-dot1",
        "TTPVHCC",
        "kien-nghi",
        "Bà Trần Thị M. phản ánh ngày 03/07/2026: hồ sơ trễ hẹn 7 ngày",
        &["--criterion", "1.3.5"],
    );
    let shortcoming = add(&ward, "2026-dot1", "VP", "han-che", "Thiếu hồ sơ", &[]);
    let new = |extra: &[&str]| {
        let mut args = vec!["round", "new", "--kind", "dot-xuat", "--from", "15/08/2026", "--topic", "Theo phản ánh"];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let refuse = |extra: &[&str]| ward.fails(1, &new(extra).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(refuse(&["--from-finding", &shortcoming]).contains("không phải kiến nghị"));
    assert!(refuse(&["--from-finding", "2026-dot1-F9"]).contains("«2026-dot1-F01»?"));
    let err = ward.fails(1, &["round", "new", "--kind", "dot2", "--from-finding", &complaint]);
    assert!(err.contains("dot-xuat"), "{err}");

    let args = new(&["--from-finding", &complaint, "--reason", "Phiếu tiếp nhận số 125/PA-TTPVHCC"]);
    let id = ward.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(id, "2026-dx1\n");
    let shown = ward.ok(&["round", "show", "2026-dx1"]);
    assert!(shown.contains("Phiếu tiếp nhận số 125/PA-TTPVHCC. Theo kiến nghị 2026-dot1-F01"), "{shown}");
    assert!(shown.contains("Đơn vị được kiểm tra (1): TTPVHCC"), "{shown}");

    // Scores and findings work as in any round, with the ad-hoc topics only.
    ward.ok(&["score", "set", "2026-dx1", "TTPVHCC", "2.2", "6,5", "--note", "Chưa gửi thư xin lỗi"]);
    let err = ward.fails(1, &["score", "set", "2026-dx1", "TTPVHCC", "1.3.5", "1"]);
    assert!(err.contains("định kỳ"), "{err}");
    let args = ["--criterion", "2.2", "--recommend", "Gửi thư xin lỗi", "--due", "15/09/2026"];
    assert_eq!(add(&ward, "2026-dx1", "TTPVHCC", "vi-pham", "Không gửi thư xin lỗi", &args), "2026-dx1-F01");
    let err = ward.fails(1, &["finding", "add", "2026-dx1", "--unit", "VP", "--kind", "vi-pham", "--text", "X"]);
    assert!(err.contains("không thuộc phạm vi đợt 2026-dx1"), "{err}");
    let summary = ward.json(&["score", "summary", "2026-dx1"]);
    assert_eq!(summary[0]["score100"], 65.0);
    // The complaint itself is answered in the ad-hoc round.
    ward.ok(&["round", "start", "2026-dx1"]);
    let err =
        ward.fails(1, &["finding", "update", &complaint, "--status", "da-xac-minh", "--note", "Đã trả lời bà M."]);
    assert!(err.contains("cchc finding answer"), "{err}");
    ward.ok(&["finding", "answer", &complaint, "--text", "Đã trả lời bà M.", "--date", "20/11/2026"]);
    let shown = ward.json(&["finding", "show", &complaint]);
    assert_eq!(
        (shown["answer"]["answer"].as_str(), shown["answer"]["answered_on"].as_str()),
        (Some("Đã trả lời bà M."), Some("2026-11-20"))
    );
    assert_eq!(shown["status"], "mo", "a proposal keeps no remediation status");
}

#[test]
fn the_demo_scores_both_rounds_follows_up_findings_and_checks_a_complaint() {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "mau"]);
    assert!(ward.path("mau/tep-mau/tham-dinh-2026-dot1.csv").exists());
    let db = ward.path("mau/cchc.db");
    let json = |args: &[&str]| -> Value {
        let out = ward.cmd(args).env("CCHC_DB", &db).args(["--format", "json"]).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let rounds = json(&["round", "list"]);
    let status = |id: &str| rounds.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()["status"].clone();
    assert_eq!((status("2026-dot1"), status("2026-dot2")), ("closed".into(), "closed".into()));

    for round in ["2026-dot1", "2026-dot2"] {
        let units = json(&["score", "summary", round]);
        let whole = units.as_array().unwrap().iter().find(|r| r["level"] == "ward").unwrap();
        assert_eq!(whole["pending"], 0, "{round}: every assigned item of the demo units is appraised");
        assert_eq!(whole["not_applicable"], 2, "{round}");
        assert!(whole["score100"].as_f64().unwrap() > 50.0);
    }
    let findings = json(&["finding", "list"]);
    let findings = findings.as_array().unwrap();
    for kind in ["dien-hinh", "han-che", "vi-pham", "kien-nghi"] {
        assert!(findings.iter().any(|f| f["kind"] == kind && f["recommendation"] != ""), "{kind}");
    }
    let overdue = json(&["finding", "list", "--overdue"]);
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    assert_eq!((overdue[0]["unit"].as_str(), overdue[0]["status"].as_str()), (Some("TTPVHCC"), Some("mo")));
    let verified = findings.iter().find(|f| f["status"] == "da-xac-minh").unwrap();
    let shown = json(&["finding", "show", verified["id"].as_str().unwrap()]);
    assert_eq!(shown["events"].as_array().unwrap().last().unwrap()["round_id"], "2026-dot2");

    let ad_hoc = rounds.as_array().unwrap().iter().find(|r| r["kind"] == "dot-xuat").unwrap();
    let id = ad_hoc["id"].as_str().unwrap();
    let out = ward.cmd(&["round", "show", id]).env("CCHC_DB", &db).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Trần Thị M.") && text.contains("125/PA-TTPVHCC") && text.contains("Thời gian: 16/11/2026"),
        "{text}"
    );
    assert_eq!(json(&["score", "list", id])[0]["criterion"], "2.2");
    assert_eq!(json(&["finding", "list", "--round", id])[0]["kind"], "vi-pham");
}
