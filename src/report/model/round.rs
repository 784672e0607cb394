//! The round report (after Đợt 1, Đợt 2 or an ad-hoc round), to the Chairman and Vice-Chairmen.

use chrono::NaiveDate;
use serde::Serialize;

use super::assessment::AssessmentPart;
use super::year::ItemLoss;
use super::{EventView, FindingView, Proposal, RoundInfo, Totals, UnitRef};
use crate::domain::clarification::Clarification;
use crate::domain::evidence::UnitBacking;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundReport {
    pub round: RoundInfo,
    /// The decision that formed the team, as cited ("251/QĐ-UBND ngày 09/10/2026"), once recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    pub team: Vec<TeamMember>,
    /// The round is not closed: its figures may still change.
    pub provisional: bool,
    /// Units the round covers that answer for at least one of its items.
    pub units_in_scope: usize,
    /// Units the round covers with no item assigned: not in the round's scope (không thuộc phạm vi đợt này).
    pub out_of_scope: Vec<UnitRef>,
    /// Units in scope without appraised points, and why.
    pub unscored: Vec<Unscored>,
    /// Units with a slot in the round's schedule: their self-report is due five days before it.
    pub units_scheduled: usize,
    pub selfreports_received: usize,
    /// The whole ward: every unit's assessed items.
    pub ward: Totals,
    pub fields: Vec<FieldResult>,
    pub units: Vec<UnitResult>,
    pub officials: Vec<OfficialResult>,
    pub good_practices: Vec<FindingView>,
    /// Shortcomings and violations, with recommendations and deadlines.
    pub shortcomings: Vec<FindingView>,
    pub proposals: Vec<Proposal>,
    /// Findings of earlier rounds of the year and how their remediation stands.
    pub carry_over: Vec<CarryOver>,
    /// Units in scope that sent their self-report after the deadline, or not at all.
    pub late_units: Vec<LateUnit>,
    /// The items that cost most points across units, biggest loss first.
    pub item_losses: Vec<ItemLossSum>,
    /// The team's notes on items, most repeated first.
    pub recurring_notes: Vec<NoteCount>,
    /// Per unit in scope that claims points: how its items are backed by evidence, as of the report's day.
    pub evidence: Vec<UnitEvidence>,
    /// Requests for clarification asked and answered by the report's day.
    pub clarifications_answered: usize,
    /// Requests for clarification asked by the report's day and not answered by it.
    pub open_clarifications: Vec<OpenClarification>,
    /// Đánh giá chung and kiến nghị: the secretary's text, or the draft written from the data.
    pub assessment: Vec<AssessmentPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitEvidence {
    pub name: String,
    #[serde(flatten)]
    pub backing: UnitBacking,
}

/// A request for clarification (giải trình) still unanswered on the report's day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenClarification {
    pub id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub criterion: Option<String>,
    pub question: String,
    pub asked_on: NaiveDate,
    pub due: Option<NaiveDate>,
    /// Past its due date on the report's day.
    pub overdue: bool,
}

impl OpenClarification {
    pub fn new(c: &Clarification, unit_name: String, as_of: NaiveDate) -> Self {
        OpenClarification {
            id: c.id.clone(),
            unit_code: c.unit_code.clone(),
            unit_name,
            criterion: c.criterion.clone(),
            question: c.question.clone(),
            asked_on: c.asked_on,
            due: c.due,
            overdue: c.is_overdue(as_of),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unscored {
    pub code: String,
    pub name: String,
    pub reason: String,
}

/// An item's points lost over every unit that answers for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemLossSum {
    pub criterion: String,
    pub title: String,
    pub units: usize,
    pub lost: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteCount {
    pub note: String,
    pub items: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamMember {
    pub name: String,
    pub role: String,
    pub role_label: &'static str,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
}

/// A field (lĩnh vực): points converted to the field's maximum, so that fields add up to the 100-point total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldResult {
    pub code: String,
    pub title: String,
    pub max: f64,
    pub self_points: Option<f64>,
    pub appraised_points: Option<f64>,
    pub totals: Totals,
    /// The team's notes on the field's items (score notes), "unit – item: note".
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitResult {
    pub code: String,
    pub name: String,
    pub totals: Totals,
    pub findings: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficialResult {
    pub code: String,
    pub name: String,
    pub position: String,
    pub unit_code: String,
    pub unit_name: String,
    pub items_assigned: usize,
    pub totals: Totals,
    /// The items that cost points, biggest loss first.
    pub losses: Vec<ItemLoss>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarryOver {
    pub finding: FindingView,
    /// Whether the team recorded its check in this round.
    pub checked_in_round: bool,
    /// The points this round gave the finding's item at its unit, when it scored it: the item was looked at again
    /// even if no check of the remediation was recorded.
    pub rescored: Option<Rescored>,
    pub events: Vec<EventView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rescored {
    pub points: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateUnit {
    pub code: String,
    pub name: String,
    pub due: NaiveDate,
    /// First receipt; `None`: not received.
    pub received_on: Option<NaiveDate>,
    pub days_late: Option<i64>,
}
