//! What a reviewer sends back before a report is signed (`cchc review`): contradictions between the scores and the
//! findings, evidence that belies "không áp dụng", self points the unit did not write, gaps in the data. Each point
//! says where it is and how to fix it.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::assessment::ProposalAnswer;
use super::catalogue::Catalogue;
use super::clarification::Clarification;
use super::date;
use super::finding::{Finding, FindingKind};
use super::round::{Round, RoundKind};
use super::score::Score;
use super::selfreport::SelfItemRow;

/// One thing to put right before signing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewPoint {
    /// Where: round, unit, item or finding.
    pub place: String,
    pub problem: String,
    /// How to fix it: the command to run.
    pub fix: String,
}

/// What every round's checks share, read once for the year: each round's rows hold it by reference, so that the
/// rounds of a national year (hundreds, ad-hoc ones included) do not each copy tens of thousands of units.
#[derive(Debug, Default, Clone)]
pub struct YearRows {
    /// The catalogue each round pinned, by hash.
    pub catalogues: HashMap<String, Catalogue>,
    /// The units that answer for at least one item.
    pub answering: foldhash::HashSet<String>,
    /// The answer given to each proposal, by finding id: the first given (`first_answers`).
    pub answers: foldhash::HashMap<String, ProposalAnswer>,
}

/// The first answer given to each proposal, as a search from the front would find it.
pub fn first_answers(answers: Vec<ProposalAnswer>) -> foldhash::HashMap<String, ProposalAnswer> {
    answers.into_iter().rev().map(|a| (a.finding_id.clone(), a)).collect()
}

/// What the review reads of a round: only the rows its checks look at, so that a national year is reviewed in
/// little memory.
#[derive(Debug, Default, Clone)]
pub struct ReviewRows {
    pub year: Arc<YearRows>,
    /// (round, unit): the units each round covers.
    pub scopes: Vec<(String, String)>,
    /// (round, unit): the units with at least one appraised score.
    pub scored_units: Vec<(String, String)>,
    /// The scores the checks read: on items with a finding, and those marked not applicable.
    pub scores: Vec<Score>,
    /// The current self-report items the checks read: computed points, items marked not applicable.
    pub self_items: Vec<SelfItemRow>,
    pub findings: Vec<Finding>,
}

/// Where the checks put their points: listed, or only counted. A point's texts are made only to be listed: a count
/// of a national year's tens of thousands has no use for them.
pub trait Points {
    fn point(&mut self, make: impl FnOnce() -> ReviewPoint);
}

impl Points for Vec<ReviewPoint> {
    fn point(&mut self, make: impl FnOnce() -> ReviewPoint) {
        self.push(make());
    }
}

/// Each point handed to a function as it is found.
pub struct Each<F>(pub F);

impl<F: FnMut(ReviewPoint)> Points for Each<F> {
    fn point(&mut self, make: impl FnOnce() -> ReviewPoint) {
        (self.0)(make());
    }
}

/// How many points there are, their texts never made.
#[derive(Debug, Default)]
pub struct Count(pub usize);

impl Points for Count {
    fn point(&mut self, _: impl FnOnce() -> ReviewPoint) {
        self.0 += 1;
    }
}

/// The rounds' review points, put into `out` in the order a reviewer reads the report: scores against findings,
/// evidence, self points, scope, proposals (the team's checks are `leaderless` and `unanswered_clarifications`).
pub fn review(src: &ReviewRows, rounds: &[&Round], out: &mut impl Points) {
    let ix = Lookup::new(src);
    for round in rounds {
        findings_against_scores(&ix, round, out);
        not_applicable_with_documents(&ix, round, out);
        computed_self_points(src, round, out);
        unscored_units(&ix, round, out);
        unanswered_proposals(&ix, round, out);
    }
}

/// (round, unit, item).
type Key<'a> = (&'a str, &'a str, &'a str);

/// The rows the checks look up, keyed once: a search per finding would take minutes on a national year. Hashed
/// with foldhash, several times faster than SipHash on short codes: a national round has a million scores.
struct Lookup<'a> {
    src: &'a ReviewRows,
    scores: foldhash::HashMap<Key<'a>, &'a Score>,
    scored_units: foldhash::HashSet<(&'a str, &'a str)>,
    self_items: foldhash::HashMap<Key<'a>, &'a SelfItemRow>,
}

