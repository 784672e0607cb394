//! Rows swallowed by a quote left open. When the quote is closed again at some later line's end, every line in
//! between lands in one cell and the rows they held are lost without a word. Such a cell holds a line break
//! followed by a line that reads as a row of the same file: a known unit's code and a known item's code in their
//! columns. A note over several lines does not.

use super::Row;
use super::directory::RowCheck;

impl Row {
    /// In `text` (a cell of this CSV row), the first line after a line break that, split by the file's
    /// delimiter, names a unit and an item that `known` accepts at the columns `unit_key` and `code_key` (the
    /// unit is "" when the file has no unit column). `None` for a workbook row: its cells cannot swallow rows.
    pub fn swallowed<'t>(
        &self,
        text: &'t str,
        (unit_key, code_key): (&str, &str),
        known: impl Fn(&str, &str) -> bool,
    ) -> Option<(&'t str, &'t str)> {
        let delimiter = self.delimiter?;
        if !text.contains('\n') {
            return None;
        }
        let columns = self.columns.as_ref()?;
        let code_at = columns.index(code_key)?;
        let unit_at = columns.index(unit_key);
        text.split('\n').skip(1).find_map(|line| {
            let fields: Vec<&str> = line.split(delimiter).map(str::trim).collect();
            let code = *fields.get(code_at)?;
            let unit = match unit_at {
                Some(at) => *fields.get(at)?,
                None => "",
            };
            known(unit, code).then_some((unit, code))
        })
    }
}

/// Reports a cell that swallowed the row of `unit` and `code`.
pub fn report(check: &mut RowCheck, column: &str, text: &str, (unit, code): (&str, &str)) {
    let found = if unit.is_empty() { code.to_owned() } else { format!("{unit}, {code}") };
    let message = format!(
        "ô này có xuống dòng rồi một dòng giống dòng dữ liệu ({found}): có lẽ dấu ngoặc kép mở trong ô không được \
         đóng, nên dòng của nội dung {code} bị gộp vào đây và sẽ mất"
    );
    let hint = "thêm dấu ngoặc kép đóng ở cuối ô; nếu đó đúng là lời ghi chú nhiều dòng, hãy viết lại để dòng ấy \
                không bắt đầu bằng mã đơn vị và mã tiêu chí"
        .to_owned();
    check.problem(Some(column), text, message, Some(hint));
}
