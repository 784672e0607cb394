//! Issue 11, points 1–7: files that used to import with data lost or changed without a word. Each refusal exits 1,
//! names the file and where, and leaves the database unchanged to the byte; the legitimate look-alikes import.

use std::io::{Cursor, Write};

use serde_json::Value;

use crate::common::Ward;
use crate::reliability_corpus::ward_with_round;

const HEAD: &str = "Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Số liệu,Kết quả thực hiện,Tài liệu kiểm chứng,\
                    \"Khó khăn, vướng mắc, đề xuất\"\n";

/// The database as text and as bytes.
fn state(ward: &Ward) -> (String, Vec<u8>) {
    (ward.dump(), std::fs::read(ward.db()).expect("read db"))
}

/// Runs a command that must be refused (exit 1) without changing the database; returns its stderr.
fn refused(ward: &Ward, args: &[&str]) -> String {
    let before = state(ward);
    let stderr = ward.fails(1, args);
    assert!(state(ward) == before, "the database changed: {args:?}\n{stderr}");
    stderr
}

fn import(ward: &Ward, name: &str, bytes: impl AsRef<[u8]>, extra: &[&str]) -> (bool, String) {
    ward.write(name, bytes);
    let mut args = vec!["selfreport", "import", "2026-dot1", name];
    args.extend(extra);
    let out = ward.cmd(&args).output().expect("run");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn refused_import(ward: &Ward, name: &str, bytes: impl AsRef<[u8]>, extra: &[&str]) -> String {
    ward.write(name, bytes);
    let mut args = vec!["selfreport", "import", "2026-dot1", name];
    args.extend(extra);
    let stderr = refused(ward, &args);
    assert!(stderr.contains(name), "{stderr}");
    stderr
}

fn items(ward: &Ward, unit: &str) -> Vec<Value> {
    ward.json(&["selfreport", "show", "2026-dot1", unit]).as_array().cloned().unwrap_or_default()
}

fn item<'a>(items: &'a [Value], code: &str) -> &'a Value {
    items.iter().find(|i| i["criterion"] == code).unwrap_or_else(|| panic!("{code} in {items:?}"))
}

#[test]
fn a_quote_left_open_is_refused_where_it_shows_and_a_multiline_note_still_imports() {
    let ward = ward_with_round();
    // The next row's opening quote closes the open one, and text follows it: line 3, the quote opened on line 2.
    let open = format!("{HEAD}VP,1.1.5,2,,KQ a,TL a,\"Đề nghị chưa đóng\nVP,1.1.6,1,,KQ b,TL b,\"Đề xuất b\"\n");
    let err = refused_import(&ward, "mo-ngoac.csv", open, &[]);
    assert!(err.contains("dòng 3") && err.contains("dấu ngoặc kép mở ở dòng 2 không được đóng"), "{err}");
    // Closed later with nothing after it: the swallowed row is read as a row of this file.
    let swallowed = format!("{HEAD}VP,1.1.5,2,,KQ a,TL a,\"Đề nghị chưa đóng\nVP,1.1.6,1,,KQ b,TL b,Đề xuất b\"\n");
    let err = refused_import(&ward, "nuot-dong.csv", swallowed, &[]);
    assert!(err.contains("dòng 2") && err.contains("giống dòng dữ liệu (VP, 1.1.6)"), "{err}");
    assert!(err.contains("«Khó khăn, vướng mắc, đề xuất»"), "the column is named: {err}");
    // The appraisal file's note likewise.
    let scores = "ma_don_vi,ma_tieu_chi,diem_tham_dinh,nhan_xet\nVHXH,1.1.1,1,\"Tốt\nVHXH,1.1.2,1,Khá\"\n";
    ward.write("diem.csv", scores);
    let err = refused(&ward, &["score", "import", "2026-dot1", "diem.csv"]);
    assert!(err.contains("dòng 2, cột «Nhận xét»") && err.contains("(VHXH, 1.1.2)"), "{err}");
    // `"abc"def`, which the CSV parser would glue into `abcdef`.
    let glued = format!("{HEAD}VP,1.1.5,2,,\"KQ\"a,TL a,\n");
    let err = refused_import(&ward, "dinh-chu.csv", glued, &[]);
    assert!(err.contains("dòng 2") && err.contains("cột thứ 5") && err.contains("sau dấu ngoặc kép đóng"), "{err}");
    // A real note over two lines, the second with commas, imports as written.
    let note = format!("{HEAD}VP,1.1.5,2,,KQ a,TL a,\"Dòng một\nVP cần thêm 1, 2 người\"\n");
    let (ok, err) = import(&ward, "ghi-chu.csv", note, &[]);
    assert!(ok, "{err}");
    assert_eq!(item(&items(&ward, "VP"), "1.1.5")["proposal"], "Dòng một\nVP cần thêm 1, 2 người");
}

