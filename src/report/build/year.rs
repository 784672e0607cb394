//! The year-end report's view model: every round, Đợt 1 → Đợt 2, remediation, ranking, proposed bands.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use super::doc::capitalized;
use super::{Index, keyed, node_kind, round_info, totals};
use crate::domain::catalogue::Catalogue;
use crate::domain::classification::{check_top_band_cap, ranks};
use crate::domain::finding::FindingStatus;
use crate::domain::round::RoundKind;
use crate::domain::scoring::{self, ItemScore, round2};
use crate::report::model::FindingView;
use crate::report::model::year::{
    BandCount, FieldChange, ItemLoss, OfficialProposal, Remediation, RoundSummary, StatusCount, UnitChange, UnitScore,
    YearReport,
};
use crate::store::reports::Sources;
use crate::store::rounds::Round;

/// How many of an official's costliest items the reason names.
const LOSSES_SHOWN: usize = 3;

pub fn model(src: &Sources, year: i32, as_of: NaiveDate) -> Result<YearReport> {
    let ix = Index::new(src);
    let periodic = |kind: RoundKind| src.rounds.iter().find(|r| r.kind == kind);
    let (dot1, dot2) = (periodic(RoundKind::Dot1), periodic(RoundKind::Dot2));
    let scored = |r: Option<&Round>| r.map(|r| ix.appraised(r)).unwrap_or_default();
    let (scored1, scored2) = (scored(dot1), scored(dot2));
    let basis = [(dot2, &scored2), (dot1, &scored1)].into_iter().find(|(r, s)| r.is_some() && !s.is_empty());
    let catalogue = [basis.and_then(|b| b.0), dot2, dot1, src.rounds.first()]
        .into_iter()
        .flatten()
        .find_map(|r| ix.catalogue(r))
        .with_context(|| format!("năm {year} chưa có đợt kiểm tra nào"))?;
    let (officials, proposed) = match basis {
        Some((_, scored)) => officials(&ix, catalogue, scored),
        None => (Vec::new(), Vec::new()),
    };
    let classification = &catalogue.classification;
    Ok(YearReport {
        year,
        rounds: src.rounds.iter().map(|r| round_summary(&ix, r)).collect(),
        basis_round: basis.and_then(|b| b.0).map(|r| r.id.clone()),
        fields: fields(&ix, catalogue, dot1, dot2),
        units: units(&ix, [dot1, dot2], [&scored1, &scored2], basis.map(|b| b.1)),
        remediation: remediation(&ix, as_of),
        band_counts: classification
            .bands
            .iter()
            .map(|b| BandCount {
                code: b.code.clone(),
                name: b.name.clone(),
                count: proposed.iter().filter(|p| **p == b.code).count(),
            })
            .collect(),
        cap_warning: check_top_band_cap(classification, &proposed.iter().map(String::as_str).collect::<Vec<_>>()),
        classification_basis: classification.basis.clone(),
        officials,
    })
}

fn round_summary(ix: &Index, round: &Round) -> RoundSummary {
    let appraised = ix.appraised(round);
    let scope = ix.scope(&round.id);
    let unit_results = if round.kind == RoundKind::DotXuat {
        let by_unit = keyed(scoring::totals_by_unit(&appraised));
        scope
            .iter()
            .map(|code| UnitScore {
                code: (*code).to_owned(),
                name: ix.unit_name(code),
                appraised_score: by_unit.get(*code).and_then(|t| t.score100()),
            })
            .collect()
    } else {
        Vec::new()
    };
    RoundSummary {
        round: round_info(round),
        units_in_scope: scope.len(),
        ward: totals(Some(&scoring::total(&appraised)), Some(&scoring::total(&ix.self_points(round)))),
        findings: ix.src.findings.iter().filter(|f| f.round_id == round.id).count(),
        unit_results,
    }
}

/// Each periodic field's appraised points in a round, converted to the field's maximum in that round.
fn field_points(ix: &Index, round: Option<&Round>) -> BTreeMap<String, f64> {
    let Some(round) = round else { return BTreeMap::new() };
    let Some(catalogue) = ix.catalogue(round) else { return BTreeMap::new() };
    scoring::totals_by_field(&ix.appraised(round))
        .into_iter()
        .filter_map(|(code, total)| {
            let scaled = total.scaled(catalogue.get(&code)?.max_points)?;
            Some((code, scaled))
        })
        .collect()
}

