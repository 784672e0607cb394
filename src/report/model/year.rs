//! The year-end report: every round, Đợt 1 → Đợt 2, remediation, ranking and proposed classification.

use std::rc::Rc;

use serde::Serialize;

use super::assessment::AssessmentPart;
use super::{FindingView, Proposal, RoundInfo, Totals};
use crate::domain::classification::CapCheck;
use crate::domain::finding::FindingStatus;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearReport {
    pub year: i32,
    pub rounds: Vec<RoundSummary>,
    /// The round whose appraised points rank units and propose classifications: Đợt 2, else Đợt 1.
    pub basis_round: Option<String>,
    pub fields: Vec<FieldChange>,
    pub units: Vec<UnitChange>,
    pub remediation: Remediation,
    pub officials: Vec<OfficialProposal>,
    /// The proposed bands per category of official (công chức, viên chức…), each with its cap on the top band.
    pub groups: Vec<ClassGroup>,
    pub classification_basis: String,
    /// The rule quoted from the catalogue: basis, article, the score bands.
    pub classification_rule: String,
    /// Some periodic round of the year is not closed: the figures may still change.
    pub provisional: Option<String>,
    /// Good practices of every round of the year.
    pub good_practices: Vec<FindingView>,
    /// The units' proposals of the year; a repeated one is listed once, under its first round.
    pub proposals: Vec<Proposal>,
    pub assessment: Vec<AssessmentPart>,
    /// The comparison with the year before, when there is something to compare or carried over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_year: Option<super::year_compare::YearComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundSummary {
    pub round: RoundInfo,
    pub units_in_scope: usize,
    pub ward: Totals,
    pub findings: usize,
    /// Ad-hoc rounds: each unit's result on the round's topic.
    pub unit_results: Vec<UnitScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitScore {
    pub code: String,
    pub name: String,
    pub appraised_score: Option<f64>,
}

/// A field's appraised points (converted to its maximum) in Đợt 1 and Đợt 2, and the same on the 100-point scale;
/// each figure rounded once from the points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub code: String,
    pub title: String,
    pub max: f64,
    pub dot1: Option<f64>,
    pub dot2: Option<f64>,
    pub change: Option<f64>,
    pub dot1_score: Option<f64>,
    pub dot2_score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitChange {
    /// Rank by the basis round's score; ties share a rank.
    pub rank: Option<u32>,
    pub code: String,
    pub name: String,
    pub dot1: Option<f64>,
    pub dot2: Option<f64>,
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Remediation {
    pub counts: Vec<StatusCount>,
    pub overdue: usize,
    /// Every shortcoming, violation and proposal of the year.
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCount {
    pub status: FindingStatus,
    pub label: String,
    pub count: usize,
}

/// An official's result over the items assigned to them, and the band the tool proposes (people decide).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficialProposal {
    pub code: String,
    /// Category code (cán bộ, công chức, viên chức, người lao động): the recorded one, else by the unit's kind.
    pub category: &'static str,
    /// The proposal rests on few items or few points: how many, to say so in the row.
    pub thin_basis: Option<String>,
    pub name: String,
    pub position: String,
    /// The codes, names and bands below are shared with every other row that shows them (tens of thousands).
    pub unit_code: Rc<str>,
    pub unit_name: Rc<str>,
    pub totals: Totals,
    /// Appraised score on 100 in Đợt 1 and Đợt 2 (the basis round's is `totals`), and the change.
    pub dot1: Option<f64>,
    pub dot2: Option<f64>,
    pub change: Option<f64>,
    pub band_code: Option<Rc<str>>,
    pub band_name: Option<Rc<str>>,
    /// The items that cost points, biggest loss first.
    pub losses: Vec<ItemLoss>,
}

/// One category of officials: how many each band proposes, and the cap on its top band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassGroup {
    pub category: String,
    pub label: &'static str,
    pub band_counts: Vec<BandCount>,
    pub cap: Option<CapCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemLoss {
    /// Codes, title and name shared with every other loss on the same item or unit (a national year has tens of
    /// thousands).
    pub criterion: Rc<str>,
    pub title: Rc<str>,
    pub unit_code: Rc<str>,
    pub unit_name: Rc<str>,
    pub max: f64,
    pub points: f64,
    pub lost: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandCount {
    pub code: String,
    pub name: String,
    pub count: usize,
}
