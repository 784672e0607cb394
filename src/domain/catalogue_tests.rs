//! Boundary tests of the catalogue rules: classification bands at 50/70/90 exactly, just below and just above;
//! ratio rubric thresholds likewise; lookups in the shipped catalogue.

use super::*;
use crate::domain::catalogue_parse::parse;

fn shipped() -> Catalogue {
    parse(DEFAULT_FILE_NAME, DEFAULT_TOML).expect("the shipped catalogue parses")
}

fn band(c: &Classification, score: f64) -> Option<&str> {
    c.band_for(score).map(|b| b.code.as_str())
}

#[test]
fn bands_change_exactly_at_50_70_90() {
    let c = shipped().classification;
    let codes: Vec<&str> = c.bands.iter().map(|b| b.code.as_str()).collect();
    let at = |score| band(&c, score);
    // At each boundary the upper band; a hundredth below (as scores are shown) the lower one.
    for (boundary, upper, lower) in [(90.0, codes[0], codes[1]), (70.0, codes[1], codes[2]), (50.0, codes[2], codes[3])]
    {
        assert_eq!(at(boundary), Some(upper), "at {boundary}");
        assert_eq!(at(boundary + 0.01), Some(upper), "just above {boundary}");
        assert_eq!(at(boundary - 0.01), Some(lower), "just below {boundary}");
        // The float noise of a ratio shown as the boundary keeps it there.
        assert_eq!(at(boundary - 1e-12), Some(upper), "{boundary} minus float noise");
    }
    assert_eq!((at(100.0), at(0.0)), (Some(codes[0]), Some(codes[3])));
    assert_eq!(at(100.0 + 1e-12), Some(codes[0]), "100 plus float noise is still the top band");
    assert_eq!((at(100.01), at(-0.01)), (None, None), "outside the scale");
}

#[test]
fn a_band_that_is_not_the_top_excludes_its_max() {
    let band = |code: &str, min, max| Band { code: code.into(), name: code.into(), min, max };
    // A gap above 80: 80 is not in "b" (max exclusive), and nothing covers 80..90 but the top band from 90.
    let c = Classification {
        basis: String::new(),
        top_band_cap_percent: None,
        top_band_cap_base: None,
        bands: vec![band("a", 90.0, 100.0), band("b", 60.0, 80.0)],
    };
    assert_eq!(c.band_for(80.0), None);
    assert_eq!(c.band_for(80.0 - 1e-9), None, "within float noise of 80 is 80");
    assert_eq!(c.band_for(80.0 - 2e-9).map(|b| b.code.as_str()), Some("b"), "just beyond the noise");
    assert_eq!(c.band_for(79.99).map(|b| b.code.as_str()), Some("b"));
    assert_eq!(c.band_for(59.99), None);
}

#[test]
fn ratio_thresholds_at_just_below_and_just_above() {
    let rubric = Rubric::Ratio {
        thresholds: vec![
            Threshold { at_least: 80.0, points: 2.0 },
            Threshold { at_least: 95.0, points: 3.0 },
            Threshold { at_least: 50.0, points: 1.0 },
        ],
    };
    let points = |p| rubric.points_for_percent(p);
    assert_eq!(points(95.0), Some(3.0), "unordered thresholds: the highest met");
    assert_eq!(points(95.0 - 1e-12), Some(3.0), "float noise under a threshold meets it");
    assert_eq!(points(94.99), Some(2.0));
    assert_eq!(points(95.01), Some(3.0));
    assert_eq!(points(80.0), Some(2.0));
    assert_eq!(points(79.99), Some(1.0));
    assert_eq!(points(50.0), Some(1.0));
    assert_eq!(points(49.99), None, "below every threshold: no points computed");
    assert_eq!(Rubric::Ratio { thresholds: vec![] }.points_for_percent(100.0), None);
}

