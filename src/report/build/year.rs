//! The year-end report's view model: every round, Đợt 1 → Đợt 2, remediation, ranking, proposed bands.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use super::doc::capitalized;
use super::year_tally::{RoundTally, Sums};
use super::{Index, LatestStep, Shared, round_info, totals};
use crate::domain::catalogue::Catalogue;
use crate::domain::catalogue::Classification;
use crate::domain::classification::{
    CAP_ARTICLE, CapBase, DEFAULT_TOP_BAND_CAP_PERCENT, ranks, thin_basis, top_band_cap,
};
use crate::domain::directory::{CATEGORIES, category_label, category_of};
use crate::domain::finding::{Event, Finding};
use crate::domain::finding::{FindingKind, FindingStatus};
use crate::domain::number::points;
use crate::domain::round::Round;
use crate::domain::round::{RoundKind, RoundStatus};
use crate::domain::scoring::{self, round2};
use crate::report::model::FindingView;
use crate::report::model::year::{
    BandCount, ClassGroup, FieldChange, ItemLoss, OfficialProposal, Remediation, RoundSummary, StatusCount, UnitChange,
    UnitScore, YearReport,
};

/// The year's findings as the report lists them: the views of all but good practices, and how many each round
/// recorded.
pub struct YearFindings<'a> {
    views: Vec<FindingView>,
    per_round: HashMap<&'a str, usize>,
    /// The units' proposals (answered, never remediated) and the good practices: a few per round.
    proposals: Vec<Finding>,
    practices: Vec<FindingView>,
}

/// `findings` passes every finding of the year to the function it is given (a national year has tens of thousands:
/// each is moved into its view as it comes, with the note and time of its latest status change, taken from
/// `latest`: one status change per finding, as `store::reports_year::latest_events` reads them); `followed_up` says
/// how many of them are not good practices.
pub fn findings<'a>(
    ix: &Index<'a>,
    as_of: NaiveDate,
    mut latest: Vec<Event>,
    (followed_up, findings): (usize, impl FnOnce(&mut dyn FnMut(Finding)) -> Result<()>),
) -> Result<YearFindings<'a>> {
    // In finding id order, bytewise (`latest_events` sorts them so, in SQLite's binary collation): found by halving.
    let mut take_latest = |id: &str| {
        let at = latest.binary_search_by(|e| e.finding_id.as_str().cmp(id)).ok()?;
        let e = &mut latest[at];
        Some((e.status, LatestStep { note: std::mem::take(&mut e.note), at: std::mem::take(&mut e.at) }))
    };
    let mut per_round: HashMap<&str, usize> = ix.src.rounds.iter().map(|r| (r.id.as_str(), 0)).collect();
    // Sized up front: grown by doubling, the list would need twice its size at the last step.
    let mut views = Vec::with_capacity(followed_up);
    let (mut proposals, mut practices) = (Vec::new(), Vec::new());
    findings(&mut |f| {
        if let Some(count) = per_round.get_mut(f.round_id.as_str()) {
            *count += 1;
        }
        match f.kind {
            FindingKind::KienNghi => proposals.push(f),
            FindingKind::DienHinh => practices.push(ix.finding_view(f, None, as_of)),
            _ => {
                // The status on the report's day: that of the latest change by then, else still open.
                let (status, latest) = take_latest(&f.id).unzip();
                let f = Finding { status: status.unwrap_or(FindingStatus::Mo), ..f };
                views.push(ix.finding_view(f, latest, as_of));
            }
        }
    })?;
    views.shrink_to_fit();
    Ok(YearFindings { views, per_round, proposals, practices })
}

impl YearFindings<'_> {
    /// Sets the findings into the report `model` made: each round's count, the remediation, the good practices and
    /// the units' proposals.
    pub fn into_report(self, ix: &Index, report: &mut YearReport) {
        let YearFindings { views, per_round, proposals, practices } = self;
        for r in &mut report.rounds {
            r.findings = per_round.get(r.round.id.as_str()).copied().unwrap_or(0);
        }
        report.remediation = remediation(views);
        report.good_practices = practices;
        report.proposals = ix.year_proposals(&proposals);
    }
}

