//! Intake of workbooks written by openpyxl (issue 21), the library most scripts that fill a form use: error cells
//! typed as errors (t="e"), inline strings, formulas without a computed value. The files are made by
//! scripts/make-openpyxl-fixtures.py and committed. Every refusal leaves the database byte-identical.

use crate::common::Ward;
use crate::intake_second_pass::{fixture, refused, says, unit};

fn openpyxl(name: &str) -> String {
    fixture(&format!("intake/openpyxl-{name}.xlsx"))
}

#[test]
fn error_cells_and_formulas_without_a_value_are_refused_naming_the_cell() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let mut all = Vec::new();
    for args in [
        ["selfreport", "import", "2026-dot1", &openpyxl("selfreport-errors")],
        ["selfreport", "import", "2026-dot1", &openpyxl("selfreport-points-error")],
        ["selfreport", "import", "2026-dot1", &openpyxl("selfreport-formula")],
    ] {
        all.push(refused(&ward, &args));
    }
    all.push(refused(&ward, &["unit", "import", &openpyxl("units-error")]));
    assert!(all[0].contains("ô F2") && all[0].contains("#N/A"), "the evidence column: {}", all[0]);
    assert!(all[1].contains("ô C3") && all[1].contains("#DIV/0!"), "the points column: {}", all[1]);
    assert!(all[2].contains("ô C2") && all[2].contains("chưa có giá trị"), "{}", all[2]);
    assert!(all[3].contains("ô B3") && all[3].contains("#N/A"), "KT is not renamed «#N/A»: {}", all[3]);
    insta::assert_snapshot!("openpyxl_refusals", all.join("\n"));
}

#[test]
fn a_unit_list_of_two_columns_keeps_the_kinds() {
    let ward = Ward::example();
    let err = says(&ward, &["unit", "import", &openpyxl("units-two-columns")]);
    assert!(err.contains("0 mới, 1 cập nhật"), "{err}");
    assert!(err.contains("KT — Tên đơn vị: «Phòng Kinh tế, Hạ tầng và Đô thị» → «Phòng Kinh tế»"), "{err}");
    assert_eq!(unit(&ward, "KT")["name"], "Phòng Kinh tế");
    assert_eq!(unit(&ward, "KT")["kind"], "co-quan-chuyen-mon", "no loai column: the kind is kept");
}

#[test]
fn codes_in_lower_case_update_the_stored_units() {
    let ward = Ward::example();
    let units = ward.json(&["unit", "list"]).as_array().unwrap().len();
    let err = says(&ward, &["unit", "import", &openpyxl("units-lower-case")]);
    assert!(err.contains("0 mới, 1 cập nhật, 1 không đổi"), "{err}");
    assert_eq!(ward.json(&["unit", "list"]).as_array().unwrap().len(), units, "kt is KT, vhxh is VHXH");
    assert_eq!(unit(&ward, "KT")["name"], "Phòng Kinh tế");
    assert_eq!(unit(&ward, "kt"), serde_json::Value::Null, "stored in its canonical case");
    let before = ward.dump();
    says(&ward, &["unit", "import", &openpyxl("units-lower-case")]);
    assert_eq!(ward.dump(), before, "the same file again changes nothing");
}
