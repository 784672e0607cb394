//! End-to-end tests of `TableReader` on CSV fixtures.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;

pub(super) const SPECS: &[ColumnSpec] = &[
    ColumnSpec::optional("ma_don_vi", "Mã đơn vị"),
    ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
    ColumnSpec::required("diem_tu_cham", "Điểm tự chấm"),
    ColumnSpec::optional("so_lieu", "Số liệu"),
    ColumnSpec::optional("ket_qua", "Kết quả thực hiện"),
];

pub(super) fn fixture(name: &str, bytes: &[u8]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// (line, mã tiêu chí, điểm, kết quả) per row, or the error text.
pub(super) type Got = Result<(u64, String, String, String), String>;

pub(super) fn read_all(r: &mut TableReader) -> Vec<Got> {
    let mut row = Row::new();
    let mut out = Vec::new();
    loop {
        match r.next_row(&mut row) {
            Ok(true) => out.push(Ok((
                row.line,
                row.get("ma_tieu_chi").unwrap_or("∅").to_owned(),
                row.get("diem_tu_cham").unwrap_or("∅").to_owned(),
                row.get("ket_qua").unwrap_or("∅").to_owned(),
            ))),
            Ok(false) => return out,
            Err(e) if e.is_row_problem() => out.push(Err(e.to_string())),
            Err(e) => {
                out.push(Err(e.to_string()));
                assert!(!r.next_row(&mut row).unwrap(), "reading stops after {e}");
                return out;
            }
        }
    }
}

pub(super) fn open(path: &Path, enc: Encoding) -> Result<TableReader, ImportError> {
    TableReader::open(path, enc, SPECS)
}

/// The error from opening or, failing that, from reading to the end.
pub(super) fn error_of(path: &Path, enc: Encoding) -> String {
    match open(path, enc) {
        Err(e) => e.to_string(),
        Ok(mut r) => match read_all(&mut r).pop() {
            Some(Err(e)) => e,
            other => panic!("no error: {other:?}"),
        },
    }
}

pub(super) fn ok(line: u64, code: &str, points: &str, result: &str) -> Got {
    Ok((line, code.into(), points.into(), result.into()))
}

#[test]
fn semicolon_tab_and_line_ends() {
    let rows = "Mã tiêu chí;Điểm tự chấm\r\n1.1.1;7,5\r\n1.1.2;8\r\n";
    let (_d, p) = fixture("s.csv", rows.as_bytes());
    let mut r = open(&p, Encoding::Auto).unwrap();
    assert_eq!(r.delimiter(), Some(';'));
    let got = read_all(&mut r);
    assert_eq!(got, vec![ok(2, "1.1.1", "7,5", "∅"), ok(3, "1.1.2", "8", "∅")]);

    let cr = "Mã tiêu chí\tĐiểm tự chấm\r1.1.1\t7\r\r1.1.2\t\"8\"\r";
    let (_d, p) = fixture("t.csv", cr.as_bytes());
    let mut r = open(&p, Encoding::Auto).unwrap();
    assert_eq!(r.delimiter(), Some('\t'));
    let got = read_all(&mut r);
    assert_eq!(got, vec![ok(2, "1.1.1", "7", "∅"), ok(4, "1.1.2", "8", "∅")]);
}

#[test]
fn line_numbers_count_multiline_cells_and_blank_lines() {
    let text = "Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện\n\n\
        1.1.1,7,\"dòng một\r\ndòng hai\"\n,,\n\n1.1.2,8,x";
    let (_d, p) = fixture("m.csv", text.as_bytes());
    let mut r = open(&p, Encoding::Auto).unwrap();
    assert_eq!(read_all(&mut r), vec![ok(3, "1.1.1", "7", "dòng một\ndòng hai"), ok(7, "1.1.2", "8", "x")]);
}

#[test]
fn header_spellings_title_row_and_extra_columns() {
    for header in ["Điểm tự chấm", "diem_tu_cham", "DIEM TU CHAM", "Điểm  tự  chấm"] {
        let text = format!(
            "BÁO CÁO TỰ KIỂM TRA CÔNG TÁC CCHC NĂM 2026,,,,\n\
             STT,MÃ TIÊU CHÍ,Nội dung,Điểm tối đa,{header}\n1,1.1.1,x,10,9\n"
        );
        let (_d, p) = fixture("h.csv", text.as_bytes());
        let mut r = open(&p, Encoding::Auto).unwrap();
        assert_eq!(r.columns().header("diem_tu_cham"), header);
        assert_eq!(r.columns().index("so_lieu"), None);
        assert_eq!(read_all(&mut r), vec![ok(3, "1.1.1", "9", "∅")], "{header}");
    }
}

#[test]
fn missing_and_duplicate_columns() {
    let (_d, p) = fixture("x.csv", "STT,Mã tiêu chí,Điểm\n1,1.1.1,7\n".as_bytes());
    let e = open(&p, Encoding::Auto).err().unwrap().to_string();
    assert_eq!(
        e,
        "Tệp «x.csv» thiếu cột «Điểm tự chấm» (hoặc «diem_tu_cham»). \
         Các cột tìm thấy: «STT», «Mã tiêu chí», «Điểm»"
    );
    let (_d, p) = fixture("y.csv", "ma_tieu_chi,diem_tu_cham,Mã tiêu chí\n1,2,3\n".as_bytes());
    let e = open(&p, Encoding::Auto).err().unwrap().to_string();
    assert!(e.contains("hai cột cùng là «Mã tiêu chí»"), "{e}");
    assert!(e.contains("«ma_tieu_chi» và «Mã tiêu chí»"), "{e}");
    let (_d, p) = fixture("z.csv", "a,b\n1,2\n".as_bytes());
    let e = open(&p, Encoding::Auto).err().unwrap().to_string();
    assert!(e.contains("thiếu cột «Mã tiêu chí»") && e.contains("«a», «b»"), "{e}");
}

#[test]
fn short_and_long_rows_are_row_problems() {
    let text = "Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện\n\
        1.1.1,7\n1.1.2,8,ok,thừa\n1.1.3,9,ok,,\n1.1.4,10,ok\n";
    let (_d, p) = fixture("r.csv", text.as_bytes());
    let mut r = open(&p, Encoding::Auto).unwrap();
    let got = read_all(&mut r);
    assert_eq!(got.len(), 4);
    let first = got.first().unwrap().as_ref().unwrap_err();
    assert_eq!(first, "Tệp «r.csv», dòng 2: có 2 cột trong khi dòng tiêu đề có 3 cột");
    assert!(got.get(1).unwrap().as_ref().unwrap_err().contains("dòng 3: có 4 cột"));
    assert_eq!(got.get(2), Some(&ok(4, "1.1.3", "9", "ok")));
    assert_eq!(got.get(3), Some(&ok(5, "1.1.4", "10", "ok")));
    let problem = ImportError::RowShape { file: "r.csv".into(), line: 2, expected: 3, found: 2 }.to_problem();
    assert!(problem.to_string().starts_with("r.csv, dòng 2: có 2 cột"));
}

#[test]
fn empty_and_header_only_files() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"\n\r\n  \n", b",,,\n"] {
        let (_d, p) = fixture("e.csv", bytes);
        let e = open(&p, Encoding::Auto).err().unwrap();
        assert!(matches!(e, ImportError::Empty { .. }), "{bytes:?}: {e}");
        assert_eq!(e.to_string(), "Tệp «e.csv» rỗng: không có dữ liệu nào");
    }
    let (_d, p) = fixture("h.csv", "Mã tiêu chí,Điểm tự chấm\r\n,\r\n".as_bytes());
    let e = open(&p, Encoding::Auto).err().unwrap().to_string();
    assert_eq!(e, "Tệp «h.csv» không có dòng dữ liệu nào (chỉ có dòng tiêu đề)");
    let e = open(Path::new("/nonexistent/khong-co.csv"), Encoding::Auto);
    let e = e.err().unwrap().to_string();
    assert_eq!(e, "Không mở được tệp «khong-co.csv»: không tìm thấy tệp");
}

