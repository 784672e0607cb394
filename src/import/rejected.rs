//! A file refused as a whole: every problem found, and the promise that nothing was written.

use std::fmt;

use super::{ImportError, Problem};

/// How many problems are printed; the rest are counted, so a wholly wrong file stays readable.
const SHOWN: usize = 50;

#[derive(Debug, thiserror::Error)]
pub struct Rejected {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Tệp «{}» có {} lỗi; chưa ghi gì vào cơ sở dữ liệu. Hãy sửa các dòng sau rồi nhập lại:",
            self.file,
            self.problems.len()
        )?;
        for problem in self.problems.iter().take(SHOWN) {
            write!(f, "\n  - {problem}")?;
        }
        if self.problems.len() > SHOWN {
            write!(f, "\n  … và {} lỗi khác.", self.problems.len() - SHOWN)?;
        }
        Ok(())
    }
}

impl From<ImportError> for Rejected {
    fn from(err: ImportError) -> Self {
        Rejected { file: err.file().to_owned(), problems: vec![err.to_problem()] }
    }
}
