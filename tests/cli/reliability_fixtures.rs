//! The XLSX files of the bad-input corpus: the committed ones (`cargo test make_xlsx_fixtures -- --ignored`
//! rewrites them) and the helpers that build the ones too big to commit.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use crate::reliability_corpus::{BAD, REVERSED_DIMENSION};

/// A workbook with a fixed creation time, so that regenerating the fixtures leaves unchanged files unchanged.
fn workbook() -> Workbook {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    book
}

/// An appraisal workbook (a header row) after `edit` adds to its sheet.
pub fn xlsx(edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    sheet(&["Mã đơn vị", "Mã tiêu chí", "Điểm thẩm định", "Nhận xét"], edit)
}

/// A self-report workbook: the same first three columns, with self points.
fn selfreport_xlsx(edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    sheet(&["Mã đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Số liệu", "Kết quả thực hiện", "Tài liệu kiểm chứng"], edit)
}

fn sheet(headers: &[&str], edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = workbook();
    let sheet = book.add_worksheet();
    for (c, h) in (0u16..).zip(headers) {
        sheet.write_string(0, c, *h).unwrap();
    }
    edit(sheet);
    book.save_to_buffer().unwrap()
}

/// As Excel saves it: rust_xlsxwriter, like XlsxWriter, asks for every formula to be computed on opening
/// (`fullCalcOnLoad`); Excel computes them, stores the values and drops the request.
fn saved_by_excel(archive: &[u8]) -> Vec<u8> {
    rezip(archive, "xl/workbook.xml", |xml| xml.replace(" fullCalcOnLoad=\"1\"", ""))
}

