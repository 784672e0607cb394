//! Numbers as a Vietnamese reader writes them (decimal comma, dot between thousands), for listings, reports and
//! messages alike.

/// Decimals of a score on the 100-point scale wherever it is shown (listings, report tables and text), so
/// that "91,80" never stands next to "91,8".
pub const SCORE_DECIMALS: u8 = 2;

/// Decimals of points (an item's maximum, self-assessed and appraised points) and of a percentage.
pub const POINT_DECIMALS: u8 = 2;
pub const PERCENT_DECIMALS: u8 = 1;

/// `value` rounded half away from zero (6,25 → 6,3), as people round scores by hand and as every number is
/// shown; machine outputs (CSV, JSON, XLSX) carry this value, never the float noise behind it.
pub fn round(value: f64, decimals: u8) -> f64 {
    let factor = 10f64.powi(i32::from(decimals));
    (value * factor).round() / factor
}

/// A score on the 100-point scale: always two decimals ("91,80", "100,00").
pub fn score(value: f64) -> String {
    decimal(value, SCORE_DECIMALS.into())
}

/// Points as a Vietnamese reader writes them: up to two decimals, no trailing zeros ("7,5", "8").
pub fn points(value: f64) -> String {
    trimmed(value, POINT_DECIMALS.into())
}

/// Up to `decimals` decimals, no trailing zeros ("70", "70,006").
pub fn trimmed(value: f64, decimals: usize) -> String {
    let text = decimal(value, decimals);
    if text.contains(',') { text.trim_end_matches('0').trim_end_matches(',').to_owned() } else { text }
}

/// A ratio as a percentage with one decimal ("81,0 %"), the sign held to the number by a no-break space so that a
/// line never ends between them.
pub fn percent(ratio: f64) -> String {
    let text = decimal(ratio * 100.0, PERCENT_DECIMALS.into());
    if text.is_empty() { text } else { format!("{text}{PERCENT_SIGN}") }
}

/// " %" after a number: a no-break space and the sign.
pub const PERCENT_SIGN: &str = "\u{a0}%";

/// Vietnamese number display: decimal comma, dot as thousands separator ("1.234,5"). Non-finite values are
/// shown as empty.
pub fn decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = round(value.abs(), u8::try_from(decimals).unwrap_or(u8::MAX));
    let fixed = format!("{rounded:.decimals$}");
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let is_zero = fixed.bytes().all(|b| b == b'0' || b == b'.');
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    let mut out = format!("{sign}{}", group_thousands(int_part));
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&digits))
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_decimal_comma() {
        assert_eq!(decimal(7.5, 1), "7,5");
        assert_eq!(decimal(6.25, 1), "6,3");
        assert_eq!(decimal(14.75, 1), "14,8");
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(-0.01, 1), "0,0");
        assert_eq!(decimal(-2.25, 2), "-2,25");
        assert_eq!(decimal(f64::NAN, 1), "");
        assert_eq!(points(8.0), "8");
        assert_eq!(points(7.25), "7,25");
        assert_eq!(points(7.5), "7,5");
        assert_eq!(integer(-1234567), "-1.234.567");
        assert_eq!(percent(0.755), "75,5\u{a0}%");
        assert_eq!(percent(0.81), "81,0\u{a0}%");
    }

    #[test]
    fn scores_always_show_two_decimals() {
        assert_eq!(score(91.8), "91,80");
        assert_eq!(score(90.91), "90,91");
        assert_eq!(score(100.0), "100,00");
        assert_eq!(score(-4.5), "-4,50");
    }
}

#[cfg(test)]
#[path = "number_tests.rs"]
mod boundary_tests;
