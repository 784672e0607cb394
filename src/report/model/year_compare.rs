//! The year report's comparison with the year before: each unit and field over the items both years assess, the
//! items that are new, and the findings still open when the year began.

use serde::Serialize;

use super::FindingView;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearComparison {
    pub previous_year: i32,
    /// None when the year before has no appraised round to compare with.
    pub scores: Option<ScoreComparison>,
    /// Findings of earlier years not verified as remediated when the year began, under their own ids.
    pub carried: Vec<FindingView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreComparison {
    pub previous_round: String,
    pub round: String,
    /// Items assessed in both years (same code, or a new code that `replaces` the old one).
    pub items_compared: usize,
    pub fields: Vec<CompareRow>,
    pub units: Vec<CompareRow>,
    pub new_items: Vec<ItemRef>,
    pub renumbered: Vec<Renumbered>,
    pub dropped_items: Vec<ItemRef>,
}

/// Results on the 100-point scale over the compared items, the year before and this year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRow {
    pub code: String,
    pub name: String,
    pub previous: Option<f64>,
    pub current: Option<f64>,
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRef {
    pub code: String,
    pub title: String,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renumbered {
    pub previous_code: String,
    pub code: String,
    pub title: String,
}
