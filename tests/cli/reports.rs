//! Reports on a fixture year: snapshots of Markdown and JSON, the DOCX and XLSX packages read back, escaping.

mod content;
pub mod fixture;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rusqlite::Connection;

use crate::common::{Ward, unzip};
use fixture::fixture;

/// Every report, as (name, arguments).
const REPORTS: &[(&str, &[&str])] = &[
    ("round_dot1", &["report", "round", "2026-dot1"]),
    ("round_dot2", &["report", "round", "2026-dot2"]),
    ("round_dx1", &["report", "round", "2026-dx1"]),
    ("unit_dot1_ttpvhcc", &["report", "unit", "2026-dot1", "TTPVHCC"]),
    ("year_2026", &["report", "year", "2026"]),
    ("selfassessment_2026", &["report", "selfassessment", "2026"]),
    ("followup", &["report", "followup"]),
];

#[test]
fn markdown_and_json_of_every_report() {
    let ward = fixture();
    for (name, args) in REPORTS {
        let md = ward.ok(&[*args, &["--format", "md"][..]].concat());
        insta::assert_snapshot!(format!("{name}_md"), md);
        let json = ward.ok(&[*args, &["--format", "json"][..]].concat());
        serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
        insta::assert_snapshot!(format!("{name}_json"), json);
    }
}

#[test]
fn reports_on_a_year_without_scores_say_so() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let md = ward.ok(&["report", "round", "2026-dot1", "--format", "md"]);
    assert!(md.contains("*Chưa có điểm thẩm định.*"), "{md}");
    let year = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(year.contains("Chưa có điểm thẩm định. Chưa đề xuất xếp loại."), "{year}");
    let err = ward.fails(1, &["report", "selfassessment", "2026"]);
    assert!(err.contains("năm 2026 chưa có Đợt 2"), "{err}");
}

