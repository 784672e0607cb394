//! Year-end rules on the 100-point results: ranking with ties, and the share cap on the top classification band.

use serde::{Deserialize, Serialize};

use super::catalogue::Classification;

/// The share the catalogue allows when it names none (NĐ 335/2025/NĐ-CP: at most 20% of those in the band below).
pub const DEFAULT_TOP_BAND_CAP_PERCENT: f64 = 20.0;

/// Where the decree sets the share (NĐ 335/2025/NĐ-CP), quoted with the rule.
pub const CAP_ARTICLE: &str = "Điều 20 khoản 5 điểm a";

/// Competition ranking ("1, 2, 2, 4"): equal scores (to two decimals) share a rank and the next rank skips;
/// items without a score get none. Returns one rank per input, in input order.
pub fn ranks(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    let key = |s: f64| (s * 100.0).round() as i64;
    // A rank is one more than how many scores are better: found by halving the keys sorted best first, not by
    // counting them for every score (a national year ranks tens of thousands of units).
    let mut sorted: Vec<i64> = scores.iter().flatten().map(|s| key(*s)).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    scores
        .iter()
        .map(|score| {
            let own = key((*score)?);
            let better = sorted.partition_point(|other| *other > own);
            u32::try_from(better + 1).ok()
        })
        .collect()
}

/// What the top band's share is counted on (NĐ 335/2025/NĐ-CP, Điều 20 khoản 5 điểm a: "không quá 20% tổng số …
/// được xếp loại Hoàn thành tốt nhiệm vụ"); the other reading counts everyone rated tốt or better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapBase {
    /// Of those rated in the band below the top (the decree's words): each person moved down joins that band.
    #[serde(rename = "tot")]
    Tot,
    /// Of those rated in the top band or the one below it.
    #[serde(rename = "tot-tro-len")]
    TotTroLen,
}

/// The cap on the top band of one group of officials, stated for the people who decide, never as a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapCheck {
    pub top_band: String,
    pub below_band: String,
    /// How many the scores propose in the top band and the band below.
    pub top_count: usize,
    pub below_count: usize,
    pub cap_percent: f64,
    pub base: CapBase,
    /// The largest number the cap allows in the top band, counted consistently: under `CapBase::Tot` those moved
    /// down join the band below and so count in its base.
    pub allowed: usize,
}

impl CapBase {
    /// As the catalogue writes it: `top_band_cap_base = "tot" | "tot-tro-len"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CapBase::Tot => "tot",
            CapBase::TotTroLen => "tot-tro-len",
        }
    }

    pub fn parse(text: &str) -> Option<CapBase> {
        [CapBase::Tot, CapBase::TotTroLen].into_iter().find(|b| b.as_str() == text.trim())
    }
}

impl CapCheck {
    /// More are proposed than the cap allows: the Chairman must decide who stays in the top band.
    pub fn exceeded(&self) -> bool {
        self.top_count > self.allowed
    }
}

/// The largest `kept` (≤ `top`) with `kept` ≤ the whole part of `percent` % of its base: `below + top - kept` (those
/// moved down join the band below) or `below + top`. Never rounded up: 20 % of 13 people is 2,6, so 2.
pub fn cap_allowed(top: usize, below: usize, percent: f64, base: CapBase) -> usize {
    (0..=top)
        .rev()
        .find(|kept| {
            let base = match base {
                CapBase::Tot => below + top - kept,
                CapBase::TotTroLen => below + top,
            };
            // Counts are small: the float product is exact enough; the epsilon keeps 20 % of 10 at 2.
            *kept as f64 <= (base as f64 * percent / 100.0 + 1e-9).floor()
        })
        .unwrap_or(0)
}

/// The cap on the top band for the proposed bands of one group (one band code per official); `None` when no one
/// is proposed for the top band.
pub fn top_band_cap(classification: &Classification, proposed: &[&str], base: CapBase) -> Option<CapCheck> {
    let [top, below, ..] = classification.bands.as_slice() else {
        return None;
    };
    let cap_percent = classification.top_band_cap_percent.unwrap_or(DEFAULT_TOP_BAND_CAP_PERCENT);
    let count = |code: &str| proposed.iter().filter(|p| **p == code).count();
    let (top_count, below_count) = (count(&top.code), count(&below.code));
    (top_count > 0).then(|| CapCheck {
        top_band: top.name.clone(),
        below_band: below.name.clone(),
        top_count,
        below_count,
        cap_percent,
        base,
        allowed: cap_allowed(top_count, below_count, cap_percent, base),
    })
}

