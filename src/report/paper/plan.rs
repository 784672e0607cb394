//! Kế hoạch kiểm tra cải cách hành chính of a year, with the sections of the seed plan: purposes and requirements,
//! form, time and subjects, the content (every field and item of the catalogue, verbatim), and how it is organised
//! (the team, the rounds' dates, the units' duty to report five days before their slot). Policy wording comes from
//! the editable `PaperText`; dates and items come from the data.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::text::{PlanText, fill};
use crate::domain::catalogue::{Catalogue, NodeKind};
use crate::domain::date;
use crate::domain::round::RoundKind;
use crate::report::build::doc::Frame;
use crate::report::document::{Block, Document, Section};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanPaper {
    pub year: i32,
    /// The opening sentence: the documents the plan carries out.
    pub preamble: String,
    pub text: PlanText,
    pub rounds: Vec<PlannedRound>,
    pub fields: Vec<PlanField>,
    /// Ad-hoc topics (section III.2).
    pub adhoc: Vec<String>,
}

/// A periodic round: its dates in the database, else the plan's defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedRound {
    pub kind: RoundKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanField {
    pub code: String,
    pub title: String,
    /// Items directly under the field.
    pub items: Vec<String>,
    /// Groups of items (the parts of field 1.7, the dashes of field 1.6).
    pub groups: Vec<PlanGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanGroup {
    pub code: String,
    pub title: String,
    pub items: Vec<String>,
}

/// `rounds`: the year's periodic rounds as (kind, start, end); a kind without one gets the plan's dates.
pub fn model(
    year: i32,
    rounds: &[(RoundKind, NaiveDate, NaiveDate)],
    catalogue: &Catalogue,
    text: &PlanText,
    ward: &str,
) -> PlanPaper {
    let rounds = [RoundKind::Dot1, RoundKind::Dot2]
        .into_iter()
        .filter_map(|kind| {
            let (start, end) = rounds
                .iter()
                .find(|(k, _, _)| *k == kind)
                .map(|(_, s, e)| (*s, *e))
                .or_else(|| kind.default_dates(year))?;
            Some(PlannedRound { kind, start, end })
        })
        .collect();
    let titles = |code: &str| catalogue.children(code).map(|n| n.title.clone()).collect::<Vec<_>>();
    let fields = catalogue
        .fields()
        .filter(|f| f.kind == NodeKind::Periodic)
        .map(|f| PlanField {
            code: f.code.clone(),
            title: f.title.clone(),
            items: catalogue.children(&f.code).filter(|n| n.is_leaf).map(|n| n.title.clone()).collect(),
            groups: catalogue
                .children(&f.code)
                .filter(|n| !n.is_leaf)
                .map(|g| PlanGroup { code: g.code.clone(), title: g.title.clone(), items: titles(&g.code) })
                .collect(),
        })
        .collect();
    let adhoc = catalogue.leaves().filter(|n| n.kind == NodeKind::Adhoc).map(|n| n.title.clone()).collect();
    let filled = |t: &str| fill(t, year, ward);
    let all = |v: &[String]| v.iter().map(|t| filled(t)).collect::<Vec<_>>();
    let text = PlanText {
        bases: all(&text.bases),
        purposes: all(&text.purposes),
        requirements: all(&text.requirements),
        form: filled(&text.form),
        adhoc_time: filled(&text.adhoc_time),
        subjects: filled(&text.subjects),
        periodic_intro: filled(&text.periodic_intro),
        adhoc_intro: filled(&text.adhoc_intro),
        team: filled(&text.team),
        procedure: all(&text.procedure),
        adhoc_organisation: filled(&text.adhoc_organisation),
        closing: filled(&text.closing),
    };
    let bases: Vec<&str> = text.bases.iter().map(|b| b.trim().trim_end_matches([';', '.'])).collect();
    let preamble = format!(
        "Thực hiện {}, UBND phường ban hành Kế hoạch kiểm tra thực hiện Cải cách hành chính năm {year} với các nội dung sau:",
        bases.join("; ")
    );
    PlanPaper { year, preamble, text, rounds, fields, adhoc }
}

/// Lettered parts: "a.", "b.", …
fn letter(i: usize) -> String {
    let c = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
    format!("{c}.")
}

fn when(r: &PlannedRound) -> String {
    match r.kind {
        RoundKind::Dot1 => format!("Kiểm tra 6 tháng (Đợt 1): tháng {}/{}.", r.start.month(), r.start.year()),
        _ => format!(
            "Kiểm tra cuối năm kết hợp tự đánh giá thẩm định kết quả CCHC năm {} (Đợt 2): tháng {}/{}.",
            r.start.year(),
            r.start.month(),
            r.start.year()
        ),
    }
}

fn dates(r: &PlannedRound) -> String {
    let name = if r.kind == RoundKind::Dot1 { "Đợt 1" } else { "Đợt 2" };
    format!("{name}: Dự kiến từ ngày {} đến ngày {}.", date::format(r.start), date::format(r.end))
}

pub fn document(m: &PlanPaper, frame: &Frame) -> Document {
    let t = &m.text;
    let lh = frame.letterhead("KH-UBND", m.year, frame.settings.recipients.clone());
    let mut d = Document::new(lh, "KẾ HOẠCH", format!("Kiểm tra cải cách hành chính năm {}", m.year));
    let preamble = Section::new("", "").with_block(Block::Paragraph(m.preamble.clone()));
    let purposes = Section::new("I", "MỤC ĐÍCH, YÊU CẦU")
        .with_subsection(Section::new("1", "Mục đích:").with_block(Block::Bullets(t.purposes.clone())))
        .with_subsection(Section::new("2", "Yêu cầu:").with_block(Block::Bullets(t.requirements.clone())));
    let form = Section::new("II", "HÌNH THỨC, THỜI GIAN, ĐỐI TƯỢNG KIỂM TRA")
        .with_subsection(Section::new("1", "Hình thức kiểm tra:").with_block(Block::Paragraph(t.form.clone())))
        .with_subsection(
            Section::new("2", "Thời gian kiểm tra:")
                .with_subsection(
                    Section::new("2.1", "Đối với kiểm tra đột xuất:")
                        .with_block(Block::Paragraph(t.adhoc_time.clone())),
                )
                .with_subsection(
                    Section::new("2.2", "Đối với kiểm tra định kỳ:")
                        .with_block(Block::Bullets(m.rounds.iter().map(when).collect())),
                ),
        )
        .with_subsection(Section::new("3", "Đối tượng kiểm tra:").with_block(Block::Paragraph(t.subjects.clone())));
    let mut periodic = Section::new("1", "Kiểm tra định kỳ:").with_block(Block::Paragraph(t.periodic_intro.clone()));
    for field in &m.fields {
        let mut s = Section::new(field.code.clone(), field.title.clone());
        if !field.items.is_empty() {
            s = s.with_block(Block::Bullets(field.items.clone()));
        }
        for (i, g) in field.groups.iter().enumerate() {
            s = s.with_subsection(Section::new(letter(i), g.title.clone()).with_block(Block::Bullets(g.items.clone())));
        }
        periodic = periodic.with_subsection(s);
    }
    let adhoc = Section::new("2", "Về kiểm tra đột xuất:")
        .with_block(Block::Paragraph(t.adhoc_intro.clone()))
        .with_block(Block::Bullets(m.adhoc.clone()));
    let content = Section::new("III", "NỘI DUNG KIỂM TRA").with_subsection(periodic).with_subsection(adhoc);
    let organisation = Section::new("IV", "TỔ CHỨC THỰC HIỆN")
        .with_subsection(
            Section::new("1", "Kiểm tra định kỳ:")
                .with_subsection(
                    Section::new("a.", "Thành lập Đoàn kiểm tra:").with_block(Block::Paragraph(t.team.clone())),
                )
                .with_subsection(
                    Section::new("b.", "Thời gian kiểm tra:")
                        .with_block(Block::Bullets(m.rounds.iter().map(dates).collect())),
                )
                .with_subsection(
                    Section::new("c.", "Trình tự kiểm tra:").with_block(Block::Bullets(t.procedure.clone())),
                ),
        )
        .with_subsection(
            Section::new("2", "Kiểm tra đột xuất").with_block(Block::Paragraph(t.adhoc_organisation.clone())),
        );
    d.sections = vec![preamble, purposes, form, content, organisation];
    d.closing = Some(t.closing.clone());
    d
}
