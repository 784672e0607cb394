//! Intake, second pass (issue 21, and the directory parts of issue 25): what a file leaves out, spells differently
//! or computed wrongly never changes what is stored. Every refusal leaves the database byte-identical.

use crate::common::Ward;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Runs a command that must succeed; returns stderr (the messages).
pub fn says(ward: &Ward, args: &[&str]) -> String {
    let out = ward.cmd(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cchc {args:?}: {stderr}");
    stderr
}

/// Runs a command that must be refused (exit 1) without changing a byte; returns stderr.
pub fn refused(ward: &Ward, args: &[&str]) -> String {
    let before = ward.dump();
    let err = ward.fails(1, args);
    assert_eq!(ward.dump(), before, "cchc {args:?} changed the database: {err}");
    err
}

pub fn unit(ward: &Ward, code: &str) -> serde_json::Value {
    let all = ward.json(&["unit", "list"]);
    all.as_array().unwrap().iter().find(|u| u["code"] == code).cloned().unwrap_or_default()
}

pub fn fixture(path: &str) -> String {
    format!("{FIXTURES}/{path}")
}

#[test]
fn a_column_left_out_keeps_what_is_stored_and_changes_are_named() {
    let ward = Ward::example();
    let file = ward.write("dv.csv", "ma_don_vi,ten_don_vi\nKT,Phòng Kinh tế\n");
    let err = says(&ward, &["unit", "import", &file.display().to_string()]);
    assert!(err.contains("1 cập nhật"), "{err}");
    assert!(err.contains("KT — Tên đơn vị: «Phòng Kinh tế, Hạ tầng và Đô thị» → «Phòng Kinh tế»"), "{err}");
    assert_eq!(unit(&ward, "KT")["kind"], "co-quan-chuyen-mon", "the kind column was left out: kept");

    let officials = ward.write("cb.csv", "ma_can_bo,ho_ten,ma_don_vi\nCB01,Trần Quốc Khánh,VP\n");
    let before = ward.dump();
    let err = says(&ward, &["official", "import", &officials.display().to_string()]);
    assert!(err.contains("0 cập nhật, 1 không đổi"), "{err}");
    assert_eq!(ward.dump(), before, "no chức vụ column: positions kept");

    // A present column with an empty cell clears the field, and says so (on a dry run too).
    let cleared = ward.write("dv2.csv", "ma_don_vi,ten_don_vi,loai\nKT,Phòng Kinh tế,\n");
    let err = says(&ward, &["unit", "import", &cleared.display().to_string(), "--dry-run"]);
    assert!(err.contains("KT — Loại: «Cơ quan chuyên môn» → (trống)"), "{err}");
}

#[test]
fn unit_and_official_add_change_only_the_options_given() {
    let ward = Ward::example();
    let err = says(&ward, &["unit", "add", "--code", "KT", "--name", "Phòng Kinh tế"]);
    assert!(
        err.contains("Đã cập nhật đơn vị KT: Tên đơn vị: «Phòng Kinh tế, Hạ tầng và Đô thị» → «Phòng Kinh tế»"),
        "{err}"
    );
    assert_eq!(unit(&ward, "KT")["kind"], "co-quan-chuyen-mon");
    let err = says(&ward, &["unit", "add", "--code", "KT", "--kind", "Đơn vị sự nghiệp"]);
    assert!(err.contains("Loại: «Cơ quan chuyên môn» → «Đơn vị sự nghiệp»"), "{err}");
    assert_eq!(unit(&ward, "KT")["name"], "Phòng Kinh tế", "no --name: kept");

    let err = says(&ward, &["official", "add", "--code", "CB01", "--name", "Trần Quốc Khánh Mới"]);
    assert!(err.contains("Đã cập nhật cán bộ CB01: Họ và tên:"), "{err}");
    let officials = ward.json(&["official", "list"]);
    let cb01 = officials.as_array().unwrap().iter().find(|o| o["code"] == "CB01").cloned().unwrap();
    assert_eq!((cb01["position"].as_str(), cb01["unit"].as_str()), (Some("Chánh Văn phòng"), Some("VP")));

    let err = refused(&ward, &["unit", "add", "--code", "MOI"]);
    assert!(err.contains("thiếu tên đơn vị") && err.contains("--name"), "{err}");
    let err = refused(&ward, &["unit", "add", "--code", "MOI", "--name", "Mới", "--kind", "Phòng ban"]);
    assert!(err.contains("loại đơn vị «Phòng ban» không có") && err.contains("Cơ quan chuyên môn"), "{err}");
}

#[test]
fn codes_are_one_whatever_their_case_or_width() {
    let ward = Ward::example();
    let units = ward.json(&["unit", "list"]).as_array().unwrap().len();
    let file = ward.write("dv.csv", "ma_don_vi,ten_don_vi\nkt,Phòng Kinh tế\n");
    says(&ward, &["unit", "import", &file.display().to_string()]);
    assert_eq!(ward.json(&["unit", "list"]).as_array().unwrap().len(), units, "kt updated KT");
    assert_eq!(unit(&ward, "KT")["name"], "Phòng Kinh tế");

    says(&ward, &["unit", "add", "--code", "ＶＰ", "--name", "Văn phòng"]);
    assert_eq!(ward.json(&["unit", "list"]).as_array().unwrap().len(), units, "ＶＰ is VP");
    assert_eq!(unit(&ward, "VP")["name"], "Văn phòng");

    let twice = ward.write("hai.csv", "ma_don_vi,ten_don_vi\nKT,Phòng A\nkt,Phòng B\n");
    let err = refused(&ward, &["unit", "import", &twice.display().to_string()]);
    assert!(err.contains("dòng 3") && err.contains("trùng với dòng 2"), "{err}");

    let officials =
        ward.write("cb.csv", "ma_can_bo,ho_ten,chuc_vu,ma_don_vi\ncb01,Trần Quốc Khánh,Chánh Văn phòng,vp\n");
    let before = ward.dump();
    says(&ward, &["official", "import", &officials.display().to_string()]);
    assert_eq!(ward.dump(), before, "cb01 in vp is CB01 in VP, unchanged");
}

#[test]
fn what_the_csv_export_guards_the_import_restores() {
    let ward = Ward::example();
    says(&ward, &["unit", "add", "--code", "TCT", "--name=- Tổ công tác", "--kind", "Tổ chức hành chính"]);
    says(&ward, &["unit", "add", "--code", "Q", "--name", "'- đã có dấu nháy"]);
    let csv = ward.ok(&["unit", "list", "--format", "csv"]);
    assert!(csv.contains(",'- Tổ công tác,"), "the export guards the name: {csv}");
    let before = ward.dump();
    let file = ward.write("dv.csv", &csv);
    let err = says(&ward, &["unit", "import", &file.display().to_string()]);
    assert!(err.contains("0 cập nhật"), "{err}");
    assert_eq!(ward.dump(), before, "list → CSV → import changes nothing");
}

#[test]
fn hidden_characters_empty_actors_and_control_characters_are_refused() {
    let ward = Ward::example();
    for name in ["Phòng\u{202E}ếT", "Văn\u{200B}phòng", "Tổ \u{2066}A\u{2069}"] {
        let err = refused(&ward, &["unit", "add", "--code", "MOI", "--name", name]);
        assert!(err.contains("U+"), "{err}");
    }
    let err = refused(&ward, &["unit", "add", "--code", "M\u{200D}OI", "--name", "Mới"]);
    assert!(err.contains("U+200D"), "{err}");
    let err = ward.fails(2, &["--by", "", "unit", "add", "--code", "MOI", "--name", "Mới"]);
    assert!(err.contains("tên người thực hiện trống"), "{err}");
    let err = ward.fails(2, &["--by", "  ", "log"]);
    assert!(err.contains("tên người thực hiện trống"), "{err}");

    let file = ward.write("dv.csv", "ma_don_vi,ten_don_vi\nMOI,Phòng\u{7} mới\nKHAC,Tổ\u{202E} khác\n");
    let err = refused(&ward, &["unit", "import", &file.display().to_string()]);
    assert!(err.contains("dòng 2, cột «ten_don_vi»") && err.contains("ký tự điều khiển U+0007"), "{err}");
    assert!(err.contains("dòng 3") && err.contains("U+202E"), "{err}");
}

#[test]
fn spreadsheet_error_values_are_refused_in_every_form() {
    let ward = Ward::example();
    let file = ward.write("dv.csv", "ma_don_vi,ten_don_vi\nKT,#N/A\nVHXH,#DIV/0!\n");
    let err = refused(&ward, &["unit", "import", &file.display().to_string()]);
    assert!(err.contains("dòng 2, cột «ten_don_vi»") && err.contains("công thức trả về #N/A"), "{err}");
    assert!(err.contains("dòng 3") && err.contains("#DIV/0!"), "{err}");
    let err = refused(&ward, &["unit", "import", &fixture("intake/units-errors.xlsx")]);
    assert!(err.contains("ô B2 (trang «Đơn vị»): công thức trả về #N/A: sửa công thức hoặc gõ giá trị"), "{err}");
    let err = refused(&ward, &["unit", "import", &fixture("intake/units-errors.ods")]);
    assert!(err.contains("ô B2 (trang «Đơn vị»): công thức trả về #N/A"), "{err}");
}

#[test]
fn legacy_vietnamese_encodings_are_named_and_read_exactly() {
    let ward = Ward::new();
    let want = std::fs::read_to_string(fixture("legacy/units-utf8.csv")).unwrap();
    for (name, option) in [("tcvn3", "TCVN3 (ABC)"), ("vni", "VNI"), ("viscii", "VISCII")] {
        let file = fixture(&format!("legacy/units-{name}.csv"));
        let err = refused(&ward, &["unit", "import", &file]);
        assert!(err.contains(&format!("bảng mã {option}")) && err.contains(&format!("--encoding {name}")), "{err}");
        assert!(!err.contains("utf-16"), "{err}");
        says(&ward, &["unit", "import", &file, "--encoding", name]);
        let names: Vec<String> = want.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().to_owned()).collect();
        for (i, n) in names.iter().enumerate() {
            let code = want.lines().nth(i + 1).unwrap().split(',').next().unwrap();
            assert_eq!(unit(&ward, code)["name"].as_str(), Some(n.as_str()), "{name}");
        }
    }
    // Windows-1258 is still read without being asked.
    says(&ward, &["unit", "import", &fixture("legacy/units-windows-1258.csv")]);
}