#[test]
fn docx_is_a_vietnamese_administrative_report() {
    let ward = fixture();
    ward.ok(&["report", "year", "2026", "-o", "bc.docx"]);
    let parts: HashMap<String, String> =
        unzip(&std::fs::read(ward.path("bc.docx")).expect("docx written")).into_iter().collect();
    let doc = &parts["word/document.xml"];
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    // top/bottom 20 mm, left 30 mm, right 15 mm (1 mm = 56.7 twips)
    assert!(doc.contains(r#"w:top="1134" w:right="851" w:bottom="1134" w:left="1701""#), "margins");
    let styles = &parts["word/styles.xml"];
    assert!(styles.contains(r#"w:ascii="Times New Roman""#) && styles.contains(r#"<w:sz w:val="28"/>"#), "14 pt TNR");
    assert!(doc.contains(">ỦY BAN NHÂN DÂN</w:t><w:br/><w:t xml:space=\"preserve\">PHƯỜNG THÀNH SEN<"), "issuing body");
    assert!(doc.contains(">Số:       /BC-UBND<"));
    assert!(doc.contains(">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<"));
    let motto = doc.find(">Độc lập - Tự do - Hạnh phúc<").expect("tiêu ngữ");
    let run = &doc[doc[..motto].rfind("<w:r>").expect("run")..motto];
    assert!(run.contains(r#"<w:u w:val="single"/>"#), "tiêu ngữ underlined: {run}");
    assert!(
        doc.contains("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Thành Sen, ngày      tháng      năm 2026<")
    );
    assert!(doc.contains(">BÁO CÁO<") && doc.contains(">Kết quả kiểm tra cải cách hành chính năm 2026<"));
    assert!(doc.contains(">I. CÁC ĐỢT KIỂM TRA TRONG NĂM<") && doc.contains(">1. Ưu điểm<"));
    assert!(doc.contains(">Nơi nhận:<") && doc.contains(">- Lưu: VT, VHXH.<"));
    let signature = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Thủy Nga"];
    let at: Vec<usize> = signature.iter().map(|l| doc.find(&format!(">{l}<")).expect(l)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "signature block in order");
}

#[test]
fn xlsx_has_a_sheet_per_table_with_real_numbers() {
    let ward = fixture();
    ward.ok(&["report", "year", "2026", "-o", "nam.xlsx"]);
    let bytes = std::fs::read(ward.path("nam.xlsx")).expect("xlsx written");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    // One sheet per table, named after it in full (titles fit Excel's 31 characters).
    assert_eq!(
        wb.sheet_names(),
        [
            "Thông tin",
            "Các đợt kiểm tra trong năm",
            "Điểm lĩnh vực, Đợt 1 và Đợt 2",
            "Xếp hạng đơn vị (thang 100)",
            "Tình trạng khắc phục",
            "Mức theo thang điểm công chức",
            "Mức theo thang điểm viên chức",
            "Số người theo mức thang điểm",
            "Mô hình, cách làm hay",
            "Kiến nghị, đề xuất của đơn vị"
        ]
    );
    let range = wb.worksheet_range("Xếp hạng đơn vị (thang 100)").expect("sheet");
    let header: Vec<String> = range.rows().next().expect("header").iter().map(ToString::to_string).collect();
    assert_eq!(header, ["Hạng", "Đơn vị", "Đợt 1", "Đợt 2", "Tăng (+), giảm (−)"]);
    let first = range.rows().nth(1).expect("first unit");
    assert_eq!(first[0], Data::Float(1.0));
    assert!(matches!(first[1], Data::String(_)));
    assert!(matches!(first[3], Data::Float(score) if score > 50.0 && score <= 100.0), "{:?}", first[3]);
}

#[test]
fn html_escapes_user_text_and_is_self_contained() {
    let ward = fixture();
    let conn = Connection::open(ward.db()).unwrap();
    conn.execute(
        "INSERT INTO findings (id, round_id, seq, unit_code, kind, text, recommendation, due_date, created_at)
         VALUES ('2026-dot1-F09', '2026-dot1', 9, 'KT', 'han-che', '<script>alert(1)</script>', '<b>x</b>', '2026-12-01', '2026-07-10T16:00:00')",
        [],
    )
    .unwrap();
    let html = ward.ok(&["report", "round", "2026-dot1", "--format", "html"]);
    assert!(!html.contains("<script") && !html.contains("<b>x"), "unescaped user text");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(html.contains("<svg class=\"chart\""), "inline chart");
    for external in ["http://", "https://", "<link", "src="] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn output_format_follows_the_file_name_and_refuses_what_it_cannot_write() {
    let ward = fixture();
    ward.ok(&["report", "followup", "-o", "kp.csv"]);
    let csv = std::fs::read_to_string(ward.path("kp.csv")).unwrap();
    assert!(csv.starts_with('\u{FEFF}') && csv.contains("Theo đơn vị\nSTT,Đơn vị,Chưa khắc phục xong"), "{csv}");
    let err = ward.fails(1, &["report", "followup", "-o", "kp.pdf"]);
    assert!(err.contains("không biết định dạng của tệp «kp.pdf»"), "{err}");
    let err = ward.fails(2, &["report", "followup", "--format", "pdf"]);
    assert!(err.contains("định dạng không hỗ trợ: «pdf»"), "{err}");
    let err = ward.fails(1, &["report", "followup", "--format", "csv", "--template", "t.j2"]);
    assert!(err.contains("--template chỉ dùng với định dạng md hoặc html"), "{err}");
    // Not a terminal: binary output may be piped.
    let out = ward.cmd(&["report", "followup", "--format", "docx"]).output().unwrap();
    assert!(out.status.success() && out.stdout.starts_with(b"PK"));
}

#[test]
fn a_template_of_ones_own() {
    let ward = fixture();
    let template =
        ward.write("t.md.j2", "{{ doc.subject }}|{{ doc.letterhead.signature.name }}|{{ doc.sections|length }}");
    let out = ward.ok(&["report", "year", "2026", "--format", "md", "--template", template.to_str().unwrap()]);
    // The opening paragraph citing the plan is a section without a number.
    assert_eq!(out, "Kết quả kiểm tra cải cách hành chính năm 2026|Trần Thị Thủy Nga|14\n");
    let bad = ward.write("bad.j2", "{{ doc.khong_co.x }}");
    let err = ward.fails(1, &["report", "year", "2026", "--format", "md", "--template", bad.to_str().unwrap()]);
    assert!(err.contains("lỗi mẫu báo cáo"), "{err}");
}

#[test]
fn helpful_errors() {
    let ward = fixture();
    let before = ward.dump();
    let err = ward.fails(1, &["report", "round", "2026-dot3"]);
    assert!(err.contains("không có đợt kiểm tra «2026-dot3»") && err.contains("2026-dot1"), "{err}");
    let err = ward.fails(1, &["report", "unit", "2026-dx1", "KT"]);
    assert!(err.contains("không thuộc phạm vi đợt 2026-dx1"), "{err}");
    let err = ward.fails(1, &["report", "year", "2025"]);
    assert!(err.contains("năm 2025 chưa có đợt kiểm tra nào. Các năm đã có đợt kiểm tra: 2026."), "{err}");
    let err = ward.fails(2, &["report", "followup", "--as-of", "31/02/2026"]);
    assert!(err.contains("không tồn tại"), "{err}");
    assert_eq!(ward.dump(), before, "reports never write");
}

#[test]
fn config_sets_the_letterhead() {
    let ward = Ward::example();
    ward.ok(&["init", "--ward", "Thành Sen", "--province", "Hà Tĩnh"]);
    let list = ward.json(&["config", "list"]);
    let value = |key: &str| list.as_array().unwrap().iter().find(|e| e["key"] == key).unwrap()["value"].clone();
    assert_eq!(value("issuing_body"), "ỦY BAN NHÂN DÂN\nPHƯỜNG THÀNH SEN");
    assert_eq!(
        value("recipients"),
        "Sở Nội vụ tỉnh Hà Tĩnh (báo cáo); Chủ tịch, các PCT UBND phường; Các phòng, cơ quan, đơn vị trên địa bàn phường; Lưu: VT"
    );
    ward.ok(&["config", "set", "signer_title", "CHỦ TỊCH"]);
    ward.ok(&["config", "set", "signer_delegation", ""]);
    ward.ok(&["config", "set", "report_number", "125"]);
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let md = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(md.contains("Số: 125/BC-UBND") && md.contains("**TM. ỦY BAN NHÂN DÂN**\\\n**CHỦ TỊCH**\n"), "{md}");
    let err = ward.fails(1, &["config", "set", "signer_nam", "X"]);
    assert!(err.contains("không có thiết lập «signer_nam». Có phải «signer_name»?"), "{err}");
    let log = Connection::open(ward.db())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'setting' AND entity_id = 'signer_title'", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    assert_eq!(log, 1, "one audit entry per setting change");
}

/// Writes every report of the fixture in every format, to look at them rendered:
/// `CCHC_REPORTS_DIR=/tmp/bc cargo test --test cli write_fixture_reports -- --ignored`, then
/// `scripts/render-reports.sh /tmp/bc`.
#[test]
#[ignore = "writes files for a visual check"]
fn write_fixture_reports() {
    let Some(dir) = std::env::var_os("CCHC_REPORTS_DIR") else { return };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ward = fixture();
    for (name, args) in REPORTS {
        for ext in ["txt", "md", "html", "docx", "xlsx", "csv", "json"] {
            let path = dir.join(format!("{name}.{ext}"));
            ward.ok(&[*args, &["-o", path.to_str().unwrap()][..]].concat());
        }
    }
}

#[test]
fn the_year_report_is_the_same_read_on_two_cores_or_on_one_while_another_command_writes() {
    let ward = fixture();
    let args = ["report", "year", "2026", "--format", "json"];
    let on_two = ward.ok(&args);
    // While another connection holds the write lock, the report reads on one connection (and does not wait).
    let writer = Connection::open(ward.db()).expect("open");
    writer.execute_batch("BEGIN IMMEDIATE; DELETE FROM settings").expect("lock");
    let on_one = ward.ok(&args);
    writer.execute_batch("ROLLBACK").expect("rollback");
    assert!(on_two == on_one, "the two readings differ");
}
