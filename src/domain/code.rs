//! Criterion codes follow the plan's numbering: `1.3`, `1.6.1.2`, `2.1`.

use std::cmp::Ordering;

/// The deepest code the plan's numbering produces is four levels (`1.7.1.3`); a little slack for other catalogues.
pub const MAX_DEPTH: usize = 6;

/// Checks the shape of a code: dot-separated positive numbers without leading zeros.
pub fn validate(code: &str) -> Result<(), String> {
    if code.is_empty() {
        return Err("mã tiêu chí trống".into());
    }
    // Counted, not collected: codes are checked on every row of an import and in every sort of a report.
    let depth = depth(code);
    if depth > MAX_DEPTH {
        return Err(format!("mã có {depth} cấp, tối đa {MAX_DEPTH} cấp"));
    }
    for segment in code.split('.') {
        let is_number = !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit());
        if !is_number || segment.starts_with('0') || segment.len() > 3 {
            return Err(format!("mã «{code}» không đúng dạng: cần các số dương cách nhau bởi dấu chấm, ví dụ 1.3.2"));
        }
    }
    Ok(())
}

pub fn parent(code: &str) -> Option<&str> {
    code.rfind('.').map(|i| &code[..i])
}

pub fn depth(code: &str) -> usize {
    code.split('.').count()
}

/// The field (lĩnh vực) a code belongs to: its first two levels (`1.6.1.2` → `1.6`).
pub fn field(code: &str) -> &str {
    match code.match_indices('.').nth(1) {
        Some((i, _)) => &code[..i],
        None => code,
    }
}

/// Numeric order: `1.10` after `1.9`.
pub fn compare(a: &str, b: &str) -> Ordering {
    // Segment by segment without allocating: reports sort hundreds of thousands of rows by code.
    let number = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
    let (mut a, mut b) = (a.split('.'), b.split('.'));
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => match number(x).cmp(&number(y)) {
                Ordering::Equal => {}
                unequal => return unequal,
            },
            (x, y) => return x.is_some().cmp(&y.is_some()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes() {
        for code in ["1", "1.1", "1.6.1.2", "2.2", "1.10"] {
            assert!(validate(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn invalid_codes() {
        for code in ["", "1.", ".1", "1..2", "1.a", "01.1", "1.0", "1.2.3.4.5.6.7", "1,1", "1.1234"] {
            assert!(validate(code).is_err(), "{code}");
        }
    }

    #[test]
    fn parent_field_and_order() {
        assert_eq!(parent("1.6.1.2"), Some("1.6.1"));
        assert_eq!(parent("1"), None);
        assert_eq!(field("1.6.1.2"), "1.6");
        assert_eq!(field("1.3"), "1.3");
        assert_eq!(field("2"), "2");
        assert_eq!(depth("1.7.2.5"), 4);
        assert_eq!(compare("1.10", "1.9"), Ordering::Greater);
        assert_eq!(compare("1.6", "1.6.1"), Ordering::Less);
        assert_eq!(compare("1.6.1", "1.6"), Ordering::Greater);
        assert_eq!(compare("1.6.1", "1.6.1"), Ordering::Equal);
        assert_eq!(compare("1.x", "1.9"), Ordering::Greater, "a segment that is not a number sorts last");
    }
}

#[cfg(test)]
#[path = "code_tests.rs"]
mod boundary_tests;
