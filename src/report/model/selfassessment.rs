//! The ward's self-assessment table for the province (bảng tự đánh giá, chấm điểm), from Đợt 2.

use serde::Serialize;

use super::RoundInfo;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfAssessment {
    pub year: i32,
    pub round: RoundInfo,
    /// Fields, groups and items in the catalogue's order; fields and groups carry their subtotals.
    pub rows: Vec<AssessmentRow>,
    pub total: AssessmentTotal,
    /// Fields whose appraised points differ from the round report's: (code, this table's, the round report's,
    /// the field's maximum). The table pools each item once; the round report pools every unit's items.
    pub differs_from_round: Vec<(String, f64, f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowLevel {
    Field,
    Group,
    Item,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentRow {
    pub level: RowLevel,
    pub code: String,
    pub title: String,
    pub max: f64,
    /// Items: the ward's points (several units' points combined in proportion); fields and groups: subtotals.
    pub self_points: Option<f64>,
    pub appraised_points: Option<f64>,
    pub evidence: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AssessmentTotal {
    pub max: f64,
    pub self_points: Option<f64>,
    /// Maximum and count of the items the units scored themselves: what the self column adds up.
    pub self_max: f64,
    pub self_items: usize,
    pub appraised_points: Option<f64>,
    /// Maximum of the items actually assessed (N/A items left out).
    pub assessed_max: f64,
    pub self_score: Option<f64>,
    pub appraised_score: Option<f64>,
    pub not_applicable: usize,
}
