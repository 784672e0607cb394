//! The criteria catalogue (bộ tiêu chí): a versioned tree of what is inspected, with points and rubrics.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::code;
use super::suggest::{self, Cutoff};
use super::text::fold;

/// The ward's default catalogue, compiled in so that a fresh install works with no files.
pub const DEFAULT_TOML: &str = include_str!("../../criteria/mac-dinh-2026.toml");
pub const DEFAULT_FILE_NAME: &str = "criteria/mac-dinh-2026.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Periodic,
    Adhoc,
}

impl NodeKind {
    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Periodic => "định kỳ",
            NodeKind::Adhoc => "đột xuất",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub label: String,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    pub at_least: f64,
    pub points: f64,
}

/// How a score is derived from what a unit reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", try_from = "TaggedRubric")]
pub enum Rubric {
    Levels { levels: Vec<Level> },
    Ratio { thresholds: Vec<Threshold> },
}

/// A rubric as it is serialized (`{"type": "levels", "levels": […]}`), read field by field: serde's own reading of
/// an internally tagged enum first copies the whole object, and the kept catalogue (`store::catalogue_parsed`) has
/// one rubric per item, read on every command.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaggedRubric {
    #[serde(rename = "type")]
    kind: RubricKind,
    levels: Option<Vec<Level>>,
    thresholds: Option<Vec<Threshold>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum RubricKind {
    Levels,
    Ratio,
}

impl TryFrom<TaggedRubric> for Rubric {
    type Error = &'static str;

    fn try_from(t: TaggedRubric) -> Result<Self, Self::Error> {
        match (t.kind, t.levels, t.thresholds) {
            (RubricKind::Levels, Some(levels), None) => Ok(Rubric::Levels { levels }),
            (RubricKind::Ratio, None, Some(thresholds)) => Ok(Rubric::Ratio { thresholds }),
            _ => Err("rubric: the fields do not match its type"),
        }
    }
}

impl Rubric {
    /// Points for a reported percentage: the highest threshold met. Only ratio rubrics compute points.
    pub fn points_for_percent(&self, percent: f64) -> Option<f64> {
        match self {
            Rubric::Ratio { thresholds } => {
                thresholds.iter().filter(|t| percent + 1e-9 >= t.at_least).map(|t| t.points).reduce(f64::max)
            }
            Rubric::Levels { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub code: String,
    pub title: String,
    pub kind: NodeKind,
    pub max_points: f64,
    pub unit: Option<String>,
    pub evidence: Vec<String>,
    pub rubric: Option<Rubric>,
    pub note: Option<String>,
    pub parent: Option<String>,
    pub is_leaf: bool,
    /// The code this item had in an earlier version (`replaces = "1.3.7"`), so year-to-year comparisons follow it.
    pub replaces: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub code: String,
    pub name: String,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub basis: String,
    pub top_band_cap_percent: Option<f64>,
    /// What the top band's share is counted on (`top_band_cap_base`); `None`: the decree's reading, `Tot`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_band_cap_base: Option<super::classification::CapBase>,
    /// Best first; `min` inclusive, `max` exclusive except for the top band.
    pub bands: Vec<Band>,
}

impl Classification {
    /// The band a score on the 100-point scale falls in.
    pub fn band_for(&self, score: f64) -> Option<&Band> {
        let top = self.bands.iter().map(|b| b.max).fold(f64::MIN, f64::max);
        self.bands
            .iter()
            .find(|b| score >= b.min - 1e-9 && (score < b.max - 1e-9 || (b.max == top && score <= top + 1e-9)))
    }
}

/// Serialized as the parsed form the store keeps beside the TOML (`store::catalogues`); read back through
/// `Catalogue::new`, which rebuilds the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Parts")]
pub struct Catalogue {
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: String,
    pub legal_basis: Vec<String>,
    pub classification: Classification,
    /// Pre-order: every parent before its children, siblings in code order.
    pub nodes: Vec<Node>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// What a serialized catalogue holds: every field but the index.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parts {
    id: String,
    version: String,
    title: String,
    description: String,
    legal_basis: Vec<String>,
    classification: Classification,
    nodes: Vec<Node>,
}

impl From<Parts> for Catalogue {
    fn from(p: Parts) -> Self {
        Catalogue::new(p.id, p.version, p.title, p.description, p.legal_basis, p.classification, p.nodes)
    }
}

impl Catalogue {
    pub fn new(
        id: String,
        version: String,
        title: String,
        description: String,
        legal_basis: Vec<String>,
        classification: Classification,
        mut nodes: Vec<Node>,
    ) -> Self {
        nodes.sort_by(|a, b| code::compare(&a.code, &b.code));
        let index = nodes.iter().enumerate().map(|(i, n)| (n.code.clone(), i)).collect();
        Self { id, version, title, description, legal_basis, classification, nodes, index }
    }

    pub fn get(&self, code: &str) -> Option<&Node> {
        self.index.get(code).map(|&i| &self.nodes[i])
    }

    pub fn children<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.nodes.iter().filter(move |n| n.parent.as_deref() == Some(code))
    }

    /// Assessable items (leaves), in code order.
    pub fn leaves(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.is_leaf)
    }

    /// Fields (lĩnh vực): the second level, `1.1` … `1.7` and `2.1`, `2.2`.
    pub fn fields(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| code::depth(&n.code) == 2)
    }

