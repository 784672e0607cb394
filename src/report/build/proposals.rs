//! The units' proposals (kiến nghị, đề xuất) as reports list them: apart from shortcomings, with the level they
//! are addressed to and whether they were answered; a proposal repeated in a later round linked to the first only
//! where a person said so (`finding add --repeats`, `finding link`), never by guessing.

use std::collections::HashMap;

use crate::domain::assessment::Level;
use crate::domain::finding::Finding;
use crate::domain::finding::FindingKind;
use crate::domain::round::Round;
use crate::report::model::Proposal;

use super::Index;

impl Index<'_> {
    /// A round's proposals: its `kien-nghi` findings, then the proposals written in self-reports that no
    /// `kien-nghi` finding of the same unit and item takes up. `unit`: one unit's only.
    pub fn proposals(&self, round: &Round, unit: Option<&str>) -> Vec<Proposal> {
        let wanted = |u: &str| unit.is_none_or(|only| only == u);
        let findings: Vec<&Finding> = self
            .src
            .findings
            .iter()
            .filter(|f| f.round_id == round.id && f.kind == FindingKind::KienNghi && wanted(&f.unit_code))
            .collect();
        let mut out: Vec<Proposal> = findings.iter().map(|f| self.proposal(f)).collect();
        let taken = |u: &str, c: &str| findings.iter().any(|f| f.unit_code == u && f.criterion.as_deref() == Some(c));
        for item in self.src.self_items.iter().filter(|i| i.round_id == round.id && wanted(&i.unit_code)) {
            if item.proposal.trim().is_empty() || taken(&item.unit_code, &item.criterion) {
                continue;
            }
            out.push(Proposal {
                unit_code: item.unit_code.clone(),
                unit_name: self.unit_name(&item.unit_code),
                criterion: Some(item.criterion.clone()),
                criterion_title: self.title(round, &item.criterion).map(|t| t.to_string()),
                text: item.proposal.clone(),
                finding_id: None,
                round_id: round.id.clone(),
                addressed_to: Level::guess(&item.proposal),
                addressed_to_label: Level::guess(&item.proposal).label(),
                answered: false,
                answer: None,
                answered_on: None,
                repeats: None,
                repeats_in: None,
                repeats_answered_on: None,
                complaint_round: None,
            });
        }
        out
    }

    /// The year's proposals (`findings`: every `kien-nghi` finding of the year), every one: a repeat is listed
    /// with its first as context, and counted apart.
    pub fn year_proposals(&self, findings: &[Finding]) -> Vec<Proposal> {
        findings.iter().map(|f| self.proposal(f)).collect()
    }

    /// A `kien-nghi` finding as a proposal, with its own answer only: a repeat not answered itself is not answered,
    /// whatever the first was told (that answer is context: `repeats_answered_on`).
    pub fn proposal(&self, f: &Finding) -> Proposal {
        let answer_of = |id: &str| self.answers.get(id).copied();
        let answer = answer_of(&f.id);
        let level = answer.and_then(|a| a.addressed_to).unwrap_or_else(|| Level::guess(&f.text));
        let text = answer.and_then(|a| a.answer.clone()).filter(|a| !a.trim().is_empty());
        let first = f.repeats.as_deref().and_then(|id| self.src.findings.iter().find(|g| g.id == id));
        Proposal {
            unit_code: f.unit_code.clone(),
            unit_name: self.unit_name(&f.unit_code),
            criterion: f.criterion.clone(),
            criterion_title: self
                .round(&f.round_id)
                .and_then(|r| self.title(r, f.criterion.as_deref()?))
                .map(|t| t.to_string()),
            text: f.text.clone(),
            finding_id: Some(f.id.clone()),
            round_id: f.round_id.clone(),
            addressed_to: level,
            addressed_to_label: level.label(),
            answered: text.is_some(),
            answer: text,
            answered_on: answer.and_then(|a| a.answered_on),
            repeats: f.repeats.clone(),
            repeats_in: first.and_then(|g| self.round(&g.round_id).map(|r| r.title())),
            repeats_answered_on: first
                .and_then(|g| answer_of(&g.id))
                .filter(|a| a.answer.as_deref().is_some_and(|t| !t.trim().is_empty()))
                .and_then(|a| a.answered_on),
            complaint_round: self.caused.get(f.id.as_str()).map(|id| (*id).to_owned()),
        }
    }
}

/// How many of the units' own proposals (not a citizen's complaint) were answered and how many wait.
pub fn answered_counts(proposals: &[Proposal]) -> (usize, usize) {
    let own: Vec<&Proposal> = proposals.iter().filter(|p| p.complaint_round.is_none()).collect();
    let answered = own.iter().filter(|p| p.answered).count();
    (answered, own.len() - answered)
}

/// Proposals by the level they are addressed to (for the assessment's sentences).
pub fn by_level(proposals: &[Proposal]) -> HashMap<Level, usize> {
    let mut out = HashMap::new();
    for p in proposals.iter().filter(|p| p.complaint_round.is_none() && !p.answered) {
        *out.entry(p.addressed_to).or_default() += 1;
    }
    out
}
