//! From the store's rows to view models (`model`), and from view models to a `Document` the writers print.

pub mod assessment;
pub mod assessment_doc;
pub mod assessment_round;
pub mod assessment_year;
pub mod doc;
pub mod followup;
pub mod proposals;
pub mod prose;
pub mod round;
pub mod round_adhoc_doc;
pub mod round_comments;
pub mod round_doc;
pub mod round_trail;
pub mod selfassessment;
pub mod unit;
pub mod year;
pub mod year_compare;
pub mod year_doc;
pub mod year_tally;

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;

use crate::domain::assessment::{ProposalAnswer, cause_ids};
use crate::domain::catalogue::{Catalogue, Node};
use crate::domain::directory::{Official, Unit};
use crate::domain::finding::FindingStatus;
use crate::domain::finding::{Event, Finding};
use crate::domain::round::Round;
use crate::domain::schedule;
use crate::domain::scoring::{self, ItemScore, Mark, Total};
use crate::domain::sources::Sources;
use crate::report::model::{EventView, FindingView, RoundInfo, Totals};

use self::doc::capitalized;

/// What a finding's view shows of its latest status change.
pub struct LatestStep {
    pub note: String,
    pub at: String,
}

/// A code and what a report shows for it (a name, a title), one copy of each for every view that shows them.
pub(super) type Shared = (Rc<str>, Rc<str>);

/// A map looked up for every finding, score or official of a national year: foldhash is several times faster than
/// the standard SipHash on short codes.
type Lookup<K, V> = foldhash::HashMap<K, V>;

