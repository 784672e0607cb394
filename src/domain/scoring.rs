//! Scoring rules: appraised points per unit and item, totals on the 100-point scale.
//!
//! An item marked not applicable (N/A) leaves both the numerator and the denominator. An item not yet
//! appraised (pending) is left out of the total too, but counted, so a report can say the total is
//! incomplete instead of silently treating it as zero. A result is rounded to two decimals once, where it is shown
//! (as scores are written by hand, bands use that shown value too); every figure derived from results (a change
//! between rounds, a difference, a percentage, a rank) is computed from the unrounded ratio (`Total::ratio`) and
//! rounded once in turn, so that "66,67 → 94,44" shows a change of 27,78, not 27,77.

use std::collections::HashMap;

use serde::Serialize;

use super::catalogue::NodeKind;
use super::code;
use super::round::RoundKind;

/// What the team decided for one item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "mark", content = "points", rename_all = "snake_case")]
pub enum Mark {
    Points(f64),
    NotApplicable,
    Pending,
}

impl Mark {
    /// The mark of a stored score: its points, unless the item is marked not applicable.
    pub fn stored(points: Option<f64>, not_applicable: bool) -> Mark {
        match points {
            Some(p) if !not_applicable => Mark::Points(p),
            _ => Mark::NotApplicable,
        }
    }

    /// The points given, if any.
    pub fn points(self) -> Option<f64> {
        match self {
            Mark::Points(p) => Some(p),
            Mark::NotApplicable | Mark::Pending => None,
        }
    }
}

/// One unit's result on one item (leaf) of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemScore {
    pub unit: String,
    pub code: String,
    pub max: f64,
    pub mark: Mark,
}

/// Which official answers for an item at a unit (from the assignments).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Responsibility {
    pub unit: String,
    pub code: String,
    pub official: String,
}

/// A sum of items: points over the maximum of the items that count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Total {
    pub points: f64,
    pub max: f64,
    pub scored: usize,
    pub not_applicable: usize,
    pub pending: usize,
}

impl Total {
    pub fn add(&mut self, item: &ItemScore) {
        self.add_mark(item.mark, item.max);
    }

    /// Adds an item worth `max` given `mark`.
    pub fn add_mark(&mut self, mark: Mark, max: f64) {
        match mark {
            Mark::Points(p) => {
                self.points += p;
                self.max += max;
                self.scored += 1;
            }
            Mark::NotApplicable => self.not_applicable += 1,
            Mark::Pending => self.pending += 1,
        }
    }

    /// The total on the 100-point scale, to two decimals; `None` when no item counts (all N/A or pending).
    pub fn score100(&self) -> Option<f64> {
        self.scaled(100.0)
    }

    /// The total converted to a `scale`-point scale (a field's maximum), to two decimals.
    pub fn scaled(&self, scale: f64) -> Option<f64> {
        self.ratio().map(|r| round2(r * scale))
    }

    /// Points over the maximum, unrounded: what derived figures are computed from.
    pub fn ratio(&self) -> Option<f64> {
        (self.max > 0.0).then(|| self.points / self.max)
    }

    /// Whether every item was appraised.
    pub fn is_complete(&self) -> bool {
        self.pending == 0
    }
}

impl<'a> FromIterator<&'a ItemScore> for Total {
    fn from_iter<I: IntoIterator<Item = &'a ItemScore>>(iter: I) -> Self {
        let mut total = Total::default();
        for item in iter {
            total.add(item);
        }
        total
    }
}

/// The sum of `items` (the ward's total when given every unit's items).
pub fn total(items: &[ItemScore]) -> Total {
    items.iter().collect()
}

/// `items` on the 100-point scale, N/A and pending items left out.
pub fn normalise(items: &[ItemScore]) -> Option<f64> {
    total(items).score100()
}

