//! What the round and year reports say (issue 12, points 1–7): the assessment and the secretary's text, proposals
//! apart from shortcomings, good practices, officials, scope, names instead of codes, and who signs.

use rusqlite::Connection;
use serde_json::Value;

use super::fixture::fixture;
use crate::common::Ward;

/// stdout and stderr of a command that must succeed.
fn both(ward: &Ward, args: &[&str]) -> (String, String) {
    let out = ward.cmd(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn part<'a>(json: &'a Value, section: &str) -> &'a Value {
    json["assessment"].as_array().unwrap().iter().find(|p| p["section"] == section).expect(section)
}

#[test]
fn assessment_drafts_are_marked_until_written_or_confirmed() {
    let ward = fixture();
    let (md, err) = both(&ward, &["report", "round", "2026-dot2", "--format", "md"]);
    for heading in ["## VIII. ĐÁNH GIÁ CHUNG", "### 1. Ưu điểm", "### 2. Tồn tại, hạn chế", "### 3. Nguyên nhân"]
    {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("## IX. KIẾN NGHỊ, ĐỀ XUẤT") && !md.contains("PHƯƠNG HƯỚNG"), "a round has no phương hướng");
    // The fixture's secretary wrote "tồn tại"; the other sections are drafts, marked in the preview and on stderr.
    assert!(md.contains("Một số đơn vị chưa cập nhật tài liệu kiểm chứng.\n\nTiến độ giải ngân còn chậm."), "{md}");
    assert_eq!(md.matches("*[Dự thảo do phần mềm lập từ số liệu, thư ký chưa xác nhận.]*").count(), 3);
    assert!(
        err.contains("uu-diem, nguyen-nhan, kien-nghi") && err.contains("cchc report text confirm 2026-dot2"),
        "{err}"
    );
    // A draft says, from the data, which fields reach 90 % (strengths only) and which is lowest, and by how much.
    let json = ward.json(&["report", "round", "2026-dot2"]);
    let uu_diem = part(&json, "uu-diem")["paragraphs"].as_array().unwrap();
    assert!(uu_diem.iter().all(|p| !p.as_str().unwrap().contains("0/")), "{uu_diem:?}");
    assert_eq!(part(&json, "han-che")["origin"], "written");

    ward.ok(&["report", "text", "set", "2026-dot2", "--section", "uu-diem", "--text", "Các đơn vị chấp hành tốt."]);
    let file = ward.write("kn.md", "\u{feff}Đề nghị khen thưởng Trung tâm Phục vụ hành chính công.\n");
    ward.ok(&["report", "text", "set", "2026-dot2", "--section", "kien-nghi", "--file", file.to_str().unwrap()]);
    ward.ok(&["report", "text", "confirm", "2026-dot2", "--all"]);
    let (md, err) = both(&ward, &["report", "round", "2026-dot2", "--format", "md"]);
    assert!(!md.contains("Dự thảo do phần mềm") && !err.contains("dự thảo"), "{err}");
    assert!(md.contains("Các đơn vị chấp hành tốt.") && md.contains("Đề nghị khen thưởng Trung tâm"));
    let shown = ward.json(&["report", "text", "show", "2026-dot2"]);
    let origins: Vec<&str> = shown.as_array().unwrap().iter().map(|r| r["origin"].as_str().unwrap()).collect();
    assert_eq!(origins, ["written", "written", "confirmed", "written"]);

    // Every write is audited; "phương hướng" belongs to the year report, which has all five sections.
    let conn = Connection::open(ward.db()).unwrap();
    let logged: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'report_text' AND round_id = '2026-dot2'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(logged, 3, "uu-diem, kien-nghi, nguyen-nhan confirmed");
    let err = ward.fails(1, &["report", "text", "set", "2026-dot2", "--section", "phuong-huong", "--text", "X"]);
    assert!(err.contains("chỉ có trong báo cáo năm"), "{err}");
    ward.ok(&["report", "text", "set", "2026", "--section", "phuong-huong", "--text", "Kiểm tra năm 2027."]);
    let year = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(year.contains("## X. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM SAU\n\nKiểm tra năm 2027."), "{year}");
    let err = ward.fails(1, &["report", "text", "set", "2025", "--section", "uu-diem", "--text", "X"]);
    assert!(err.contains("năm 2025 chưa có đợt kiểm tra nào"), "{err}");
}

