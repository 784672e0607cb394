//! What a self-report can lose with every cell well formed: rows swallowed into a cell by a quote left open, and
//! assigned items left out of the file.

use super::rules::Findings;
use super::{CODE, FIGURE, FileCheck, PROPOSAL, Tally, UNIT};
use crate::import::Row;
use crate::import::directory::RowCheck;

/// Missing codes named in a message; the rest are counted.
const CODES_SHOWN: usize = 10;

impl FileCheck<'_, '_> {
    /// A text cell of a CSV row holding a line break followed by a line that reads as a row of this file (a known
    /// unit's code and a known item's code where this file has them): a quote left open swallowed that row.
    pub(super) fn swallowed(&self, row: &Row, check: &mut RowCheck) {
        let Some(delimiter) = self.delimiter else { return };
        for column in FIGURE..=PROPOSAL {
            let text = self.cell(row, column);
            if !text.contains('\n') {
                continue;
            }
            for line in text.split('\n').skip(1) {
                let Some((unit, code)) = self.row_like(line, delimiter) else { continue };
                let key = super::COLUMNS[column].key;
                let found = if unit.is_empty() { code.to_owned() } else { format!("{unit}, {code}") };
                let message = format!(
                    "ô này có xuống dòng rồi một dòng giống dòng dữ liệu ({found}): có lẽ dấu ngoặc kép mở trong ô \
                     không được đóng, nên dòng của nội dung {code} bị gộp vào đây và sẽ mất"
                );
                let hint = "thêm dấu ngoặc kép đóng ở cuối ô; nếu đó đúng là lời ghi chú nhiều dòng, hãy viết lại \
                            để dòng ấy không bắt đầu bằng mã đơn vị và mã tiêu chí"
                    .to_owned();
                check.problem(Some(self.label(key)), text, message, Some(hint));
                return;
            }
        }
    }

    /// The (unit, item) codes of `line` split as a row of this file, when they name a known unit (or the file has no
    /// unit column) and a known item.
    fn row_like<'l>(&self, line: &'l str, delimiter: char) -> Option<(&'l str, &'l str)> {
        let fields: Vec<&str> = line.split(delimiter).map(str::trim).collect();
        let code = *fields.get(self.fields[CODE]?)?;
        self.rules.leaves.get(code)?;
        match self.fields[UNIT] {
            None => Some(("", code)),
            Some(at) => {
                let unit = *fields.get(at)?;
                self.rules.unit(unit).map(|_| (unit, code))
            }
        }
    }

    /// Items assigned to `unit` that the file does not report on: a warning, or a problem under `--strict`.
    pub(super) fn missing(&self, unit: u32, tally: &Tally, problems: &mut Findings, warnings: &mut Findings) {
        let rules = self.rules;
        let missing: Vec<&str> = (0..rules.leaf_count())
            .filter_map(|leaf| u16::try_from(leaf).ok())
            .filter(|&leaf| rules.is_assigned(unit, leaf) && tally.lines.get(usize::from(leaf)) == Some(&0))
            .map(|leaf| rules.criterion(leaf))
            .collect();
        if missing.is_empty() {
            return;
        }
        let mut codes = missing.iter().take(CODES_SHOWN).copied().collect::<Vec<_>>().join(", ");
        if missing.len() > CODES_SHOWN {
            codes.push_str(&format!(" và {} nội dung khác", missing.len() - CODES_SHOWN));
        }
        let unit_code = rules.unit_code(unit);
        let message =
            format!("đơn vị {unit_code}: thiếu {} nội dung được phân công cho đơn vị này: {codes}", missing.len());
        if rules.strict {
            let hint = "bổ sung các dòng còn thiếu vào tệp rồi nhập lại (hoặc nhập không có --strict)".to_owned();
            problems.push(self.file_problem(message, Some(hint)));
        } else {
            let message = format!("{message}; vẫn được nhập, dùng --strict để từ chối");
            warnings.push(self.file_problem(message, None));
        }
    }
}