/// Totals grouped by a key; items whose key is `None` are left out. Keys come back in code order.
pub fn totals_by<'a>(items: &'a [ItemScore], key: impl Fn(&'a ItemScore) -> Option<&'a str>) -> Vec<(String, Total)> {
    // Hashed, then the keys sorted once: ordered insertion would compare codes for every item.
    let mut groups: HashMap<&str, Total> = HashMap::new();
    for item in items {
        if let Some(k) = key(item) {
            groups.entry(k).or_default().add(item);
        }
    }
    let mut out: Vec<(String, Total)> = groups.into_iter().map(|(k, t)| (k.to_owned(), t)).collect();
    out.sort_by(|a, b| key_order(&a.0, &b.0));
    out
}

/// Per field (`1.1` … `1.7`, `2.1`, `2.2`), over whatever units `items` hold.
pub fn totals_by_field(items: &[ItemScore]) -> Vec<(String, Total)> {
    totals_by(items, |i| Some(code::field(&i.code)))
}

/// Per unit, keyed by unit code (sorted by code).
pub fn totals_by_unit(items: &[ItemScore]) -> Vec<(String, Total)> {
    totals_by(items, |i| Some(i.unit.as_str()))
}

/// Per responsible official: the items assigned to them, across every unit they answer for.
/// Items nobody is assigned to count for no official.
pub fn totals_by_official(items: &[ItemScore], responsibilities: &[Responsibility]) -> Vec<(String, Total)> {
    let who: HashMap<(&str, &str), &str> =
        responsibilities.iter().map(|r| ((r.unit.as_str(), r.code.as_str()), r.official.as_str())).collect();
    totals_by(items, |i| who.get(&(i.unit.as_str(), i.code.as_str())).copied())
}

/// Periodic items are appraised in Đợt 1 and Đợt 2, ad-hoc topics (2.1, 2.2) only in ad-hoc rounds.
pub fn check_item_for_round(round_id: &str, round: RoundKind, item: NodeKind, code: &str) -> Result<(), String> {
    match (round, item) {
        (RoundKind::DotXuat, NodeKind::Adhoc) | (RoundKind::Dot1 | RoundKind::Dot2, NodeKind::Periodic) => Ok(()),
        (RoundKind::DotXuat, NodeKind::Periodic) => Err(format!(
            "nội dung {code} là nội dung kiểm tra định kỳ, không chấm trong đợt đột xuất {round_id}; \
             đợt đột xuất chỉ dùng chuyên đề 2.1 (kỷ luật, kỷ cương hành chính) hoặc 2.2 (theo phản ánh, kiến nghị)"
        )),
        (_, NodeKind::Adhoc) => Err(format!(
            "nội dung {code} là chuyên đề kiểm tra đột xuất, không chấm trong đợt định kỳ {round_id}; \
             hãy tạo đợt đột xuất: `cchc round new --kind dot-xuat --topic \"…\"`"
        )),
    }
}

/// Rounding slack when comparing points (they are halves and quarters, stored as f64).
pub const EPS: f64 = 1e-9;

/// Whether points stay within an item's maximum, rounding slack allowed.
pub fn within_max(points: f64, max: f64) -> bool {
    points <= max + EPS
}

/// `after − before` on a `scale`-point scale, from the unrounded ratios, rounded once to two decimals.
pub fn change(before: &Total, after: &Total, scale: f64) -> Option<f64> {
    Some(round2((after.ratio()? - before.ratio()?) * scale))
}

/// Two decimals, half away from zero.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Points an appraised item cost at a unit: its maximum minus the points given. `K` names the unit and the item:
/// their codes, or the numbers a tally gives them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Loss<K> {
    pub unit: K,
    pub code: K,
    pub max: f64,
    pub points: f64,
    pub lost: f64,
}

/// What an appraised item cost, when it cost anything: N/A and pending items cost nothing.
pub fn loss<K>(unit: K, code: K, max: f64, mark: Mark) -> Option<Loss<K>> {
    let Mark::Points(points) = mark else { return None };
    let lost = round2(max - points);
    (lost > 0.0).then_some(Loss { unit, code, max, points, lost })
}

/// The order losses are shown in, given as (points lost, item code): biggest first, then by code.
pub fn costlier_first(a: (f64, &str), b: (f64, &str)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then_with(|| code::compare(a.1, b.1))
}

