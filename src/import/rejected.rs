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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Tệp «{}» có {} lỗi; chưa ghi gì vào cơ sở dữ liệu. Hãy sửa các dòng sau rồi nhập lại:",
            self.file,
            self.problems.len() + self.omitted
        )?;
        for problem in self.problems.iter().take(SHOWN) {
            write!(f, "\n  - {problem}")?;
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
