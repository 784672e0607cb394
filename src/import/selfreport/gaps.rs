//! What a self-report can lose with every cell well formed: rows swallowed into a cell by a quote left open, and
//! assigned items left out of the file.

use super::rules::ProblemList;
use super::{COLUMNS, FIGURE, FileCheck, PROPOSAL, Tally, UNIT};
use crate::import::directory::RowCheck;
use crate::import::{Row, swallowed};

/// Missing codes named in a message; the rest are counted.
const CODES_SHOWN: usize = 10;

impl FileCheck<'_, '_> {
    /// A text cell of a CSV row that swallowed another row of this file (see [`crate::import::swallowed`]).
    pub(super) fn swallowed(&self, row: &Row, check: &mut RowCheck) {
        let rules = self.rules;
        let known = |unit: &str, code: &str| {
            rules.leaves.contains_key(code) && (self.fields[UNIT].is_none() || rules.unit(unit).is_some())
        };
        for (column, spec) in COLUMNS.iter().enumerate().take(PROPOSAL + 1).skip(FIGURE) {
            let text = self.cell(row, column);
            if let Some(found) = row.swallowed(text, ("ma_don_vi", "ma_tieu_chi"), known) {
                swallowed::report(check, self.label(spec.key), text, found);
                return;
            }
        }
    }

    /// Refuses a unit's rows when none was filled in (an untouched template is not a report); true if refused.
    pub(super) fn blank(&self, unit: u32, tally: &Tally, problems: &mut ProblemList) -> bool {
        if tally.filled {
            return false;
        }
        let message = format!(
            "Tệp chưa điền nội dung nào cho đơn vị {}: không dòng nào có điểm tự chấm, số liệu, kết quả hay minh \
             chứng, nên đây là biểu mẫu trống chứ chưa phải báo cáo",
            self.rules.unit_code(unit)
        );
        problems.push(self.file_problem(message, Some("điền biểu mẫu rồi nhập lại".into())));
        true
    }

    /// Items assigned to `unit` that the file does not report on: a warning, or a problem under `--strict`.
    pub(super) fn missing(&self, unit: u32, tally: &Tally, problems: &mut ProblemList, warnings: &mut ProblemList) {
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
