//! Đánh giá chung, kiến nghị and phương hướng: drafts written from a report's data in plain sentences, replaced by
//! the secretary's own text (`cchc report text set`) or confirmed as they stand (`cchc report text confirm`).

use crate::domain::assessment::{Level, StoredText, TextSection};
use crate::report::model::assessment::{AssessmentPart, Origin};
use crate::report::model::round::RoundReport;
use crate::report::model::year::YearReport;

use super::proposals::{answered_counts, by_level};

/// The round report's assessment: each section's stored text, else its draft.
pub fn of_round(m: &RoundReport, stored: &[StoredText]) -> Vec<AssessmentPart> {
    parts(TextSection::of_report(false), stored, |section| super::assessment_round::draft(m, section))
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
