//! Sections round and year reports share: good practices, the units' proposals, the assessment, and the notice
//! that figures are provisional.

use crate::domain::date;
use crate::report::document::{Block, Cell, Column, Section, Table};
use crate::report::model::assessment::AssessmentPart;
use crate::report::model::{FindingView, Proposal};

use super::doc::{note, row_number, stt, table_or};

/// What marks a section the program drafted and nobody confirmed.
pub const DRAFT_MARK: &str = "[Dự thảo do phần mềm lập từ số liệu, thư ký chưa xác nhận.]";

/// "Mô hình, cách làm hay cần nhân rộng": unit, item and what was done.
pub fn practices(number: &str, findings: &[FindingView], empty: &str) -> Section {
    let mut t = Table::new(
        "dien_hinh",
        "Mô hình, cách làm hay",
        vec![
            stt(),
            Column::text("Đơn vị").with_width(16.0),
            Column::text("Nội dung kiểm tra").with_width(18.0),
            Column::text("Mô hình, cách làm hay").with_width(30.0),
            super::doc::id_column(),
        ],
    );
    for (i, f) in findings.iter().enumerate() {
        t.push_row(vec![
            row_number(i),
            Cell::text(&*f.unit_name),
            Cell::text(item(f.criterion_title.as_deref(), f.criterion.as_deref())),
            Cell::text(practice_text(f)),
            Cell::text(&f.id),
        ]);
    }
    Section::new(number, "MÔ HÌNH, CÁCH LÀM HAY CẦN NHÂN RỘNG").with_block(table_or(t, empty))
}

fn practice_text(f: &FindingView) -> String {
    match f.recommendation.trim() {
        "" => f.text.clone(),
        how => format!("{}\nĐề xuất: {how}", f.text),
    }
}

/// "Title (1.3.8)": the full title, never cut (a cell wraps it).
pub fn item(title: Option<&str>, code: Option<&str>) -> String {
    match (title, code) {
        (Some(title), Some(code)) => format!("{} ({code})", title.trim_end_matches('.')),
        (None, Some(code)) => code.to_owned(),
        _ => "Chung".to_owned(),
    }
}

/// "Kiến nghị, đề xuất của đơn vị": addressed to whom, answered or not; a repeated proposal says so and is not
/// counted again; a complaint that started an ad-hoc round is listed apart.
pub fn proposals(number: &str, proposals: &[Proposal]) -> Section {
    let (complaints, own): (Vec<&Proposal>, Vec<&Proposal>) =
        proposals.iter().partition(|p| p.complaint_round.is_some());
    let mut t = Table::new(
        "kien_nghi",
        "Kiến nghị, đề xuất của đơn vị",
        vec![
            stt(),
            Column::text("Đơn vị").with_width(14.0),
            Column::text("Kiến nghị, đề xuất").with_width(30.0),
            Column::text("Cấp giải quyết").with_width(9.0),
            Column::text("Tình trạng, ý kiến trả lời").with_width(22.0),
            super::doc::id_column(),
        ],
    );
    for (i, p) in own.iter().enumerate() {
        let mut text = p.text.trim().to_owned();
        if let Some(title) = &p.criterion_title {
            text.push_str(&format!("\n(Nội dung: {})", item(Some(title), p.criterion.as_deref())));
        }
        if p.repeats.is_some() {
            let when = p.repeats_in.as_deref().unwrap_or("đợt trước");
            let answered = p.repeats_answered_on.map(|d| format!(", đã trả lời ngày {}", date::format(d)));
            text.push_str(&format!("\nĐã nêu tại {when}{}.", answered.unwrap_or_default()));
        }
        t.push_row(vec![
            row_number(i),
            Cell::text(&p.unit_name),
            Cell::text(text),
            Cell::text(p.addressed_to_label),
            Cell::text(answer(p)),
            Cell::text(p.finding_id.clone().unwrap_or_default()),
        ]);
    }
    let (answered, waiting) = super::proposals::answered_counts(proposals);
    let mut s = Section::new(number, "KIẾN NGHỊ, ĐỀ XUẤT CỦA ĐƠN VỊ");
    if own.is_empty() {
        s.blocks.push(note("Các đơn vị không nêu khó khăn, vướng mắc, đề xuất."));
    } else {
        let repeated = own.iter().filter(|p| p.repeats.is_some()).count();
        let again = if repeated > 0 {
            format!(", trong đó {repeated} kiến nghị nhắc lại của đợt trước")
        } else {
            String::new()
        };
        // One unit's notice speaks of it in the singular.
        let one_unit = own.iter().all(|p| p.unit_code == own[0].unit_code);
        s.blocks.push(Block::Paragraph(format!(
            "{} nêu {} kiến nghị, đề xuất{again}: {answered} đã trả lời, {waiting} chưa trả lời. Kiến nghị, đề xuất không phải tồn tại, hạn chế và không tính vào số việc chưa khắc phục.",
            if one_unit { "Đơn vị" } else { "Các đơn vị" },
            own.len()
        )));
        s.blocks.push(Block::Table(t));
    }
    for c in complaints {
        s.blocks.push(Block::Paragraph(format!(
            "Phản ánh, kiến nghị của người dân, tổ chức liên quan đến {}: {} Nội dung này đã được kiểm tra đột xuất; {}.",
            c.unit_name,
            c.text.trim(),
            first_lower(&answer(c)).trim_end_matches('.')
        )));
    }
    s
}

