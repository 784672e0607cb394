//! Injection: text a unit or an inspector typed reaches listings and reports as text, never as a spreadsheet
//! formula, live HTML, broken XML or terminal escape sequences.

use crate::common::{Ward, unzip};
use crate::reliability_corpus::ward_with_round;

const FORMULA_NAME: &str = "=HYPERLINK(\"http://x\",\"Phòng\")";
const DDE_TEXT: &str = "=cmd|' /C calc'!A0 <script>alert(1)</script>";
const HTML_TEXT: &str = "<img src=x onerror=alert(1)>";
const AT_NOTE: &str = "@SUM(1+1)";
const PLUS_NAME: &str = "+SUM(1)";
const MINUS_POSITION: &str = "-2+3";
const ESCAPE_NAME: &str = "Phòng \u{1b}[2J\u{1b}]0;bị đổi tên\u{7} Đỏ";

fn hostile_ward() -> Ward {
    let ward = ward_with_round();
    ward.ok(&["unit", "add", "--code", "EVIL", "--name", FORMULA_NAME]);
    // Typed control characters are refused (below); a database written before that may still hold them.
    ward.ok(&["unit", "add", "--code", "ESC", "--name", "Phòng Đỏ"]);
    let conn = rusqlite::Connection::open(ward.db()).expect("open db");
    conn.execute("UPDATE units SET name = ?1 WHERE code = 'ESC'", [ESCAPE_NAME]).expect("old name");
    drop(conn);
    ward.ok(&[
        "official",
        "add",
        "--code",
        "CB99",
        "--name",
        PLUS_NAME,
        "--unit",
        "EVIL",
        &format!("--position={MINUS_POSITION}"),
    ]);
    ward.ok(&["score", "set", "2026-dot1", "EVIL", "1.1.1", "1", "--note", AT_NOTE]);
    let add = ["finding", "add", "2026-dot1", "--unit", "EVIL", "--official", "CB99", "--kind", "han-che"];
    ward.ok(&[&add[..], &["--text", DDE_TEXT, "--recommend", HTML_TEXT, "--due", "31/12/2026"]].concat());
    // A unit's self-report: its result, evidence and proposal (which becomes a finding) reach the reports too.
    let report = format!(
        "ma_don_vi,ma_tieu_chi,diem_tu_cham,ket_qua,tai_lieu_kiem_chung,kho_khan_de_xuat\n\
         EVIL,1.1.1,1,\"{SELF_RESULT}\",{HTML_TEXT},\"{SELF_PROPOSAL}\"\n"
    );
    let file = ward.write("tu-kiem-tra.csv", report);
    ward.ok(&["selfreport", "import", "2026-dot1", &file.display().to_string()]);
    // Starting the round turns the unit's proposal into a kiến nghị finding, which every report shows.
    ward.ok(&["round", "start", "2026-dot1"]);
    ward
}

const SELF_RESULT: &str = "=1+1 đã hoàn thành";
const SELF_PROPOSAL: &str = "+đề nghị <b onmouseover=alert(1)>cấp kinh phí</b>";

/// Every field of a CSV that a spreadsheet would run: a leading `=`, `+`, `@`, tab or CR, or a `-` that does not
/// start a plain number.
fn live_formulas(csv_bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(csv_bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut live = Vec::new();
    for record in reader.records() {
        for field in record.expect("valid CSV").iter() {
            let number = field.parse::<f64>().is_ok();
            if field.starts_with(['=', '+', '@', '\t', '\r']) || (field.starts_with('-') && !number) {
                live.push(field.to_owned());
            }
        }
    }
    live
}

#[test]
fn listings_quote_formulas_in_csv_keep_json_raw_and_escape_the_terminal() {
    let ward = hostile_ward();
    for args in [
        &["unit", "list"][..],
        &["official", "list"],
        &["finding", "list"],
        &["score", "list", "2026-dot1", "--unit", "EVIL"],
        &["selfreport", "show", "2026-dot1", "EVIL"],
        &["selfreport", "status", "2026-dot1"],
        &["log"],
    ] {
        let csv = ward.ok(&[args, &["--format", "csv"]].concat());
        assert_eq!(live_formulas(csv.as_bytes()), Vec::<String>::new(), "{args:?}:\n{csv}");
    }
    let csv = ward.ok(&["unit", "list", "--format", "csv"]);
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"Phòng\"\")\""), "{csv}");
    // JSON is for programs: the text exactly as stored.
    let units = ward.json(&["unit", "list"]);
    let name = |code: &str| units.as_array().unwrap().iter().find(|u| u["code"] == code).unwrap()["name"].clone();
    assert_eq!(name("EVIL"), FORMULA_NAME);
    assert_eq!(name("ESC"), ESCAPE_NAME);
    // The terminal gets no escape sequence from the data.
    let table = ward.ok(&["unit", "list"]);
    assert!(!table.contains('\u{1b}') && !table.contains('\u{7}'), "{table:?}");
    assert!(table.contains("\\u{1B}[2J"), "{table}");
}