impl<'a> Lookup<'a> {
    fn new(src: &'a ReviewRows) -> Self {
        Lookup {
            src,
            scores: src.scores.iter().map(|s| ((&*s.round_id, &*s.unit_code, &*s.criterion), s)).collect(),
            scored_units: src.scored_units.iter().map(|(r, u)| (&**r, &**u)).collect(),
            self_items: src.self_items.iter().map(|i| ((&*i.round_id, &*i.unit_code, &*i.criterion), i)).collect(),
        }
    }
}

/// Where an item of a unit is, as a reader finds it.
fn place(round: &Round, unit: &str, criterion: &str) -> String {
    format!("{}, đơn vị {unit}, nội dung {criterion}", round.title())
}

/// The appraised points and the maximum of an item, when it has points.
fn appraised(ix: &Lookup, round: &Round, unit: &str, criterion: &str) -> Option<(f64, f64)> {
    let score = ix.scores.get(&(round.id.as_str(), unit, criterion))?;
    let max = ix.src.year.catalogues.get(&round.catalogue_hash)?.get(criterion)?.max_points;
    Some((score.points?, max))
}

/// A shortcoming or violation on an item with full points; a good practice on an item that lost points.
fn findings_against_scores(ix: &Lookup, round: &Round, out: &mut impl Points) {
    let number = |p: f64| super::number::points(p);
    for f in ix.src.findings.iter().filter(|f| f.round_id == round.id) {
        let Some(criterion) = f.criterion.as_deref() else { continue };
        let Some((points, max)) = appraised(ix, round, &f.unit_code, criterion) else { continue };
        let full = points >= max - 1e-9;
        let practice = match f.kind {
            FindingKind::HanChe | FindingKind::ViPham if full => false,
            FindingKind::DienHinh if !full => true,
            _ => continue,
        };
        out.point(|| ReviewPoint {
            place: place(round, &f.unit_code, criterion),
            problem: if practice {
                format!("điển hình «{}» ({}) trên nội dung bị trừ điểm ({}/{})", f.text, f.id, number(points), number(max))
            } else {
                format!(
                    "{} «{}» ({}) nhưng nội dung được chấm đủ điểm {}/{}",
                    f.kind.label(),
                    f.text,
                    f.id,
                    number(points),
                    number(max)
                )
            },
            fix: format!(
                "sửa điểm thẩm định (`cchc score set {} {} {criterion} --points …`) hoặc sửa, chuyển kết luận sang nội dung khác",
                round.id, f.unit_code
            ),
        });
    }
}

/// Evidence that cites a document ("Báo cáo … số 28/BC-UBND"): something happened, so not "không phát sinh".
fn cites_document(evidence: &str) -> bool {
    let has_number = evidence.chars().any(|c| c.is_ascii_digit());
    has_number && (evidence.contains('/') || evidence.to_lowercase().contains("số "))
}

/// An item marked "không áp dụng" whose self-report evidence cites a document.
fn not_applicable_with_documents(ix: &Lookup, round: &Round, out: &mut impl Points) {
    for s in ix.src.scores.iter().filter(|s| s.round_id == round.id && s.not_applicable) {
        let item = ix.self_items.get(&(round.id.as_str(), s.unit_code.as_str(), s.criterion.as_str()));
        let Some(item) = item.filter(|i| cites_document(&i.evidence)) else { continue };
        out.point(|| ReviewPoint {
            place: place(round, &s.unit_code, &s.criterion),
            problem: format!("chấm «không áp dụng» nhưng tài liệu kiểm chứng dẫn «{}»", item.evidence.trim()),
            fix: format!(
                "chấm điểm nội dung này (`cchc score set {} {} {} --points …`) hoặc ghi rõ vì sao không áp dụng",
                round.id, s.unit_code, s.criterion
            ),
        });
    }
}

/// Self points the program computed from a figure: the unit did not score the item itself.
fn computed_self_points(src: &ReviewRows, round: &Round, out: &mut impl Points) {
    for i in src.self_items.iter().filter(|i| i.round_id == round.id && i.computed) {
        out.point(|| ReviewPoint {
            place: place(round, &i.unit_code, &i.criterion),
            problem: format!(
                "điểm tự chấm {} do phần mềm tính từ số liệu «{}», đơn vị không tự chấm (báo cáo ghi «tính từ số liệu» và không so sánh nội dung này)",
                i.self_points.map(super::number::points).unwrap_or_default(),
                i.figure.as_deref().unwrap_or_default()
            ),
            fix: format!(
                "đề nghị đơn vị {} ghi điểm tự chấm và nộp lại báo cáo (`cchc selfreport import {} TỆP`)",
                i.unit_code, round.id
            ),
        });
    }
}

