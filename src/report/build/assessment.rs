//! Đánh giá chung, kiến nghị and phương hướng: drafts written from a report's data in plain sentences, replaced by
//! the secretary's own text (`cchc report text set`) or confirmed as they stand (`cchc report text confirm`).

use crate::domain::assessment::{Level, StoredText, TextSection};
use crate::domain::number::{percent, points, score};
use crate::report::model::assessment::{AssessmentPart, Origin};
use crate::report::model::round::RoundReport;
use crate::report::model::year::YearReport;

use super::proposals::{answered_counts, by_level};

/// The round report's assessment: each section's stored text, else its draft.
pub fn of_round(m: &RoundReport, stored: &[StoredText]) -> Vec<AssessmentPart> {
    parts(TextSection::of_report(false), stored, |section| round_draft(m, section))
}

pub fn of_year(m: &YearReport, stored: &[StoredText]) -> Vec<AssessmentPart> {
    parts(TextSection::of_report(true), stored, |section| super::assessment_year::draft(m, section))
}

fn parts(
    sections: &[TextSection],
    stored: &[StoredText],
    draft: impl Fn(TextSection) -> Vec<String>,
) -> Vec<AssessmentPart> {
    sections
        .iter()
        .map(|&section| {
            let (origin, paragraphs) = match stored.iter().find(|t| t.section == section) {
                Some(t) => (
                    if t.confirmed_draft { Origin::Confirmed } else { Origin::Written },
                    t.text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
                ),
                None => (Origin::Draft, draft(section)),
            };
            AssessmentPart { section, title: section.title(), origin, paragraphs }
        })
        .collect()
}

/// A draft as the text `report text confirm` stores: one paragraph a line.
pub fn draft_text(part: &AssessmentPart) -> String {
    part.paragraphs.join("\n")
}

/// "«Title»" of a field or item, with its code in brackets.
pub(super) fn named(title: &str, code: &str) -> String {
    format!("«{}» ({code})", title.trim_end_matches('.'))
}

/// Names joined "a, b và c".
pub(super) fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