#[test]
fn control_characters_typed_in_a_value_are_refused_and_nothing_changes() {
    let ward = ward_with_round();
    let mut said = Vec::new();
    for args in [
        &["unit", "add", "--code", "ESC", "--name", ESCAPE_NAME][..],
        &["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "han-che", "--text", "Chưa niêm yết\u{7}\u{b}"],
    ] {
        let before = ward.dump();
        said.push(ward.fails(1, args));
        assert_eq!(ward.dump(), before, "{args:?}: nothing written");
    }
    assert!(!said.concat().contains(['\u{1b}', '\u{7}', '\u{b}']), "the message shows no control character");
    insta::assert_snapshot!("typed_control_characters", said.join("\n"));
    // The same commands without the characters run: the refusal was the characters'.
    ward.ok(&["unit", "add", "--code", "ESC", "--name", "Phòng Đỏ"]);
    ward.ok(&["finding", "add", "2026-dot1", "--unit", "VP", "--kind", "han-che", "--text", "Chưa niêm yết"]);
}

#[test]
fn reports_neutralise_formulas_and_escape_markup_in_every_format() {
    let ward = hostile_ward();
    // As of the day the findings were typed in (after the round's last day, which a round report is as of).
    let dated = ["--as-of", "28/11/2026"];
    let reports: [&[&str]; 3] = [
        &["round", "2026-dot1", dated[0], dated[1]],
        &["unit", "2026-dot1", "EVIL", dated[0], dated[1]],
        &["followup"],
    ];
    let mut tried = 0;
    for report in reports {
        for ext in ["csv", "xlsx", "html", "docx", "md"] {
            let out = ward.path(&format!("bao-cao.{ext}")).display().to_string();
            ward.ok(&[&["report"], report, &["-o", &out]].concat());
            let bytes = std::fs::read(&out).expect("report written");
            let what = format!("report {report:?} as {ext}");
            match ext {
                "csv" => {
                    assert_eq!(live_formulas(&bytes), Vec::<String>::new(), "{what}");
                    assert!(
                        String::from_utf8_lossy(&bytes).contains("=cmd|' /C calc'!A0"),
                        "{what}: the finding is there"
                    );
                }
                "xlsx" => {
                    let parts = unzip(&bytes);
                    for (name, xml) in &parts {
                        assert!(!(name.contains("worksheets") && xml.contains("<f>")), "{what}: a formula in {name}");
                    }
                    // Table sheets write their strings inline (constant-memory mode), the first sheet shares them.
                    let text = |n: &str| n == "xl/sharedStrings.xml" || n.starts_with("xl/worksheets/");
                    let escaped =
                        parts.iter().any(|(n, xml)| text(n) && xml.contains("=cmd|' /C calc'!A0 &lt;script&gt;"));
                    assert!(escaped, "{what}: text escaped as XML");
                    let styles = &parts.iter().find(|(n, _)| n == "xl/styles.xml").expect("styles").1;
                    assert!(styles.contains("quotePrefix=\"1\""), "{what}: formula-like text marked as text");
                }
                "html" | "md" => {
                    let text = String::from_utf8_lossy(&bytes);
                    assert!(!text.contains("<script") && !text.contains("<img") && !text.contains("<b "), "{what}");
                    assert!(text.contains("alert(1)"), "{what}: the text is shown, escaped");
                    // The follow-up lists shortcomings only: a proposal is answered, not remediated.
                    if report != ["followup"] {
                        assert!(text.contains("&lt;b onmouseover"), "{what}: the unit's proposal, escaped");
                    }
                }
                _ => {
                    let parts = unzip(&bytes);
                    let body = &parts.iter().find(|(n, _)| n == "word/document.xml").expect("document").1;
                    assert!(!body.contains("<script") && !body.contains("<img"), "{what}");
                    assert!(body.contains("&lt;script&gt;alert(1)"), "{what}: text escaped as XML");
                }
            }
            tried += 1;
        }
    }
    eprintln!("injection: {tried} reports in 5 formats checked");
}