    /// Leaves under `code` (itself when it is a leaf).
    pub fn leaves_under<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.leaves().filter(move |n| n.code == code || n.code.starts_with(&format!("{code}.")))
    }

    /// Looks up a leaf that a user named; the error suggests the nearest valid code.
    pub fn leaf(&self, code: &str) -> Result<&Node, String> {
        match self.get(code) {
            Some(node) if node.is_leaf => Ok(node),
            Some(node) => Err(format!(
                "«{code}» là nhóm «{}», không phải nội dung chấm điểm; hãy dùng một mã con, ví dụ {}",
                node.title,
                self.leaves_under(code).next().map(|n| n.code.as_str()).unwrap_or("?")
            )),
            None => Err(self.unknown_code(code)),
        }
    }

    pub fn unknown_code(&self, code: &str) -> String {
        match self.nearest_code(code) {
            Some(near) => format!("không có tiêu chí mã «{code}» trong bộ tiêu chí {}; có phải «{near}»?", self.id),
            None => format!("không có tiêu chí mã «{code}» trong bộ tiêu chí {}", self.id),
        }
    }

    /// The closest existing code by edit distance, preferring codes in the same field.
    pub fn nearest_code(&self, code: &str) -> Option<&str> {
        let wanted = code.trim();
        let same_field = |n: &&Node| code::field(&n.code) == code::field(wanted);
        let first = self.nodes.iter().filter(same_field);
        let then = self.nodes.iter().filter(|n| !same_field(n));
        suggest::nearest(wanted, first.chain(then).map(|n| n.code.as_str()), Cutoff::Edits)
    }

    /// Nodes whose code or folded title contains the query (for `criteria show` by words).
    pub fn search(&self, query: &str) -> Vec<&Node> {
        let folded = fold(query);
        self.nodes
            .iter()
            .filter(|n| n.code == query || (!folded.is_empty() && fold(&n.title).contains(&folded)))
            .collect()
    }

    /// Sum of the leaves' points under a node (what a group "should" total).
    pub fn sum_of_leaves(&self, code: &str) -> f64 {
        self.leaves_under(code).map(|n| n.max_points).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands() -> Classification {
        let band = |code: &str, min, max| Band { code: code.into(), name: code.into(), min, max };
        Classification {
            basis: "NĐ 335/2025/NĐ-CP".into(),
            top_band_cap_percent: Some(20.0),
            top_band_cap_base: None,
            bands: vec![
                band("xs", 90.0, 100.0),
                band("tot", 70.0, 90.0),
                band("ht", 50.0, 70.0),
                band("kht", 0.0, 50.0),
            ],
        }
    }

    #[test]
    fn band_lookup_at_the_edges() {
        let c = bands();
        let code = |s: f64| c.band_for(s).map(|b| b.code.as_str());
        assert_eq!(code(100.0), Some("xs"));
        assert_eq!(code(90.0), Some("xs"));
        assert_eq!(code(89.99), Some("tot"));
        assert_eq!(code(70.0), Some("tot"));
        assert_eq!(code(69.5), Some("ht"));
        assert_eq!(code(50.0), Some("ht"));
        assert_eq!(code(49.9), Some("kht"));
        assert_eq!(code(0.0), Some("kht"));
        assert_eq!(code(100.5), None);
    }

    #[test]
    fn ratio_rubric_takes_the_highest_threshold_met() {
        let rubric = Rubric::Ratio {
            thresholds: vec![
                Threshold { at_least: 95.0, points: 3.0 },
                Threshold { at_least: 80.0, points: 2.0 },
                Threshold { at_least: 0.0, points: 0.0 },
            ],
        };
        assert_eq!(rubric.points_for_percent(96.0), Some(3.0));
        assert_eq!(rubric.points_for_percent(95.0), Some(3.0));
        assert_eq!(rubric.points_for_percent(94.9), Some(2.0));
        assert_eq!(rubric.points_for_percent(10.0), Some(0.0));
        assert_eq!(Rubric::Levels { levels: vec![] }.points_for_percent(50.0), None);
    }
}

#[cfg(test)]
#[path = "catalogue_tests.rs"]
mod boundary_tests;