/// Criterion codes in numeric order (`1.10` after `1.9`), then other keys (unit and official codes) as text: one
/// consistent order even when keys of both sorts meet (a sort needs a total order).
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    let numeric = |s: &str| code::validate(s).is_ok();
    match (numeric(a), numeric(b)) {
        (true, true) => code::compare(a, b),
        (false, false) => a.cmp(b),
        (x, y) => y.cmp(&x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(unit: &str, code: &str, max: f64, mark: Mark) -> ItemScore {
        ItemScore { unit: unit.into(), code: code.into(), max, mark }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn scaled_results_keep_two_decimals() {
        let items = [item("VP", "1.1.1", 2.0, Mark::Points(1.5)), item("VP", "1.1.2", 1.0, Mark::Points(0.0))];
        let t = total(&items);
        assert_eq!(t.score100(), Some(50.0));
        // 1.5 of 3 on a 12-point field; 2 of 3 on the 100-point scale.
        assert_eq!(t.scaled(12.0), Some(6.0));
        let t = total(&[item("VP", "1.1.1", 3.0, Mark::Points(2.0))]);
        assert_eq!(t.score100(), Some(66.67));
        assert_eq!(round2(6.125), 6.13);
        assert_eq!(round2(-0.125), -0.13, "half away from zero");
    }

    #[test]
    fn a_change_comes_from_the_unrounded_ratios() {
        // 2/3 → 17/18: 66,67 → 94,44 as shown, a change of 27,78 (not 66,67 and 94,44 subtracted: 27,77).
        let before = total(&[item("VP", "1.1.1", 3.0, Mark::Points(2.0))]);
        let after = total(&[item("VP", "1.1.1", 18.0, Mark::Points(17.0))]);
        assert_eq!((before.score100(), after.score100()), (Some(66.67), Some(94.44)));
        assert_eq!(change(&before, &after, 100.0), Some(27.78));
        assert_eq!(change(&Total::default(), &after, 100.0), None, "nothing to compare with");
    }

    #[test]
    fn biggest_losses_first() {
        let items = [
            item("VP", "1.1.2", 2.0, Mark::Points(1.5)),
            item("VP", "1.1.10", 1.0, Mark::Points(0.0)),
            item("VP", "1.1.1", 1.5, Mark::Points(1.0)),
            item("VP", "1.1.3", 2.0, Mark::Points(2.0)),
            item("VP", "1.1.4", 2.0, Mark::NotApplicable),
            item("VP", "1.1.5", 2.0, Mark::Pending),
        ];
        let mut all: Vec<Loss<&str>> = items.iter().filter_map(|i| loss(&*i.unit, &*i.code, i.max, i.mark)).collect();
        all.sort_by(|a, b| costlier_first((a.lost, a.code), (b.lost, b.code)));
        let lost: Vec<(String, f64)> = all.into_iter().map(|l| (l.code.to_owned(), l.lost)).collect();
        let want = [("1.1.10", 1.0), ("1.1.1", 0.5), ("1.1.2", 0.5)].map(|(c, l)| (c.to_owned(), l));
        assert_eq!(lost, want);
    }

    #[test]
    fn not_applicable_items_leave_numerator_and_denominator() {
        let items = [
            item("VP", "1.1.1", 2.0, Mark::Points(1.5)),
            item("VP", "1.1.2", 2.0, Mark::Points(2.0)),
            item("VP", "1.1.3", 6.0, Mark::NotApplicable),
        ];
        // 3.5 of 4, not 3.5 of 10.
        assert!(close(normalise(&items), 87.5));
        let t = total(&items);
        assert_eq!((t.scored, t.not_applicable, t.pending), (2, 1, 0));
        assert_eq!(t.max, 4.0);
    }

    #[test]
    fn pending_items_are_counted_but_not_scored() {
        let items = [item("VP", "1.1.1", 2.0, Mark::Points(1.0)), item("VP", "1.1.2", 2.0, Mark::Pending)];
        let t = total(&items);
        assert!(close(t.score100(), 50.0));
        assert!(!t.is_complete());
        assert_eq!(t.pending, 1);
    }

    #[test]
    fn nothing_to_score_gives_no_total() {
        assert_eq!(normalise(&[]), None);
        assert_eq!(normalise(&[item("VP", "1.1.3", 2.0, Mark::NotApplicable)]), None);
        // A zero score is a score, not "nothing".
        assert!(close(normalise(&[item("VP", "1.1.3", 2.0, Mark::Points(0.0))]), 0.0));
    }

    #[test]
    fn fields_are_grouped_and_ordered_numerically() {
        let items = [
            item("VP", "1.10.1", 1.0, Mark::Points(1.0)),
            item("VP", "1.6.1.2", 2.0, Mark::Points(1.0)),
            item("KT", "1.6.2.1", 2.0, Mark::Points(2.0)),
            item("VP", "1.2.1", 1.0, Mark::NotApplicable),
        ];
        let by_field = totals_by_field(&items);
        let keys: Vec<&str> = by_field.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["1.2", "1.6", "1.10"]);
        assert!(close(by_field[1].1.score100(), 75.0));
        assert_eq!(by_field[0].1.score100(), None);
    }

    #[test]
    fn officials_answer_for_their_items_across_units() {
        let items = [
            item("VHXH", "1.4.4", 1.0, Mark::Points(1.0)),
            item("TTDVC", "1.4.4", 1.0, Mark::Points(0.0)),
            item("VHXH", "1.5.1", 2.0, Mark::Points(1.0)),
            item("TTDVC", "1.6.3.1", 2.0, Mark::NotApplicable),
            item("VP", "1.1.5", 2.0, Mark::Points(2.0)),
        ];
        let r = |unit: &str, code: &str, official: &str| Responsibility {
            unit: unit.into(),
            code: code.into(),
            official: official.into(),
        };
        let responsibilities = [
            r("VHXH", "1.4.4", "CB11"),
            r("VHXH", "1.5.1", "CB11"),
            r("TTDVC", "1.4.4", "CB16"),
            r("TTDVC", "1.6.3.1", "CB16"),
        ];
        let by_official = totals_by_official(&items, &responsibilities);
        assert_eq!(by_official.len(), 2, "VP's unassigned item counts for nobody");
        let (code, cb11) = &by_official[0];
        assert_eq!(code, "CB11");
        // 1 + 1 of 1 + 2 at VHXH.
        assert_eq!(cb11.score100(), Some(66.67));
        let (code, cb16) = &by_official[1];
        assert_eq!(code, "CB16");
        // 0 of 1 at TTDVC; the N/A item leaves the total.
        assert!(close(cb16.score100(), 0.0));
        assert_eq!(cb16.not_applicable, 1);
    }

    #[test]
    fn item_kinds_match_round_kinds() {
        assert!(check_item_for_round("r", RoundKind::Dot1, NodeKind::Periodic, "1.1.1").is_ok());
        assert!(check_item_for_round("r", RoundKind::DotXuat, NodeKind::Adhoc, "2.2").is_ok());
        let err = check_item_for_round("2026-dot1", RoundKind::Dot1, NodeKind::Adhoc, "2.1").unwrap_err();
        assert!(err.contains("dot-xuat"), "{err}");
        let err = check_item_for_round("2026-dx1", RoundKind::DotXuat, NodeKind::Periodic, "1.3.1").unwrap_err();
        assert!(err.contains("2.2"), "{err}");
    }

    #[test]
    fn units_and_the_ward() {
        let items = [
            item("VP", "1.1.5", 2.0, Mark::Points(2.0)),
            item("KT", "1.6.1.1", 3.0, Mark::Points(1.5)),
            item("KT", "1.6.1.2", 3.0, Mark::NotApplicable),
        ];
        let by_unit = totals_by_unit(&items);
        assert_eq!(by_unit[0].0, "KT");
        assert!(close(by_unit[0].1.score100(), 50.0));
        assert!(close(by_unit[1].1.score100(), 100.0));
        // The ward pools every unit's items: 3.5 of 5.
        assert!(close(normalise(&items), 70.0));
    }
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod boundary_tests;