#[test]
fn documents_given_as_tables_are_named() {
    let ward = Ward::example();
    let err = refused(&ward, &["unit", "import", &fixture("intake/bao-cao.docx")]);
    assert!(err.contains("là văn bản Word (.docx), không phải bảng"), "{err}");
    let pdf = ward.write("bao-cao.pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n");
    let err = refused(&ward, &["unit", "import", &pdf.display().to_string()]);
    assert!(err.contains("là tài liệu PDF, không phải bảng"), "{err}");
}

#[test]
fn an_empty_report_is_not_a_report() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let head = "Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Số liệu,Kết quả thực hiện,Tài liệu kiểm chứng,\"Khó khăn, vướng mắc, đề xuất\"";
    let empty = ward.write("trong.csv", format!("{head}\nVP,1.1.5,,,,,\nVP,1.1.6,,,,,Đề nghị\n"));
    let err = refused(&ward, &["selfreport", "import", "2026-dot1", &empty.display().to_string()]);
    assert!(err.contains("Tệp chưa điền nội dung nào cho đơn vị VP"), "{err}");
    // One row filled: a report, and only that row counts as reported.
    let one = ward.write("mot.csv", format!("{head}\nVP,1.1.5,2,,,,\nVP,1.1.6,,,,,\n"));
    says(&ward, &["selfreport", "import", "2026-dot1", &one.display().to_string(), "--received", "20/06/2026"]);
    let status = ward.json(&["selfreport", "status", "2026-dot1"]);
    let vp = status.as_array().unwrap().iter().find(|r| r["unit"] == "VP").cloned().unwrap();
    assert_eq!(vp["items_reported"].as_i64(), Some(1), "{vp}");
}