/// Copies an archive, rewriting one entry's text.
pub fn rezip(archive: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let entry_name = entry.name().unwrap().into_owned();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        if entry_name == name {
            text = edit(&String::from_utf8(text).unwrap()).into_bytes();
        }
        out.start_file(entry_name, options).unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Rewrites the uncompressed size an archive declares for one entry (local header and central directory).
pub fn patch_declared_size(archive: &[u8], name: &str, size: u32) -> Vec<u8> {
    let mut bytes = archive.to_vec();
    let mut patched = 0;
    for (signature, name_at, size_at) in [(b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)] {
        let mut i = 0;
        while let Some(found) = bytes[i..].windows(4).position(|w| w == signature) {
            let at = i + found;
            if bytes[at + name_at..].starts_with(name.as_bytes()) {
                bytes[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
            i = at + 4;
        }
    }
    assert_eq!(patched, 2, "{name} found in the local header and the central directory");
    bytes
}

/// Writes the committed XLSX files of the corpus: `cargo test make_xlsx_fixtures -- --ignored`.
#[test]
#[ignore = "regenerates tests/fixtures/bad/*.xlsx"]
fn make_xlsx_fixtures() {
    let write = |name: &str, bytes: Vec<u8>| std::fs::write(PathBuf::from(BAD).join(name), bytes).unwrap();
    let rows = |sheet: &mut rust_xlsxwriter::Worksheet| {
        sheet.write_string(1, 0, "VHXH").unwrap();
        sheet.write_string(1, 1, "1.1.1").unwrap();
        sheet.write_number(1, 2, 1).unwrap();
    };
    let good = xlsx(rows);
    write("scores-truncated.xlsx", good[..good.len() / 2].to_vec());
    // The same damaged cells in the points column of an appraisal and of a self-report.
    let formula_error = |s: &mut rust_xlsxwriter::Worksheet| {
        rows(s);
        s.write_string(2, 0, "VHXH").unwrap();
        s.write_string(2, 1, "1.1.2").unwrap();
        s.write_formula(2, 2, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
    };
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let date_cell = |s: &mut rust_xlsxwriter::Worksheet| {
        rows(s);
        s.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2026, 7, 5).unwrap(), &date).unwrap();
    };
    let boolean_cell = |s: &mut rust_xlsxwriter::Worksheet| {
        rows(s);
        s.write_boolean(1, 2, true).unwrap();
    };
    write("scores-formula-error.xlsx", saved_by_excel(&xlsx(formula_error)));
    write("scores-date-cell.xlsx", xlsx(date_cell));
    write("scores-boolean-cell.xlsx", xlsx(boolean_cell));
    write("selfreports-formula-error.xlsx", saved_by_excel(&selfreport_xlsx(formula_error)));
    // XlsxWriter's way: a placeholder 0 beside the formula, and `fullCalcOnLoad`.
    write(
        "scores-formula-placeholder.xlsx",
        xlsx(|s| {
            s.write_string(1, 0, "VHXH").unwrap();
            s.write_string(1, 1, "1.1.1").unwrap();
            s.write_formula(1, 2, "=1+0").unwrap();
        }),
    );
    // openpyxl's way: the formula and no value at all.
    let no_value = selfreport_xlsx(|s| {
        rows(s);
        s.write_string(2, 0, "VHXH").unwrap();
        s.write_string(2, 1, "1.1.2").unwrap();
        s.write_formula(2, 2, "=1+1").unwrap();
    });
    let emptied = rezip(&no_value, "xl/worksheets/sheet1.xml", |xml| xml.replace("<v>0</v>", "<v></v>"));
    assert_ne!(emptied, no_value);
    let no_value = emptied;
    write("selfreports-formula-no-value.xlsx", saved_by_excel(&no_value));
    write("selfreports-date-cell.xlsx", selfreport_xlsx(date_cell));
    write("selfreports-boolean-cell.xlsx", selfreport_xlsx(boolean_cell));
    write(
        "ok-scores-merged-cells.xlsx",
        xlsx(|s| {
            s.merge_range(1, 0, 3, 0, "VP", &Format::new()).unwrap();
            for (r, code) in [(1, "1.1.1"), (2, "1.1.2"), (3, "1.1.3")] {
                s.write_string(r, 1, code).unwrap();
                s.write_number(r, 2, 0.5).unwrap();
            }
        }),
    );
    write(
        "scores-10000-columns.xlsx",
        xlsx(|s| {
            for c in 4..10_000u16 {
                s.write_string(0, c, format!("Cột {c}")).unwrap();
            }
        }),
    );
    let mut empty = workbook();
    empty.add_worksheet();
    write("scores-empty-sheet.xlsx", empty.save_to_buffer().unwrap());
    write("scores-hidden-sheet.xlsx", hidden_first("bảy"));
    let reversed = rezip(&good, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("<dimension ref=\"A1:D2\"/>", "<dimension ref=\"D2:A1\"/>")
    });
    assert_ne!(reversed, good);
    write(REVERSED_DIMENSION, reversed);
    write("ok-scores-hidden-sheet.xlsx", hidden_first("1"));
    write(
        "ok-scores-formula-cached.xlsx",
        saved_by_excel(&xlsx(|s| {
            s.write_string(1, 0, "VHXH").unwrap();
            s.write_string(1, 1, "1.1.1").unwrap();
            s.write_formula(1, 2, Formula::new("=0.5+1").set_result("1.5")).unwrap();
        })),
    );
}

/// A workbook whose first sheet is hidden and holds a valid-looking appraisal; the visible one has `points` for
/// VHXH 1.1.2 on its row 3.
fn hidden_first(points: &str) -> Vec<u8> {
    let mut book = workbook();
    let hidden = book.add_worksheet();
    hidden.set_name("Cũ").unwrap().set_hidden(true);
    for (c, h) in (0u16..).zip(["ma_don_vi", "ma_tieu_chi", "diem_tham_dinh"]) {
        hidden.write_string(0, c, h).unwrap();
    }
    for (c, v) in (0u16..).zip(["KT", "1.3.1", "99"]) {
        hidden.write_string(1, c, v).unwrap();
    }
    let visible = book.add_worksheet();
    visible.set_name("Điểm").unwrap().set_active(true);
    visible.write_string(0, 0, "BẢNG ĐIỂM THẨM ĐỊNH").unwrap();
    for (c, h) in (0u16..).zip(["Mã đơn vị", "Mã tiêu chí", "Điểm thẩm định"]) {
        visible.write_string(1, c, h).unwrap();
    }
    for (c, v) in (0u16..).zip(["VHXH", "1.1.2", points]) {
        visible.write_string(2, c, v).unwrap();
    }
    book.save_to_buffer().unwrap()
}