/// Lookups over the loaded rows, built once per report.
pub struct Index<'a> {
    pub src: &'a Sources,
    officials: Lookup<&'a str, &'a Official>,
    /// By code: a national year has tens of thousands of officials, each looked up with their unit.
    units: Lookup<&'a str, &'a Unit>,
    /// By id: a national year has a hundred ad-hoc rounds, looked up for every finding.
    rounds: Lookup<&'a str, &'a Round>,
    /// What finding views show, one copy each: unit and official names, item titles by catalogue, status labels.
    /// Code and name of each unit, code and name of each official, code and title of each item by catalogue.
    shared_units: Lookup<&'a str, Shared>,
    shared_officials: Lookup<&'a str, Shared>,
    shared_titles: Lookup<(&'a str, &'a str), Shared>,
    shared_statuses: Vec<Rc<str>>,
    shared_rounds: Lookup<&'a str, Rc<str>>,
    /// (unit, item) → official answering for it.
    assigned: Lookup<(&'a str, &'a str), &'a str>,
    /// Finding id → its latest status change (for a proposal: the answer given).
    latest: Lookup<&'a str, &'a Event>,
    /// Proposal (finding id) → the answer given to it: a national year has thousands of each.
    answers: Lookup<&'a str, &'a ProposalAnswer>,
    /// Finding id → the first round whose reason names it as its cause (`assessment::cause_reason`).
    caused: Lookup<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    pub fn new(src: &'a Sources) -> Self {
        Self {
            src,
            officials: src.officials.iter().map(|o| (o.code.as_str(), o)).collect(),
            units: src.units.iter().map(|u| (u.code.as_str(), u)).collect(),
            rounds: src.rounds.iter().map(|r| (r.id.as_str(), r)).collect(),
            shared_units: src
                .units
                .iter()
                .map(|u| (u.code.as_str(), (Rc::from(&*u.code), Rc::from(&*u.name))))
                .collect(),
            shared_officials: src
                .officials
                .iter()
                .map(|o| (o.code.as_str(), (Rc::from(&*o.code), Rc::from(&*o.name))))
                .collect(),
            shared_titles: src
                .catalogues
                .iter()
                .flat_map(|(hash, c)| {
                    c.nodes
                        .iter()
                        .map(move |n| ((hash.as_str(), n.code.as_str()), (Rc::from(&*n.code), Rc::from(&*n.title))))
                })
                .collect(),
            shared_statuses: FindingStatus::ALL.iter().map(|s| Rc::from(capitalized(s.label()))).collect(),
            shared_rounds: src.rounds.iter().map(|r| (r.id.as_str(), Rc::from(&*r.id))).collect(),
            assigned: src
                .assignments
                .iter()
                .filter_map(|a| Some(((a.unit_code.as_str(), a.criterion.as_str()), a.official_code.as_deref()?)))
                .collect(),
            // Events come oldest first: the last one of each finding stays.
            latest: src.events.iter().map(|e| (e.finding_id.as_str(), e)).collect(),
            // The first answer of each, as a search from the front finds it.
            answers: src.answers.iter().rev().map(|a| (a.finding_id.as_str(), a)).collect(),
            caused: {
                let mut caused = Lookup::default();
                for r in &src.rounds {
                    for id in r.reason.as_deref().into_iter().flat_map(cause_ids) {
                        caused.entry(id).or_insert(r.id.as_str());
                    }
                }
                caused
            },
        }
    }

    /// The official assigned the item at its unit.
    pub fn official_of(&self, item: &ItemScore) -> Option<&'a str> {
        self.assigned.get(&(item.unit.as_str(), item.code.as_str())).copied()
    }

    pub fn unit_name(&self, code: &str) -> String {
        self.shared_units.get(code).map_or_else(|| code.to_owned(), |(_, name)| name.to_string())
    }

    /// The unit's name, shared by every view that shows it.
    pub fn shared_unit_name(&self, code: &str) -> Rc<str> {
        self.shared_units.get(code).map_or_else(|| Rc::from(code), |(_, name)| Rc::clone(name))
    }

    /// The unit's code, shared likewise.
    pub fn shared_unit_code(&self, code: &str) -> Rc<str> {
        self.shared_units.get(code).map_or_else(|| Rc::from(code), |(code, _)| Rc::clone(code))
    }

    /// The title of an item in the round's catalogue, shared by every view that shows it.
    pub fn title(&self, round: &Round, code: &str) -> Option<Rc<str>> {
        self.shared_titles.get(&(round.catalogue_hash.as_str(), code)).map(|(_, title)| Rc::clone(title))
    }

    /// The code of an item, shared likewise (a code the round's catalogue does not know: a copy of its own).
    pub fn shared_item_code(&self, round: &Round, code: &str) -> Rc<str> {
        self.shared_titles
            .get(&(round.catalogue_hash.as_str(), code))
            .map_or_else(|| Rc::from(code), |(c, _)| Rc::clone(c))
    }

    pub fn official(&self, code: &str) -> Option<&'a Official> {
        self.officials.get(code).copied()
    }

    pub fn unit(&self, code: &str) -> Option<&'a Unit> {
        self.units.get(code).copied()
    }

    pub fn round(&self, id: &str) -> Option<&'a Round> {
        self.rounds.get(id).copied()
    }

    /// Whether round `id` came before `round` in the year (by start date, then id).
    pub fn is_before(&self, id: &str, round: &Round) -> bool {
        self.round(id).is_some_and(|r| (r.start, &r.id) < (round.start, &round.id))
    }

    pub fn catalogue(&self, round: &Round) -> Option<&'a Catalogue> {
        self.src.catalogues.get(&round.catalogue_hash)
    }

    /// Units a round covers, in directory order.
    pub fn scope(&self, round_id: &str) -> Vec<&'a str> {
        if self.src.whole.iter().any(|r| r == round_id) {
            return self.src.units.iter().map(|u| u.code.as_str()).collect();
        }
        self.src.scopes.iter().filter(|(r, _)| r == round_id).map(|(_, u)| u.as_str()).collect()
    }

    /// The appraised points of a round, one per (unit, item) with the item's maximum from the round's catalogue.
    pub fn appraised(&self, round: &Round) -> Vec<ItemScore> {
        let Some(catalogue) = self.catalogue(round) else { return Vec::new() };
        self.src
            .scores
            .iter()
            .filter(|s| s.round_id == round.id)
            .filter_map(|s| {
                let max = scored_item(catalogue, round, &s.criterion)?.max_points;
                Some(ItemScore { unit: s.unit_code.clone(), code: s.criterion.clone(), max, mark: s.mark() })
            })
            .collect()
    }

    /// Self points against appraised points over the same items (current revisions): the self points of the
    /// items the team gave points (items it has not scored or marked not applicable left out, and those whose self
    /// points the program computed from a figure: the unit did not enter them), and the appraised points of those
    /// same items, in the same order.
    pub fn compared(&self, round: &Round) -> (Vec<ItemScore>, Vec<ItemScore>) {
        let Some(catalogue) = self.catalogue(round) else { return (Vec::new(), Vec::new()) };
        let appraised: HashMap<(&str, &str), f64> = self
            .src
            .scores
            .iter()
            .filter(|s| s.round_id == round.id)
            .filter_map(|s| Some(((s.unit_code.as_str(), s.criterion.as_str()), s.mark().points()?)))
            .collect();
        self.src
            .self_items
            .iter()
            .filter(|i| i.round_id == round.id && !i.computed)
            .filter_map(|i| {
                let max = scored_item(catalogue, round, &i.criterion)?.max_points;
                let given = *appraised.get(&(i.unit_code.as_str(), i.criterion.as_str()))?;
                let item = |points| ItemScore {
                    unit: i.unit_code.clone(),
                    code: i.criterion.clone(),
                    max,
                    mark: Mark::Points(points),
                };
                Some((item(i.self_points?), item(given)))
            })
            .unzip()
    }

    /// A unit's self-report deadline in a round: five days before its inspection slot, else the round's.
    pub fn selfreport_due(&self, round: &Round, unit: &str) -> NaiveDate {
        schedule::due_for(&self.src.slots, &round.id, unit, round.selfreport_due)
    }

    /// The responsible official is the finding's own, else the one assigned to its item for its unit.
    pub fn finding(&self, f: &Finding, as_of: NaiveDate) -> FindingView {
        let latest = self.latest.get(f.id.as_str()).map(|e| LatestStep { note: e.note.clone(), at: e.at.clone() });
        self.finding_view(f.clone(), latest, as_of)
    }

    /// Like `finding`, taking the finding's own text and its latest status change instead of copying them (the
    /// year report of a province has tens of thousands).
    pub fn finding_view(&self, f: Finding, latest: Option<LatestStep>, as_of: NaiveDate) -> FindingView {
        let (latest_note, latest_at) = latest.map(|e| (e.note, e.at)).unzip();
        let assigned = || self.assigned.get(&(f.unit_code.as_str(), f.criterion.as_deref()?)).copied();
        let official = f.official_code.as_deref().or_else(assigned).and_then(|c| self.official(c));
        let round = self.round(&f.round_id);
        let title = round.and_then(|r| self.title(r, f.criterion.as_deref()?));
        let status = FindingStatus::ALL.iter().position(|s| *s == f.status).and_then(|i| self.shared_statuses.get(i));
        let shared_official = official.and_then(|o| self.shared_officials.get(o.code.as_str()));
        let (official_code, official_name) = shared_official.map(|(c, n)| (Rc::clone(c), Rc::clone(n))).unzip();
        FindingView {
            unit_name: self.shared_unit_name(&f.unit_code),
            criterion_title: title,
            official_code,
            official_name,
            kind: f.kind,
            kind_label: f.kind.label(),
            due_date: f.due,
            status: f.status,
            status_label: status.cloned().unwrap_or_else(|| Rc::from(capitalized(f.status.label()))),
            days_overdue: Some(f.days_overdue(as_of)).filter(|days| *days > 0),
            latest_note: latest_note.filter(|n| !n.trim().is_empty()),
            latest_at,
            criterion: f.criterion.as_deref().map(|code| match round {
                Some(r) => self.shared_item_code(r, code),
                None => Rc::from(code),
            }),
            round_id: round
                .and_then(|r| self.shared_rounds.get(r.id.as_str()))
                .map_or_else(|| Rc::from(&*f.round_id), Rc::clone),
            unit_code: self.shared_unit_code(&f.unit_code),
            id: f.id,
            text: f.text,
            recommendation: f.recommendation,
        }
    }

    /// Each finding's status changes, oldest first, grouped in one pass over them all.
    pub fn events_by_finding(&self) -> HashMap<&'a str, Vec<EventView>> {
        let mut by_finding: HashMap<&str, Vec<EventView>> = HashMap::new();
        for e in &self.src.events {
            by_finding.entry(e.finding_id.as_str()).or_default().push(EventView {
                at: e.at.clone(),
                status: e.status,
                status_label: capitalized(e.status.label()),
                note: e.note.clone(),
                evidence: e.evidence.clone(),
                round_id: e.round_id.clone(),
            });
        }
        by_finding
    }
}

