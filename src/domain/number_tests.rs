//! Boundary tests of numbers as shown: rounding half away from zero at each precision, thousands grouping at
//! every length, signs, and the trimming of points.

use super::*;

#[test]
fn round_is_half_away_from_zero_at_each_precision() {
    assert_eq!(round(2.5, 0), 3.0);
    assert_eq!(round(-2.5, 0), -3.0);
    assert_eq!(round(2.49, 0), 2.0);
    assert_eq!(round(0.125, 2), 0.13);
    assert_eq!(round(0.124, 2), 0.12);
    assert_eq!(round(-0.125, 2), -0.13);
    assert_eq!(round(1.25, 1), 1.3);
    assert_eq!(round(91.8, 2), 91.8);
    assert_eq!(round(1234.5678, 3), 1234.568);
}

#[test]
fn thousands_are_grouped_at_every_length() {
    let want = [
        (0, "0"),
        (1, "1"),
        (12, "12"),
        (123, "123"),
        (1234, "1.234"),
        (12345, "12.345"),
        (123456, "123.456"),
        (1234567, "1.234.567"),
        (-999, "-999"),
        (-1000, "-1.000"),
    ];
    for (value, shown) in want {
        assert_eq!(integer(value), shown, "{value}");
    }
    assert_eq!(integer(i64::MIN), "-9.223.372.036.854.775.808");
    assert_eq!(decimal(999.96, 1), "1.000,0", "rounding carries into a new group");
    assert_eq!(decimal(123456.0, 0), "123.456", "no comma without decimals");
}

#[test]
fn signs_appear_only_on_non_zero_shown_values() {
    assert_eq!(decimal(-0.04, 1), "0,0");
    assert_eq!(decimal(-0.05, 1), "-0,1");
    assert_eq!(decimal(-0.0, 2), "0,00");
    assert_eq!(decimal(0.0, 0), "0");
    assert_eq!(decimal(-1234.5, 1), "-1.234,5");
    assert_eq!(decimal(f64::INFINITY, 1), "");
    assert_eq!(decimal(f64::NEG_INFINITY, 1), "");
}

#[test]
fn points_drop_trailing_zeros_only_after_the_comma() {
    assert_eq!(points(10.0), "10");
    assert_eq!(points(100.0), "100");
    assert_eq!(points(1000.0), "1.000");
    assert_eq!(points(0.0), "0");
    assert_eq!(points(2.50), "2,5");
    assert_eq!(points(2.05), "2,05");
    assert_eq!(points(0.004), "0");
    assert_eq!(points(7.125), "7,13");
}

#[test]
fn scores_and_percentages_at_their_decimals() {
    assert_eq!(score(89.125), "89,13");
    assert_eq!(score(89.124), "89,12");
    assert_eq!(score(99.996), "100,00");
    assert_eq!(score(0.0), "0,00");
    assert_eq!(percent(0.0), "0,0\u{a0}%");
    assert_eq!(percent(1.0), "100,0\u{a0}%");
    assert_eq!(percent(0.99951), "100,0\u{a0}%");
    assert_eq!(percent(0.12345), "12,3\u{a0}%");
    assert_eq!(percent(f64::NAN), "");
    assert_eq!((SCORE_DECIMALS, POINT_DECIMALS, PERCENT_DECIMALS), (2, 2, 1));
}