fn round_draft(m: &RoundReport, section: TextSection) -> Vec<String> {
    let mut fields: Vec<(&str, &str, f64)> =
        m.fields.iter().filter_map(|f| Some((f.title.as_str(), f.code.as_str(), f.totals.appraised_score?))).collect();
    fields.sort_by(|a, b| b.2.total_cmp(&a.2));
    let mut units: Vec<(&str, f64)> =
        m.units.iter().filter_map(|u| Some((u.name.as_str(), u.totals.appraised_score?))).collect();
    units.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = Vec::new();
    match section {
        TextSection::UuDiem => {
            if let Some(a) = m.ward.appraised_score {
                out.push(format!(
                    "Điểm thẩm định toàn phường đạt {} điểm (thang 100) trên {} nội dung được chấm.",
                    score(a),
                    m.ward.items_assessed
                ));
            }
            if let [first, second, ..] = fields.as_slice() {
                out.push(format!(
                    "Lĩnh vực đạt tỷ lệ cao nhất là {} ({}), tiếp theo là {} ({}).",
                    named(first.0, first.1),
                    percent(first.2 / 100.0),
                    named(second.0, second.1),
                    percent(second.2 / 100.0)
                ));
            }
            if let Some((name, best)) = units.first() {
                let high = units.iter().filter(|u| u.1 >= 90.0).count();
                out.push(format!(
                    "Đơn vị đạt điểm cao nhất là {name} ({} điểm); {high}/{} đơn vị được chấm đạt từ 90 điểm trở lên.",
                    score(*best),
                    units.len()
                ));
            }
            if !m.good_practices.is_empty() {
                out.push(format!(
                    "Đoàn kiểm tra ghi nhận {} mô hình, cách làm hay cần nhân rộng.",
                    m.good_practices.len()
                ));
            }
            let done: Vec<_> = m.carry_over.iter().filter(|c| c.finding.status.is_remediated()).collect();
            if !m.carry_over.is_empty() {
                let on_time = done.iter().filter(|c| on_time(c)).count();
                out.push(format!(
                    "{}/{} tồn tại, hạn chế, vi phạm của các đợt trước đã được khắc phục, trong đó {on_time} khắc phục đúng hạn.",
                    done.len(),
                    m.carry_over.len()
                ));
            }
            if m.round.kind != crate::domain::round::RoundKind::DotXuat && m.units_in_scope > 0 {
                let on_time = m.selfreports_received - m.late_units.iter().filter(|l| l.received_on.is_some()).count();
                out.push(format!("{on_time}/{} đơn vị gửi báo cáo tự kiểm tra đúng hạn.", m.units_in_scope));
            }
        }
        TextSection::HanChe => {
            if let [best, .., worst] = fields.as_slice() {
                out.push(format!(
                    "Lĩnh vực đạt tỷ lệ thấp nhất là {} ({}), thấp hơn lĩnh vực cao nhất {} điểm phần trăm.",
                    named(worst.0, worst.1),
                    percent(worst.2 / 100.0),
                    points(best.2 - worst.2)
                ));
            }
            if let [best, .., worst] = units.as_slice() {
                out.push(format!(
                    "Đơn vị đạt điểm thấp nhất là {} ({} điểm), thấp hơn đơn vị cao nhất {} điểm.",
                    worst.0,
                    score(worst.1),
                    score(best.1 - worst.1)
                ));
            }
            let costly: Vec<String> = m
                .item_losses
                .iter()
                .take(3)
                .map(|l| {
                    format!("{} tại {} đơn vị, bị trừ {} điểm", named(&l.title, &l.criterion), l.units, points(l.lost))
                })
                .collect();
            if !costly.is_empty() {
                out.push(format!("Các nội dung bị trừ nhiều điểm nhất: {}.", costly.join("; ")));
            }
            let mut over: Vec<_> = m.units.iter().filter(|u| u.totals.difference.is_some_and(|d| d < 0.0)).collect();
            over.sort_by(|a, b| a.totals.difference.unwrap_or(0.0).total_cmp(&b.totals.difference.unwrap_or(0.0)));
            if let Some(u) = over.first() {
                out.push(format!(
                    "{} đơn vị tự chấm cao hơn kết quả thẩm định; chênh lệch nhiều nhất là {} (trên cùng các nội dung: tự chấm {}, thẩm định {}, chênh {} điểm).",
                    over.len(),
                    u.name,
                    score(u.totals.self_score.unwrap_or_default()),
                    score(u.totals.appraised_compared.unwrap_or_default()),
                    score(-u.totals.difference.unwrap_or_default())
                ));
            }
            if !m.shortcomings.is_empty() {
                out.push(format!(
                    "Đoàn kiểm tra ghi nhận {} tồn tại, hạn chế, vi phạm cần khắc phục.",
                    m.shortcomings.len()
                ));
            }
            let open: Vec<_> = m.carry_over.iter().filter(|c| !c.finding.status.is_remediated()).collect();
            if !open.is_empty() {
                let overdue = open.iter().filter(|c| c.finding.days_overdue.is_some()).count();
                out.push(format!(
                    "{} tồn tại, hạn chế của các đợt trước chưa khắc phục xong, trong đó {overdue} đã quá hạn.",
                    open.len()
                ));
            }
            let late: Vec<String> = m
                .late_units
                .iter()
                .map(|l| match l.days_late {
                    Some(days) => format!("{} (muộn {days} ngày)", l.name),
                    None => format!("{} (chưa gửi)", l.name),
                })
                .collect();
            if !late.is_empty() {
                out.push(format!("Đơn vị gửi báo cáo tự kiểm tra muộn hoặc chưa gửi: {}.", listed(&late)));
            }
        }
        TextSection::NguyenNhan => {
            for n in &m.recurring_notes {
                out.push(format!("Đoàn kiểm tra nhận xét «{}» ở {} nội dung.", n.note, n.items));
            }
            let over = m.units.iter().filter(|u| u.totals.difference.is_some_and(|d| d < 0.0)).count();
            if over > 0 {
                out.push(format!(
                    "Việc tự kiểm tra, tự chấm điểm của {over} đơn vị chưa sát thực tế (tự chấm cao hơn kết quả thẩm định)."
                ));
            }
            if !m.late_units.is_empty() {
                out.push(
                    "Một số đơn vị chưa chấp hành nghiêm thời hạn gửi báo cáo tự kiểm tra theo Kế hoạch.".to_owned(),
                );
            }
        }
        TextSection::KienNghi => {
            if !m.shortcomings.is_empty() {
                out.push(format!(
                    "Đề nghị Chủ tịch UBND phường chỉ đạo các đơn vị khắc phục {} tồn tại, hạn chế, vi phạm nêu tại báo cáo này đúng thời hạn.",
                    m.shortcomings.len()
                ));
            }
            let overdue = m.carry_over.iter().filter(|c| c.finding.days_overdue.is_some()).count();
            if overdue > 0 {
                out.push(format!("Yêu cầu hoàn thành ngay {overdue} tồn tại của các đợt trước đã quá hạn khắc phục."));
            }
            if !m.good_practices.is_empty() {
                out.push(
                    "Giới thiệu, nhân rộng các mô hình, cách làm hay đã nêu đến các phòng, cơ quan, đơn vị.".to_owned(),
                );
            }
            out.extend(proposal_sentence(&m.proposals));
            if let Some((title, code, share)) = fields.last().filter(|_| fields.len() > 1) {
                out.push(format!(
                    "Tập trung chỉ đạo lĩnh vực {} (đạt {}) trong thời gian tới.",
                    named(title, code),
                    percent(share / 100.0)
                ));
            }
        }
        TextSection::PhuongHuong => {}
    }
    if out.is_empty() {
        out.push("Chưa có số liệu để nhận xét.".to_owned());
    }
    out
}

