//! `cchc paper …`: each paper's content (Markdown and JSON snapshots), its DOCX layout (letterhead, the document
//! type in the number, the signatures), the refusals, and the plan against the seed plan's text.

use std::collections::{BTreeSet, HashMap};

use crate::common::{Ward, unzip};

/// The example year the demo builds (Đợt 1 scheduled, its self-reports, scores and findings) in the ward's own
/// database.
fn demo() -> Ward {
    let ward = Ward::empty();
    ward.ok(&["demo", "--out", "."]);
    ward
}

const PAPERS: &[(&str, &[&str])] = &[
    ("decision", &["paper", "decision", "2026-dot1"]),
    ("schedule", &["paper", "schedule", "2026-dot1"]),
    ("minutes_vhxh", &["paper", "minutes", "2026-dot1", "VHXH", "--unit-opinion", "Đơn vị thống nhất với kết quả."]),
    ("reminder", &["paper", "reminder", "2026-dot1", "--as-of", "06/07/2026"]),
    ("plan_2026", &["paper", "plan", "2026"]),
];

#[test]
fn every_paper_in_markdown_and_json() {
    let ward = &demo();
    for (name, args) in PAPERS {
        let md = ward.ok(&[*args, &["--format", "md"][..]].concat());
        insta::assert_snapshot!(format!("paper_{name}_md"), md);
        let json = ward.ok(&[*args, &["--format", "json"][..]].concat());
        serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
        insta::assert_snapshot!(format!("paper_{name}_json"), json);
    }
}

#[test]
fn every_paper_is_an_administrative_docx_with_its_type_in_the_number() {
    let ward = &demo();
    let expected = [
        ("decision", "/QĐ-UBND", "QUYẾT ĐỊNH:"),
        ("schedule", "/TB-UBND", "Lịch kiểm tra từng đơn vị"),
        ("minutes_vhxh", "/BB-ĐKT", "CẢI CÁCH HÀNH CHÍNH"),
        ("reminder", "/UBND-VHXH", "Kính gửi: Trung tâm Cung ứng dịch vụ công phường Thành Sen."),
        ("plan_2026", "/KH-UBND", "IV. TỔ CHỨC THỰC HIỆN"),
    ];
    for ((name, args), (same, symbol, text)) in PAPERS.iter().zip(expected) {
        assert_eq!(*name, same);
        let file = format!("{name}.docx");
        ward.ok(&[*args, &["-o", &file][..]].concat());
        let parts: HashMap<String, String> = unzip(&std::fs::read(ward.path(&file)).unwrap()).into_iter().collect();
        let doc = &parts["word/document.xml"];
        for needle in
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "PHƯỜNG THÀNH SEN", symbol, text]
        {
            assert!(doc.contains(needle), "{name}: no «{needle}»");
        }
        let signer = if *name == "minutes_vhxh" { "Nguyễn Thị Hoài Thu" } else { "Trần Thị Thủy Nga" };
        assert!(doc.contains(signer), "{name}: signature");
        assert_eq!(doc.contains("Nơi nhận:"), *name != "minutes_vhxh", "{name}: recipients, or a second signature");
    }
    let minutes: HashMap<String, String> =
        unzip(&std::fs::read(ward.path("minutes_vhxh.docx")).unwrap()).into_iter().collect();
    let doc = &minutes["word/document.xml"];
    for needle in ["ĐẠI DIỆN ĐƠN VỊ", "TRƯỞNG PHÒNG", "Nguyễn Thị Lan Anh", "ĐẠI DIỆN ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN"]
    {
        assert!(doc.contains(needle), "minutes: no «{needle}»");
    }
}

/// The seed plan, as committed beside the code.
const REFERENCE: &str = include_str!("../../docs/ke-hoach-kiem-tra-cchc-2026.txt");

/// Text between two headings of the reference.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).expect("start heading");
    let end = text[start..].find(to).map_or(text.len(), |i| start + i);
    &text[start..end]
}

