//! Row checks of self-reports, on CSV text read through the real reader.

use std::path::Path;

use super::rules::KEEP;
use super::*;
use crate::domain::catalogue::{Catalogue, DEFAULT_FILE_NAME, DEFAULT_TOML};
use crate::domain::catalogue_parse;
use crate::import::{Encoding, TableReader};

fn catalogue() -> Catalogue {
    catalogue_parse::parse(DEFAULT_FILE_NAME, DEFAULT_TOML).unwrap()
}

fn rules(cat: &Catalogue) -> Rules<'_> {
    let units = ["VP", "KT", "VHXH", "TYT"].map(String::from).to_vec();
    let scope = ["VP", "KT", "VHXH"].map(String::from);
    let mut rules = Rules::new("2026-dot1", true, cat, units, &scope);
    for code in ["1.1.5", "1.1.6", "1.1.7", "1.2.1"] {
        rules.assign("VP", code);
    }
    rules.assign("KT", "1.6.1.1");
    rules
}

/// One checked row: (line, unit, criterion, points, percent, result).
type Got = (u64, String, String, Option<f64>, Option<f64>, String);

struct Checked {
    items: Vec<Got>,
    problems: Vec<String>,
    warnings: Vec<String>,
    units: Vec<UnitDone>,
}

fn check_text(rules: &Rules, text: &str) -> Checked {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tu-kiem-tra.csv");
    std::fs::write(&path, text).unwrap();
    check_file(rules, &path)
}

fn check_file(rules: &Rules, path: &Path) -> Checked {
    let mut reader = TableReader::open(path, Encoding::Auto, COLUMNS).unwrap();
    let (mut problems, mut warnings) = (ProblemList::default(), ProblemList::default());
    let mut check = FileCheck::new(rules, reader.file_name());
    check.header(reader.columns(), &mut problems, &mut warnings);
    let mut row = Row::new();
    let mut items = Vec::new();
    while reader.next_row(&mut row).unwrap() {
        if let Some(i) = check.check(&row, &mut problems, &mut warnings) {
            let unit = rules.unit_code(i.unit).to_owned();
            items.push((row.line, unit, rules.criterion(i.leaf).to_owned(), i.points, i.percent, i.result.to_owned()));
        }
    }
    let units = check.finish(&mut problems, &mut warnings);
    let text = |f: ProblemList| f.list.iter().map(|p| p.to_string()).collect();
    Checked { items, problems: text(problems), warnings: text(warnings), units }
}

const HEAD: &str = "Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Số liệu,Kết quả thực hiện,Tài liệu kiểm chứng\n";

#[test]
fn good_rows_come_through_with_rubric_points() {
    let cat = catalogue();
    let rules = rules(&cat);
    let text = format!(
        "{HEAD}VP,1.1.5,\"1,5\",,Đã lưu trữ số,BC 12\nVP,1.1.7,,96/100,Hoàn thành,BC 13\nvp,1.1.6,1,,Đã đối thoại,BB 1\n"
    );
    let got = check_text(&rules, &text);
    assert_eq!(got.problems, Vec::<String>::new());
    // VP's fourth assigned item is not in the file.
    let missing = "tu-kiem-tra.csv: đơn vị VP: thiếu 1 nội dung được phân công cho đơn vị này: 1.2.1; vẫn được nhập, \
                   dùng --strict để từ chối";
    assert_eq!(got.warnings, [missing]);
    assert_eq!(
        got.items,
        vec![
            (2, "VP".into(), "1.1.5".into(), Some(1.5), None, "Đã lưu trữ số".into()),
            (3, "VP".into(), "1.1.7".into(), Some(1.5), Some(96.0), "Hoàn thành".into()),
            (4, "VP".into(), "1.1.6".into(), Some(1.0), None, "Đã đối thoại".into()),
        ]
    );
    assert_eq!(got.units.len(), 1);
    assert_eq!(got.units[0].rows, 3);
}

#[test]
fn disagreement_with_the_rubric_is_a_warning_and_the_points_written_are_kept() {
    let cat = catalogue();
    let rules = rules(&cat);
    let got = check_text(&rules, &format!("{HEAD}VP,1.1.7,2,90%,Hoàn thành,BC\nVP,1.2.1,,,Chưa chấm,BC\n"));
    assert_eq!(got.problems, Vec::<String>::new());
    assert_eq!(got.items[0].3, Some(2.0));
    assert!(
        got.warnings[0].contains("dòng 2") && got.warnings[0].contains("khác điểm tính theo thang điểm"),
        "{:?}",
        got.warnings
    );
    assert!(got.warnings[0].contains(": 1"), "{:?}", got.warnings);
    assert!(got.warnings[1].contains("dòng 3") && got.warnings[1].contains("chưa tự chấm điểm"), "{:?}", got.warnings);
}