/// Units in a periodic round's scope that answer for items but have no appraised score at all.
fn unscored_units(ix: &Lookup, round: &Round, out: &mut impl Points) {
    let scope = ix.src.scopes.iter().filter(|(r, _)| *r == round.id).map(|(_, u)| u.as_str());
    for unit in scope {
        let periodic = round.kind != RoundKind::DotXuat;
        if (periodic && !ix.src.year.answering.contains(unit)) || ix.scored_units.contains(&(round.id.as_str(), unit)) {
            continue;
        }
        out.point(|| ReviewPoint {
            place: format!("{}, đơn vị {unit}", round.title()),
            problem: "đơn vị thuộc phạm vi đợt nhưng chưa có điểm thẩm định".to_owned(),
            fix: format!("nhập điểm thẩm định (`cchc score import {} TỆP`) hoặc bỏ đơn vị khỏi phạm vi đợt", round.id),
        });
    }
}

/// Proposals without the level they are addressed to, or never answered.
fn unanswered_proposals(ix: &Lookup, round: &Round, out: &mut impl Points) {
    for f in ix.src.findings.iter().filter(|f| f.round_id == round.id && f.kind == FindingKind::KienNghi) {
        let answer = ix.src.year.answers.get(f.id.as_str());
        let missing = match answer {
            None => "chưa ghi cấp giải quyết và chưa trả lời",
            Some(a) if a.addressed_to.is_none() => "chưa ghi cấp giải quyết",
            Some(a) if a.answer.as_deref().is_none_or(|t| t.trim().is_empty()) => "chưa trả lời",
            Some(_) => continue,
        };
        out.point(|| ReviewPoint {
            place: format!("{}, đơn vị {}, kiến nghị {}", round.title(), f.unit_code, f.id),
            problem: format!("kiến nghị «{}» {missing}", f.text),
            fix: format!("ghi cấp và ý kiến trả lời: `cchc finding answer {} --level phuong|tinh --text \"…\"`", f.id),
        });
    }
}

/// Requests for clarification (giải trình) of the round asked by `as_of` and not answered by it: the report would
/// be signed on a question the unit has not answered.
pub fn unanswered_clarifications(round: &Round, asked: &[Clarification], as_of: NaiveDate) -> Vec<ReviewPoint> {
    asked
        .iter()
        .filter(|c| c.round_id == round.id && c.open_on(as_of))
        .map(|c| {
            let place = match &c.criterion {
                Some(item) => place(round, &c.unit_code, item),
                None => format!("{}, đơn vị {}", round.title(), c.unit_code),
            };
            let due = match c.due {
                Some(due) if c.is_overdue(as_of) => format!(" (hạn {}, đã quá hạn)", date::format(due)),
                Some(due) => format!(" (hạn {})", date::format(due)),
                None => String::new(),
            };
            ReviewPoint {
                place,
                problem: format!("yêu cầu giải trình {} chưa được trả lời{due}: «{}»", c.id, c.question.trim()),
                fix: format!(
                    "ghi câu trả lời của đơn vị: `cchc clarify answer {} --text \"…\"`; quá hạn thì đôn đốc: `cchc paper reminder {}`",
                    c.id, round.id
                ),
            }
        })
        .collect()
}

/// A team without its leader (Trưởng đoàn): the report cannot be signed for the team.
pub fn leaderless(round: &Round, roles: &[&str]) -> Option<ReviewPoint> {
    (!roles.contains(&"truong-doan")).then(|| ReviewPoint {
        place: round.title(),
        problem: "đoàn kiểm tra chưa có Trưởng đoàn".to_owned(),
        fix: format!("`cchc round team {} add --name \"…\" --role truong-doan`", round.id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_cites_a_document_by_its_number() {
        assert!(cites_document("Báo cáo khắc phục số 28/BC-UBND ngày 20/3/2026"));
        assert!(cites_document("Quyết định 15/QĐ-UBND"));
        assert!(!cites_document("Trong kỳ không phát sinh"));
        assert!(!cites_document(""));
        assert!(!cites_document("Năm 2026 không phát sinh"), "a year is not a document number");
        assert!(!cites_document("Không có văn bản/hồ sơ, số liệu"), "a slash or «số» without a number cites nothing");
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod boundary_tests;