/// A self-report workbook written part by part, as a program other than Excel writes one: inline strings, the
/// points cell of VP 1.1.5 given by `points` (XML of a `<c>`'s content), `calc_pr` in xl/workbook.xml.
fn xlsx(points: &str, calc_pr: &str, result: &str) -> Vec<u8> {
    let text = |cell: &str, value: &str| format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{value}</t></is></c>");
    let header: String = ["Mã đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Kết quả thực hiện", "Tài liệu kiểm chứng"]
        .iter()
        .zip(["A1", "B1", "C1", "D1", "E1"])
        .map(|(h, c)| text(c, h))
        .collect();
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\
         <row r=\"1\">{header}</row><row r=\"2\">{}{}<c r=\"C2\">{points}</c>{}{}</row></sheetData></worksheet>",
        text("A2", "VP"),
        text("B2", "1.1.5"),
        text("D2", result),
        text("E2", "BC 1"),
    );
    let workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <sheets><sheet name=\"Tự kiểm tra\" sheetId=\"1\" r:id=\"rId1\"/></sheets>{calc_pr}</workbook>"
    );
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"
                .to_owned(),
        ),
        ("_rels/.rels", relationship("xl/workbook.xml", "officeDocument")),
        ("xl/_rels/workbook.xml.rels", relationship("worksheets/sheet1.xml", "worksheet")),
        ("xl/workbook.xml", workbook),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    zip_parts(&parts.iter().map(|(n, t)| (*n, t.as_str())).collect::<Vec<_>>())
}

/// A relationships part with one relationship.
fn relationship(target: &str, kind: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Target=\"{target}\" \
         Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}\"/></Relationships>"
    )
}

fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        // ODS wants its `mimetype` first and stored, not deflated.
        let method =
            if *name == "mimetype" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        zip.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const EXCEL_CALC: &str = "<calcPr calcId=\"191029\"/>";
const RECALC_ON_LOAD: &str = "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>";

#[test]
fn a_formula_without_a_computed_value_is_refused_naming_its_cell() {
    let ward = ward_with_round();
    // openpyxl: the formula and an empty value.
    let openpyxl = xlsx("<f>1+1</f><v></v>", "", "KQ");
    let err = refused_import(&ward, "openpyxl.xlsx", openpyxl, &[]);
    for part in ["dòng 2", "ô C2", "trang «Tự kiểm tra»", "«=1+1»", "chưa có giá trị", "LibreOffice rồi lưu lại"]
    {
        assert!(err.contains(part), "«{part}» in {err}");
    }
    // XlsxWriter and pandas: a placeholder 0, and the workbook asks to be recomputed when opened.
    let xlsxwriter = xlsx("<f>1+1</f><v>0</v>", RECALC_ON_LOAD, "KQ");
    let err = refused_import(&ward, "xlsxwriter.xlsx", xlsxwriter, &[]);
    assert!(err.contains("ô C2") && err.contains("hoặc gõ giá trị thay cho công thức"), "{err}");
    // XlsxWriter's `write_formula(…, value=1.5)`: a value is there, but no spreadsheet program computed it.
    let err = refused_import(&ward, "xlsxwriter-value.xlsx", xlsx("<f>1+1</f><v>1.5</v>", RECALC_ON_LOAD, "KQ"), &[]);
    assert!(err.contains("với giá trị «1.5» do chương trình tạo tệp") && !err.contains("chưa có giá trị"), "{err}");
    // Saved by Excel: the value it computed is read.
    let (ok, err) = import(&ward, "excel.xlsx", xlsx("<f>1+1</f><v>2</v>", EXCEL_CALC, "KQ"), &[]);
    assert!(ok, "{err}");
    assert_eq!(item(&items(&ward, "VP"), "1.1.5")["self_points"], 2.0);
}

