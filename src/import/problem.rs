//! One reportable problem in an imported file, and suggestion helpers.

use std::fmt;

use crate::domain::text::fold;

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

/// The candidate closest to `value` when it is close enough to be a likely
/// typo: equal after folding (case, accents, spacing), or within a small
/// edit distance (one edit per three characters, at most three).
pub fn nearest<'a>(value: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let value_folded = fold(value);
    let value_len = value.chars().count();
    let limit = (value_len / 3).clamp(1, 3);
    let mut best: Option<(usize, &'a str)> = None;
    for cand in candidates {
        if cand == value {
            continue;
        }
        let d = if fold(cand) == value_folded { 0 } else { strsim::damerau_levenshtein(value, cand) };
        if d <= limit && d < value_len.max(1) && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// The hint for a value that names nothing known: `có phải «…»?` with the nearest candidate, when one is close.
pub fn did_you_mean<'a>(value: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    nearest(value, candidates).map(|n| format!("có phải «{n}»?"))
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

    #[test]
    fn nearest_finds_typos_only() {
        let codes = ["1.3.9", "1.3.1", "1.1.1", "2.1"];
        assert_eq!(nearest("1.3.99", codes.iter().copied()), Some("1.3.9"));
        assert_eq!(nearest("9.9.9.9.9", codes.iter().copied()), None);
        assert_eq!(nearest("", codes.iter().copied()), None);
        let units = ["Phòng Văn hoá - Xã hội", "Văn phòng HĐND và UBND"];
        assert_eq!(nearest("phong van hoa xa hoi", units.iter().copied()), Some("Phòng Văn hoá - Xã hội"));
        assert_eq!(nearest("xyz", units.iter().copied()), None);
    }
}
