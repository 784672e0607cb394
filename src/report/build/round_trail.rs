//! The round report's paper trail: how each unit backs the points it claims (files, a cited document, or nothing:
//! "chưa có tài liệu kiểm chứng"), and the requests for clarification (giải trình) still unanswered on its day.

use chrono::NaiveDate;

use super::Index;
use super::doc::{count, row_number, stt};
use crate::domain::calendar::with_weekday;
use crate::domain::date;
use crate::domain::evidence::backing_by_unit;
use crate::report::document::{Block, Cell, Column, Section, Table};
use crate::report::model::round::{OpenClarification, RoundReport, UnitEvidence};

/// The units of `scope` that claim points, with how their items are backed.
pub fn evidence(ix: &Index, scope: &[&str]) -> Vec<UnitEvidence> {
    backing_by_unit(&ix.src.evidence)
        .into_iter()
        .filter(|b| scope.contains(&b.unit_code.as_str()))
        .map(|backing| UnitEvidence { name: ix.unit_name(&backing.unit_code), backing })
        .collect()
}

/// The round's requests asked by `as_of` (the sources are already cut to it): how many were answered, and those
/// still open.
pub fn clarifications(ix: &Index, round: &str, as_of: NaiveDate) -> (usize, Vec<OpenClarification>) {
    let asked = ix.src.clarifications.iter().filter(|c| c.round_id == round);
    let answered = asked.clone().filter(|c| !c.open_on(as_of)).count();
    let open = asked
        .filter(|c| c.open_on(as_of))
        .map(|c| OpenClarification::new(c, ix.unit_name(&c.unit_code), as_of))
        .collect();
    (answered, open)
}

/// The subsection of the round report, or `None` when no unit claims points and nothing was asked.
pub fn section(number: &str, m: &RoundReport) -> Option<Section> {
    let blocks = blocks(m);
    (!blocks.is_empty()).then(|| {
        blocks.into_iter().fold(Section::new(number, "Tài liệu kiểm chứng và giải trình"), Section::with_block)
    })
}

/// The evidence table and the requests, as blocks (the ad-hoc report has no self-reports, only requests).
pub fn blocks(m: &RoundReport) -> Vec<Block> {
    let mut out = Vec::new();
    if !m.evidence.is_empty() {
        out.push(Block::Table(evidence_table(&m.evidence)));
        out.push(Block::Note(
            "Bảng tính mọi nội dung đơn vị tự chấm có điểm, kể cả điểm tính từ số liệu đơn vị báo cáo, nên có thể nhiều hơn số nội dung được so sánh tự chấm với thẩm định; đơn vị chưa gửi báo cáo tự kiểm tra không có trong bảng."
                .to_owned(),
        ));
    }
    let asked = m.clarifications_answered + m.open_clarifications.len();
    if asked == 0 {
        if !out.is_empty() {
            out.push(Block::Paragraph("Trong đợt, Đoàn kiểm tra không có yêu cầu giải trình.".to_owned()));
        }
        return out;
    }
    let open = m.open_clarifications.len();
    out.push(Block::Paragraph(match (open, m.clarifications_answered) {
        (0, 1) => "Đoàn kiểm tra đã gửi 1 yêu cầu giải trình; đơn vị đã giải trình đầy đủ.".to_owned(),
        (0, _) => format!("Đoàn kiểm tra đã gửi {asked} yêu cầu giải trình; các đơn vị đã giải trình đầy đủ."),
        (_, 0) => format!("Đoàn kiểm tra đã gửi {asked} yêu cầu giải trình, chưa yêu cầu nào được trả lời:"),
        (_, answered) => format!(
            "Đoàn kiểm tra đã gửi {asked} yêu cầu giải trình; đã được trả lời {answered}, còn {open} yêu cầu chưa được trả lời:"
        ),
    }));
    if open > 0 {
        out.push(Block::Bullets(m.open_clarifications.iter().map(|c| request_line(c, true)).collect()));
    }
    out
}

fn evidence_table(rows: &[UnitEvidence]) -> Table {
    let mut t = Table::new(
        "tai_lieu_kiem_chung",
        "Tài liệu kiểm chứng các nội dung đơn vị tự chấm có điểm",
        vec![
            stt(),
            Column::text("Đơn vị").with_width(24.0),
            Column::integer("Nội dung tự chấm có điểm"),
            Column::integer("Có tệp kiểm chứng"),
            Column::integer("Chỉ trích dẫn văn bản, chưa có tệp"),
            Column::text("Chưa có tài liệu kiểm chứng").with_width(22.0),
        ],
    );
    for (i, u) in rows.iter().enumerate() {
        let b = &u.backing;
        let without = match b.without.len() {
            0 => "0".to_owned(),
            n => format!("{n} nội dung: {}", b.without.join("; ")),
        };
        t.push_row(vec![
            row_number(i),
            Cell::text(&u.name),
            count(b.claimed),
            count(b.with_files),
            count(b.citation_only),
            Cell::text(without),
        ]);
    }
    t
}

/// "Văn phòng HĐND và UBND (nội dung 1.1.5): Đề nghị giải trình … (yêu cầu ngày 01/07/2026; hạn Thứ Sáu,
/// 03/07/2026, đã quá hạn)." — as the round report and the reminder list a request; without `unit` (a letter to
/// that unit alone) "Nội dung 1.1.5: Đề nghị …".
pub fn request_line(c: &OpenClarification, unit: bool) -> String {
    let lead = match (unit, c.criterion.as_deref()) {
        (true, Some(item)) => format!("{} (nội dung {item}): ", c.unit_name),
        (true, None) => format!("{}: ", c.unit_name),
        (false, Some(item)) => format!("Nội dung {item}: "),
        (false, None) => String::new(),
    };
    let due = match (c.due, c.overdue) {
        (Some(d), true) => format!("; hạn {}, đã quá hạn", with_weekday(d)),
        (Some(d), false) => format!("; hạn {}", with_weekday(d)),
        (None, _) => String::new(),
    };
    format!("{lead}{} (yêu cầu ngày {}{due}).", c.question.trim().trim_end_matches('.'), date::format(c.asked_on))
}
