//! End-to-end tests of encoding detection and decoding.

use unicode_normalization::UnicodeNormalization;

use super::csv_tests::{Got, error_of, fixture, ok, open, read_all};
use super::*;

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    units.flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
}

/// Windows-1258 as old Excel writes it: base letters with circumflex,
/// breve or horn precomposed, tone marks as separate combining bytes.
pub(super) fn to_cp1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut staged = String::new();
    for ch in text.chars() {
        let decomposed: String = ch.to_string().nfd().collect();
        match decomposed.chars().find(|c| TONES.contains(c)) {
            Some(tone) => {
                let base: String = decomposed.chars().filter(|c| *c != tone).nfc().collect();
                staged.push_str(&base);
                staged.push(tone);
            }
            None => staged.push(ch),
        }
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&staged);
    assert!(!unmappable, "{staged}");
    bytes.into_owned()
}

const TEXT: &str = "STT,Mã tiêu chí,Nội dung,Điểm tự chấm,Kết quả thực hiện\n\
    1,1.1.1,Ban hành kế hoạch,7.5,Đã ban hành Kế hoạch số 12/KH-UBND\n\
    2,1.1.2,Kiểm tra,\"8,5\",\"Hoàn thành, đúng hạn\"\n";

fn expected_text_rows() -> Vec<Got> {
    vec![ok(2, "1.1.1", "7.5", "Đã ban hành Kế hoạch số 12/KH-UBND"), ok(3, "1.1.2", "8,5", "Hoàn thành, đúng hạn")]
}

#[test]
fn utf8_with_and_without_bom() {
    let (_d, p) = fixture("a.csv", TEXT.as_bytes());
    let mut r = open(&p, Encoding::Auto).unwrap();
    assert_eq!(r.encoding_used(), "UTF-8");
    assert_eq!(r.delimiter(), Some(','));
    assert_eq!(r.columns().index("diem_tu_cham"), Some(3));
    assert_eq!(read_all(&mut r), expected_text_rows());
    assert_eq!(r.progress(), (TEXT.len() as u64, TEXT.len() as u64));

    let bom = [b"\xEF\xBB\xBF", TEXT.as_bytes()].concat();
    let (_d, p) = fixture("b.csv", &bom);
    for enc in [Encoding::Auto, Encoding::Utf8] {
        let mut r = open(&p, enc).unwrap();
        assert_eq!(r.encoding_used(), "UTF-8 (BOM)");
        assert_eq!(read_all(&mut r), expected_text_rows());
    }
}

#[test]
fn utf16_excel_unicode_text() {
    // Excel "Unicode text": UTF-16LE with BOM, tabs, CRLF.
    let tsv = "STT\tMã tiêu chí\tNội dung\tĐiểm tự chấm\tKết quả thực hiện\r\n\
        1\t1.1.1\tBan hành\t7,5\tĐã xong\r\n";
    for (be, label) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let (_d, p) = fixture("u.txt", &utf16(tsv, be, true));
        let mut r = open(&p, Encoding::Auto).unwrap();
        assert_eq!(r.encoding_used(), label);
        assert_eq!(r.delimiter(), Some('\t'));
        assert_eq!(read_all(&mut r), vec![ok(2, "1.1.1", "7,5", "Đã xong")]);
    }
    // Without a BOM only an explicit choice works.
    let (_d, p) = fixture("u.txt", &utf16(tsv, false, false));
    let mut r = open(&p, Encoding::Utf16).unwrap();
    assert_eq!(read_all(&mut r), vec![ok(2, "1.1.1", "7,5", "Đã xong")]);
    let e = open(&p, Encoding::Auto).err().unwrap().to_string();
    assert!(e.contains("NUL") && e.contains("utf-16"), "{e}");
}

#[test]
fn utf16_malformed_is_an_error_with_position() {
    let mut bytes = utf16("Mã tiêu chí,Điểm tự chấm\n1.1.1,7\n1.1.2,", false, true);
    bytes.extend([0x00, 0xDC]); // lone low surrogate
    bytes.extend(utf16("8\n", false, false));
    let (_d, p) = fixture("u.csv", &bytes);
    let last = error_of(&p, Encoding::Auto);
    let offset = bytes.len() - 6;
    assert!(last.contains(&format!("dòng 3, byte {offset}")), "{last}");
    assert!(last.contains("UTF-16LE"), "{last}");
}