#[test]
fn derived_columns_are_locked_in_the_xlsx_export() {
    let ward = Ward::example();
    let sheet = |what: &str| {
        ward.ok(&[what, "list", "--format", "xlsx", "-o", &format!("{what}.xlsx")]);
        let entries = crate::common::unzip(&std::fs::read(ward.path(&format!("{what}.xlsx"))).unwrap());
        entries.into_iter().find(|(name, _)| name == "xl/worksheets/sheet1.xml").unwrap().1
    };
    assert!(sheet("assign").contains("<sheetProtection"), "Nội dung and Cán bộ phụ trách are locked");
    assert!(!sheet("unit").contains("<sheetProtection"), "every unit column is read back");
    let before = ward.dump();
    ward.ok(&["assign", "import", "assign.xlsx"]);
    assert_eq!(ward.dump(), before, "the locked workbook still imports as no change");
}

#[test]
fn an_assignment_file_without_officials_keeps_them() {
    let ward = Ward::example();
    let before = ward.dump();
    // Only the criterion and the unit.
    let mut text = String::from("ma_tieu_chi,ma_don_vi\n");
    for a in ward.json(&["assign", "list"]).as_array().unwrap() {
        text.push_str(&format!("{},{}\n", a["criterion"].as_str().unwrap(), a["unit"].as_str().unwrap()));
    }
    let file = ward.write("pc.csv", text);
    says(&ward, &["assign", "import", &file.display().to_string()]);
    assert_eq!(ward.dump(), before, "the officials stay as stored");
}

#[test]
fn edits_to_derived_columns_are_warned_as_ignored() {
    let ward = Ward::example();
    let before = ward.dump();
    let csv = ward.ok(&["assign", "list", "--format", "csv"]);
    let first = ward.json(&["assign", "list"])[0].clone();
    let name = first["official_name"].as_str().unwrap();
    let file = ward.write("pc.csv", csv.replacen(name, "Người Khác", 1));
    let err = says(&ward, &["assign", "import", &file.display().to_string()]);
    assert!(err.contains("cột «Cán bộ phụ trách» = «Người Khác»: cột này chỉ để đọc"), "{err}");
    assert!(err.contains("sửa cột Mã cán bộ"), "{err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn a_workbook_value_error_names_the_sheet_and_the_file_once() {
    let ward = Ward::example();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Đơn vị").unwrap();
    for (col, text) in ["ma_don_vi", "ten_don_vi", "loai", "KT", "Phòng Kinh tế", "Phòng ban"].iter().enumerate() {
        sheet.write_string((col / 3) as u32, (col % 3) as u16, *text).unwrap();
    }
    let file = ward.path("dv.xlsx");
    book.save(&file).unwrap();
    let err = refused(&ward, &["unit", "import", &file.display().to_string()]);
    assert!(err.contains("- trang «Đơn vị», dòng 2, cột «Loại» = «Phòng ban»"), "{err}");
    assert_eq!(err.matches("dv.xlsx").count(), 1, "the file named once: {err}");
}
