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
    let mut text = decimal(value, decimals);
    if text.contains(',') {
        let kept = text.trim_end_matches('0').trim_end_matches(',').len();
        text.truncate(kept);
    }
    text
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
    let fixed = fixed(value.abs(), decimals);
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let is_zero = fixed.bytes().all(|b| b == b'0' || b == b'.');
    let mut out = String::with_capacity(fixed.len() + fixed.len() / 3 + 1);
    if value < 0.0 && !is_zero {
        out.push('-');
    }
    push_grouped(&mut out, int_part);
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// `value` (not negative) rounded as `round` does and written with `decimals` decimals, exactly as
/// `format!("{:.decimals$}", round(value, decimals))` writes it. A listing or report writes thousands of numbers:
/// when the rounded value is a whole count of its last decimal below 10^15, that count's digits are written
/// directly, faster than the exact float formatting, which the other numbers keep.
fn fixed(value: f64, decimals: usize) -> String {
    let places = u8::try_from(decimals).unwrap_or(u8::MAX);
    let scaled = (value * 10f64.powi(i32::from(places))).round();
    if decimals <= MAX_FAST_DECIMALS && scaled < 1e15 {
        // Below 10^15 the count is exact in an f64, and the rounded value lies far closer to it than half a last decimal.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut count = scaled as u64;
        // The count's digits from the last, zero-padded to one before the decimals: at most 16, in a buffer of zeros.
        let mut digits = [b'0'; 24];
        let mut start = digits.len();
        while count > 0 || start == digits.len() {
            start -= 1;
            digits[start] = b'0' + (count % 10) as u8;
            count /= 10;
        }
        let written = &digits[start.min(digits.len() - decimals - 1)..];
        let (int, frac) = written.split_at(written.len() - decimals);
        let mut out = String::with_capacity(written.len() + 1);
        out.extend(int.iter().copied().map(char::from));
        if !frac.is_empty() {
            out.push('.');
            out.extend(frac.iter().copied().map(char::from));
        }
        return out;
    }
    let rounded = round(value, places);
    format!("{rounded:.decimals$}")
}

/// The most decimals written by counting (every number cchc shows has at most three).
const MAX_FAST_DECIMALS: usize = 6;

pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    push_grouped(&mut out, &digits);
    out
}

/// `digits` with a dot between thousands.
fn push_grouped(out: &mut String, digits: &str) {
    let len = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
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

    mod fixed_digits {
        use super::super::{fixed, round};
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            /// Scores, points and ratios as recorded (thousandths, halves), and any float up to past 10^15.
            #[test]
            fn fixed_writes_what_the_float_formatting_writes(
                value in prop_oneof![
                    0.0..1000.0f64,
                    0.0..1e17f64,
                    (0u32..1_000_000).prop_map(|n| f64::from(n) / 1000.0),
                    (0u32..400).prop_map(|n| f64::from(n) * 0.25 + 0.005),
                ],
                decimals in 0usize..9,
            ) {
                let rounded = round(value, u8::try_from(decimals).unwrap_or(u8::MAX));
                prop_assert_eq!(fixed(value, decimals), format!("{rounded:.decimals$}"));
            }
        }
    }
}

#[cfg(test)]
#[path = "number_tests.rs"]
mod boundary_tests;
