//! The round report's view model from the store's rows.

use std::collections::{HashMap, HashSet};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use super::{Index, assessment_doc, keyed, pair, round_info, totals};
use crate::domain::catalogue::{Catalogue, Node};
use crate::domain::code;
use crate::domain::finding::FindingKind;
use crate::domain::round::Round;
use crate::domain::round::{RoundKind, RoundStatus, role_label};
use crate::domain::scoring::{self, ItemScore, Mark};
use crate::domain::selfreport::ReceiptRow;
use crate::domain::sources::Sources;
use crate::report::model::round::{
    CarryOver, FieldResult, ItemLossSum, LateUnit, NoteCount, OfficialResult, Rescored, RoundReport, TeamMember,
    UnitResult, Unscored,
};
use crate::report::model::year::ItemLoss;
use crate::report::model::{FindingView, UnitRef};

pub fn model(src: &Sources, round_id: &str, as_of: NaiveDate) -> Result<RoundReport> {
    let ix = Index::new(src);
    let round = ix.round(round_id).with_context(|| format!("không có đợt kiểm tra «{round_id}»"))?;
    let catalogue = ix.catalogue(round).context("không tìm thấy bộ tiêu chí của đợt")?;
    let appraised = ix.appraised(round);
    let (own, same) = ix.compared(round);
    let pairs = src.assignments.iter().map(|a| (a.criterion.as_str(), a.unit_code.as_str()));
    let (scope, out_of_scope) = round.split_scope(catalogue, pairs, ix.scope(&round.id));
    let findings: Vec<FindingView> =
        src.findings.iter().filter(|f| f.round_id == round.id).map(|f| ix.finding(f, as_of)).collect();
    let of_kind = |pred: fn(FindingKind) -> bool| findings.iter().filter(|f| pred(f.kind)).cloned().collect();
    let fields = fields(&ix, round, catalogue, &appraised, (&own, &same));
    let field_codes: Vec<&str> = fields.iter().map(|f| f.code.as_str()).collect();
    // By unit, once: a national round covers thousands of units, each looked up here.
    let receipts: HashMap<&str, &ReceiptRow> =
        src.receipts.iter().filter(|r| r.round_id == round.id).map(|r| (r.unit_code.as_str(), r)).collect();
    let received = |code: &str| receipts.contains_key(code);
    let mut findings_of_unit: HashMap<&str, usize> = HashMap::new();
    findings.iter().for_each(|f| *findings_of_unit.entry(&*f.unit_code).or_default() += 1);
    let units: Vec<UnitResult> = {
        let by_unit = keyed(scoring::totals_by_unit(&appraised));
        let (own, same) = (keyed(scoring::totals_by_unit(&own)), keyed(scoring::totals_by_unit(&same)));
        let result = |code: &&str| UnitResult {
            code: (*code).to_owned(),
            name: ix.unit_name(code),
            totals: totals(by_unit.get(*code), pair(&own, &same, code)),
            findings: findings_of_unit.get(*code).copied().unwrap_or(0),
        };
        scope.iter().map(result).collect()
    };
    let (clarifications_answered, open_clarifications) = super::round_trail::clarifications(&ix, &round.id, as_of);
    Ok(RoundReport {
        decision: None,
        round: round_info(round),
        team: src
            .team
            .iter()
            .map(|m| TeamMember {
                name: m.name.clone(),
                role: m.role.clone(),
                role_label: role_label(&m.role),
                unit_code: m.unit_code.clone(),
                unit_name: m.unit_code.as_deref().map(|u| ix.unit_name(u)),
            })
            .collect(),
        provisional: round.status != RoundStatus::Closed,
        units_in_scope: scope.len(),
        units_scheduled: src.slots.iter().filter(|s| s.round_id == round.id).count(),
        out_of_scope: out_of_scope
            .iter()
            .map(|code| UnitRef { code: (*code).to_owned(), name: ix.unit_name(code) })
            .collect(),
        unscored: units
            .iter()
            .filter(|u| u.totals.appraised_score.is_none())
            .map(|u| Unscored {
                code: u.code.clone(),
                name: u.name.clone(),
                reason: match (round.kind == RoundKind::DotXuat || received(&u.code), u.totals.not_applicable > 0) {
                    (_, true) => "mọi nội dung được giao đều không áp dụng trong kỳ".to_owned(),
                    (true, false) => "Đoàn kiểm tra chưa chấm điểm thẩm định".to_owned(),
                    (false, false) => "chưa gửi báo cáo tự kiểm tra, Đoàn kiểm tra chưa chấm điểm thẩm định".to_owned(),
                },
            })
            .collect(),
        selfreports_received: scope.iter().filter(|code| received(code)).count(),
        ward: totals(Some(&scoring::total(&appraised)), Some((&scoring::total(&own), &scoring::total(&same)))),
        officials: officials(&ix, round, catalogue, &scope, &field_codes, &appraised, (&own, &same)),
        fields,
        units,
        good_practices: of_kind(|k| k == FindingKind::DienHinh),
        shortcomings: of_kind(FindingKind::is_shortcoming),
        proposals: ix.proposals(round, None),
        carry_over: carry_over(&ix, round, as_of, &appraised),
        late_units: late_units(&ix, round, &scope, &receipts),
        item_losses: item_losses(&ix, round, &appraised),
        recurring_notes: recurring_notes(src, round),
        evidence: super::round_trail::evidence(&ix, &scope),
        clarifications_answered,
        open_clarifications,
        assessment: Vec::new(),
    })
}

