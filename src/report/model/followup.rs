//! Follow-up: findings not yet remediated, and how long overdue, by unit and by official.

use chrono::NaiveDate;
use serde::Serialize;

use super::{FindingView, Proposal};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Followup {
    pub as_of: NaiveDate,
    pub open: usize,
    pub overdue: usize,
    pub by_unit: Vec<OpenCount>,
    pub by_official: Vec<OpenCount>,
    pub findings: Vec<FindingView>,
    /// The units' proposals of the as-of year, answered or not: listed apart, never counted as open.
    pub proposals: Vec<Proposal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenCount {
    pub code: String,
    pub name: String,
    /// For an official: their unit.
    pub unit_name: Option<String>,
    pub open: usize,
    pub overdue: usize,
    pub max_days_overdue: Option<i64>,
}
