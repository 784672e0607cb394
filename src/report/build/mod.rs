//! From the store's rows to view models (`model`), and from view models to a `Document` the writers print.

pub mod doc;
pub mod followup;
pub mod round;
pub mod round_doc;
pub mod selfassessment;
pub mod unit;
pub mod year;
pub mod year_doc;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::catalogue::{Catalogue, Node, NodeKind};
use crate::domain::code;
use crate::domain::round::RoundKind;
use crate::report::model::scoring::{Scored, Tally, days_overdue};
use crate::report::model::{EventView, FindingView, Proposal, RoundInfo, Totals, kind_label, status_label};
use crate::store::officials::Official;
use crate::store::reports::{FindingRow, Sources};
use crate::store::rounds::Round;

/// Lookups over the loaded rows, built once per report.
pub struct Index<'a> {
    pub src: &'a Sources,
    unit_names: HashMap<&'a str, &'a str>,
    officials: HashMap<&'a str, &'a Official>,
    /// (criterion, unit) → official answering for it.
    pub assigned: HashMap<(&'a str, &'a str), &'a str>,
}

impl<'a> Index<'a> {
    pub fn new(src: &'a Sources) -> Self {
        Self {
            src,
            unit_names: src.units.iter().map(|u| (u.code.as_str(), u.name.as_str())).collect(),
            officials: src.officials.iter().map(|o| (o.code.as_str(), o)).collect(),
            assigned: src
                .assignments
                .iter()
                .filter_map(|a| Some(((a.criterion.as_str(), a.unit_code.as_str()), a.official_code.as_deref()?)))
                .collect(),
        }
    }

    pub fn unit_name(&self, code: &str) -> String {
        self.unit_names.get(code).map_or_else(|| code.to_owned(), |n| (*n).to_owned())
    }