/// "- + Thực hiện …" → "Thực hiện …", without the end punctuation (a group's colon; the plan ends some group
/// lines with a full stop, which its heading in the generated plan does not carry).
fn entry(line: &str) -> String {
    let mut text = line.trim();
    while let Some(rest) = text.strip_prefix("- ").or_else(|| text.strip_prefix("+ ")) {
        text = rest.trim_start();
    }
    text.trim_end_matches([':', '.']).trim().to_owned()
}

/// "a. Đổi mới sáng tạo": a lettered part.
fn lettered(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 3 && b[0].is_ascii_lowercase() && b[1] == b'.' && b[2] == b' '
}

/// (day, month) pairs of "01/7/2026", "20/10", … in a line.
fn day_months(line: &str) -> Vec<(u32, u32)> {
    let words = line.split(|c: char| !(c.is_ascii_digit() || c == '/'));
    words
        .filter_map(|w| {
            let mut parts = w.split('/');
            let day = parts.next()?.parse().ok()?;
            let month = parts.next()?.parse().ok()?;
            Some((day, month))
        })
        .collect()
}

#[test]
fn the_2026_plan_reads_as_the_seed_plan() {
    let md = demo().ok(&["paper", "plan", "2026", "--format", "md"]);
    let lines: Vec<&str> = md.lines().collect();

    // Section headings I–IV and the fields 1.1–1.7.
    let headings: Vec<String> =
        lines.iter().filter(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().to_owned()).collect();
    for roman in ["I. ", "II. ", "III. ", "IV. ", "1.1. ", "1.2. ", "1.3. ", "1.4. ", "1.5. ", "1.6. ", "1.7. "] {
        let wanted = REFERENCE.lines().find(|l| l.starts_with(roman)).expect("reference heading");
        let wanted = wanted.trim().trim_end_matches('.');
        assert!(headings.iter().any(|h| h == wanted), "heading «{wanted}» not in {headings:#?}");
    }

    // Every item and ad-hoc topic of section III, verbatim, and nothing else listed there.
    let reference: BTreeSet<String> = between(REFERENCE, "1.1. Công tác chỉ đạo", "IV. TỔ CHỨC THỰC HIỆN")
        .lines()
        .filter(|l| l.starts_with("- ") || l.starts_with("+ ") || lettered(l))
        .map(|l| entry(l.get(if lettered(l) { 3 } else { 0 }..).unwrap_or(l)))
        .collect();
    let content = between(&md, "III. NỘI DUNG KIỂM TRA", "IV. TỔ CHỨC THỰC HIỆN");
    let listed: BTreeSet<String> = content
        .lines()
        .filter(|l| l.starts_with("- ") || l.starts_with("#####"))
        .map(|l| {
            let l = l.trim_start_matches('#').trim();
            entry(l.get(if lettered(l) { 3 } else { 0 }..).unwrap_or(l))
        })
        .filter(|t| !t.is_empty())
        .collect();
    let missing: Vec<&String> = reference.difference(&listed).collect();
    let extra: Vec<&String> = listed.difference(&reference).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the plan: {missing:#?}\nnot in the seed plan: {extra:#?}"
    );
    assert_eq!(reference.len(), 69 + 2 + 5, "69 items, 2 ad-hoc topics and the 5 group lines of fields 1.6 and 1.7");

    // The rounds' dates of section IV.1.b.
    for round in ["Đợt 1:", "Đợt 2:"] {
        let wanted = REFERENCE.lines().find(|l| l.starts_with(&format!("- {round}"))).expect("reference round");
        let got = lines.iter().find(|l| l.starts_with(&format!("- {round}"))).expect("plan round");
        assert_eq!(day_months(got), day_months(wanted), "{round}: «{got}» against «{wanted}»");
    }
    assert!(md.contains("trước 5 ngày theo lịch kiểm tra"));
}

