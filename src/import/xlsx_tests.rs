//! End-to-end tests of `TableReader` on XLSX fixtures.

use std::io::{Cursor, Write};
use std::path::Path;

use rust_xlsxwriter::{CalculationMode, ExcelDateTime, Format, Formula, Workbook};

use super::csv_tests::{SPECS, fixture, read_all};
use super::*;

type Cells = (u64, Option<String>, Option<String>, Option<String>);

fn rows(path: &Path) -> Vec<Cells> {
    let mut r = TableReader::open(path, Encoding::Auto, SPECS).unwrap();
    assert_eq!(r.encoding_used(), "XLSX");
    let mut row = Row::new();
    let mut out = Vec::new();
    while r.next_row(&mut row).unwrap() {
        let get = |k| row.get(k).map(str::to_owned);
        out.push((row.line, get("ma_tieu_chi"), get("diem_tu_cham"), get("so_lieu")));
    }
    assert_eq!(r.progress().0, r.progress().1);
    out
}

fn template(path: &Path) {
    let mut book = Workbook::new();
    // Not `fullCalcOnLoad`: the formula's value below stands for one a spreadsheet program computed.
    book.set_calculation_mode(CalculationMode::Manual);
    let hidden = book.add_worksheet();
    hidden.set_name("Ẩn").unwrap().set_hidden(true);
    hidden.write_string(0, 0, "Mã tiêu chí").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Báo cáo").unwrap().set_active(true);
    sheet.write_string(0, 0, "BÁO CÁO TỰ KIỂM TRA CÔNG TÁC CCHC NĂM 2026").unwrap();
    let headers = ["STT", "Mã tiêu chí", "Nội dung", "Điểm tối đa", "ĐIỂM TỰ CHẤM", "Số liệu", "Kết quả thực hiện"];
    for (c, h) in (0u16..).zip(headers) {
        sheet.write_string(1, c, h).unwrap();
    }
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_number(2, 0, 1).unwrap();
    sheet.write_string(2, 1, "1.1.1").unwrap();
    sheet.write_number(2, 3, 10).unwrap();
    sheet.write_number(2, 4, 7.5).unwrap();
    sheet.write_string(2, 5, "95/100").unwrap();
    sheet.write_string(2, 6, "Đã xong").unwrap();
    sheet.write_string(3, 1, " 1.1.2 ").unwrap();
    sheet.write_number(3, 4, 8.0).unwrap();
    sheet.write_number_with_format(3, 5, 0.955, &percent).unwrap();
    sheet.write_string(4, 1, "1.1.3").unwrap();
    sheet.write_formula(4, 4, Formula::new("=4+4").set_result("8")).unwrap();
    // Row 6 (index 5) left empty on purpose.
    sheet.write_string(6, 1, "1.1.4").unwrap();
    sheet.write_boolean(6, 4, true).unwrap();
    let day = ExcelDateTime::from_ymd(2026, 7, 5).unwrap();
    sheet.write_datetime_with_format(6, 5, &day, &date).unwrap();
    // Decomposed text is normalised to NFC.
    sheet.write_string(7, 1, "1.1.5").unwrap();
    sheet.write_string(7, 5, "Đa\u{303} xong").unwrap();
    book.save(path).unwrap();
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[test]
fn template_with_title_row_and_typed_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tu-kiem-tra.xlsx");
    template(&path);
    let got = rows(&path);
    assert_eq!(
        got,
        vec![
            (3, some("1.1.1"), some("7.5"), some("95/100")),
            (4, some("1.1.2"), some("8"), some("95.5%")),
            (5, some("1.1.3"), some("8"), some("")),
            (7, some("1.1.4"), some("TRUE"), some("05/07/2026")),
            (8, some("1.1.5"), some(""), some("Đã xong")),
        ]
    );
    // The booleans and dates fail where numbers are expected.
    assert!(parse_points("TRUE").is_err() && parse_points("05/07/2026").is_err());
    // The same bytes under another name are still read as XLSX.
    let renamed = dir.path().join("tu-kiem-tra.csv");
    std::fs::copy(&path, &renamed).unwrap();
    assert_eq!(rows(&renamed).len(), 5);
}