#[test]
fn lookups_in_the_shipped_catalogue() {
    let c = shipped();
    assert_eq!(c.get("1.1").map(|n| n.title.as_str()), Some("Công tác chỉ đạo, điều hành"));
    assert!(c.get("9.9").is_none());
    let children: Vec<&str> = c.children("1.1").map(|n| n.code.as_str()).take(3).collect();
    assert_eq!(children, ["1.1.1", "1.1.2", "1.1.3"]);
    assert!(c.leaves().all(|n| n.is_leaf) && c.leaves().count() > 50);
    assert!(c.fields().all(|n| code::depth(&n.code) == 2));
    assert!(c.fields().any(|n| n.code == "1.1") && c.fields().any(|n| n.code == "2.2"));
    assert_eq!(c.sum_of_leaves("1.1"), 12.0);
    assert_eq!(c.sum_of_leaves("1.1.1"), 2.0, "a leaf sums to itself");
    let under: Vec<&str> = c.leaves_under("1.1").map(|n| n.code.as_str()).collect();
    assert!(under.contains(&"1.1.1") && !under.iter().any(|u| !u.starts_with("1.1.")), "{under:?}");
    assert!(c.leaves_under("1.1").all(|n| n.code != "1.10"), "1.1 is not a prefix of 1.10");
}

#[test]
fn naming_a_leaf_a_group_or_nothing() {
    let c = shipped();
    assert_eq!(c.leaf("1.1.1").map(|n| n.code.as_str()), Ok("1.1.1"));
    let group = c.leaf("1.1").unwrap_err();
    assert!(group.contains("«1.1» là nhóm «Công tác chỉ đạo, điều hành»") && group.contains("1.1.1"), "{group}");
    let typo = c.leaf("1.1.11").unwrap_err();
    assert!(typo.contains("không có tiêu chí mã «1.1.11»") && typo.contains("có phải «1.1.1"), "{typo}");
    let nothing = c.unknown_code("zzzzzzzzzz");
    assert!(!nothing.contains("có phải"), "{nothing}");
    assert_eq!(c.nearest_code(" 1.1.1 "), Some("1.1.1"), "trimmed");
}

#[test]
fn a_code_in_a_field_that_does_not_exist_is_matched_against_every_field() {
    let c = shipped();
    assert_eq!(c.nearest_code("1.9.2"), Some("1.1.2"));
    assert!(c.unknown_code("1.9.2").ends_with("có phải «1.1.2»?"));
    assert_eq!(c.nearest_code("1.6.7"), Some("1.6.1"), "its own field first, before 1.1.7");
}

#[test]
fn search_by_code_or_folded_title() {
    let c = shipped();
    let found: Vec<&str> = c.search("1.1").iter().map(|n| n.code.as_str()).collect();
    assert_eq!(found, ["1.1"]);
    assert!(c.search("CONG TAC CHI DAO").iter().any(|n| n.code == "1.1"));
    assert!(c.search("").is_empty() && c.search("   ").is_empty());
}

#[test]
fn nodes_come_in_code_order_whatever_the_input() {
    let node = |code: &str| Node {
        code: code.into(),
        title: code.into(),
        kind: NodeKind::Periodic,
        max_points: 1.0,
        unit: None,
        evidence: vec![],
        rubric: None,
        note: None,
        parent: code::parent(code).map(str::to_owned),
        is_leaf: code.len() > 3,
        replaces: None,
    };
    let classification =
        Classification { basis: String::new(), top_band_cap_percent: None, top_band_cap_base: None, bands: vec![] };
    let nodes = ["1.10", "1.2.1", "1.2", "1.9"].map(node).to_vec();
    let c = Catalogue::new("x".into(), "1".into(), String::new(), String::new(), vec![], classification, nodes);
    let order: Vec<&str> = c.nodes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(order, ["1.2", "1.2.1", "1.9", "1.10"]);
    assert_eq!(c.get("1.9").map(|n| n.code.as_str()), Some("1.9"), "the index follows the sorted order");
    assert_eq!((NodeKind::Periodic.label(), NodeKind::Adhoc.label()), ("định kỳ", "đột xuất"));
}