#[test]
fn proposals_are_answered_apart_and_never_counted_as_unremedied() {
    let ward = fixture();
    // Updating a proposal as if it were a shortcoming is refused with the verb to use.
    let err = ward.fails(1, &["finding", "update", "2026-dot2-F04", "--status", "da-khac-phuc", "--note", "X"]);
    assert!(err.contains("cchc finding answer 2026-dot2-F04"), "{err}");
    let err = ward.fails(1, &["finding", "answer", "2026-dot1-F05", "--text", "X"]);
    assert!(err.contains("không phải kiến nghị"), "{err}");
    ward.ok(&[
        "finding",
        "answer",
        "2026-dot2-F04",
        "--text",
        "Sở Nội vụ hẹn thẩm định trong quý I/2027",
        "--level",
        "tinh",
    ]);

    // Answered after the round's last day: shown answered as of the day of the answer.
    let json = ward.json(&["report", "round", "2026-dot2", "--as-of", "28/11/2026"]);
    let proposals = json["proposals"].as_array().unwrap();
    let by_id = |id: &str| proposals.iter().find(|p| p["finding_id"] == id).expect(id);
    assert_eq!(
        (by_id("2026-dot2-F04")["answered"].as_bool(), by_id("2026-dot2-F04")["addressed_to"].as_str()),
        (Some(true), Some("tinh"))
    );
    // The same proposal as in Đợt 1 is never linked by guessing; once a person links it, it says where it was
    // first made and when that was answered, and stays unanswered itself.
    let repeat = by_id("2026-dot2-F03");
    assert_eq!((repeat["repeats"].as_str(), repeat["answered"].as_bool()), (None, Some(false)));
    ward.ok(&["finding", "link", "2026-dot2-F03", "--repeats", "2026-dot1-F04"]);
    let json = ward.json(&["report", "round", "2026-dot2", "--as-of", "28/11/2026"]);
    let repeat = json["proposals"].as_array().unwrap().iter().find(|p| p["finding_id"] == "2026-dot2-F03").unwrap();
    assert_eq!((repeat["repeats"].as_str(), repeat["answered"].as_bool()), (Some("2026-dot1-F04"), Some(false)));
    let md = ward.ok(&["report", "round", "2026-dot2", "--as-of", "28/11/2026", "--format", "md"]);
    assert!(md.contains("## V. KIẾN NGHỊ, ĐỀ XUẤT CỦA ĐƠN VỊ"), "{md}");
    assert!(md.contains("Đã nêu tại Đợt 1 năm 2026, đã trả lời ngày"), "{md}");
    assert!(md.contains("| Tỉnh | Đã trả lời (28/11/2026): Sở Nội vụ hẹn thẩm định trong quý I/2027 |"), "{md}");

    // The year lists every proposal (a repeat too, with its first as context) and counts none among shortcomings.
    let year = ward.json(&["report", "year", "2026"]);
    let ids: Vec<&str> =
        year["proposals"].as_array().unwrap().iter().map(|p| p["finding_id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"2026-dot1-F04") && ids.contains(&"2026-dot2-F03"), "{ids:?}");
    let kinds: Vec<&str> =
        year["remediation"]["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert!(kinds.iter().all(|k| *k == "han-che" || *k == "vi-pham"), "{kinds:?}");
    let followup = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(followup.contains("Kiến nghị, đề xuất của đơn vị được theo dõi riêng"), "{followup}");
}

#[test]
fn a_complaint_that_started_an_ad_hoc_round_is_shown_as_such() {
    let ward = fixture();
    let conn = Connection::open(ward.db()).unwrap();
    conn.execute(
        "INSERT INTO findings (id, round_id, seq, unit_code, criterion, kind, text, created_at)
         VALUES ('2026-dot2-F05', '2026-dot2', 5, 'TTPVHCC', '1.3.5', 'kien-nghi', 'Ông H. phản ánh hồ sơ trễ hẹn', '2026-11-01T08:00:00')",
        [],
    )
    .unwrap();
    drop(conn);
    ward.ok(&[
        "round",
        "new",
        "--kind",
        "dot-xuat",
        "--from",
        "20/11/2026",
        "--topic",
        "Phản ánh",
        "--from-finding",
        "2026-dot2-F05",
    ]);
    // As of a day the ad-hoc round had started: before it, the complaint had started nothing yet.
    let json = ward.json(&["report", "round", "2026-dot2", "--as-of", "28/11/2026"]);
    let complaint = json["proposals"].as_array().unwrap().iter().find(|p| p["finding_id"] == "2026-dot2-F05").unwrap();
    assert_eq!(complaint["complaint_round"], "2026-dx2");
    let md = ward.ok(&["report", "round", "2026-dot2", "--as-of", "28/11/2026", "--format", "md"]);
    assert!(md.contains("Phản ánh, kiến nghị của người dân, tổ chức liên quan đến Trung tâm Phục vụ hành chính công: Ông H. phản ánh hồ sơ trễ hẹn"), "{md}");
    // The ad-hoc round's reason is read without the ids the program keeps in it.
    let adhoc = ward.ok(&["report", "round", "2026-dx2", "--format", "md"]);
    assert!(
        adhoc.contains("Lý do kiểm tra: Ông H. phản ánh hồ sơ trễ hẹn.") && !adhoc.contains("Theo kiến nghị 2026"),
        "{adhoc}"
    );
}

#[test]
fn good_practices_appear_in_the_round_and_year_reports() {
    let ward = fixture();
    for args in [&["report", "round", "2026-dot2"][..], &["report", "year", "2026"]] {
        let md = ward.ok(&[args, &["--format", "md"][..]].concat());
        assert!(md.contains("MÔ HÌNH, CÁCH LÀM HAY CẦN NHÂN RỘNG"), "{args:?}");
        assert!(
            md.contains("| Văn phòng HĐND và UBND | Chung | Họp trực tuyến toàn trình với 100% tổ dân phố |"),
            "{md}"
        );
    }
}

#[test]
fn officials_are_assessed_after_each_round_and_compared_in_the_year() {
    let ward = fixture();
    let json = ward.json(&["report", "round", "2026-dot1"]);
    let officials = json["officials"].as_array().unwrap();
    let lost = officials.iter().find(|o| !o["losses"].as_array().unwrap().is_empty()).expect("an official lost points");
    assert!(lost["losses"][0]["title"].as_str().unwrap().len() > 5, "items by title");
    let md = ward.ok(&["report", "round", "2026-dot1", "--format", "md"]);
    assert!(md.contains("| Nội dung bị trừ điểm |"), "{md}");
    let year = ward.json(&["report", "year", "2026"]);
    for o in year["officials"].as_array().unwrap() {
        if let (Some(a), Some(b)) = (o["dot1"].as_f64(), o["dot2"].as_f64()) {
            assert!((o["change"].as_f64().unwrap() - (b - a)).abs() < 0.011, "{o}");
        }
    }
    let md = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(md.contains("| Đợt 1 | Đợt 2 | Tăng (+), giảm (−) | Mức theo thang điểm |"), "{md}");
}

#[test]
fn scope_is_said_plainly_and_open_rounds_are_provisional() {
    let ward = fixture();
    let (md, err) = both(&ward, &["report", "round", "2026-dot2", "--format", "md"]);
    let json = ward.json(&["report", "round", "2026-dot2"]);
    let out: Vec<&str> = json["out_of_scope"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert!(out.contains(&"Trạm Y tế phường Thành Sen"), "{out:?}");
    let in_scope = json["units_in_scope"].as_u64().unwrap();
    assert_eq!(json["units"].as_array().unwrap().len() as u64, in_scope, "no blank rows for units out of scope");
    assert!(md.contains("đơn vị thuộc phạm vi đợt đã gửi") && md.contains(&format!("/{in_scope} đơn vị")), "{md}");
    assert!(md.contains("Không thuộc phạm vi đợt này (không được phân công nội dung kiểm tra nào): "), "{md}");
    // Đợt 2 is still open: said on the first page and on stderr; Đợt 1 is closed.
    let first_section = md.split("## II.").next().unwrap();
    assert!(first_section.contains("Lưu ý: số liệu tạm tính, Đợt 2 năm 2026 chưa kết thúc"), "{first_section}");
    assert!(err.contains("số liệu tạm tính, Đợt 2 năm 2026 chưa kết thúc"), "{err}");
    let (md, err) = both(&ward, &["report", "round", "2026-dot1", "--format", "md"]);
    assert!(!md.contains("tạm tính") && !err.contains("tạm tính"), "{err}");
    // The year report names every round it covers that is still open, the ad-hoc one included.
    let (year, err) = both(&ward, &["report", "year", "2026", "--format", "md"]);
    let note = year.lines().find(|l| l.contains("Lưu ý: số liệu tạm tính")).unwrap_or_default();
    assert!(note.contains("Đợt 2 năm 2026") && note.contains("2026-dx1") && err.contains("tạm tính"), "{note}\n{err}");
    // In-scope units without appraised points are named with the reason.
    for u in json["unscored"].as_array().unwrap() {
        assert!(
            md.contains(&format!("{} thuộc phạm vi đợt nhưng chưa có điểm thẩm định", u["name"].as_str().unwrap()))
        );
    }
}

#[test]
fn people_read_names_not_codes() {
    let ward = fixture();
    let units: Vec<String> = ward
        .json(&["unit", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap().to_owned())
        .collect();
    let officials: Vec<String> = ward
        .json(&["official", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap().to_owned())
        .collect();
    for args in [
        &["report", "round", "2026-dot1"][..],
        &["report", "round", "2026-dot2"],
        &["report", "round", "2026-dx1"],
        &["report", "unit", "2026-dot1", "TTPVHCC"],
        &["report", "year", "2026"],
        &["report", "selfassessment", "2026"],
        &["report", "followup"],
    ] {
        let md = ward.ok(&[args, &["--format", "md"][..]].concat());
        // Unit and official codes, role and unit-kind codes: none in a human format ("Lưu: VT, VHXH" is the
        // filing line people write so, "KT. CHỦ TỊCH" the delegation line).
        let words: Vec<&str> = md
            .lines()
            .filter(|l| !l.starts_with("- Lưu:") && !l.contains("KT. CHỦ TỊCH"))
            .flat_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '-'))
            .collect();
        for code in units.iter().chain(&officials) {
            assert!(!words.contains(&code.as_str()), "{args:?}: code {code} in\n{md}");
        }
        for raw in ["co-quan-chuyen-mon", "truong-doan", "thanh-vien", "thu-ky", "kien-nghi", "han-che"] {
            assert!(!md.contains(raw), "{args:?}: {raw}");
        }
        // Finding ids only in their own column, never inside a sentence.
        for line in md.lines().filter(|l| l.contains("2026-dot") && l.contains("-F0")) {
            let in_cell = line.split('|').any(|cell| cell.trim().starts_with("2026-") && cell.trim().contains("-F"));
            assert!(in_cell && line.starts_with('|'), "{args:?}: id inside a sentence: {line}");
        }
    }
}

#[test]
fn the_team_leader_signs_the_round_report_and_config_sets_each_kind() {
    let ward = fixture();
    ward.ok(&[
        "round",
        "team",
        "2026-dot2",
        "add",
        "--name",
        "Nguyễn Thị Hoài Thu",
        "--role",
        "truong-doan",
        "--unit",
        "VHXH",
    ]);
    let md = ward.ok(&["report", "round", "2026-dot2", "--format", "md"]);
    assert!(md.contains("**ĐOÀN KIỂM TRA\nCẢI CÁCH HÀNH CHÍNH**") && md.contains("Số:       /BC-ĐKT"), "{md}");
    assert!(md.contains("**TRƯỞNG ĐOÀN**\n\n**Nguyễn Thị Hoài Thu**"), "{md}");
    assert!(md.contains("- Trưởng đoàn: Nguyễn Thị Hoài Thu (Phòng Văn hoá - Xã hội)"), "{md}");
    assert!(md.contains("- Chủ tịch UBND phường Thành Sen (báo cáo);"), "{md}");
    // The unit notice and the year report stay the ward's.
    for args in [&["report", "unit", "2026-dot1", "TTPVHCC"][..], &["report", "year", "2026"]] {
        let md = ward.ok(&[args, &["--format", "md"][..]].concat());
        assert!(md.contains("**TM. ỦY BAN NHÂN DÂN**\\\n**KT. CHỦ TỊCH**"), "{args:?}");
    }
    ward.ok(&["config", "set", "round_signer_title", "PHÓ TRƯỞNG ĐOÀN"]);
    ward.ok(&["config", "set", "round_signer_name", "Lê Văn Quang"]);
    ward.ok(&["config", "set", "year_recipients", "Sở Nội vụ (báo cáo); Lưu: VT"]);
    let md = ward.ok(&["report", "round", "2026-dot2", "--format", "md"]);
    assert!(md.contains("**Lê Văn Quang**"), "{md}");
    let year = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(year.contains("**Nơi nhận:**\n\n- Sở Nội vụ (báo cáo);\n- Lưu: VT.\n"), "{year}");
    let list = ward.json(&["config", "list"]);
    let entry = list.as_array().unwrap().iter().find(|e| e["key"] == "round_signer_name").unwrap();
    assert_eq!((entry["value"].as_str(), entry["source"].as_str()), (Some("Lê Văn Quang"), Some("set")));
}

#[test]
fn answers_given_the_old_way_are_migrated() {
    let ward = Ward::empty();
    let db = ward.db();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema/v3.db"), &db).unwrap();
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "INSERT INTO findings (id, round_id, seq, unit_code, kind, text, status, created_at)
         VALUES ('2026-dot1-F90', '2026-dot1', 90, (SELECT code FROM units LIMIT 1), 'kien-nghi', 'Đề nghị tỉnh hỗ trợ', 'da-khac-phuc', '2026-07-10T08:00:00');
         INSERT INTO finding_events (finding_id, at, status, note, actor)
         VALUES ('2026-dot1-F90', '2026-08-02T08:00:00', 'da-khac-phuc', 'Đã trả lời: tỉnh đồng ý', 'thư ký');",
    )
    .unwrap();
    drop(conn);
    let shown = ward.json(&["finding", "show", "2026-dot1-F90"]);
    assert_eq!(shown["status"], "mo");
    assert_eq!(
        (shown["answer"]["answer"].as_str(), shown["answer"]["answered_on"].as_str()),
        (Some("Đã trả lời: tỉnh đồng ý"), Some("2026-08-02"))
    );
}