/// What each item cost over every unit, biggest loss first: every item that lost points, so that the drafts count a
/// tie from the whole list (a list cut at five would make twelve items at −0,5 read as two).
fn item_losses(ix: &Index, round: &Round, appraised: &[ItemScore]) -> Vec<ItemLossSum> {
    let mut by_item: HashMap<&str, (usize, f64)> = HashMap::new();
    for l in appraised.iter().filter_map(|i| scoring::loss(&i.unit, &i.code, i.max, i.mark)) {
        let entry = by_item.entry(l.code.as_str()).or_default();
        entry.0 += 1;
        entry.1 += l.lost;
    }
    let mut out: Vec<ItemLossSum> = by_item
        .into_iter()
        .map(|(code, (units, lost))| ItemLossSum {
            criterion: code.to_owned(),
            title: ix.title(round, code).map(|t| t.to_string()).unwrap_or_default(),
            units,
            lost,
        })
        .collect();
    out.sort_by(|a, b| scoring::costlier_first((a.lost, &a.criterion), (b.lost, &b.criterion)));
    out
}

/// The team's notes on items, most repeated first (a note written on one item only is not a pattern).
fn recurring_notes(src: &Sources, round: &Round) -> Vec<NoteCount> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in src.scores.iter().filter(|s| s.round_id == round.id && !s.not_applicable) {
        let note = s.note.trim().trim_end_matches('.');
        if !note.is_empty() {
            *counts.entry(note).or_default() += 1;
        }
    }
    let mut out: Vec<NoteCount> = counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(note, items)| NoteCount { note: note.to_owned(), items })
        .collect();
    out.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.note.cmp(&b.note)));
    out.truncate(3);
    out
}

/// The fields a round covers: every periodic field in Đợt 1 and 2; in an ad-hoc round the topics it scored
/// (all topics while nothing is scored yet).
pub fn round_fields<'c>(catalogue: &'c Catalogue, round: &Round, has_data: impl Fn(&str) -> bool) -> Vec<&'c Node> {
    let kind = round.kind.node_kind();
    let all: Vec<&Node> = catalogue.fields().filter(|f| f.kind == kind).collect();
    let with_data: Vec<&Node> = all.iter().copied().filter(|f| has_data(&f.code)).collect();
    if round.kind == RoundKind::DotXuat && !with_data.is_empty() { with_data } else { all }
}