/// A self-report as LibreOffice saves it (.ods): VP 1.1.5 with 1,5 points, a result over two lines.
fn ods(points: &str) -> Vec<u8> {
    let cell = |text: &str| {
        let paragraphs: String = text.split('\n').map(|p| format!("<text:p>{p}</text:p>")).collect();
        format!("<table:table-cell office:value-type=\"string\">{paragraphs}</table:table-cell>")
    };
    let header: String = ["Mã đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Kết quả thực hiện", "Tài liệu kiểm chứng"]
        .iter()
        .map(|h| cell(h))
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
         <office:body><office:spreadsheet><table:table table:name=\"Tự kiểm tra\">\
         <table:table-row>{header}</table:table-row>\
         <table:table-row>{}{}{points}{}{}</table:table-row>\
         </table:table></office:spreadsheet></office:body></office:document-content>",
        cell("VP"),
        cell("1.1.5"),
        cell("Dòng một\nDòng hai"),
        cell("BC 1"),
    );
    ods_book(&content)
}

/// An ODS package around `content` (content.xml).
fn ods_book(content: &str) -> Vec<u8> {
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    zip_parts(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ])
}

#[test]
fn ods_files_are_read_like_xlsx() {
    let ward = ward_with_round();
    let points =
        "<table:table-cell office:value-type=\"float\" office:value=\"1.5\"><text:p>1,5</text:p></table:table-cell>";
    let (ok, err) = import(&ward, "vp.ods", ods(points), &[]);
    assert!(ok, "{err}");
    assert!(err.contains("định dạng ODS"), "{err}");
    let got = items(&ward, "VP");
    assert_eq!(item(&got, "1.1.5")["self_points"], 1.5);
    assert_eq!(item(&got, "1.1.5")["result"], "Dòng một\nDòng hai");
    // A formula with no value in an ODS is refused like one in an XLSX.
    let formula = "<table:table-cell table:formula=\"of:=1+1\"/>";
    let err = refused_import(&ward, "cong-thuc.ods", ods(formula), &[]);
    assert!(err.contains("ô C2") && err.contains("«=1+1»"), "{err}");
    // The other importers read ODS too: a unit list.
    let units = ods_book(
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>\
             <table:table table:name=\"Đơn vị\"><table:table-row>\
             <table:table-cell office:value-type=\"string\"><text:p>Mã đơn vị</text:p></table:table-cell>\
             <table:table-cell office:value-type=\"string\"><text:p>Tên đơn vị</text:p></table:table-cell>\
             </table:table-row><table:table-row>\
             <table:table-cell office:value-type=\"string\"><text:p>ODS1</text:p></table:table-cell>\
             <table:table-cell office:value-type=\"string\"><text:p>Phòng Một</text:p></table:table-cell>\
             </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
    );
    ward.write("don-vi.ods", units);
    ward.ok(&["unit", "import", "don-vi.ods"]);
    let listed = ward.json(&["unit", "list"]);
    assert!(listed.as_array().unwrap().iter().any(|u| u["code"] == "ODS1" && u["name"] == "Phòng Một"), "{listed}");
}

#[test]
fn line_breaks_are_stored_as_lf_whatever_the_format() {
    let ward = ward_with_round();
    let crlf = format!("{}VP,1.1.5,2,,\"Một\r\nHai\",  TL có dấu cách  ,\r\n", HEAD.replace('\n', "\r\n"));
    let (ok, err) = import(&ward, "crlf.csv", crlf, &[]);
    assert!(ok, "{err}");
    let got = items(&ward, "VP");
    assert_eq!(item(&got, "1.1.5")["result"], "Một\nHai");
    // Leading and trailing spaces are trimmed (the README says so).
    assert_eq!(item(&got, "1.1.5")["evidence"], "TL có dấu cách");
    // The same text from an XLSX, as CRLF in the XML and as Excel's escaped CR.
    for (name, result) in [("crlf.xlsx", "Ba&#13;\nBốn"), ("x000d.xlsx", "Ba_x000D_\nBốn")] {
        let (ok, err) = import(&ward, name, xlsx("<v>1</v>", EXCEL_CALC, result), &[]);
        assert!(ok, "{name}: {err}");
        assert_eq!(item(&items(&ward, "VP"), "1.1.5")["result"], "Ba\nBốn", "{name}");
    }
}