    pub fn official(&self, code: &str) -> Option<&'a Official> {
        self.officials.get(code).copied()
    }

    pub fn round(&self, id: &str) -> Option<&'a Round> {
        self.src.rounds.iter().find(|r| r.id == id)
    }

    pub fn catalogue(&self, round: &Round) -> Option<&'a Catalogue> {
        self.src.catalogues.get(&round.catalogue_hash)
    }

    /// Units a round covers, in directory order.
    pub fn scope(&self, round_id: &str) -> Vec<&'a str> {
        self.src.scopes.iter().filter(|(r, _)| r == round_id).map(|(_, u)| u.as_str()).collect()
    }

    /// The appraised points of a round, one per (unit, item) with the item's maximum from the round's catalogue.
    pub fn appraised(&self, round: &Round) -> Vec<Scored<'a>> {
        let Some(catalogue) = self.catalogue(round) else { return Vec::new() };
        self.src
            .scores
            .iter()
            .filter(|s| s.round_id == round.id)
            .filter_map(|s| {
                let max = self.item(catalogue, round, &s.criterion)?.max_points;
                Some(Scored { unit: &s.unit_code, criterion: &s.criterion, points: s.points, max })
            })
            .collect()
    }

    /// The self points of a round (current revisions), leaving out items without points and items the team
    /// marked not applicable, so that self and appraised scores cover the same items.
    pub fn self_points(&self, round: &Round) -> Vec<Scored<'a>> {
        let Some(catalogue) = self.catalogue(round) else { return Vec::new() };
        let not_applicable: HashSet<(&str, &str)> = self
            .src
            .scores
            .iter()
            .filter(|s| s.round_id == round.id && s.points.is_none())
            .map(|s| (s.unit_code.as_str(), s.criterion.as_str()))
            .collect();
        self.src
            .self_items
            .iter()
            .filter(|i| {
                i.round_id == round.id && !not_applicable.contains(&(i.unit_code.as_str(), i.criterion.as_str()))
            })
            .filter_map(|i| {
                let max = self.item(catalogue, round, &i.criterion)?.max_points;
                Some(Scored { unit: &i.unit_code, criterion: &i.criterion, points: Some(i.self_points?), max })
            })
            .collect()
    }

    /// The responsible official is the finding's own, else the one assigned to its item for its unit.
    /// An assessable item of the kind the round scores (periodic items in Đợt 1 and 2, topics in ad-hoc rounds).
    fn item<'c>(&self, catalogue: &'c Catalogue, round: &Round, code: &str) -> Option<&'c Node> {
        catalogue.get(code).filter(|n| n.is_leaf && n.kind == node_kind(round.kind))
    }

    pub fn finding(&self, row: &FindingRow, as_of: NaiveDate) -> FindingView {
        let assigned = || self.assigned.get(&(row.criterion.as_deref()?, row.unit_code.as_str())).copied();
        let official = row.official_code.as_deref().or_else(assigned).and_then(|c| self.official(c));
        let title = self.round(&row.round_id).and_then(|r| self.catalogue(r)).and_then(|c| {
            let code = row.criterion.as_deref()?;
            c.get(code).map(|n| n.title.clone())
        });
        FindingView {
            id: row.id.clone(),
            round_id: row.round_id.clone(),
            unit_code: row.unit_code.clone(),
            unit_name: self.unit_name(&row.unit_code),
            criterion: row.criterion.clone(),
            criterion_title: title,
            official_code: official.map(|o| o.code.clone()),
            official_name: official.map(|o| o.name.clone()),
            kind: row.kind.clone(),
            kind_label: kind_label(&row.kind),
            text: row.text.clone(),
            recommendation: row.recommendation.clone(),
            due_date: row.due_date,
            status: row.status.clone(),
            status_label: status_label(&row.status),
            days_overdue: days_overdue(row.due_date, &row.status, as_of),
            latest_note: row.latest.as_ref().map(|e| e.note.clone()).filter(|n| !n.trim().is_empty()),
            latest_at: row.latest.as_ref().map(|e| e.at.clone()),
        }
    }

    pub fn events(&self, finding_id: &str) -> Vec<EventView> {
        self.src
            .events
            .iter()
            .filter(|e| e.finding_id == finding_id)
            .map(|e| EventView {
                at: e.at.clone(),
                status: e.status.clone(),
                status_label: status_label(&e.status),
                note: e.note.clone(),
                evidence: e.evidence.clone(),
                round_id: e.round_id.clone(),
            })
            .collect()
    }

    /// A round's proposals: its `kien-nghi` findings with the answer given, then the proposals written in
    /// self-reports that no `kien-nghi` finding of the same unit and item takes up.
    pub fn proposals(&self, round: &Round, unit: Option<&str>) -> Vec<Proposal> {
        let wanted = |u: &str| unit.is_none_or(|only| only == u);
        let findings: Vec<&FindingRow> = self
            .src
            .findings
            .iter()
            .filter(|f| f.round_id == round.id && f.kind == "kien-nghi" && wanted(&f.unit_code))
            .collect();
        let mut out: Vec<Proposal> = findings
            .iter()
            .map(|f| Proposal {
                unit_code: f.unit_code.clone(),
                unit_name: self.unit_name(&f.unit_code),
                criterion: f.criterion.clone(),
                text: f.text.clone(),
                finding_id: Some(f.id.clone()),
                answer: f.latest.as_ref().map(|e| e.note.clone()).filter(|n| !n.trim().is_empty()),
            })
            .collect();
        let taken = |u: &str, c: &str| findings.iter().any(|f| f.unit_code == u && f.criterion.as_deref() == Some(c));
        for item in self.src.self_items.iter().filter(|i| i.round_id == round.id && wanted(&i.unit_code)) {
            if item.proposal.trim().is_empty() || taken(&item.unit_code, &item.criterion) {
                continue;
            }
            out.push(Proposal {
                unit_code: item.unit_code.clone(),
                unit_name: self.unit_name(&item.unit_code),
                criterion: Some(item.criterion.clone()),
                text: item.proposal.clone(),
                finding_id: None,
                answer: None,
            });
        }
        out
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

/// The catalogue kind a round scores: periodic items in Đợt 1 and 2, ad-hoc topics in an ad-hoc round.
pub fn node_kind(kind: RoundKind) -> NodeKind {
    match kind {
        RoundKind::DotXuat => NodeKind::Adhoc,
        _ => NodeKind::Periodic,
    }
}

/// Self and appraised totals from the two tallies of the same items.
pub fn totals(appraised: Option<&Tally>, own: Option<&Tally>) -> Totals {
    let appraised = appraised.copied().unwrap_or_default();
    Totals {
        self_score: own.and_then(Tally::score),
        appraised_score: appraised.score(),
        items_assessed: appraised.items,
        not_applicable: appraised.not_applicable,
    }
}

/// The field of an item, for grouping.
pub fn field_of<'s>(s: &Scored<'s>) -> &'s str {
    code::field(s.criterion)
}
