//! The score arithmetic the reports need, kept in this one file on purpose: issue 4 brings the same rules as
//! `domain::scoring` (100-point normalisation, per-official totals, overdue days), and the integrator swaps
//! these functions for those. Rules: a total is the sum of appraised points over the assessed items divided
//! by the sum of those items' maximum points, times 100; items marked not applicable (N/A) leave both.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

/// Points and maximum over the items that count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    pub points: f64,
    pub max: f64,
    /// Items with points.
    pub items: u32,
    /// Items marked not applicable (or, for self points, not given).
    pub not_applicable: u32,
}

impl Tally {
    /// Adds one item; `None` points = N/A: counted as such, left out of points and maximum.
    pub fn add(&mut self, points: Option<f64>, max: f64) {
        match points {
            Some(p) => {
                self.points += p;
                self.max += max;
                self.items += 1;
            }
            None => self.not_applicable += 1,
        }
    }

    /// On the 100-point scale; `None` when no item was assessed.
    pub fn score(&self) -> Option<f64> {
        self.scaled(100.0)
    }

    /// On a `scale`-point scale (a field's maximum), rounded to two decimals.
    pub fn scaled(&self, scale: f64) -> Option<f64> {
        (self.items > 0 && self.max > 0.0).then(|| round2(self.points / self.max * scale))
    }
}

/// Two decimals, half away from zero, as scores are written by hand.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// One (unit, item) of a round with the points given to it and the item's maximum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored<'a> {
    pub unit: &'a str,
    pub criterion: &'a str,
    /// `None`: not applicable.
    pub points: Option<f64>,
    pub max: f64,
}

/// The total over all the given items.
pub fn total(scored: &[Scored]) -> Tally {
    let mut tally = Tally::default();
    scored.iter().for_each(|s| tally.add(s.points, s.max));
    tally
}

/// Totals grouped by a key of each scored item (unit, field, …).
pub fn tally_by<'a, K: Ord>(scored: &[Scored<'a>], key: impl Fn(&Scored<'a>) -> K) -> BTreeMap<K, Tally> {
    let mut out: BTreeMap<K, Tally> = BTreeMap::new();
    for s in scored {
        out.entry(key(s)).or_default().add(s.points, s.max);
    }
    out
}

/// Totals per official over the items assigned to them (`(criterion, unit)` → official) for the units they
/// answer for; items without an assigned official count for nobody.
pub fn by_official(scored: &[Scored], assigned: &HashMap<(&str, &str), &str>) -> BTreeMap<String, Tally> {
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for s in scored {
        if let Some(official) = assigned.get(&(s.criterion, s.unit)) {
            out.entry((*official).to_owned()).or_default().add(s.points, s.max);
        }
    }
    out
}

/// Points an item cost (maximum − points given).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loss {
    pub criterion: String,
    pub unit_code: String,
    pub max: f64,
    pub points: f64,
    pub lost: f64,
}

/// The items that cost points, biggest loss first (then by code); N/A items cost nothing.
pub fn losses(scored: &[Scored]) -> Vec<Loss> {
    let mut out: Vec<Loss> = scored
        .iter()
        .filter_map(|s| {
            let points = s.points?;
            let lost = round2(s.max - points);
            (lost > 0.0).then(|| Loss {
                criterion: s.criterion.to_owned(),
                unit_code: s.unit.to_owned(),
                max: s.max,
                points,
                lost,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.lost.total_cmp(&a.lost).then_with(|| crate::domain::code::compare(&a.criterion, &b.criterion))
    });
    out
}

/// Days past the due date of a finding not yet remediated (`mo`, `dang-khac-phuc`); overdue is never stored.
pub fn days_overdue(due: Option<NaiveDate>, status: &str, as_of: NaiveDate) -> Option<i64> {
    let open = matches!(status, "mo" | "dang-khac-phuc");
    let days = (as_of - due?).num_days();
    (open && days > 0).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s<'a>(unit: &'a str, criterion: &'a str, points: Option<f64>, max: f64) -> Scored<'a> {
        Scored { unit, criterion, points, max }
    }

    #[test]
    fn not_applicable_items_leave_numerator_and_denominator() {
        let mut t = Tally::default();
        t.add(Some(1.5), 2.0);
        t.add(None, 4.0);
        t.add(Some(3.0), 3.0);
        assert_eq!((t.points, t.max, t.items, t.not_applicable), (4.5, 5.0, 2, 1));
        assert_eq!(t.score(), Some(90.0));
        assert_eq!(t.scaled(12.0), Some(10.8));
        let mut only_na = Tally::default();
        only_na.add(None, 2.0);
        assert_eq!(only_na.score(), None);
    }

    #[test]
    fn officials_count_the_items_assigned_to_them_for_their_unit() {
        let scored = [
            s("VP", "1.1.1", Some(1.0), 2.0),
            s("KT", "1.1.1", Some(2.0), 2.0),
            s("VP", "1.1.2", None, 2.0),
            s("VP", "1.1.3", Some(0.5), 1.0),
        ];
        let assigned = HashMap::from([(("1.1.1", "VP"), "CB01"), (("1.1.2", "VP"), "CB01"), (("1.1.1", "KT"), "CB06")]);
        let totals = by_official(&scored, &assigned);
        assert_eq!(totals["CB01"].score(), Some(50.0));
        assert_eq!(totals["CB01"].not_applicable, 1);
        assert_eq!(totals["CB06"].score(), Some(100.0));
        assert_eq!(totals.len(), 2, "1.1.3 has no official");
    }

    #[test]
    fn biggest_losses_first() {
        let scored =
            [s("VP", "1.1.2", Some(1.5), 2.0), s("VP", "1.1.10", Some(0.0), 1.0), s("VP", "1.1.1", Some(1.0), 1.5)];
        let lost: Vec<(String, f64)> = losses(&scored).into_iter().map(|l| (l.criterion, l.lost)).collect();
        assert_eq!(lost, [("1.1.10".to_owned(), 1.0), ("1.1.1".to_owned(), 0.5), ("1.1.2".to_owned(), 0.5)]);
    }

    #[test]
    fn overdue_only_while_open_and_past_due() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day);
        assert_eq!(days_overdue(d(20), "mo", d(28).unwrap()), Some(8));
        assert_eq!(days_overdue(d(20), "dang-khac-phuc", d(28).unwrap()), Some(8));
        assert_eq!(days_overdue(d(28), "mo", d(28).unwrap()), None);
        assert_eq!(days_overdue(d(20), "da-khac-phuc", d(28).unwrap()), None);
        assert_eq!(days_overdue(None, "mo", d(28).unwrap()), None);
    }
}
