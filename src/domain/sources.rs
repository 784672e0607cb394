//! What the reports read, as the store fills it: `report/build` turns it into view models.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::assessment::ProposalAnswer;
use super::catalogue::Catalogue;
use super::clarification::Clarification;
use super::directory::{AssignmentView, Official, Unit};
use super::evidence::ItemEvidence;
use super::finding::{Event, Finding, FindingStatus};
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
    /// The round's self-report items with what backs them (files received by the report's day): only the round
    /// report and the self-assessment table load them.
    pub evidence: Vec<ItemEvidence>,
    /// The round's requests for clarification (giải trình): only the round report loads them.
    pub clarifications: Vec<Clarification>,
}

/// Findings left out of a report as of a day because they were recorded after it: how many, and the day the last of
/// them was recorded (the as-of date that would take them in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecordedLater {
    pub count: usize,
    pub latest: Option<NaiveDate>,
}

impl RecordedLater {
    /// Counts `f` when it was recorded after `day`; whether it was recorded by then.
    pub fn keep(&mut self, f: &Finding, day: NaiveDate) -> bool {
        match recorded_on(&f.created_at) {
            Some(on) if on > day => {
                self.count += 1;
                self.latest = self.latest.max(Some(on));
                false
            }
            _ => true,
        }
    }
}

/// The day of a stored time (`2026-07-10T09:00:00`).
pub fn recorded_on(at: &str) -> Option<NaiveDate> {
    at.get(..10).and_then(|d| d.parse::<NaiveDate>().ok())
}

impl Sources {
    /// The sources as they stood at the end of `day`: rounds that started later, findings recorded later, status
    /// changes and answers given later are left out, and each finding takes back the status it had then. A report
    /// as of a date shows nothing dated after it, and measures every "so far" figure to it. Returns the findings of
    /// the rounds kept that were left out for being recorded after `day` (typed in after the inspection: a report
    /// as of a later day takes them in).
    pub fn as_of(&mut self, day: NaiveDate) -> RecordedLater {
        let by_day = |at: &str| recorded_on(at).is_none_or(|d| d <= day);
        self.rounds.retain(|r| r.start <= day);
        let rounds: Vec<String> = self.rounds.iter().map(|r| r.id.clone()).collect();
        let known = |round: &str| rounds.iter().any(|r| r == round);
        let mut later = RecordedLater::default();
        self.findings.retain(|f| known(&f.round_id) && later.keep(f, day));
        self.events.retain(|e| by_day(&e.at));
        // Events are oldest first: the last one left of each finding is its status on the day.
        let status: HashMap<&str, FindingStatus> =
            self.events.iter().map(|e| (e.finding_id.as_str(), e.status)).collect();
        for f in &mut self.findings {
            f.status = status.get(f.id.as_str()).copied().unwrap_or(FindingStatus::Mo);
        }
        let findings: std::collections::HashSet<&str> = self.findings.iter().map(|f| f.id.as_str()).collect();
        self.events.retain(|e| findings.contains(e.finding_id.as_str()));
        self.answers.retain(|a| findings.contains(a.finding_id.as_str()));
        self.answers_as_of(day);
        self.scopes.retain(|(round, _)| known(round));
        self.scores.retain(|s| known(&s.round_id));
        self.self_items.retain(|i| known(&i.round_id));
        self.clarifications.retain(|c| c.asked_on <= day);
        for c in &mut self.clarifications {
            c.answer = c.answer.take().filter(|a| a.on <= day);
        }
        later
    }

    /// Answers given after `day` are not given yet on it.
    pub fn answers_as_of(&mut self, day: NaiveDate) {
        for a in &mut self.answers {
            if a.answered_on.is_some_and(|on| on > day) {
                (a.answer, a.answered_on) = (None, None);
            }
        }
    }
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

/// What the year's scores stream into: each score, and right after it the self points of the same item when the team
/// gave it points.
pub trait ScoreSink {
    fn score(&mut self, s: &ScoreRef);
    fn self_point(&mut self, s: &SelfPointRef);
}

#[cfg(test)]
#[path = "sources_tests.rs"]
mod boundary_tests;