fn error_of(path: &Path) -> String {
    match TableReader::open(path, Encoding::Auto, SPECS) {
        Err(e) => e.to_string(),
        Ok(mut r) => match read_all(&mut r).pop() {
            Some(Err(e)) => e,
            other => panic!("no error: {other:?}"),
        },
    }
}

#[test]
fn header_only_and_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Mã tiêu chí").unwrap();
    sheet.write_string(0, 1, "diem_tu_cham").unwrap();
    book.save(&path).unwrap();
    assert_eq!(error_of(&path), "Tệp «h.xlsx» không có dòng dữ liệu nào (chỉ có dòng tiêu đề)");

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Mã tiêu chí").unwrap();
    sheet.write_string(1, 0, "1.1.1").unwrap();
    book.save(&path).unwrap();
    let e = error_of(&path);
    assert!(e.contains("thiếu cột «Điểm tự chấm»") && e.contains("«Mã tiêu chí»"), "{e}");
}

#[test]
fn truncated_and_fake_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    template(&path);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, bytes.get(..bytes.len() / 2).unwrap()).unwrap();
    let e = error_of(&path);
    assert!(e.starts_with("Tệp «t.xlsx» không phải tệp Excel (.xlsx) đọc được: tệp bị hỏng hoặc không đầy đủ"), "{e}");

    let (_d, p) = fixture("gia.xlsx", "Mã tiêu chí,Điểm tự chấm\n1.1.1,7\n".as_bytes());
    let e = error_of(&p);
    assert!(e.contains("nội dung không phải định dạng .xlsx"), "{e}");
}

/// A one-entry ZIP whose directory claims `declared` uncompressed bytes.
fn zip_claiming(declared: u32, body: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method).large_file(false);
    w.start_file("_rels/.rels", opts).unwrap();
    w.write_all(body).unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    for (sig, at) in [(b"PK\x01\x02", 24), (b"PK\x03\x04", 22)] {
        let pos = bytes.windows(4).position(|x| x == sig).unwrap() + at;
        bytes.splice(pos..pos + 4, declared.to_le_bytes());
    }
    bytes
}

#[test]
fn zip_bombs_are_refused() {
    let declared = zip_claiming(300 << 20, b"hello", zip::CompressionMethod::Stored);
    let (_d, p) = fixture("bom.xlsx", &declared);
    let e = error_of(&p);
    assert!(e.contains("vượt quá 200 MiB"), "{e}");
}

#[test]
fn zip_entries_larger_than_declared_are_cut_off() {
    let zeros = vec![0u8; 8 << 20];
    let lying = zip_claiming(1000, &zeros, zip::CompressionMethod::Deflated);
    let (_d, p) = fixture("bom2.xlsx", &lying);
    let e = error_of(&p);
    assert!(e.starts_with("Tệp «bom2.xlsx» không phải tệp Excel (.xlsx) đọc được"), "{e}");
    assert!(e.contains("declared uncompressed size"), "{e}");
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn template_bytes() -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        template(&path);
        std::fs::read(&path).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]

        /// Damaged workbooks give errors, never panics (a panic inside
        /// calamine stays on the worker thread and becomes an error).
        #[test]
        fn corrupted_xlsx_never_panics(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
            truncate in any::<bool>(),
        ) {
            let mut bytes = template_bytes();
            for (at, b) in edits {
                let i = at.index(bytes.len());
                if let Some(slot) = bytes.get_mut(i) {
                    *slot = b;
                }
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            let (_d, p) = fixture("c.xlsx", &bytes);
            if let Ok(mut r) = TableReader::open(&p, Encoding::Auto, SPECS) {
                let _ = read_all(&mut r);
            }
        }
    }
}

#[test]
fn iso_dates_of_ods_cells_read_as_dd_mm_yyyy() {
    let shown = |iso: &str| {
        let mut out = String::new();
        super::xlsx::render(&calamine::DataRef::DateTimeIso(iso.to_owned()), false, &mut out);
        out
    };
    assert_eq!(shown("2026-07-05"), "05/07/2026");
    assert_eq!(shown("2026-07-05T00:00:00"), "05/07/2026");
    assert_eq!(shown("2026-07-05T08:30:00"), "05/07/2026 08:30");
    assert_eq!(shown("không phải ngày"), "không phải ngày");
}
