//! A file refused as a whole: every problem found, and the promise that nothing was written.

use std::fmt;

use super::{ImportError, Problem};

/// How many problems are printed; the rest are counted, so a wholly wrong file stays readable.
const SHOWN: usize = 50;

#[derive(Debug, thiserror::Error)]
pub struct Rejected {
    pub file: String,
    pub problems: Vec<Problem>,
    /// Problems counted but not kept, so that a wholly wrong large file does not fill memory.
    pub omitted: usize,
}

impl fmt::Display for Rejected {
    /// The file is named once: in the first line, not again in each problem under it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = self.problems.as_slice()
            && self.omitted == 0
            && only.row.is_none()
            && only.column.is_none()
            && only.message.contains(&format!("«{}»", self.file))
        {
            // A whole-file error names the file itself.
            return write!(f, "{}. Chưa ghi gì vào cơ sở dữ liệu.", only.message.trim_end_matches('.'));
        }
        write!(
            f,
            "Tệp «{}» có {} lỗi; chưa ghi gì vào cơ sở dữ liệu. Hãy sửa các dòng sau rồi nhập lại:",
            self.file,
            self.problems.len() + self.omitted
        )?;
        for problem in self.problems.iter().take(SHOWN) {
            let text = problem.to_string();
            // «x.xlsx, trang «…», dòng 3» keeps the sheet.
            let same = problem.file == self.file || problem.file.starts_with(&format!("{}, ", self.file));
            let rest = same
                .then(|| text.strip_prefix(self.file.as_str()))
                .flatten()
                .map(|t| t.trim_start_matches([',', ':', ' ']));
            write!(f, "\n  - {}", rest.unwrap_or(&text))?;
        }
        let more = self.problems.len().saturating_sub(SHOWN) + self.omitted;
        if more > 0 {
            write!(f, "\n  … và {more} lỗi khác.")?;
        }
        Ok(())
    }
}

impl From<ImportError> for Rejected {
    fn from(err: ImportError) -> Self {
        Rejected { file: err.file().to_owned(), problems: vec![err.to_problem()], omitted: 0 }
    }
}
