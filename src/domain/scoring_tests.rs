//! Boundary tests of the scoring rules: what each mark adds to a total, N/A leaving numerator and denominator,
//! the maximum with its rounding slack, losses, orders and round kinds.

use super::*;

fn item(unit: &str, code: &str, max: f64, mark: Mark) -> ItemScore {
    ItemScore { unit: unit.into(), code: code.into(), max, mark }
}

#[test]
fn each_mark_adds_to_its_own_count_only() {
    let mut t = Total::default();
    t.add_mark(Mark::Points(1.5), 2.0);
    assert_eq!(t, Total { points: 1.5, max: 2.0, scored: 1, not_applicable: 0, pending: 0 });
    t.add_mark(Mark::NotApplicable, 4.0);
    assert_eq!(t, Total { points: 1.5, max: 2.0, scored: 1, not_applicable: 1, pending: 0 }, "N/A: neither sum moves");
    t.add_mark(Mark::Pending, 8.0);
    assert_eq!(t, Total { points: 1.5, max: 2.0, scored: 1, not_applicable: 1, pending: 1 }, "pending: counted only");
    t.add_mark(Mark::Points(0.5), 1.0);
    assert_eq!(t, Total { points: 2.0, max: 3.0, scored: 2, not_applicable: 1, pending: 1 });
    assert!(!t.is_complete());
    assert!(Total::default().is_complete());
}

#[test]
fn not_applicable_leaves_numerator_and_denominator() {
    let base = [item("VP", "1.1.1", 4.0, Mark::Points(3.0))];
    let with_na = [base[0].clone(), item("VP", "1.1.2", 6.0, Mark::NotApplicable)];
    assert_eq!(normalise(&base), Some(75.0));
    assert_eq!(normalise(&with_na), Some(75.0), "an N/A item changes neither side of 3 of 4");
    assert_eq!(total(&with_na).ratio(), Some(0.75));
}

#[test]
fn a_ratio_needs_a_positive_maximum() {
    let zero_max = total(&[item("VP", "1.1.1", 0.0, Mark::Points(0.0))]);
    assert_eq!((zero_max.ratio(), zero_max.score100()), (None, None));
    let full = total(&[item("VP", "1.1.1", 2.0, Mark::Points(2.0))]);
    assert_eq!((full.ratio(), full.score100(), full.scaled(12.0)), (Some(1.0), Some(100.0), Some(12.0)));
}

#[test]
fn stored_marks_and_their_points() {
    assert_eq!(Mark::stored(Some(1.5), false), Mark::Points(1.5));
    assert_eq!(Mark::stored(Some(1.5), true), Mark::NotApplicable);
    assert_eq!(Mark::stored(None, false), Mark::NotApplicable);
    assert_eq!(Mark::Points(0.0).points(), Some(0.0));
    assert_eq!((Mark::NotApplicable.points(), Mark::Pending.points()), (None, None));
}

#[test]
fn within_max_allows_rounding_slack_only() {
    assert!(within_max(2.0, 2.0));
    assert!(within_max(2.0 + EPS / 2.0, 2.0));
    assert!(!within_max(2.0 + EPS * 10.0, 2.0));
    assert!(!within_max(2.25, 2.0));
    assert!(within_max(1.75, 2.0));
}

#[test]
fn a_loss_is_what_an_appraised_item_cost() {
    let lost = loss("VP", "1.1.1", 2.0, Mark::Points(1.25)).expect("0,75 lost");
    assert_eq!((lost.unit, lost.code, lost.max, lost.points, lost.lost), ("VP", "1.1.1", 2.0, 1.25, 0.75));
    assert_eq!(loss("VP", "1.1.1", 2.0, Mark::Points(2.0)), None, "full points cost nothing");
    assert_eq!(loss("VP", "1.1.1", 2.0, Mark::Points(1.999)), None, "less than a hundredth rounds to nothing");
    assert_eq!(loss("VP", "1.1.1", 2.0, Mark::NotApplicable), None);
    assert_eq!(loss("VP", "1.1.1", 2.0, Mark::Pending), None);
}