/// A proposal resting on too little to stand on its own: fewer than a third of the unit's scored items, or items
/// worth under 10 points in all. The report says so in the row.
pub fn thin_basis(items: usize, unit_items: usize, max_points: f64) -> bool {
    items * 3 < unit_items || max_points < 10.0 - 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::Band;

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let scores = [Some(80.0), Some(95.5), None, Some(80.004), Some(70.0), Some(95.5)];
        assert_eq!(ranks(&scores), [Some(3), Some(1), None, Some(3), Some(5), Some(1)]);
        assert_eq!(ranks(&[]), Vec::<Option<u32>>::new());
        assert_eq!(ranks(&[None, None]), [None, None]);
    }

    #[test]
    fn scores_apart_in_the_second_decimal_do_not_tie() {
        assert_eq!(ranks(&[Some(80.0), Some(80.01), Some(79.99)]), [Some(2), Some(1), Some(3)]);
    }

    use proptest::prelude::Strategy;

    proptest::proptest! {
        /// The rank is, by definition, one more than the number of scores better to two decimals.
        #[test]
        fn a_rank_is_one_more_than_the_scores_better(
            // Steps of half a hundredth: neighbours tie to two decimals, or not, as rounding takes them.
            scores in proptest::collection::vec(proptest::option::of((0u32..400).prop_map(|n| f64::from(n) * 0.005)), 0..60),
        ) {
            let key = |s: f64| (s * 100.0).round() as i64;
            let counted: Vec<Option<u32>> = scores
                .iter()
                .map(|s| {
                    let own = key((*s)?);
                    Some(scores.iter().flatten().filter(|o| key(**o) > own).count() as u32 + 1)
                })
                .collect();
            proptest::prop_assert_eq!(ranks(&scores), counted);
        }
    }

    fn classification(cap: Option<f64>) -> Classification {
        let band = |code: &str, min, max| Band { code: code.into(), name: format!("Mức {code}"), min, max };
        Classification {
            basis: "NĐ 335/2025/NĐ-CP".into(),
            top_band_cap_percent: cap,
            top_band_cap_base: None,
            bands: vec![band("xs", 90.0, 100.0), band("tot", 70.0, 90.0), band("ht", 50.0, 70.0)],
        }
    }

    #[test]
    fn nine_top_and_seven_below_allow_two_or_three_by_the_reading() {
        let mut proposed = vec!["xs"; 9];
        proposed.extend(["tot"; 7]);
        let c = classification(None);
        let decree = top_band_cap(&c, &proposed, CapBase::Tot).expect("some are proposed on top");
        assert_eq!((decree.top_count, decree.below_count, decree.allowed), (9, 7, 2));
        assert!(decree.exceeded());
        assert_eq!(top_band_cap(&c, &proposed, CapBase::TotTroLen).map(|c| c.allowed), Some(3));
        assert_eq!(top_band_cap(&c, &["tot", "ht"], CapBase::Tot), None, "no one on top: nothing to state");
    }

    #[test]
    fn cap_takes_the_whole_part_never_rounds_up() {
        // "tốt trở lên": the base is fixed; 20 % of 16, 17, 18, 19 is 3,2 3,4 3,6 3,8: always 3.
        for (base, fraction) in [(16, ".2"), (17, ".4"), (18, ".6"), (19, ".8")] {
            assert_eq!(cap_allowed(10, base - 10, 20.0, CapBase::TotTroLen), 3, "20 % of {base} is 3{fraction}");
        }
        assert_eq!(cap_allowed(10, 10, 20.0, CapBase::TotTroLen), 4, "20 % of 20 is exactly 4");
        // "tốt": keeping k moves top − k down. 9 + 7: keeping 3 leaves 13 tốt (2,6: too few), keeping 2 leaves
        // 14 (2,8): 2. Rounding 2,6 up would allow 3.
        assert_eq!(cap_allowed(9, 7, 20.0, CapBase::Tot), 2);
        // 4 + 12: keeping 3 leaves 13 (2,6): no; keeping 2 leaves 14 (2,8): 2.
        assert_eq!(cap_allowed(4, 12, 20.0, CapBase::Tot), 2);
        // 1 + 11: keeping 1 leaves 11 tốt (2,2): 1. 1 + 6: 6 tốt (1,2): 1. 1 + 3: 3 tốt (0,6): none.
        assert_eq!(cap_allowed(1, 11, 20.0, CapBase::Tot), 1);
        assert_eq!(cap_allowed(1, 6, 20.0, CapBase::Tot), 1);
        assert_eq!(cap_allowed(1, 3, 20.0, CapBase::Tot), 0, "20 % of 3 is 0,6: rounding would allow 1");
        // 2 + 7: keeping 2 leaves 7 (1,4): no; keeping 1 leaves 8 (1,6): 1. 2 + 17: 17 (3,4): 2.
        assert_eq!(cap_allowed(2, 7, 20.0, CapBase::Tot), 1);
        assert_eq!(cap_allowed(2, 17, 20.0, CapBase::Tot), 2);
        assert_eq!(cap_allowed(3, 7, 20.0, CapBase::Tot), 1, "keeping 2 leaves 8 (1,6); keeping 1 leaves 9 (1,8)");
        assert_eq!(cap_allowed(2, 8, 20.0, CapBase::Tot), 1, "keeping 2 leaves 8 (1,6); keeping 1 leaves 9 (1,8)");
    }

    #[test]
    fn a_proposal_on_few_items_or_few_points_is_thin() {
        assert!(thin_basis(3, 13, 25.0), "3 of 13 is under a third");
        assert!(!thin_basis(5, 13, 25.0));
        assert!(thin_basis(5, 13, 9.5), "under 10 points");
        assert!(!thin_basis(5, 15, 10.0), "a third and 10 points exactly are enough");
    }

    #[test]
    fn the_catalogue_names_the_reading() {
        assert_eq!(CapBase::parse("tot"), Some(CapBase::Tot));
        assert_eq!(CapBase::parse(" tot-tro-len "), Some(CapBase::TotTroLen));
        assert_eq!(CapBase::parse("tốt"), None);
    }

    #[test]
    fn the_catalogue_sets_the_cap() {
        let c = classification(Some(50.0));
        assert_eq!(top_band_cap(&c, &["xs", "tot", "tot"], CapBase::Tot).map(|c| c.exceeded()), Some(false));
        assert_eq!(top_band_cap(&c, &["xs", "xs", "tot", "tot"], CapBase::Tot).map(|c| c.exceeded()), Some(true));
    }
}
