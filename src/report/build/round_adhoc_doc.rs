//! The ad-hoc round's report, from the team to the Chairman: what started it (once), what and whom it inspected,
//! what the team found, its conclusion and what it requires by when. One matter in one or a few units: no ranking,
//! no ward total, no count of units "đạt từ 90 điểm".

use crate::domain::assessment::readable_reason;
use crate::report::document::{Block, Document, Section};
use crate::report::model::round::RoundReport;

use super::doc::{self, Frame, NO_APPRAISAL, table_or};
use super::{assessment_doc, prose, round_doc};

pub fn document(m: &RoundReport, frame: &Frame) -> Document {
    let r = &m.round;
    let topic = r.topic.as_deref().map(|t| format!(": {}", t.trim_end_matches('.'))).unwrap_or_default();
    let subject = format!("Kết quả kiểm tra đột xuất về cải cách hành chính năm {}{topic}", r.year);
    let mut d = Document::new(round_doc::letterhead(m, frame), "BÁO CÁO", subject);
    d.sections = vec![start(m, frame), findings(m)];
    let mut next = 3;
    if !m.proposals.is_empty() {
        d.sections.push(assessment_doc::proposals(super::year_compare::roman(next), &m.proposals));
        next += 1;
    }
    let mut assessment = assessment_doc::assessment(
        &[super::year_compare::roman(next), super::year_compare::roman(next + 1)],
        &m.assessment,
    );
    if let Some(first) = assessment.first_mut() {
        first.title = "KẾT LUẬN CỦA ĐOÀN KIỂM TRA".to_owned();
    }
    d.sections.extend(assessment);
    d.closing = Some(format!(
        "Trên đây là báo cáo kết quả kiểm tra đột xuất của Đoàn kiểm tra, kính trình Chủ tịch UBND {} xem xét, chỉ đạo./.",
        frame.ward()
    ));
    d
}

/// Why the team went, where, when, with whom.
fn start(m: &RoundReport, frame: &Frame) -> Section {
    let r = &m.round;
    let mut s = Section::new("I", "LÝ DO, NỘI DUNG VÀ THÀNH PHẦN KIỂM TRA");
    if let Some(what) = round_doc::provisional(m) {
        s.blocks.push(assessment_doc::provisional_note(&what));
    }
    if let Some(reason) = r.reason.as_deref() {
        s.blocks.push(Block::Paragraph(format!("Lý do kiểm tra: {}.", readable_reason(reason).trim_end_matches('.'))));
    }
    let names: Vec<String> = m.units.iter().map(|u| u.name.clone()).collect();
    let place = match names.as_slice() {
        [] => prose::placeholder("đơn vị được kiểm tra: chưa ghi"),
        [one] => one.clone(),
        // Unit names hold "và" themselves: listed apart by semicolons.
        many => format!("{} đơn vị: {}", many.len(), many.join("; ")),
    };
    let topic =
        r.topic.as_deref().map(|t| format!(" về {}", prose::quoted(t.trim_end_matches('.')))).unwrap_or_default();
    s.blocks.push(Block::Paragraph(format!(
        "Thực hiện {}{}, {}, Đoàn kiểm tra đã kiểm tra đột xuất tại {place}{topic}.",
        frame.plan(r.year, false),
        round_doc::decision_clause(m),
        doc::period(r)
    )));
    s.blocks.push(Block::Paragraph("Thành phần Đoàn kiểm tra:".to_owned()));
    s.with_block(Block::Bullets(round_doc::team(m)))
}

/// The points of the items inspected, the team's notes, and the shortcomings with what to do by when.
fn findings(m: &RoundReport) -> Section {
    let mut s = Section::new("II", "KẾT QUẢ KIỂM TRA");
    let scored = m.fields.iter().filter(|f| f.appraised_points.is_some() || f.self_points.is_some());
    let t = round_doc::fields_table("Điểm các nội dung được kiểm tra", scored);
    s.blocks.push(table_or(t, NO_APPRAISAL));
    if m.units.len() > 1 {
        s.subsections.push(round_doc::units_section(&m.units));
    }
    let scored: Vec<_> = m.fields.iter().filter(|f| f.appraised_points.is_some()).cloned().collect();
    let comments = super::round_comments::comments(&scored);
    if !comments.is_empty() {
        s.blocks.push(Block::Paragraph("Nhận xét của Đoàn kiểm tra:".to_owned()));
        s.blocks.push(Block::Bullets(comments));
    }
    s.blocks.push(table_or(
        doc::remediation_table(
            "ton_tai",
            "Tồn tại, hạn chế, vi phạm và yêu cầu khắc phục",
            &m.shortcomings,
            m.units.len() > 1,
        ),
        "Đoàn kiểm tra không ghi nhận tồn tại, hạn chế, vi phạm.",
    ));
    s.blocks.extend(super::round_trail::blocks(m));
    if !m.good_practices.is_empty() {
        s.blocks.push(Block::Paragraph("Cách làm hay Đoàn kiểm tra ghi nhận:".to_owned()));
        s.blocks.push(Block::Bullets(
            m.good_practices.iter().map(|f| format!("{}: {}", f.unit_name, f.text.trim())).collect(),
        ));
    }
    s
}
