//! What the reports read, as the store fills it: `report/build` turns it into view models.

use std::collections::HashMap;

use super::assessment::ProposalAnswer;
use super::catalogue::Catalogue;
use super::directory::{AssignmentView, Official, Unit};
use super::finding::{Event, Finding};
use super::round::{Round, TeamMember};
use super::schedule::Slot;
use super::score::Score;
use super::selfreport::{ReceiptRow, SelfItemRow};

/// Everything a report reads, as the store returns it: the build step turns it into a view model.
pub struct Sources {
    /// The rounds of the year (every round, for follow-up), in date order.
    pub rounds: Vec<Round>,
    /// The catalogue each round pinned, by hash.
    pub catalogues: HashMap<String, Catalogue>,
    pub units: Vec<Unit>,
    pub officials: Vec<Official>,
    pub assignments: Vec<AssignmentView>,
    /// (round, unit) pairs: which units each round covers.
    pub scopes: Vec<(String, String)>,
    /// Rounds that cover every unit, left out of `scopes` (only the year report loads them so: a national year
    /// would list every unit for every round).
    pub whole: Vec<String>,
    pub team: Vec<TeamMember>,
    pub scores: Vec<Score>,
    pub self_items: Vec<SelfItemRow>,
    pub receipts: Vec<ReceiptRow>,
    /// The inspection slots of the rounds: each scheduled unit's self-report deadline.
    pub slots: Vec<Slot>,
    pub findings: Vec<Finding>,
    /// The findings' status changes, oldest first.
    pub events: Vec<Event>,
    /// The answers given to the units' proposals (`kien-nghi` findings).
    pub answers: Vec<ProposalAnswer>,
}

/// One appraised score.
#[derive(Debug, Clone, Copy)]
pub struct ScoreRef<'r> {
    pub round_id: &'r str,
    pub unit_code: &'r str,
    pub criterion: &'r str,
    pub points: Option<f64>,
    pub not_applicable: bool,
}

/// Self points of one item of a unit's current self-report revision, with the points the team gave it.
#[derive(Debug, Clone, Copy)]
pub struct SelfPointRef<'r> {
    pub round_id: &'r str,
    pub criterion: &'r str,
    pub points: f64,
    /// The points the team gave the same item.
    pub appraised: f64,
}
