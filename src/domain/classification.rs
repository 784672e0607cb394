//! Year-end rules on the 100-point results: ranking with ties, and the share cap on the top classification band.

use serde::Serialize;

use super::catalogue::Classification;

/// The share the catalogue allows when it names none (NĐ 335/2025/NĐ-CP: at most 20% of those in the band below).
pub const DEFAULT_TOP_BAND_CAP_PERCENT: f64 = 20.0;

/// Competition ranking ("1, 2, 2, 4"): equal scores (to two decimals) share a rank and the next rank skips;
/// items without a score get none. Returns one rank per input, in input order.
pub fn ranks(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    let key = |s: f64| (s * 100.0).round() as i64;
    scores
        .iter()
        .map(|score| {
            let own = key((*score)?);
            let better = scores.iter().flatten().filter(|other| key(**other) > own).count();
            u32::try_from(better + 1).ok()
        })
        .collect()
}

/// Too many proposed for the top band compared with the band below it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapWarning {
    pub top_band: String,
    pub below_band: String,
    pub top_count: usize,
    pub below_count: usize,
    pub cap_percent: f64,
    /// How many the cap allows in the top band.
    pub allowed: usize,
}

/// Checks the proposed bands (one band code per official) against the catalogue's cap on the top band.
pub fn check_top_band_cap(classification: &Classification, proposed: &[&str]) -> Option<CapWarning> {
    let [top, below, ..] = classification.bands.as_slice() else {
        return None;
    };
    let cap_percent = classification.top_band_cap_percent.unwrap_or(DEFAULT_TOP_BAND_CAP_PERCENT);
    let count = |code: &str| proposed.iter().filter(|p| **p == code).count();
    let (top_count, below_count) = (count(&top.code), count(&below.code));
    // Counts are small: the float product is exact enough; the epsilon keeps 20% of 10 at 2.
    let allowed = (below_count as f64 * cap_percent / 100.0 + 1e-9).floor() as usize;
    (top_count > allowed).then(|| CapWarning {
        top_band: top.name.clone(),
        below_band: below.name.clone(),
        top_count,
        below_count,
        cap_percent,
        allowed,
    })
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

    fn classification(cap: Option<f64>) -> Classification {
        let band = |code: &str, min, max| Band { code: code.into(), name: format!("Mức {code}"), min, max };
        Classification {
            basis: "NĐ 335/2025/NĐ-CP".into(),
            top_band_cap_percent: cap,
            bands: vec![band("xs", 90.0, 100.0), band("tot", 70.0, 90.0), band("ht", 50.0, 70.0)],
        }
    }

    #[test]
    fn top_band_may_hold_a_fifth_of_the_band_below() {
        let c = classification(None);
        let mut proposed = vec!["tot"; 10];
        proposed.extend(["xs", "xs", "ht"]);
        assert_eq!(check_top_band_cap(&c, &proposed), None, "2 of 10 is exactly 20%");
        proposed.push("xs");
        let warning = check_top_band_cap(&c, &proposed).expect("3 of 10 is over the cap");
        assert_eq!((warning.top_count, warning.below_count, warning.allowed), (3, 10, 2));
        assert_eq!((warning.top_band.as_str(), warning.cap_percent), ("Mức xs", 20.0));
        assert!(check_top_band_cap(&c, &["xs"]).is_some(), "none in the band below allows none on top");
        assert_eq!(check_top_band_cap(&c, &["tot", "ht"]), None);
    }

    #[test]
    fn the_catalogue_sets_the_cap() {
        let c = classification(Some(50.0));
        assert_eq!(check_top_band_cap(&c, &["xs", "tot", "tot"]), None);
        assert!(check_top_band_cap(&c, &["xs", "xs", "tot", "tot"]).is_some());
    }
}