/// `ix` over the sources `store::reports_year` reads, `tally` the sums of the year's scores and self points: the
/// report without its findings (`YearFindings::into_report` sets them), the sums let go once it is made.
pub fn model(ix: &Index, tally: Sums, year: i32) -> Result<YearReport> {
    let src = ix.src;
    let periodic = |kind: RoundKind| src.rounds.iter().find(|r| r.kind == kind);
    let (dot1, dot2) = (periodic(RoundKind::Dot1), periodic(RoundKind::Dot2));
    let basis = [dot2, dot1].into_iter().flatten().find(|r| tally.round(&r.id).items() > 0);
    let catalogue = [basis, dot2, dot1, src.rounds.first()]
        .into_iter()
        .flatten()
        .find_map(|r| ix.catalogue(r))
        .with_context(|| format!("năm {year} chưa có đợt kiểm tra nào"))?;
    let (officials, proposed) = match basis {
        Some(basis) => officials(ix, basis, [dot1, dot2], catalogue, &tally),
        None => (Vec::new(), Vec::new()),
    };
    let tally = &tally;
    let sums = |r: Option<&Round>| r.map(|r| tally.round(&r.id));
    let classification = &catalogue.classification;
    Ok(YearReport {
        year,
        rounds: src.rounds.iter().map(|r| round_summary(ix, r, tally)).collect(),
        basis_round: basis.map(|r| r.id.clone()),
        fields: fields(ix, catalogue, dot1, dot2, tally),
        units: units(ix, tally, [dot1, dot2], [sums(dot1), sums(dot2)], basis.map(|r| tally.round(&r.id))),
        remediation: remediation(Vec::new()),
        groups: groups(classification, &proposed),
        classification_basis: classification.basis.clone(),
        classification_rule: rule(classification),
        officials,
        provisional: provisional(&src.rounds),
        good_practices: Vec::new(),
        proposals: Vec::new(),
        assessment: Vec::new(),
        previous_year: None,
    })
}

/// "số liệu tạm tính, Đợt 2 chưa kết thúc" when a round the report covers (ad-hoc ones included: their scores are
/// in it) is not closed.
fn provisional(rounds: &[Round]) -> Option<String> {
    let mut open: Vec<&Round> = rounds.iter().filter(|r| r.status != RoundStatus::Closed).collect();
    open.sort_by_key(|r| r.kind == RoundKind::DotXuat);
    let open: Vec<String> = open
        .into_iter()
        .map(|r| match r.kind {
            RoundKind::DotXuat => format!("đợt kiểm tra đột xuất {}", r.id),
            _ => r.title(),
        })
        .collect();
    (!open.is_empty()).then(|| format!("số liệu tạm tính, {} chưa kết thúc", open.join(", ")))
}

/// A unit's total on the 100-point scale in a round, when it has one.
fn score100(sums: Option<RoundTally>, unit: &str) -> Option<f64> {
    sums?.unit(unit)?.score100()
}

/// Periodic rounds cover the units answering for some item; an ad-hoc round the units it names.
fn in_scope<'a>(ix: &Index<'a>, round: &Round, tally: &Sums) -> Vec<&'a str> {
    let scope = ix.scope(&round.id);
    match round.kind {
        RoundKind::DotXuat => scope,
        _ => scope.into_iter().filter(|code| tally.unit_answers(code)).collect(),
    }
}

/// A round's summary; its findings are counted as they are read (`YearFindings::into_report`).
fn round_summary(ix: &Index, round: &Round, tally: &Sums) -> RoundSummary {
    let sums = tally.round(&round.id);
    let scope = in_scope(ix, round, tally);
    let unit_results = if round.kind == RoundKind::DotXuat {
        scope
            .iter()
            .map(|code| UnitScore {
                code: (*code).to_owned(),
                name: ix.unit_name(code),
                appraised_score: score100(Some(sums), code),
            })
            .collect()
    } else {
        Vec::new()
    };
    RoundSummary {
        round: round_info(round),
        units_in_scope: scope.len(),
        ward: {
            let (own, same) = sums.compared();
            totals(Some(&sums.ward()), Some((&own, &same)))
        },
        findings: 0,
        unit_results,
    }
}

/// Each periodic field's appraised result in a round: its points converted to the field's maximum in that round,
/// and the ratio, both unrounded.
fn field_points(ix: &Index, round: Option<&Round>, tally: &Sums) -> BTreeMap<String, (f64, f64)> {
    let Some(round) = round else { return BTreeMap::new() };
    let Some(catalogue) = ix.catalogue(round) else { return BTreeMap::new() };
    tally
        .round(&round.id)
        .fields()
        .filter_map(|(code, total)| {
            let ratio = total.ratio()?;
            Some((code.to_owned(), (ratio * catalogue.get(code)?.max_points, ratio)))
        })
        .collect()
}