#[test]
fn items_assigned_to_the_unit_and_left_out_are_listed_and_strict_refuses() {
    let ward = ward_with_round();
    // VP has 24 items of Đợt 1 assigned in the example ward (and one ad-hoc item); this file reports on two.
    let two = format!("{HEAD}VP,1.1.5,2,,KQ,TL,\nVP,1.1.6,1,,KQ,TL,\n");
    let err = refused_import(&ward, "thieu.csv", &two, &["--strict"]);
    assert!(err.contains("đơn vị VP: thiếu 22 nội dung được phân công cho đơn vị này: 1.1.7, 1.2.1"), "{err}");
    assert!(err.contains("và 12 nội dung khác"), "{err}");
    let (ok, err) = import(&ward, "thieu.csv", &two, &[]);
    assert!(ok, "{err}");
    assert!(err.contains("thiếu 22 nội dung") && err.contains("dùng --strict để từ chối"), "{err}");
    assert!(err.contains("1 cảnh báo"), "{err}");
}

#[test]
fn a_template_of_another_round_is_refused_unless_allowed() {
    let ward = ward_with_round();
    ward.ok(&["round", "new", "--kind", "dot2", "--year", "2026"]);
    for name in ["mau-dot2.csv", "mau-dot2.xlsx"] {
        ward.ok(&["selfreport", "template", "2026-dot2", "--unit", "VP", "-o", name]);
        let err = refused(&ward, &["selfreport", "import", "2026-dot1", name]);
        assert!(err.contains(&format!("Tệp «{name}»")) && err.contains("dòng 1, giá trị"), "{err}");
        assert!(err.contains("mẫu báo cáo của đợt 2026-dot2, không phải đợt 2026-dot1"), "{err}");
        assert!(err.contains("--allow-other-round"), "{err}");
        // Into its own round, and elsewhere when told to, the round is no objection (the blank form still is).
        for args in [&["2026-dot2", name][..], &["2026-dot1", name, "--allow-other-round"]] {
            let err = refused(&ward, &[&["selfreport", "import"][..], args].concat());
            assert!(err.contains("Tệp chưa điền") && !err.contains("không phải đợt"), "{err}");
        }
    }
    // A template made before the marker existed is known by its title row.
    let old = format!("BÁO CÁO TỰ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH — ĐỢT 2 NĂM 2026\n{HEAD}VP,1.1.5,2,,KQ,TL,\n");
    let err = refused_import(&ward, "mau-cu.csv", old, &[]);
    assert!(err.contains("dòng 1") && err.contains("mẫu báo cáo của đợt 2026-dot2"), "{err}");
}

#[test]
fn init_never_changes_the_settings_of_an_existing_database() {
    let ward = Ward::empty();
    ward.ok(&["init", "--ward", "Sông Lam", "--province", "Hà Tĩnh"]);
    let err = refused(&ward, &["init", "--ward", "Song Lam"]);
    assert!(err.contains("ward = «Sông Lam»") && err.contains("cchc config set ward \"Song Lam\""), "{err}");
    let err = refused(&ward, &["init", "--province", "Nghệ An"]);
    assert!(err.contains("cchc config set province \"Nghệ An\""), "{err}");
    // The same settings again, or none, change nothing and succeed.
    ward.ok(&["init", "--ward", "Sông Lam"]);
    ward.ok(&["init"]);
    let settings = ward.json(&["config", "list"]);
    let value = |key: &str| settings.as_array().unwrap().iter().find(|s| s["key"] == key).unwrap()["value"].clone();
    assert_eq!((value("ward"), value("province")), ("Sông Lam".into(), "Hà Tĩnh".into()));
}
