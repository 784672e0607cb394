//! Boundary tests of criterion codes: the depth and segment-length limits at, below and above, and the order.

use super::*;

#[test]
fn depth_is_allowed_up_to_max_depth_and_refused_beyond() {
    let code = |levels: usize| vec!["1"; levels].join(".");
    assert_eq!(MAX_DEPTH, 6);
    assert!(validate(&code(MAX_DEPTH)).is_ok(), "six levels");
    let err = validate(&code(MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(err, "mã có 7 cấp, tối đa 6 cấp");
}

#[test]
fn a_segment_has_one_to_three_digits() {
    assert!(validate("1.100").is_ok(), "three digits");
    assert!(validate("999.9").is_ok());
    let err = validate("1.1000").unwrap_err();
    assert!(err.contains("«1.1000»") && err.contains("1.3.2"), "{err}");
    assert!(validate("1.05").is_err(), "a leading zero");
    assert!(validate("0").is_err());
    assert!(validate("1.+2").is_err() && validate("1. 2").is_err() && validate("1.²").is_err());
    assert_eq!(validate(""), Err("mã tiêu chí trống".into()));
}

#[test]
fn parent_field_and_depth_at_each_level() {
    assert_eq!(parent("1.6"), Some("1"));
    assert_eq!(parent("1.6.10"), Some("1.6"));
    assert_eq!(field("1.10.3"), "1.10");
    assert_eq!(field("12.3"), "12.3");
    assert_eq!((depth("1"), depth("1.2"), depth("1.2.3")), (1, 2, 3));
}

#[test]
fn compare_is_numeric_segment_by_segment() {
    use Ordering::*;
    assert_eq!(compare("1.9", "1.10"), Less);
    assert_eq!(compare("2", "10"), Less);
    assert_eq!(compare("1.2.3", "1.2.4"), Less);
    assert_eq!(compare("1.3", "1.2.9"), Greater);
    assert_eq!(compare("1", "1"), Equal);
    assert_eq!(compare("1", "1.1"), Less);
    let mut codes = vec!["1.10", "2", "1.2.1", "1.9", "1.2", "1"];
    codes.sort_by(|a, b| compare(a, b));
    assert_eq!(codes, ["1", "1.2", "1.2.1", "1.9", "1.10", "2"]);
}