/// Remediated by its due date (or without one).
fn on_time(c: &crate::report::model::round::CarryOver) -> bool {
    let Some(due) = c.finding.due_date else { return true };
    c.events
        .iter()
        .find(|e| e.status.is_remediated())
        .and_then(|e| chrono::NaiveDate::parse_from_str(e.at.get(..10)?, "%Y-%m-%d").ok())
        .is_some_and(|done| done <= due)
}

/// "Xem xét, trả lời 2 kiến nghị … chưa được trả lời (1 thuộc thẩm quyền của tỉnh)."
pub(super) fn proposal_sentence(proposals: &[crate::report::model::Proposal]) -> Option<String> {
    let (_, waiting) = answered_counts(proposals);
    if waiting == 0 {
        return None;
    }
    let province = by_level(proposals).get(&Level::Tinh).copied().unwrap_or(0);
    let province = if province > 0 {
        format!("; chuyển {province} kiến nghị thuộc thẩm quyền của tỉnh đến cơ quan có thẩm quyền")
    } else {
        String::new()
    };
    Some(format!("Xem xét, trả lời {waiting} kiến nghị, đề xuất của đơn vị chưa được trả lời{province}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_listed_the_vietnamese_way() {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(listed(&names(&["A"])), "A");
        assert_eq!(listed(&names(&["A", "B", "C"])), "A, B và C");
        assert_eq!(named("Cải cách thể chế.", "1.2"), "«Cải cách thể chế» (1.2)");
    }

    #[test]
    fn stored_text_replaces_the_draft_line_by_line() {
        let stored = vec![StoredText {
            section: TextSection::HanChe,
            text: "Dòng một.\n\n  Dòng hai.  ".into(),
            confirmed_draft: false,
            updated_at: String::new(),
            actor: String::new(),
        }];
        let got = parts(TextSection::of_report(false), &stored, |_| vec!["Dự thảo.".to_owned()]);
        assert_eq!(got.len(), 4);
        assert_eq!((got[0].origin, got[0].paragraphs.as_slice()), (Origin::Draft, ["Dự thảo.".to_owned()].as_slice()));
        assert_eq!(got[1].origin, Origin::Written);
        assert_eq!(got[1].paragraphs, ["Dòng một.", "Dòng hai."]);
    }
}