fn fields(
    ix: &Index,
    catalogue: &Catalogue,
    dot1: Option<&Round>,
    dot2: Option<&Round>,
    tally: &Sums,
) -> Vec<FieldChange> {
    let (p1, p2) = (field_points(ix, dot1, tally), field_points(ix, dot2, tally));
    catalogue
        .fields()
        .filter(|f| f.kind == RoundKind::Dot1.node_kind())
        .map(|f| {
            let (a, b) = (p1.get(&f.code).copied(), p2.get(&f.code).copied());
            let on_100 = |x: Option<(f64, f64)>| x.map(|(_, ratio)| round2(ratio * 100.0));
            FieldChange {
                code: f.code.clone(),
                title: f.title.clone(),
                max: f.max_points,
                dot1: a.map(|(p, _)| round2(p)),
                dot2: b.map(|(p, _)| round2(p)),
                change: a.zip(b).map(|((a, _), (b, _))| round2(b - a)),
                dot1_score: on_100(a),
                dot2_score: on_100(b),
            }
        })
        .collect()
}

/// Units of either periodic round, ranked by the basis round's score (ties share a rank), best first; changes and
/// ranks come from the unrounded totals.
fn units(
    ix: &Index,
    tally: &Sums,
    rounds: [Option<&Round>; 2],
    sums: [Option<RoundTally>; 2],
    basis: Option<RoundTally>,
) -> Vec<UnitChange> {
    let in_scope: HashSet<&str> = rounds.iter().flatten().flat_map(|r| in_scope(ix, r, tally)).collect();
    let total = |sums: Option<RoundTally>, unit: &str| sums.and_then(|s| s.unit(unit).copied());
    let mut out: Vec<UnitChange> = ix
        .src
        .units
        .iter()
        .filter(|u| in_scope.contains(u.code.as_str()))
        .map(|u| {
            let (a, b) = (total(sums[0], &u.code), total(sums[1], &u.code));
            UnitChange {
                rank: None,
                code: u.code.clone(),
                name: u.name.clone(),
                dot1: a.and_then(|t| t.score100()),
                dot2: b.and_then(|t| t.score100()),
                change: a.zip(b).and_then(|(a, b)| scoring::change(&a, &b, 100.0)),
            }
        })
        .collect();
    if let Some(basis) = basis {
        let scores: Vec<Option<f64>> =
            out.iter().map(|u| total(Some(basis), &u.code).and_then(|t| t.ratio()).map(|r| r * 100.0)).collect();
        for (unit, rank) in out.iter_mut().zip(ranks(&scores)) {
            unit.rank = rank;
        }
        // Stable: units sharing a rank keep the directory's order; unranked units go last.
        out.sort_by_key(|u| u.rank.unwrap_or(u32::MAX));
    }
    out
}

/// The year's shortcomings, violations and proposals (`findings`: their views) with counts by status.
fn remediation(findings: Vec<FindingView>) -> Remediation {
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

/// The classification rule as the catalogue states it: its basis, the article on the top band's share, the bands.
fn rule(c: &Classification) -> String {
    let bands: Vec<String> = c
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| match i {
            0 => format!("“{}” từ {} điểm", b.name, points(b.min)),
            _ if b.min <= 0.0 => format!("“{}” dưới {} điểm", b.name, points(b.max)),
            _ => format!("“{}” từ {} đến dưới {} điểm", b.name, points(b.min), points(b.max)),
        })
        .collect();
    let share = match c.bands.as_slice() {
        [top, below, ..] => format!(
            " {CAP_ARTICLE}: số được xếp loại “{}” không quá {}% tổng số được xếp loại “{}”.",
            top.name,
            points(c.top_band_cap_percent.unwrap_or(DEFAULT_TOP_BAND_CAP_PERCENT)),
            below.name
        ),
        _ => String::new(),
    };
    format!("Căn cứ {}, các mức xếp loại theo điểm (thang 100): {}.{share}", c.basis, bands.join("; "))
}