#[test]
fn every_bad_row_is_named_with_column_value_and_suggestion() {
    let cat = catalogue();
    let rules = rules(&cat);
    let text = format!(
        "{HEAD}VPP,1.1.5,1,,x,y\nTYT,1.1.5,1,,x,y\nVP,1.1.55,1,,x,y\nVP,1.1,1,,x,y\nVP,2.1,1,,x,y\n\
         VP,1.1.5,3,,x,y\nVP,1.1.6,abc,,x,y\nVP,1.1.7,,95,x,y\nVP,1.2.1,1,,x,y\nVP,1.2.1,1,,x,y\n,1.1.5,1,,x,y\n"
    );
    let got = check_text(&rules, &text);
    let expect = [
        "dòng 2, cột «Mã đơn vị» = «VPP»: đơn vị chưa có trong cơ sở dữ liệu. Gợi ý: có phải «VP»?",
        "dòng 3, cột «Mã đơn vị» = «TYT»: đơn vị này không thuộc phạm vi kiểm tra của đợt 2026-dot1",
        "dòng 4, cột «Mã tiêu chí» = «1.1.55»: không có tiêu chí mã «1.1.55»",
        "có phải «1.1.5»?",
        "dòng 5, cột «Mã tiêu chí» = «1.1»: «1.1» là nhóm",
        "dòng 6, cột «Mã tiêu chí» = «2.1»: «2.1» là nội dung kiểm tra đột xuất",
        "dòng 7, cột «Điểm tự chấm» = «3»: vượt quá điểm tối đa 2 của nội dung 1.1.5",
        "dòng 8, cột «Điểm tự chấm» = «abc»: không phải số",
        "dòng 9, cột «Số liệu» = «95»: không đúng dạng số liệu",
        "dòng 11, cột «Mã tiêu chí» = «1.2.1»: trùng với dòng 10",
        "dòng 12, cột «Mã đơn vị» (trống): thiếu mã đơn vị",
    ];
    for e in expect {
        assert!(got.problems.iter().any(|p| p.contains(e)), "«{e}» not in {:#?}", got.problems);
    }
    assert_eq!(got.problems.len(), 10, "{:#?}", got.problems);
    assert!(got.problems.iter().all(|p| p.starts_with("tu-kiem-tra.csv, dòng ")));
}

#[test]
fn unassigned_items_warn_once_per_unit_or_fail_when_strict() {
    let cat = catalogue();
    let mut rules = rules(&cat);
    let text = format!("{HEAD}KT,1.6.1.1,0.5,,x,y\nKT,1.6.1.2,0.5,,x,y\nKT,1.6.1.3,0.5,,x,y\n");
    let got = check_text(&rules, &text);
    assert_eq!(got.problems, Vec::<String>::new());
    assert_eq!(got.items.len(), 3);
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    assert!(
        got.warnings[0].contains("đơn vị KT: 2 nội dung không được phân công")
            && got.warnings[0].contains("1.6.1.2, 1.6.1.3")
    );
    rules.strict = true;
    let got = check_text(&rules, &text);
    assert_eq!(got.problems.len(), 2, "{:?}", got.problems);
    assert!(got.problems[0].contains("cchc assign add 1.6.1.2 --unit KT"), "{:?}", got.problems);
}

#[test]
fn the_unit_column_is_needed_unless_one_unit_is_chosen() {
    let cat = catalogue();
    let mut rules = rules(&cat);
    let text = "Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện,Tài liệu kiểm chứng,Ghi chu\n1.1.5,2,x,y,z\n";
    let got = check_text(&rules, text);
    assert!(
        got.problems.iter().any(|p| p.contains("thiếu cột «Mã đơn vị»") && p.contains("--unit")),
        "{:?}",
        got.problems
    );
    assert!(got.warnings.iter().any(|w| w.contains("«Ghi chu»") && w.contains("bỏ qua")), "{:?}", got.warnings);
    rules.fixed_unit = rules.unit("VP");
    let got = check_text(&rules, text);
    assert_eq!(got.problems, Vec::<String>::new());
    assert_eq!(got.items[0].1, "VP");
    let got = check_text(&rules, &format!("{HEAD}KT,1.1.5,2,,x,y\nVP,1.1.6,1,,x,y\n,1.1.7,1,,x,y\n"));
    assert_eq!(got.problems.len(), 1, "{:?}", got.problems);
    assert!(got.problems[0].contains("khác đơn vị đã chọn bằng --unit (VP)"));
}

#[test]
fn a_units_hash_depends_on_content_not_on_row_order() {
    let cat = catalogue();
    let rules = rules(&cat);
    let a = "VP,1.1.5,2,,Đã lưu trữ số,BC 12\n";
    let b = "VP,1.1.6,1,,Đã đối thoại,BB 1\n";
    let hash = |text: &str| check_text(&rules, &format!("{HEAD}{text}")).units[0].hash.clone();
    assert_eq!(hash(&format!("{a}{b}")), hash(&format!("{b}{a}")));
    assert_ne!(hash(&format!("{a}{b}")), hash(&format!("{a}VP,1.1.6,1,,Đã đối thoại.,BB 1\n")));
    // Decomposed text is the same content once normalised.
    assert_eq!(hash(a), hash("VP,1.1.5,2,,Đã lưu tru\u{31B}\u{303} số,BC 12\n"));
}

#[test]
fn findings_keep_a_bounded_list() {
    let mut f = ProblemList::default();
    let p = Problem { file: "a".into(), row: None, column: None, value: None, message: "x".into(), hint: None };
    for _ in 0..KEEP + 10 {
        f.push(p.clone());
    }
    assert_eq!((f.list.len(), f.omitted, f.len()), (KEEP, 10, KEEP + 10));
    f.push_first(Problem { message: "tệp hỏng".into(), ..p });
    assert_eq!((f.list[0].message.as_str(), f.len()), ("tệp hỏng", KEEP + 11));
}
