//! The text of a catalogue file before it is parsed, and the TOML parser's messages in Vietnamese.

use super::{CatalogueError, Problem};

/// The text of a catalogue file: UTF-8, with the BOM that Windows editors add dropped. Invalid bytes are
/// reported with their line and column, like any other problem of the file.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, CatalogueError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let good = bytes.get(..err.valid_up_to()).unwrap_or_default();
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(good.get(start..).unwrap_or_default()).chars().count() + 1;
        let message = "tệp không phải văn bản UTF-8 hợp lệ (có thể được lưu bằng bảng mã khác); hãy mở bằng trình \
                       soạn thảo và lưu lại dạng UTF-8"
            .to_owned();
        CatalogueError { file: file.to_owned(), problems: vec![Problem { line, column, message }] }
    })
}

/// The TOML parser speaks English; the secretary gets the gist in Vietnamese, the original kept for a technician.
pub(super) fn toml_message(original: &str) -> String {
    let original = original.trim();
    let between_backticks = |s: &str| s.split('`').nth(1).map(str::to_owned);
    let gist = if original.contains("recurs") {
        "các bảng hoặc mảng lồng nhau quá sâu".to_owned()
    } else if original.starts_with("duplicate key") {
        "khoá bị khai báo hai lần".to_owned()
    } else if let Some(key) = original.strip_prefix("missing field").and_then(between_backticks) {
        format!("thiếu khoá «{key}»")
    } else if original.starts_with("invalid type") {
        let wanted = match original.rsplit("expected ").next().unwrap_or_default() {
            "f64" | "i64" | "u64" | "f32" => "một số",
            "a string" => "một chuỗi trong dấu ngoặc kép",
            "a sequence" => "một mảng […]",
            w if w.starts_with("struct") || w.starts_with("a map") => "một bảng",
            _ => "kiểu khác",
        };
        format!("sai kiểu giá trị, cần {wanted}")
    } else if let Some(value) = original.strip_prefix("unknown variant").and_then(between_backticks) {
        format!("giá trị «{value}» không được hỗ trợ")
    } else if original.contains("overflow") || original.contains("too large") {
        "số quá lớn".to_owned()
    } else if original.contains("string") {
        "chuỗi không hợp lệ (thiếu dấu ngoặc kép đóng, hoặc có ký tự điều khiển)".to_owned()
    } else {
        "sai cú pháp".to_owned()
    };
    format!("{gist} (chi tiết kỹ thuật: {original})")
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod boundary_tests;
