//! Cells no importer stores, whatever the column: a spreadsheet's error values (a formula that failed) and control
//! characters (a file in another encoding, or a stray keystroke).

use super::ImportError;

/// The error values Excel and LibreOffice show for a failed formula, as a CSV export writes them.
const ERROR_LITERALS: [&str; 7] = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"];

/// Whether the cell is exactly a spreadsheet error value (LibreOffice also writes `Err:502` and the like).
pub fn is_error_value(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b'#') => ERROR_LITERALS.contains(&text),
        Some(b'E') => text.strip_prefix("Err:").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        _ => false,
    }
}

/// What to do about an error value, for every importer's message.
pub fn error_value_message(value: &str) -> String {
    format!("công thức trả về {value}: sửa công thức hoặc gõ giá trị vào ô, rồi lưu và nhập lại")
}

/// The refusal of a control character in a CSV cell.
pub fn control_message(c: char) -> String {
    format!(
        "ô có ký tự điều khiển U+{:04X} (không in ra được): tệp có thể được lưu theo bảng mã khác (hãy thử \
         --encoding) hoặc ô bị gõ nhầm; hãy xoá ký tự đó rồi nhập lại",
        u32::from(c)
    )
}

/// The most a workbook cell may hold, as a CSV field (`guard::MAX_FIELD_BYTES`): no title, note or answer comes near
/// it, and a cell past it is a paste gone wrong or a file built to fill the memory.
pub const MAX_CELL_BYTES: usize = super::guard::MAX_FIELD_BYTES as usize;

/// What to do about a cell past `MAX_CELL_BYTES`, for every workbook reader's message.
pub fn too_long_message(len: usize) -> String {
    format!(
        "ô dài {} MiB, quá giới hạn 1 MiB của một ô: hãy rút gọn nội dung ô (hoặc để tài liệu dài ở tệp riêng), rồi \
         lưu và nhập lại",
        len.div_ceil(1024 * 1024)
    )
}

/// The refusal of a workbook cell past `MAX_CELL_BYTES`: sheet, cell and what to do.
pub fn workbook_too_long(file: &str, sheet: &str, (row, col): (u32, u32), len: usize) -> ImportError {
    let cell = format!("{}{}", super::workbook::column_letters(col), row + 1);
    ImportError::Structure {
        file: file.to_owned(),
        line: u64::from(row) + 1,
        message: format!("ô {cell} (trang «{sheet}»): {}", too_long_message(len)),
    }
}

/// The refusal of a workbook cell holding an error value: sheet, cell and what to do.
pub fn workbook_error(file: &str, sheet: &str, (row, col): (u32, u32), value: &str) -> ImportError {
    let cell = format!("{}{}", super::workbook::column_letters(col), row + 1);
    ImportError::Structure {
        file: file.to_owned(),
        line: u64::from(row) + 1,
        message: format!("ô {cell} (trang «{sheet}»): {}", error_value_message(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_values_are_exact() {
        for v in ERROR_LITERALS.iter().copied().chain(["Err:502"]) {
            assert!(is_error_value(v), "{v}");
        }
        for v in ["#N/A ghi chú", "#", "Err:", "Errata", "1", "", "# Mục"] {
            assert!(!is_error_value(v), "{v}");
        }
    }
}
