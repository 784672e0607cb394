//! One reportable problem in an imported file.

use std::fmt;

/// Longest value shown in a message, in characters.
const SHOWN_CHARS: usize = 60;

/// A problem with one row (or the whole file when `row` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub row: Option<u64>,
    /// The column as the user knows it (the header in their file).
    pub column: Option<String>,
    pub value: Option<String>,
    /// What is wrong and what was expected, in Vietnamese.
    pub message: String,
    /// A suggestion such as "có phải «1.3.9»?".
    pub hint: Option<String>,
}

impl fmt::Display for Problem {
    /// `units.csv, dòng 7, cột «Mã tiêu chí» = «1.3.99»: mã tiêu chí không
    /// tồn tại. Gợi ý: có phải «1.3.9»?`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(row) = self.row {
            write!(f, ", dòng {row}")?;
        }
        match (&self.column, &self.value) {
            (Some(c), Some(v)) if v.trim().is_empty() => write!(f, ", cột {} (trống)", quote(c))?,
            (Some(c), Some(v)) => write!(f, ", cột {} = {}", quote(c), quote(v))?,
            (Some(c), None) => write!(f, ", cột {}", quote(c))?,
            (None, Some(v)) => write!(f, ", giá trị {}", quote(v))?,
            (None, None) => {}
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            let sep = if self.message.ends_with(['.', '!', '?']) { " " } else { ". " };
            write!(f, "{sep}Gợi ý: {hint}")?;
        }
        Ok(())
    }
}

/// `«value»`, cut to 60 characters and with control characters escaped so a
/// stray newline or tab cannot break the report layout.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(SHOWN_CHARS * 4) + 8);
    out.push('«');
    for (i, ch) in value.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('»');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_matches_the_contract_example() {
        let p = Problem {
            file: "units.csv".into(),
            row: Some(7),
            column: Some("Mã tiêu chí".into()),
            value: Some("1.3.99".into()),
            message: "mã tiêu chí không tồn tại".into(),
            hint: Some("có phải «1.3.9»?".into()),
        };
        assert_eq!(
            p.to_string(),
            "units.csv, dòng 7, cột «Mã tiêu chí» = «1.3.99»: mã tiêu chí không tồn tại. \
             Gợi ý: có phải «1.3.9»?"
        );
    }

    #[test]
    fn display_without_row_or_value() {
        let p = Problem {
            file: "a.csv".into(),
            row: None,
            column: Some("Điểm tự chấm".into()),
            value: Some(" ".into()),
            message: "thiếu điểm.".into(),
            hint: Some("nhập số".into()),
        };
        assert_eq!(p.to_string(), "a.csv, cột «Điểm tự chấm» (trống): thiếu điểm. Gợi ý: nhập số");
    }

    #[test]
    fn quote_truncates_and_escapes() {
        assert_eq!(quote("a\nb\tc\u{7}"), "«a\\nb\\tc\\u{0007}»");
        let long = "ệ".repeat(100);
        let q = quote(&long);
        assert_eq!(q.chars().count(), 60 + 3);
        assert!(q.ends_with("…»"));
    }
}