#[test]
fn windows_1258_is_detected_and_composed_to_nfc() {
    let bytes = to_cp1258(TEXT);
    assert!(std::str::from_utf8(&bytes).is_err());
    let (_d, p) = fixture("old.csv", &bytes);
    for enc in [Encoding::Auto, Encoding::Windows1258] {
        let mut r = open(&p, enc).unwrap();
        assert_eq!(r.encoding_used(), "Windows-1258");
        assert_eq!(read_all(&mut r), expected_text_rows());
    }
    // Forced UTF-8 on the same bytes is refused, with the position.
    let e = open(&p, Encoding::Utf8).err().unwrap().to_string();
    let at = bytes.iter().position(|&b| b >= 0x80).unwrap();
    let want = format!("không phải UTF-8 hợp lệ: hỏng ở dòng 1, byte {at}");
    assert!(e.contains(&want), "{e}");
}

#[test]
fn damaged_utf8_is_refused_with_line_and_offset() {
    let mut text = String::from("Mã tiêu chí;Điểm tự chấm;Kết quả thực hiện\r\n");
    for i in 1..=10 {
        text.push_str(&format!("1.1.{i};7;Đã thực hiện\r\n"));
    }
    let mut bytes = text.clone().into_bytes();
    let offset = bytes.len() + "1.1.11;7;".len();
    bytes.extend(b"1.1.11;7;\xC4 th\xEA\xF2m\r\n1.1.12;7;xong\r\n");
    let (_d, p) = fixture("d.csv", &bytes);
    // Auto sees the damage while choosing the encoding; explicit UTF-8 when
    // the row is read. The message is the same.
    let e = open(&p, Encoding::Auto).err().unwrap();
    assert!(matches!(e, ImportError::InvalidUtf8 { line: 12, .. }), "{e:?}");
    for enc in [Encoding::Auto, Encoding::Utf8] {
        let msg = error_of(&p, enc);
        assert!(msg.contains(&format!("Tệp «d.csv» không phải UTF-8 hợp lệ: hỏng ở dòng 12, byte {offset}")), "{msg}");
        assert!(msg.contains("CSV UTF-8"), "{msg}");
    }
}

#[test]
fn late_damage_and_late_legacy_text_in_big_files() {
    let mut text = String::from("Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện\n");
    for i in 0..5000 {
        text.push_str(&format!("1.1.{i},7,Đã thực hiện đầy đủ\n"));
    }
    let mut bytes = text.into_bytes();
    let offset = bytes.len() + "1.1.x,7,".len();
    bytes.extend(b"1.1.x,7,\xFF\n");
    let (_d, p) = fixture("late.csv", &bytes);
    let want = format!("hỏng ở dòng 5002, byte {offset};");
    for enc in [Encoding::Auto, Encoding::Utf8] {
        let mut r = open(&p, enc).unwrap();
        let rows = read_all(&mut r);
        assert_eq!(rows.len(), 5001);
        let e = rows.last().unwrap().as_ref().unwrap_err();
        assert!(e.contains(&want), "{e}");
    }

    // ASCII for the first 100 KB, then Windows-1258 text: still legacy.
    let mut text = String::from("ma_tieu_chi,diem_tu_cham,ket_qua\n");
    for i in 0..5000 {
        text.push_str(&format!("1.1.{i},7,ok\n"));
    }
    text.push_str("1.1.x,8,Đã thực hiện\n");
    let (_d, p) = fixture("late1258.csv", &to_cp1258(&text));
    let mut r = open(&p, Encoding::Auto).unwrap();
    assert_eq!(r.encoding_used(), "Windows-1258");
    let rows = read_all(&mut r);
    assert_eq!(rows.last(), Some(&ok(5002, "1.1.x", "8", "Đã thực hiện")));
}

#[test]
fn decomposed_utf8_comes_out_nfc() {
    let text: String = "Mã tiêu chí,Điểm tự chấm,Kết quả thực hiện\n1.1.1,7,Đã thực hiện\n".nfd().collect();
    let (_d, p) = fixture("n.csv", text.as_bytes());
    let mut r = open(&p, Encoding::Auto).unwrap();
    assert_eq!(read_all(&mut r), vec![ok(2, "1.1.1", "7", "Đã thực hiện")]);
}

#[test]
fn explicit_encoding_contradicting_the_bom_is_refused() {
    let bom = [b"\xEF\xBB\xBF", TEXT.as_bytes()].concat();
    let (_d, p) = fixture("b.csv", &bom);
    for enc in [Encoding::Utf16, Encoding::Windows1258] {
        let e = open(&p, enc).err().unwrap().to_string();
        assert!(e.contains("dấu BOM của UTF-8 nhưng đã chọn bảng mã"), "{e}");
    }
    let (_d, p) = fixture("u.csv", &utf16(TEXT, false, true));
    let e = open(&p, Encoding::Utf8).err().unwrap().to_string();
    assert!(e.contains("BOM của UTF-16LE nhưng đã chọn bảng mã utf-8"), "{e}");
}

#[test]
fn table_reader_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<TableReader>();
    assert_send::<ImportError>();
}
