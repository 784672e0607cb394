//! Issue 25, item 8: limits. An imported cell, from CSV or from a workbook, is capped at 1 MiB with a message naming
//! the file, row and cell; a person's own template that doubles a string is stopped in Vietnamese at its memory
//! budget instead of taking gigabytes.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use crate::common::Ward;

const HUGE: usize = 2 * 1024 * 1024;

/// A units workbook whose VHXH row holds a 2 MiB name. Excel stops at 32,767 characters a cell, and so does
/// `rust_xlsxwriter`, so the long text is put into the saved file's XML in place of a short one, as a tool built to
/// break an importer would write it.
fn huge_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, cells) in [["ma_don_vi", "ten_don_vi"], ["VHXH", "THAY-BANG-CHUOI-DAI"]].iter().enumerate() {
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string(row as u32, col as u16, *text).unwrap();
        }
    }
    let saved = book.save_to_buffer().unwrap();
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(saved)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..from.len() {
        let mut entry = from.by_index(i).unwrap();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap().replace("THAY-BANG-CHUOI-DAI", &"x".repeat(HUGE));
        out.start_file(entry.name().unwrap().into_owned(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_cell_past_one_mebibyte_is_refused_naming_the_cell() {
    let ward = Ward::new();
    let file = ward.write("don-vi.xlsx", huge_workbook());
    let before = ward.dump();
    let err = ward.fails(1, &["unit", "import", file.to_str().unwrap()]);
    assert!(err.contains("don-vi.xlsx") && err.contains("dòng 2") && err.contains("ô B2"), "{err}");
    assert!(err.contains("quá giới hạn 1 MiB"), "{err}");
    assert_eq!(ward.dump(), before);
}

#[test]
fn a_csv_cell_past_one_mebibyte_is_refused_naming_the_line() {
    let ward = Ward::new();
    let file = ward.write("don-vi.csv", format!("ma_don_vi,ten_don_vi\nVHXH,{}\n", "x".repeat(HUGE)));
    let before = ward.dump();
    let err = ward.fails(1, &["unit", "import", file.to_str().unwrap()]);
    assert!(err.contains("don-vi.csv") && err.contains("dòng 2") && err.contains("1 MiB"), "{err}");
    assert_eq!(ward.dump(), before);
}

/// Forty doublings are a terabyte: without the budget the process took all the memory it could get.
#[test]
fn a_template_doubling_a_string_is_stopped_at_its_memory_budget() {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    let template = ward.write(
        "nhan-doi.md",
        "{% set ns = namespace(s=\"x\") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}\
         {{ ns.s|length }}",
    );
    let started = Instant::now();
    let err = ward.fails(
        1,
        &["report", "round", "2026-dot1", "--format", "md", "--template", template.to_str().unwrap(), "-o", "bc.md"],
    );
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
    assert!(err.contains("512 MB bộ nhớ") && err.contains("sửa mẫu"), "{err}");
    assert_eq!(err.matches("Lỗi").count(), 1, "{err}");
    assert!(!ward.path("bc.md").exists());
    // The same template without the doubling runs as usual.
    let small = ward.write("nho.md", "{% set ns = namespace(s=\"x\") %}{{ ns.s|length }}");
    ward.ok(&["report", "round", "2026-dot1", "--format", "md", "--template", small.to_str().unwrap(), "-o", "bc.md"]);
    assert_eq!(std::fs::read_to_string(ward.path("bc.md")).unwrap().trim(), "1");
}
