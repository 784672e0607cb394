//! The notice to one unit: its results per item and what it must remediate by when.

use chrono::NaiveDate;
use serde::Serialize;

use super::{FindingView, Proposal, RoundInfo, Totals};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitReport {
    pub round: RoundInfo,
    pub unit_code: String,
    pub unit_name: String,
    /// The unit's own deadline: five days before its inspection slot, else the round's.
    pub selfreport_due: NaiveDate,
    /// First receipt of the unit's self-report; `None`: not received.
    pub selfreport_received_on: Option<NaiveDate>,
    pub totals: Totals,
    pub items: Vec<ItemResult>,
    pub good_practices: Vec<FindingView>,
    /// This round's shortcomings and violations, with what to do and by when.
    pub to_remediate: Vec<FindingView>,
    /// Findings of earlier rounds of the year not yet remediated.
    pub earlier_open: Vec<FindingView>,
    pub proposals: Vec<Proposal>,
}

/// One item the unit answers for (assigned to it, self-reported or scored in the round).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    pub code: String,
    pub title: String,
    pub max: f64,
    pub self_points: Option<f64>,
    /// The self points were computed from the unit's figure, not entered by it.
    pub self_computed: bool,
    pub appraised_points: Option<f64>,
    pub not_applicable: bool,
    pub note: String,
    pub evidence: String,
    pub official_name: Option<String>,
}