fn fields(
    ix: &Index,
    round: &Round,
    catalogue: &Catalogue,
    appraised: &[ItemScore],
    (own, same): (&[ItemScore], &[ItemScore]),
) -> Vec<FieldResult> {
    let by_field = keyed(scoring::totals_by_field(appraised));
    let (own_by_field, same) = (keyed(scoring::totals_by_field(own)), keyed(scoring::totals_by_field(same)));
    let has_data = |code: &str| by_field.contains_key(code) || own_by_field.contains_key(code);
    round_fields(catalogue, round, has_data)
        .into_iter()
        .map(|field| {
            let a = by_field.get(field.code.as_str());
            let s = own_by_field.get(field.code.as_str());
            FieldResult {
                code: field.code.clone(),
                title: field.title.clone(),
                max: field.max_points,
                self_points: s.and_then(|t| t.scaled(field.max_points)),
                appraised_points: a.and_then(|t| t.scaled(field.max_points)),
                totals: totals(a, pair(&own_by_field, &same, &field.code)),
                comments: comments(ix, round, &field.code),
            }
        })
        .collect()
}

/// The team's comments on a field: its notes on the field's items ("Unit – item: note"), then the good
/// practices and shortcomings it recorded there, in item order.
fn comments(ix: &Index, round: &Round, field: &str) -> Vec<String> {
    let in_field = |code: &str| code::field(code) == field;
    let mut notes: Vec<_> = ix
        .src
        .scores
        .iter()
        .filter(|s| s.round_id == round.id && in_field(&s.criterion) && !s.note.trim().is_empty())
        .collect();
    notes.sort_by(|a, b| code::compare(&a.criterion, &b.criterion).then_with(|| a.unit_code.cmp(&b.unit_code)));
    let item = |code: &str| assessment_doc::item(ix.title(round, code).as_deref(), Some(code));
    let mut out: Vec<String> = notes
        .iter()
        .map(|s| format!("{} – {}: {}", ix.unit_name(&s.unit_code), item(&s.criterion), s.note.trim()))
        .collect();
    let recorded = ix.src.findings.iter().filter(|f| f.round_id == round.id && f.kind != FindingKind::KienNghi);
    out.extend(recorded.filter_map(|f| {
        let code = f.criterion.as_deref().filter(|c| in_field(c))?;
        let kind = f.kind.label().to_lowercase();
        Some(format!(
            "{} – {}: {} ({kind})",
            ix.unit_name(&f.unit_code),
            item(code),
            f.text.trim().trim_end_matches('.')
        ))
    }));
    out
}

/// Officials answering for items of the round's fields in the units it covers.
fn officials(
    ix: &Index,
    round: &Round,
    catalogue: &Catalogue,
    scope: &[&str],
    fields: &[&str],
    appraised: &[ItemScore],
    (own, same): (&[ItemScore], &[ItemScore]),
) -> Vec<OfficialResult> {
    let by_a = keyed(scoring::totals_by(appraised, |i| ix.official_of(i)));
    let by_s = keyed(scoring::totals_by(own, |i| ix.official_of(i)));
    let same = keyed(scoring::totals_by(same, |i| ix.official_of(i)));
    let mut losses = official_losses(ix, round, appraised);
    let scope: HashSet<&str> = scope.iter().copied().collect();
    let mut assigned: HashMap<&str, usize> = HashMap::new();
    for a in &ix.src.assignments {
        let counts = scope.contains(a.unit_code.as_str())
            && fields.contains(&code::field(&a.criterion))
            && catalogue.get(&a.criterion).is_some_and(|n| n.is_leaf);
        if let (true, Some(official)) = (counts, a.official_code.as_deref()) {
            *assigned.entry(official).or_default() += 1;
        }
    }
    ix.src
        .officials
        .iter()
        .filter_map(|o| {
            let items_assigned = assigned.get(o.code.as_str()).copied().unwrap_or(0);
            (items_assigned > 0).then(|| OfficialResult {
                code: o.code.clone(),
                name: o.name.clone(),
                position: o.position.clone(),
                unit_code: o.unit_code.clone(),
                unit_name: ix.unit_name(&o.unit_code),
                items_assigned,
                totals: totals(by_a.get(&o.code), pair(&by_s, &same, &o.code)),
                losses: losses.remove(o.code.as_str()).unwrap_or_default(),
            })
        })
        .collect()
}