/// Per category of official, in the order of `CATEGORIES`: the count proposed in each band and the cap on the top
/// band, checked within the category (each is rated under its own rules).
fn groups(classification: &Classification, proposed: &[(&str, &str)]) -> Vec<ClassGroup> {
    CATEGORIES
        .iter()
        .filter_map(|(category, _)| {
            let bands: Vec<&str> = proposed.iter().filter(|(c, _)| c == category).map(|(_, b)| *b).collect();
            (!bands.is_empty()).then(|| ClassGroup {
                category: (*category).to_owned(),
                label: category_label(category),
                band_counts: classification
                    .bands
                    .iter()
                    .map(|b| BandCount {
                        code: b.code.clone(),
                        name: b.name.clone(),
                        count: bands.iter().filter(|p| **p == b.code).count(),
                    })
                    .collect(),
                cap: top_band_cap(classification, &bands, classification.top_band_cap_base.unwrap_or(CapBase::Tot)),
            })
        })
        .collect()
}

/// Every official with assigned items, their score in the basis round, proposed band and costliest items; also
/// the (category, band code) proposed, for the cap check.
fn officials<'c>(
    ix: &Index,
    basis: &Round,
    periodic: [Option<&Round>; 2],
    catalogue: &'c Catalogue,
    tally: &Sums,
) -> (Vec<OfficialProposal>, Vec<(&'static str, &'c str)>) {
    let sums = tally.round(&basis.id);
    let mut proposed = Vec::new();
    // Listed first, so that the proposals are allocated once at their size (tens of thousands in a national year).
    let answering: Vec<_> = ix.src.officials.iter().filter(|o| tally.answers(&o.code)).collect();
    let shared_bands: HashMap<&str, Shared> = (catalogue.classification.bands.iter())
        .map(|b| (b.code.as_str(), (Rc::from(&*b.code), Rc::from(&*b.name))))
        .collect();
    let rows = answering
        .into_iter()
        .map(|o| {
            let own = sums.official(&o.code);
            let total = own.map(|s| s.total).unwrap_or_default();
            let band = total.score100().and_then(|s| catalogue.classification.band_for(s));
            let in_round = |r: Option<&Round>| Some(tally.round(&r?.id).official(&o.code)?.total);
            let (dot1, dot2) = (in_round(periodic[0]), in_round(periodic[1]));
            let kind = ix.unit(&o.unit_code).map_or("", |u| u.kind.as_str());
            let category = CATEGORIES
                .iter()
                .map(|(c, _)| *c)
                .find(|c| *c == category_of(&o.category, kind))
                .unwrap_or("cong-chuc");
            if let Some(band) = band {
                proposed.push((category, band.code.as_str()));
            }
            let unit_items = sums.unit(&o.unit_code).map_or(0, |u| u.scored);
            let thin = band.is_some() && thin_basis(total.scored, unit_items, total.max);
            OfficialProposal {
                code: o.code.clone(),
                category,
                thin_basis: thin.then(|| {
                    let max = crate::domain::number::points(total.max);
                    if total.scored < unit_items {
                        format!("chỉ dựa trên {}/{unit_items} nội dung của đơn vị, tổng {max} điểm", total.scored)
                    } else {
                        format!("dựa trên {} nội dung, tổng {max} điểm (dưới 10 điểm)", total.scored)
                    }
                }),
                name: o.name.clone(),
                position: o.position.clone(),
                unit_code: ix.shared_unit_code(&o.unit_code),
                unit_name: ix.shared_unit_name(&o.unit_code),
                totals: totals(Some(&total), None),
                dot1: dot1.and_then(|t| t.score100()),
                dot2: dot2.and_then(|t| t.score100()),
                change: dot1.zip(dot2).and_then(|(a, b)| scoring::change(&a, &b, 100.0)),
                band_code: band.and_then(|b| shared_bands.get(&*b.code)).map(|(code, _)| Rc::clone(code)),
                band_name: band.and_then(|b| shared_bands.get(&*b.code)).map(|(_, name)| Rc::clone(name)),
                losses: own
                    .into_iter()
                    .flat_map(|s| sums.losses(s))
                    .map(|l| ItemLoss {
                        title: ix.title(basis, l.code).unwrap_or_default(),
                        criterion: ix.shared_item_code(basis, l.code),
                        unit_code: ix.shared_unit_code(l.unit),
                        unit_name: ix.shared_unit_name(l.unit),
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
