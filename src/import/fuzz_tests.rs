//! Property tests that feed the readers what no one should send: arbitrary bytes named `.xlsx`, workbooks with
//! damaged archives or XML, and arbitrary CSV through a whole importer. No panic may reach the caller: every
//! outcome is rows or an `ImportError`. calamine runs on a worker thread; the one panic found in it (a reversed
//! sheet dimension, see `xlsx.rs`) is contained there and comes back as the "abnormal structure" error.
//! Cases are bounded for `cargo test`; `PROPTEST_CASES=100000 cargo test --release fuzz_` runs a long session.

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use proptest::prelude::*;
use rust_xlsxwriter::{Format, Formula, Workbook};

use super::csv_tests::{SPECS, fixture, read_all};
use super::*;
use crate::domain::catalogue_parse::fuzz::config;

/// Opens and reads to the end; every error names the file (a panic would fail the test by itself).
fn read_xlsx(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (_dir, path) = fixture("tu-kiem-tra.xlsx", bytes);
    let errors: Vec<String> = match TableReader::open(&path, Encoding::Auto, SPECS) {
        Ok(mut reader) => read_all(&mut reader).into_iter().filter_map(Result::err).collect(),
        Err(e) => vec![e.to_string()],
    };
    for e in errors {
        prop_assert!(e.contains("tu-kiem-tra.xlsx"), "{e}");
    }
    Ok(())
}

/// A small real workbook: title row, header, numbers, a percentage, a formula, a date, shared strings.
fn workbook() -> &'static [u8] {
    static BOOK: OnceLock<Vec<u8>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut book = Workbook::new();
        // Not `fullCalcOnLoad`: the formula's value stands for one a spreadsheet program computed.
        book.set_calculation_mode(rust_xlsxwriter::CalculationMode::Manual);
        let sheet = book.add_worksheet();
        let write = |sheet: &mut rust_xlsxwriter::Worksheet| -> Result<(), rust_xlsxwriter::XlsxError> {
            sheet.write_string(0, 0, "BÁO CÁO TỰ KIỂM TRA")?;
            for (c, h) in (0u16..).zip(["Mã tiêu chí", "Điểm tự chấm", "Số liệu", "Kết quả thực hiện"])
            {
                sheet.write_string(1, c, h)?;
            }
            sheet.write_string(2, 0, "1.1.1")?;
            sheet.write_number(2, 1, 7.5)?;
            sheet.write_number_with_format(2, 2, 0.955, &Format::new().set_num_format("0.0%"))?;
            sheet.write_string(2, 3, "Đã hoàn thành")?;
            sheet.write_string(3, 0, "1.1.2")?;
            sheet.write_formula(3, 1, Formula::new("=4+4").set_result("8"))?;
            sheet.write_string(3, 2, "95/100")?;
            Ok(())
        };
        write(sheet).expect("fixture sheet");
        book.save_to_buffer().expect("fixture workbook")
    })
}

/// The workbook's entries, uncompressed.
fn entries() -> &'static [(String, Vec<u8>)] {
    static ENTRIES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut zip = zip::ZipArchive::new(Cursor::new(workbook())).expect("fixture zip");
        (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).expect("entry");
                let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes).expect("inflate");
                (name, bytes)
            })
            .collect()
    })
}

/// The workbook again, with entry `which` replaced (stored, so the archive itself stays valid).
fn rezip(which: usize, content: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (i, (name, bytes)) in entries().iter().enumerate() {
        let body = if i == which { content } else { bytes };
        out.start_file(name.as_str(), options).expect("start entry");
        out.write_all(body).expect("write entry");
    }
    out.finish().expect("finish zip").into_inner()
}

/// One edit of a byte string: overwrite, insert, delete a range, or cut the tail.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn apply(bytes: &mut Vec<u8>, edits: &[Edit]) {
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Set(at, b) => {
                if let Some(slot) = bytes.get_mut(at % len) {
                    *slot = *b;
                }
            }
            Edit::Insert(at, more) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, more.iter().copied());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::Truncate(at) => bytes.truncate(at % len),
        }
    }
}

/// Bytes that matter to XML and to the sheet's cells.
fn xml_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b'<'),
        Just(b'>'),
        Just(b'"'),
        Just(b'/'),
        Just(b'&'),
        Just(b'='),
        Just(b'0'),
        Just(b'9'),
        Just(b'r'),
        Just(b'c'),
        Just(b't'),
        Just(0),
        Just(0xFF),
        any::<u8>()
    ]
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), xml_byte()).prop_map(|(at, b)| Edit::Set(at, b)),
        (any::<usize>(), proptest::collection::vec(xml_byte(), 1..16)).prop_map(|(at, v)| Edit::Insert(at, v)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ];
    proptest::collection::vec(edit, 1..6)
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn fuzz_xlsx_arbitrary_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..4096)) {
        // A ZIP signature first, so the bytes go down the XLSX path rather than being refused as not a ZIP.
        read_xlsx(&[b"PK\x03\x04".as_slice(), &tail].concat())?;
    }

    #[test]
    fn fuzz_xlsx_damaged_archive_never_panics(edits in edits()) {
        let mut bytes = workbook().to_vec();
        apply(&mut bytes, &edits);
        read_xlsx(&bytes)?;
    }

    #[test]
    fn fuzz_xlsx_damaged_xml_never_panics(which in 0usize..16, edits in edits()) {
        let which = which % entries().len();
        let mut xml = entries()[which].1.clone();
        apply(&mut xml, &edits);
        read_xlsx(&rezip(which, &xml))?;
    }

    #[test]
    fn fuzz_csv_units_importer_never_panics(bytes in proptest::collection::vec(
        prop_oneof![Just(b','), Just(b';'), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'\t'), Just(0xC3u8),
                    Just(0xA1u8), Just(b'X'), any::<u8>()], 0..1024),
    ) {
        let file = [b"ma_don_vi,ten_don_vi,loai\n".as_slice(), &bytes].concat();
        let (_dir, path) = fixture("don-vi.csv", &file);
        match directory::read_units(&path, Encoding::Auto, &|_, _| {}) {
            Ok(units) => prop_assert!(units.iter().all(|u| !u.code.is_empty() && !u.name.is_empty())),
            Err(rejected) => prop_assert!(!rejected.problems.is_empty()),
        }
    }
}