pub fn round_info(round: &Round) -> RoundInfo {
    RoundInfo {
        id: round.id.clone(),
        kind: round.kind,
        title: round.title(),
        year: round.year,
        start: round.start,
        end: round.end,
        selfreport_due: round.selfreport_due,
        status: round.status,
        topic: round.topic.clone(),
        reason: round.reason.clone(),
    }
}

/// An assessable item of the kind the round scores (periodic items in Đợt 1 and 2, topics in ad-hoc rounds).
pub fn scored_item<'c>(catalogue: &'c Catalogue, round: &Round, code: &str) -> Option<&'c Node> {
    catalogue.get(code).filter(|n| n.is_leaf && n.kind == round.kind.node_kind())
}

/// The appraised result of a set of items, and `compared`: the self points and the appraised points of those of
/// its items that have both (from `Index::compared`).
pub fn totals(appraised: Option<&Total>, compared: Option<(&Total, &Total)>) -> Totals {
    let appraised = appraised.copied().unwrap_or_default();
    let (own, same) = compared.map_or((None, None), |(o, a)| (Some(o), Some(a)));
    Totals {
        self_score: own.and_then(Total::score100),
        appraised_score: appraised.score100(),
        items_assessed: appraised.scored,
        not_applicable: appraised.not_applicable,
        items_compared: own.map_or(0, |o| o.scored),
        appraised_compared: same.and_then(Total::score100),
        difference: own.zip(same).and_then(|(o, a)| scoring::change(o, a, 100.0)),
        ratio: appraised.ratio(),
    }
}

/// The self and appraised totals of a key's compared items (`own`, `same`: keyed the same way).
pub fn pair<'t>(
    own: &'t HashMap<String, Total>,
    same: &'t HashMap<String, Total>,
    key: &str,
) -> Option<(&'t Total, &'t Total)> {
    own.get(key).zip(same.get(key))
}

/// Totals keyed for lookup (from `scoring::totals_by*`).
pub fn keyed(totals: Vec<(String, Total)>) -> HashMap<String, Total> {
    totals.into_iter().collect()
}
