//! A catalogue file's text: the BOM dropped, bad bytes placed by line and column, the TOML parser's English told
//! in Vietnamese.

use super::*;

#[test]
fn the_text_is_read_whole_with_the_windows_bom_dropped() {
    assert_eq!(decode("a.toml", "id = \"mặc định\"\n".as_bytes()), Ok("id = \"mặc định\"\n"));
    assert_eq!(decode("a.toml", b"\xEF\xBB\xBFid = \"t\""), Ok("id = \"t\""));
    assert_eq!(decode("a.toml", b""), Ok(""));
}

fn place(bytes: &[u8]) -> (String, usize, usize) {
    let err = decode("tieu-chi.toml", bytes).unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert!(err.problems[0].message.starts_with("tệp không phải văn bản UTF-8 hợp lệ"), "{err:?}");
    (err.file, err.problems[0].line, err.problems[0].column)
}

/// The column counts characters, not bytes, from the start of the line the bad byte is on.
#[test]
fn a_bad_byte_is_placed_at_its_line_and_column() {
    assert_eq!(place(b"\xFFid = 1"), ("tieu-chi.toml".to_owned(), 1, 1));
    let mut after_a_vietnamese_word = "id = \"Phòng".as_bytes().to_vec();
    after_a_vietnamese_word.extend_from_slice(b"\xFF\"");
    assert_eq!(place(&after_a_vietnamese_word), ("tieu-chi.toml".to_owned(), 1, 12));
    let mut three_lines = "id = \"t\"\ntitle = \"Bộ tiêu chí\"\nname = \"Ph".as_bytes().to_vec();
    three_lines.extend_from_slice(b"\xE0\x80ng\"\n");
    assert_eq!(place(&three_lines), ("tieu-chi.toml".to_owned(), 3, 11));
    assert_eq!(place(b"a\n\n\xFF"), ("tieu-chi.toml".to_owned(), 3, 1), "first on an empty line after another");
}

fn gist(original: &str) -> String {
    let told = toml_message(original);
    let detail = format!(" (chi tiết kỹ thuật: {})", original.trim());
    assert!(told.ends_with(&detail), "{told}");
    told[..told.len() - detail.len()].to_owned()
}

#[test]
fn each_wrong_type_is_told_by_what_was_wanted() {
    assert_eq!(gist("invalid type: string \"bốn\", expected f64"), "sai kiểu giá trị, cần một số");
    assert_eq!(gist("invalid type: string \"1\", expected u64"), "sai kiểu giá trị, cần một số");
    assert_eq!(
        gist("invalid type: integer `1`, expected a string"),
        "sai kiểu giá trị, cần một chuỗi trong dấu ngoặc kép"
    );
    assert_eq!(gist("invalid type: string \"1.1\", expected a sequence"), "sai kiểu giá trị, cần một mảng […]");
    assert_eq!(gist("invalid type: integer `3`, expected struct RawBand"), "sai kiểu giá trị, cần một bảng");
    assert_eq!(gist("invalid type: string \"x\", expected a map"), "sai kiểu giá trị, cần một bảng");
    assert_eq!(gist("invalid type: integer `1`, expected a boolean"), "sai kiểu giá trị, cần kiểu khác");
}

#[test]
fn other_parser_messages_are_told_in_vietnamese() {
    assert_eq!(gist("missing field `title`\n"), "thiếu khoá «title»");
    assert_eq!(gist("duplicate key"), "khoá bị khai báo hai lần");
    assert_eq!(gist("unknown variant `tile`, expected `ratio` or `levels`"), "giá trị «tile» không được hỗ trợ");
    assert_eq!(gist("number too large to fit in target type"), "số quá lớn");
    assert_eq!(gist("integer overflow"), "số quá lớn");
    assert_eq!(gist("cannot recurse further; max recursion depth met"), "các bảng hoặc mảng lồng nhau quá sâu");
    assert_eq!(gist("recursion limit"), "các bảng hoặc mảng lồng nhau quá sâu", "dotted keys too deep");
    assert_eq!(
        gist("invalid basic string, expected `\"`"),
        "chuỗi không hợp lệ (thiếu dấu ngoặc kép đóng, hoặc có ký tự điều khiển)"
    );
    assert_eq!(gist("expected `.`, `=`"), "sai cú pháp");
}