fn fields(ix: &Index, catalogue: &Catalogue, dot1: Option<&Round>, dot2: Option<&Round>) -> Vec<FieldChange> {
    let (p1, p2) = (field_points(ix, dot1), field_points(ix, dot2));
    catalogue
        .fields()
        .filter(|f| f.kind == node_kind(RoundKind::Dot1))
        .map(|f| {
            let (a, b) = (p1.get(&f.code).copied(), p2.get(&f.code).copied());
            FieldChange {
                code: f.code.clone(),
                title: f.title.clone(),
                max: f.max_points,
                dot1: a,
                dot2: b,
                change: a.zip(b).map(|(a, b)| round2(b - a)),
            }
        })
        .collect()
}

/// Units of either periodic round, ranked by the basis round's score (ties share a rank), best first.
fn units(
    ix: &Index,
    rounds: [Option<&Round>; 2],
    scored: [&[ItemScore]; 2],
    basis: Option<&Vec<ItemScore>>,
) -> Vec<UnitChange> {
    let in_scope: HashSet<&str> = rounds.iter().flatten().flat_map(|r| ix.scope(&r.id)).collect();
    let by_unit = |all: &[ItemScore]| -> HashMap<String, f64> {
        scoring::totals_by_unit(all).into_iter().filter_map(|(u, t)| Some((u, t.score100()?))).collect()
    };
    let (first, second) = (by_unit(scored[0]), by_unit(scored[1]));
    let mut out: Vec<UnitChange> = ix
        .src
        .units
        .iter()
        .filter(|u| in_scope.contains(u.code.as_str()))
        .map(|u| {
            let (a, b) = (first.get(&u.code).copied(), second.get(&u.code).copied());
            UnitChange {
                rank: None,
                code: u.code.clone(),
                name: u.name.clone(),
                dot1: a,
                dot2: b,
                change: a.zip(b).map(|(a, b)| round2(b - a)),
            }
        })
        .collect();
    if let Some(basis) = basis {
        let on_basis = by_unit(basis);
        let scores: Vec<Option<f64>> = out.iter().map(|u| on_basis.get(&u.code).copied()).collect();
        for (unit, rank) in out.iter_mut().zip(ranks(&scores)) {
            unit.rank = rank;
        }
        // Stable: units sharing a rank keep the directory's order; unranked units go last.
        out.sort_by_key(|u| u.rank.unwrap_or(u32::MAX));
    }
    out
}

fn remediation(ix: &Index, as_of: NaiveDate) -> Remediation {
    let findings: Vec<FindingView> =
        ix.src.findings.iter().filter(|f| f.kind.is_followed_up()).map(|f| ix.finding(f, as_of)).collect();
    Remediation {
        counts: FindingStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                label: capitalized(status.label()),
                count: findings.iter().filter(|f| f.status == status).count(),
            })
            .collect(),
        overdue: findings.iter().filter(|f| f.days_overdue.is_some()).count(),
        findings,
    }
}

/// Every official with assigned items in the basis round, their score, proposed band and costliest items;
/// also the band codes proposed, for the cap check.
fn officials(ix: &Index, catalogue: &Catalogue, scored: &[ItemScore]) -> (Vec<OfficialProposal>, Vec<String>) {
    let by_official = keyed(scoring::totals_by(scored, |i| ix.official_of(i)));
    let answering: HashSet<&str> = ix.src.assignments.iter().filter_map(|a| a.official_code.as_deref()).collect();
    let mut proposed = Vec::new();
    let rows = ix
        .src
        .officials
        .iter()
        .filter(|o| answering.contains(o.code.as_str()))
        .map(|o| {
            let total = by_official.get(&o.code).copied().unwrap_or_default();
            let band = total.score100().and_then(|s| catalogue.classification.band_for(s));
            if let Some(band) = band {
                proposed.push(band.code.clone());
            }
            let own = scored.iter().filter(|i| ix.official_of(i) == Some(o.code.as_str()));
            OfficialProposal {
                code: o.code.clone(),
                name: o.name.clone(),
                position: o.position.clone(),
                unit_code: o.unit_code.clone(),
                unit_name: ix.unit_name(&o.unit_code),
                totals: totals(Some(&total), None),
                band_code: band.map(|b| b.code.clone()),
                band_name: band.map(|b| b.name.clone()),
                losses: scoring::losses(own)
                    .into_iter()
                    .take(LOSSES_SHOWN)
                    .map(|l| ItemLoss {
                        title: catalogue.get(&l.code).map(|n| n.title.clone()).unwrap_or_default(),
                        criterion: l.code,
                        unit_code: l.unit,
                        max: l.max,
                        points: l.points,
                        lost: l.lost,
                    })
                    .collect(),
            }
        })
        .collect();
    (rows, proposed)
}