/// The items that cost each official points, biggest loss first (every item is looked at once: a national round
/// has tens of thousands of officials and hundreds of thousands of items).
fn official_losses<'a>(ix: &Index<'a>, round: &Round, appraised: &[ItemScore]) -> HashMap<&'a str, Vec<ItemLoss>> {
    let mut by_official: HashMap<&str, Vec<ItemLoss>> = HashMap::new();
    for i in appraised {
        let (Some(official), Some(l)) = (ix.official_of(i), scoring::loss(&i.unit, &i.code, i.max, i.mark)) else {
            continue;
        };
        by_official.entry(official).or_default().push(ItemLoss {
            criterion: ix.shared_item_code(round, l.code),
            title: ix.title(round, l.code).unwrap_or_default(),
            unit_name: ix.shared_unit_name(l.unit),
            unit_code: ix.shared_unit_code(l.unit),
            max: l.max,
            points: l.points,
            lost: l.lost,
        });
    }
    for out in by_official.values_mut() {
        out.sort_by(|a, b| scoring::costlier_first((a.lost, &a.criterion), (b.lost, &b.criterion)));
    }
    by_official
}

/// Shortcomings and violations of the year's earlier rounds, and what became of them.
fn carry_over(ix: &Index, round: &Round, as_of: NaiveDate, appraised: &[ItemScore]) -> Vec<CarryOver> {
    let mut events = ix.events_by_finding();
    let scored: HashMap<(&str, &str), Rescored> = appraised
        .iter()
        .filter_map(|i| match i.mark {
            Mark::Points(points) => Some(((i.unit.as_str(), i.code.as_str()), Rescored { points, max: i.max })),
            _ => None,
        })
        .collect();
    ix.src
        .findings
        .iter()
        .filter(|f| f.kind.is_shortcoming() && ix.is_before(&f.round_id, round))
        .map(|f| {
            let events = events.remove(f.id.as_str()).unwrap_or_default();
            CarryOver {
                checked_in_round: events.iter().any(|e| e.round_id.as_deref() == Some(round.id.as_str())),
                rescored: f.criterion.as_deref().and_then(|c| scored.get(&(f.unit_code.as_str(), c))).copied(),
                finding: ix.finding(f, as_of),
                events,
            }
        })
        .collect()
}

/// Units that sent their self-report late or not at all; ad-hoc rounds ask for none (plan, section IV.1.c),
/// and a unit answering for no item has nothing to report.
fn late_units(ix: &Index, round: &Round, scope: &[&str], receipts: &HashMap<&str, &ReceiptRow>) -> Vec<LateUnit> {
    if round.kind == RoundKind::DotXuat {
        return Vec::new();
    }
    let answering: HashSet<&str> = ix.src.assignments.iter().map(|a| a.unit_code.as_str()).collect();
    scope
        .iter()
        .filter(|code| answering.contains(**code))
        .filter_map(|code| {
            let receipt = receipts.get(*code);
            let received_on = receipt.map(|r| r.first_received);
            let due = ix.selfreport_due(round, code);
            let days_late = received_on.map(|d| (d - due).num_days()).filter(|d| *d > 0);
            (received_on.is_none() || days_late.is_some()).then(|| LateUnit {
                code: (*code).to_owned(),
                name: ix.unit_name(code),
                due,
                received_on,
                days_late,
            })
        })
        .collect()
}