#[test]
fn reminders_go_to_late_units_only() {
    let ward = &demo();
    let err = ward.fails(1, &["paper", "reminder", "2026-dot1", "--as-of", "01/07/2026"]);
    assert!(err.contains("không có đơn vị nào quá hạn"), "{err}");
    let err = ward.fails(1, &["paper", "reminder", "2026-dot1", "VHXH", "--as-of", "03/07/2026"]);
    assert!(err.contains("đã gửi báo cáo tự kiểm tra ngày 29/06/2026"), "{err}");
    let json = ward.json(&["paper", "reminder", "2026-dot1", "TTDVC", "--as-of", "30/06/2026"]);
    assert_eq!(
        (json["units"][0]["selfreport_due"].as_str(), json["units"][0]["days_late"].as_i64()),
        (Some("2026-07-03"), Some(0))
    );
    // A report received on the reminder's as-of day counts as sent (VHXH's came on 29/06).
    let err = ward.fails(1, &["paper", "reminder", "2026-dot1", "VHXH", "--as-of", "29/06/2026"]);
    assert!(err.contains("đã gửi báo cáo tự kiểm tra ngày 29/06/2026"), "{err}");
    let json = ward.json(&["paper", "reminder", "2026-dot1", "VHXH", "--as-of", "28/06/2026"]);
    assert_eq!(json["units"][0]["unit_code"], "VHXH", "the day before it came, it had not");
    // Counted to the end of the deadline day: TTDVC (due Friday 03/07) is late from Saturday 04/07.
    let err = ward.fails(1, &["paper", "reminder", "2026-dot1", "--as-of", "03/07/2026"]);
    assert!(err.contains("không có đơn vị nào quá hạn"), "{err}");
    let json = ward.json(&["paper", "reminder", "2026-dot1", "--as-of", "04/07/2026"]);
    assert_eq!(
        (json["units"][0]["unit_code"].as_str(), json["units"][0]["days_late"].as_i64()),
        (Some("TTDVC"), Some(1))
    );
    let err = ward.fails(1, &["paper", "reminder", "2026-dx1", "--as-of", "17/11/2026"]);
    assert!(
        err.contains("không yêu cầu báo cáo tự kiểm tra, và đến ngày 17/11/2026 không có yêu cầu giải trình"),
        "{err}"
    );
}

#[test]
fn minutes_for_every_unit_and_templates_and_wording_of_ones_own() {
    let ward = &demo();
    ward.ok(&["paper", "minutes", "2026-dot1", "--all", "-o", "bien-ban", "--format", "md"]);
    let mut written: Vec<String> = std::fs::read_dir(ward.path("bien-ban"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    // One per unit the round inspects: the five answering for some item, not the four with nothing assigned.
    assert_eq!(written.len(), 5, "{written:?}");
    assert!(written.iter().all(|f| !f.contains("TYT") && !f.contains("-TS.")), "{written:?}");
    let err = ward.fails(1, &["paper", "minutes", "2026-dot1", "--all"]);
    assert!(err.contains("-o"), "{err}");

    let template =
        ward.write("mau.md.j2", "{{ doc.title }} | {{ doc.letterhead.number }} | {{ doc.countersignature.name }}");
    let md =
        ward.ok(&["paper", "minutes", "2026-dot1", "VP", "--format", "md", "--template", template.to_str().unwrap()]);
    assert_eq!(md.trim(), "BIÊN BẢN | Số:       /BB-ĐKT | Trần Quốc Khánh");

    let wording = ward.ok(&["paper", "text"]);
    let own = wording.replace(
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
        "Quy chế làm việc của UBND phường",
    );
    let file = ward.write("loi-van.toml", own);
    let md = ward.ok(&["paper", "decision", "2026-dot1", "--format", "md", "--text", file.to_str().unwrap()]);
    assert!(md.contains("*Căn cứ Quy chế làm việc của UBND phường;*"), "{md}");
    let bad = ward.write("hong.toml", "year = 2026\n[plan]\nbases = 3\n");
    let err = ward.fails(1, &["paper", "plan", "2026", "--text", bad.to_str().unwrap()]);
    assert!(err.contains("hong.toml") && err.contains("dòng 3"), "{err}");
}
