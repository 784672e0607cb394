//! The catalogue in a secretary's hands: export to a workbook, import it back (every refusal by sheet, row and
//! column), load versions into one database, diff them; rounds keep the version they were created with.

mod book;

use book::{Book, Cell};

use crate::common::Ward;
use crate::reports::fixture::fixture;

/// The workbook edited with openpyxl by tests/fixtures/catalogue/edit_with_openpyxl.py (see its header).
const EDITED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/catalogue/edited-2.0.0.xlsx");
/// The default's export as LibreOffice saves it, formulas without values (tests/fixtures/catalogue/xlsx_to_ods.py).
const ODS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/catalogue/mac-dinh-1.0.0.ods");

const NODES: &str = "Tiêu chí";
const CODE: usize = 0;
const PARENT: usize = 1;
const POINTS: usize = 3;
const KIND: usize = 4;

/// The hash `criteria versions` shows for each version, by `id@version`.
fn hashes(ward: &Ward) -> Vec<(String, String)> {
    let versions = ward.json(&["criteria", "versions"]);
    let versions = versions.as_array().unwrap();
    versions
        .iter()
        .map(|v| {
            (
                format!("{}@{}", v["id"].as_str().unwrap(), v["version"].as_str().unwrap()),
                v["hash"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn export_then_import_unchanged_gives_the_same_catalogue() {
    let ward = Ward::new();
    ward.ok(&["criteria", "export", "-o", "bo-tieu-chi.xlsx"]);
    ward.ok(&["criteria", "import", "bo-tieu-chi.xlsx", "-o", "bo-tieu-chi.toml"]);
    let before = hashes(&ward);
    assert_eq!(before.len(), 1);
    // The workbook as a script saves it: formulas kept, their computed values gone.
    let mut book = Book::read(&ward.path("bo-tieu-chi.xlsx"));
    assert!(matches!(book.grid(NODES)[1][POINTS], Cell::Formula(_)), "the root's points are a live sum");
    book.write(&ward.path("khong-gia-tri.xlsx"));
    for file in ["bo-tieu-chi.toml", "bo-tieu-chi.xlsx", "khong-gia-tri.xlsx", ODS] {
        let out = ward.cmd(&["criteria", "load", file]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && err.contains("đã có trong cơ sở dữ liệu"), "{file}: {err}");
    }
    assert_eq!(hashes(&ward), before, "no new version: the same content hash");
    let toml = std::fs::read_to_string(ward.path("bo-tieu-chi.toml")).unwrap();
    ward.ok(&["criteria", "check", "bo-tieu-chi.toml"]);
    assert!(toml.contains("id = \"mac-dinh-2026\"") && !toml.contains("replaces"), "{toml}");
}

/// One refusal: the default workbook with one edit, imported.
fn refusal(ward: &Ward, name: &str, edit: impl FnOnce(&mut Book)) -> String {
    let mut book = Book::read(&ward.path("mac-dinh.xlsx"));
    edit(&mut book);
    let file = format!("{name}.xlsx");
    book.write(&ward.path(&file));
    let before = ward.dump();
    let err = ward.fails(1, &["criteria", "load", &file]);
    assert_eq!(ward.dump(), before, "{name}: nothing written");
    assert_eq!(ward.fails(1, &["criteria", "import", &file, "-o", "khong-ghi.toml"]), err, "{name}");
    assert!(!ward.path("khong-ghi.toml").exists(), "{name}: no TOML written");
    err
}

#[test]
fn each_import_refusal_names_sheet_row_and_column() {
    let ward = Ward::new();
    ward.ok(&["criteria", "export", "-o", "mac-dinh.xlsx"]);
    let mut all = Vec::new();
    all.push(refusal(&ward, "trung-ma", |b| b.set(NODES, "1.1.2", CODE, Cell::Text("1.1.1".into()))));
    all.push(refusal(&ward, "thieu-muc-cha", |b| {
        b.set(NODES, "1.1.3", PARENT, Cell::Text("1.9".into()));
        b.set(NODES, "1.1.3", CODE, Cell::Text("1.9.1".into()));
    }));
    all.push(refusal(&ward, "nhom-sai-tong", |b| b.set(NODES, "1.1", POINTS, Cell::Number(13.0))));
    all.push(refusal(&ward, "tong-khac-100", |b| b.set(NODES, "1.1.6", POINTS, Cell::Number(1.5))));
    all.push(refusal(&ward, "xep-loai-ho", |b| b.set("Xếp loại", "tot", 2, Cell::Number(75.0))));
    all.push(refusal(&ward, "xep-loai-chong", |b| b.set("Xếp loại", "xuat-sac", 2, Cell::Number(85.0))));
    all.push(refusal(&ward, "diem-chu", |b| b.set(NODES, "1.2.1", POINTS, Cell::Text("hai".into()))));
    all.push(refusal(&ward, "loai-sai", |b| b.set(NODES, "1.2.2", KIND, Cell::Text("hằng năm".into()))));
    all.push(refusal(&ward, "muc-cha-lech", |b| b.set(NODES, "1.2.3", PARENT, Cell::Text("1.3".into()))));
    all.push(refusal(&ward, "thieu-trang", |b| b.sheets.retain(|(n, _)| n != "Xếp loại")));
    insta::assert_snapshot!("catalogue_import_refusals", all.join("\n"));
}

#[test]
fn overlapping_bands_are_refused_naming_both_bands_the_scores_and_the_field() {
    let ward = Ward::new();
    let toml = include_str!("../../criteria/mac-dinh-2026.toml").replacen("min = 90.0", "min = 85.0", 1);
    ward.write("chong-len-nhau.toml", toml);
    let before = ward.dump();
    let err = ward.fails(1, &["criteria", "load", "chong-len-nhau.toml"]);
    assert_eq!(ward.dump(), before, "nothing written");
    assert_eq!(ward.fails(1, &["criteria", "check", "chong-len-nhau.toml"]), err, "check says the same");
    insta::assert_snapshot!("catalogue_band_overlap_toml", err);
}

#[test]
fn a_workbook_edited_with_openpyxl_loads_as_a_new_version_and_old_rounds_do_not_change() {
    let ward = fixture();
    let reports = |ward: &Ward| -> Vec<String> {
        [&["report", "round", "2026-dot1", "--format", "md"][..], &["report", "year", "2026", "--format", "json"]]
            .iter()
            .map(|args| ward.ok(args))
            .collect()
    };
    let before = reports(&ward);
    ward.ok(&["criteria", "load", EDITED]);
    assert_eq!(reports(&ward), before, "rounds pinned to 1.0.0 report byte for byte as before");
    let table = ward.ok(&["criteria", "diff", "mac-dinh-2026@1.0.0", "mac-dinh-2026@2.0.0"]);
    insta::assert_snapshot!("catalogue_diff_openpyxl", table);
    let json = ward.json(&["criteria", "diff", "mac-dinh-2026@1.0.0"]);
    let kinds: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["new_code"].as_str().unwrap(), c["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("1.1.1", "repointed"),
            ("1.1.2", "repointed"),
            ("1.1.7", "repointed"),
            ("1.1.8", "added"),
            ("1.2.12", "moved")
        ]
    );
    // New rounds take the newest version unless told otherwise.
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2027"]);
    let args = ["round", "new", "--kind", "dot-xuat", "--year", "2027", "--from", "01/03/2027", "--topic", "Kỷ luật"];
    ward.ok(&[&args[..], &["--catalogue", "mac-dinh-2026@1.0.0"]].concat());
    let versions = ward.ok(&["criteria", "versions"]);
    insta::assert_snapshot!("catalogue_versions", versions);
    let err = ward.fails(1, &["round", "new", "--kind", "dot2", "--year", "2027", "--catalogue", "mac-dinh-2026@9"]);
    assert!(err.contains("mac-dinh-2026@1.0.0, mac-dinh-2026@2.0.0"), "{err}");
}

#[test]
fn export_names_a_stored_version_and_refuses_other_extensions() {
    let ward = Ward::new();
    ward.ok(&["criteria", "load", EDITED]);
    ward.ok(&["criteria", "export", "--catalogue", "mac-dinh-2026@1.0.0", "-o", "cu.xlsx"]);
    let mut old = Book::read(&ward.path("cu.xlsx"));
    assert_eq!(old.grid("Thông tin")[1][2], Cell::Text("1.0.0".into()));
    ward.ok(&["criteria", "export", "-o", "moi.xlsx"]);
    let mut new = Book::read(&ward.path("moi.xlsx"));
    let row = new.row(NODES, "1.2.12");
    assert_eq!(new.grid(NODES)[row][10], Cell::Text("1.1.6".into()), "replaces is kept");
    let err = ward.fails(1, &["criteria", "export", "-o", "moi.csv"]);
    assert!(err.contains(".xlsx"), "{err}");
}