#[test]
fn costlier_first_then_code_order() {
    use std::cmp::Ordering::*;
    assert_eq!(costlier_first((2.0, "1.1.1"), (1.0, "1.1.1")), Less);
    assert_eq!(costlier_first((1.0, "1.1.1"), (2.0, "1.1.1")), Greater);
    assert_eq!(costlier_first((1.0, "1.1.9"), (1.0, "1.1.10")), Less);
    assert_eq!(costlier_first((1.0, "1.1.10"), (1.0, "1.1.9")), Greater);
    assert_eq!(costlier_first((1.0, "1.1.1"), (1.0, "1.1.1")), Equal);
}

#[test]
fn changes_and_rounding() {
    let t = |points, max| total(&[item("VP", "1.1.1", max, Mark::Points(points))]);
    assert_eq!(change(&t(3.0, 4.0), &t(1.0, 4.0), 100.0), Some(-50.0), "a fall is negative");
    assert_eq!(change(&t(1.0, 4.0), &t(3.0, 4.0), 12.0), Some(6.0));
    assert_eq!(change(&t(1.0, 4.0), &Total::default(), 100.0), None);
    assert_eq!(round2(0.005), 0.01);
    assert_eq!(round2(0.004), 0.0);
    assert_eq!(round2(1.0 / 3.0), 0.33);
}

#[test]
fn groups_keep_text_order_for_unit_codes_and_numeric_order_for_criteria() {
    let items = [
        item("VP", "1.1.1", 1.0, Mark::Points(1.0)),
        item("KT", "1.1.1", 1.0, Mark::Points(0.0)),
        item("BCH", "1.1.1", 1.0, Mark::Points(1.0)),
        item("VP", "1.10.1", 1.0, Mark::Points(1.0)),
        item("VP", "1.9.1", 1.0, Mark::Points(1.0)),
    ];
    let units: Vec<String> = totals_by_unit(&items).into_iter().map(|(k, _)| k).collect();
    assert_eq!(units, ["BCH", "KT", "VP"]);
    let criteria: Vec<String> = totals_by(&items, |i| Some(i.code.as_str())).into_iter().map(|(k, _)| k).collect();
    assert_eq!(criteria, ["1.1.1", "1.9.1", "1.10.1"]);
    let only_vp = totals_by(&items, |i| (i.unit == "VP").then_some(i.unit.as_str()));
    assert_eq!(only_vp.len(), 1, "items without a key are left out");
    assert_eq!(only_vp[0].1.scored, 3);
    let mixed: Vec<String> =
        totals_by(&items, |i| Some(if i.unit == "VP" { "1.2" } else { "10" })).into_iter().map(|(k, _)| k).collect();
    assert_eq!(mixed, ["1.2", "10"], "1.2 before 10 as numbers; as text too");
}

/// Compared pairwise as numbers when both are codes and as text otherwise, «9», «10» and «10A» would go round in a
/// circle (9 < 10 < 10A < 9): codes come first, in numeric order, then the rest as text.
#[test]
fn keys_of_both_sorts_sort_codes_first_then_text() {
    let items = ["VP", "10A", "10", "9", "1.2", "09"].map(|unit| item(unit, "1.1.1", 1.0, Mark::Points(1.0)));
    let units: Vec<String> = totals_by_unit(&items).into_iter().map(|(k, _)| k).collect();
    assert_eq!(units, ["1.2", "9", "10", "09", "10A", "VP"]);
}

#[test]
fn every_round_kind_against_every_item_kind() {
    use NodeKind::{Adhoc, Periodic};
    use RoundKind::{Dot1, Dot2, DotXuat};
    for (round, item, ok) in [
        (Dot1, Periodic, true),
        (Dot2, Periodic, true),
        (DotXuat, Adhoc, true),
        (Dot1, Adhoc, false),
        (Dot2, Adhoc, false),
        (DotXuat, Periodic, false),
    ] {
        let got = check_item_for_round("2026-r", round, item, "1.2.3");
        assert_eq!(got.is_ok(), ok, "{round:?} × {item:?}: {got:?}");
        if let Err(err) = got {
            assert!(err.contains("1.2.3") && err.contains("2026-r"), "{err}");
        }
    }
}