#[test]
fn structural_errors_are_clear() {
    let head = "Mã tiêu chí,Điểm tự chấm\n";
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            format!("{head}1.1.1,7\n1.1.2,\"8\n1.1.3,9\n").into_bytes(),
            "dòng 3: dấu ngoặc kép mở ở dòng này không được đóng",
        ),
        ([head.as_bytes(), b"1.1.1,7\n1.1\x002,8\n"].concat(), "dòng 3: có ký tự NUL"),
        (format!("{head}1.1.1,\"{}\"\n", "x".repeat(1_100_000)).into_bytes(), "dòng 2: một ô dài quá 1 MiB"),
        (format!("{head}1.1.1,\"{}", "x".repeat(1_100_000)).into_bytes(), "ngoặc kép mở ở dòng 2 không được đóng"),
        (format!("{head}1.1.1,7{}\n", ",".repeat(1000)).into_bytes(), "dòng 2: dòng có hơn 1000 cột"),
        (format!("a{}\n", ",b".repeat(1200)).into_bytes(), "dòng 1: dòng có hơn 1000 cột"),
    ];
    for (bytes, want) in cases {
        let (_d, p) = fixture("q.csv", &bytes);
        let err = error_of(&p, Encoding::Auto);
        assert!(err.contains(want), "want {want:?}, got {err:?}");
    }
}

#[test]
fn old_xls_is_refused() {
    let (_d, p) = fixture("a.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest");
    let e = open(&p, Encoding::Auto).err().unwrap().to_string();
    assert!(e.contains("tệp Excel cũ (.xls)"), "{e}");
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let (_d, p) = fixture("f.csv", &bytes);
            if let Ok(mut r) = TableReader::open(&p, Encoding::Auto, SPECS) {
                let _ = read_all(&mut r);
            }
        }

        #[test]
        fn arbitrary_rows_after_a_header_never_panic(
            body in proptest::collection::vec(
                prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b';'),
                            Just(0xC3u8), Just(0xA1u8), any::<u8>()], 0..512),
            enc in prop_oneof![Just(Encoding::Auto), Just(Encoding::Utf8),
                               Just(Encoding::Utf16), Just(Encoding::Windows1258)],
        ) {
            let bytes = [b"ma_tieu_chi,diem_tu_cham\n".as_slice(), &body].concat();
            let (_d, p) = fixture("g.csv", &bytes);
            if let Ok(mut r) = TableReader::open(&p, enc, SPECS) {
                let _ = read_all(&mut r);
            }
        }
    }
}