/// "đã trả lời" from "Đã trả lời".
pub fn first_lower(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// "Đã trả lời (12/11/2026): …" or "Chưa trả lời".
fn answer(p: &Proposal) -> String {
    match (&p.answer, p.answered_on) {
        (Some(text), Some(on)) => format!("Đã trả lời ({}): {text}", date::format(on)),
        (Some(text), None) => format!("Đã trả lời: {text}"),
        _ => "Chưa trả lời".to_owned(),
    }
}

/// The assessment sections, each numbered from `first` ("VIII", "IX", …): "ĐÁNH GIÁ CHUNG" with ưu điểm, tồn tại
/// and nguyên nhân, then "KIẾN NGHỊ, ĐỀ XUẤT", then (year) "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM SAU".
pub fn assessment(numbers: &[&str], parts: &[AssessmentPart]) -> Vec<Section> {
    use crate::domain::assessment::TextSection as T;
    let body = |part: &AssessmentPart| {
        let mut blocks: Vec<Block> = part.paragraphs.iter().map(|p| Block::Paragraph(p.clone())).collect();
        if part.is_draft() {
            blocks.push(note(DRAFT_MARK));
        }
        blocks
    };
    let find = |s: T| parts.iter().find(|p| p.section == s);
    let mut general = Section::new(numbers[0], "ĐÁNH GIÁ CHUNG");
    for (i, s) in [T::UuDiem, T::HanChe, T::NguyenNhan].into_iter().enumerate() {
        if let Some(part) = find(s) {
            let mut sub = Section::new((i + 1).to_string(), part.title);
            sub.blocks = body(part);
            general.subsections.push(sub);
        }
    }
    let mut out = vec![general];
    for (s, (number, title)) in [T::KienNghi, T::PhuongHuong]
        .into_iter()
        .zip(numbers[1..].iter().zip(["KIẾN NGHỊ, ĐỀ XUẤT", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM SAU"]))
    {
        if let Some(part) = find(s) {
            let mut section = Section::new(*number, title);
            section.blocks = body(part);
            out.push(section);
        }
    }
    out
}

/// The first page's notice that figures may still change.
pub fn provisional_note(what: &str) -> Block {
    note(format!("Lưu ý: {what}; các số liệu trong báo cáo có thể còn thay đổi."))
}
