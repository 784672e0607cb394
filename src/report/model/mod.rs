//! View models: plain, serialisable data of each report. `--format json` prints them as they are (ISO dates,
//! plain numbers, codes next to their Vietnamese labels); the other formats go through `build` → `Document`.

pub mod assessment;
pub mod followup;
pub mod round;
pub mod selfassessment;
pub mod settings;
pub mod unit;
pub mod year;
pub mod year_compare;

use std::rc::Rc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::assessment::Level;
use crate::domain::finding::{FindingKind, FindingStatus};
use crate::domain::round::{RoundKind, RoundStatus};

/// The round a report speaks about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundInfo {
    pub id: String,
    pub kind: RoundKind,
    pub title: String,
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub selfreport_due: NaiveDate,
    pub status: RoundStatus,
    pub topic: Option<String>,
    pub reason: Option<String>,
}

/// Appraised and self results over a set of items, on the 100-point scale, each rounded once from the points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Over the `items_compared` only.
    pub self_score: Option<f64>,
    /// Over every item with appraised points.
    pub appraised_score: Option<f64>,
    /// Items with appraised points.
    pub items_assessed: usize,
    pub not_applicable: usize,
    /// Items with both self and appraised points: self points are set against appraised points over these.
    pub items_compared: usize,
    /// The appraised points of the compared items.
    pub appraised_compared: Option<f64>,
    /// `appraised_compared − self_score`, from the unrounded points (negative: the unit graded itself higher).
    pub difference: Option<f64>,
    /// Appraised points over their maximum, unrounded: percentages are shown from it.
    #[serde(skip)]
    pub ratio: Option<f64>,
}

/// A finding as every report shows it, with names resolved and the latest remediation note. The codes, names, title
/// and label are shared with every other finding that shows them (`Rc`): a national year lists tens of thousands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingView {
    pub id: String,
    pub round_id: Rc<str>,
    pub unit_code: Rc<str>,
    pub unit_name: Rc<str>,
    pub criterion: Option<Rc<str>>,
    pub criterion_title: Option<Rc<str>>,
    pub official_code: Option<Rc<str>>,
    pub official_name: Option<Rc<str>>,
    pub kind: FindingKind,
    pub kind_label: &'static str,
    pub text: String,
    pub recommendation: String,
    pub due_date: Option<NaiveDate>,
    pub status: FindingStatus,
    pub status_label: Rc<str>,
    pub days_overdue: Option<i64>,
    /// The latest event's note: for a proposal, the answer given; else the latest remediation news.
    pub latest_note: Option<String>,
    pub latest_at: Option<String>,
}

/// One status change of a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventView {
    pub at: String,
    pub status: FindingStatus,
    pub status_label: String,
    pub note: String,
    pub evidence: String,
    pub round_id: Option<String>,
}

/// A difficulty or proposal of a unit: a `kien-nghi` finding (with the answer given), or one written in a
/// self-report that no finding answers yet. Never a shortcoming: it is answered, not remediated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub unit_code: String,
    pub unit_name: String,
    pub criterion: Option<String>,
    pub criterion_title: Option<String>,
    pub text: String,
    pub finding_id: Option<String>,
    pub round_id: String,
    /// The level it is addressed to: recorded with `finding answer --level`, else read from its text.
    pub addressed_to: Level,
    pub addressed_to_label: &'static str,
    pub answered: bool,
    pub answer: Option<String>,
    pub answered_on: Option<NaiveDate>,
    /// The same proposal made in an earlier round (its finding id), as a person linked them: context, never its
    /// answer.
    pub repeats: Option<String>,
    /// The title of the round the repeated proposal was first made in.
    pub repeats_in: Option<String>,
    /// When the first proposal was answered, if it was (context for a repeat).
    pub repeats_answered_on: Option<NaiveDate>,
    /// A citizen's complaint that started an ad-hoc round, not a unit's own proposal.
    pub complaint_round: Option<String>,
}

/// A unit named in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
}
