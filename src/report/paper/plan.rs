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
    /// The date line's date; `None` leaves it to the văn thư.
    pub date: Option<NaiveDate>,
    /// The opening sentence: the documents the plan carries out.
    pub preamble: String,
    pub text: PlanText,
    pub rounds: Vec<PlannedRound>,
    pub fields: Vec<PlanField>,
    /// Ad-hoc topics (section III.2).
    pub adhoc: Vec<String>,
    /// The previous year's unfinished business, carried into this plan (one line each).
    pub carried: Carried,
}

/// What the previous year left open: shortcomings and violations not yet verified as remedied, by unit and item,
/// and the proposals still unanswered.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Carried {
    pub year: i32,
    pub findings: Vec<String>,
    pub proposals: Vec<String>,
}

/// The evident typos of the 2026 plan's text (and of the catalogue's titles, taken from it), corrected in a paper
/// written anew (the signed 2026 plan is regenerated word for word). Each pair is (as signed, corrected): one place for a reader to check.
pub const TYPO_FIXES: [(&str, &str); 8] = [
    ("Nền tảng Hợp trực tuyến", "Nền tảng họp trực tuyến"),
    ("thực nhiệm", "thực hiện"),
    ("điểm hình", "điển hình"),
    ("chuyên biến", "chuyển biến"),
    ("Quyết định số 146/KH-UBND", "Kế hoạch số 146/KH-UBND"),
    ("thường thực", "thường trực"),
    ("phòng Văn hoá - xã hội", "Phòng Văn hoá - Xã hội"),
    ("Văn hoá - xã hội", "Văn hoá - Xã hội"),
];

pub fn fix_typos(text: &str) -> String {
    TYPO_FIXES.iter().fold(text.to_owned(), |t, (wrong, right)| t.replace(wrong, right))
}

/// The visible placeholder for a legal basis of an earlier year.
pub fn basis_placeholder(year: i32) -> String {
    format!("[Căn cứ năm {year}: cần cập nhật]")
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
    text_year: i32,
    ward: &str,
) -> PlanPaper {
    // A paper written for another year than its wording's: the bases and the references in the text are that
    // year's, so they stand as placeholders, and the evident typos of the signed text are corrected.
    let anew = text_year != year;
    let fixed = |t: &str| if anew { fix_typos(t) } else { t.to_owned() };
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
    let titles = |code: &str| catalogue.children(code).map(|n| fixed(&n.title)).collect::<Vec<_>>();
    let fields = catalogue
        .fields()
        .filter(|f| f.kind == NodeKind::Periodic)
        .map(|f| PlanField {
            code: f.code.clone(),
            title: fixed(&f.title),
            items: catalogue.children(&f.code).filter(|n| n.is_leaf).map(|n| fixed(&n.title)).collect(),
            groups: catalogue
                .children(&f.code)
                .filter(|n| !n.is_leaf)
                .map(|g| PlanGroup { code: g.code.clone(), title: fixed(&g.title), items: titles(&g.code) })
                .collect(),
        })
        .collect();
    let adhoc = catalogue.leaves().filter(|n| n.kind == NodeKind::Adhoc).map(|n| fixed(&n.title)).collect();
    let filled = |t: &str| fixed(&fill(t, year, ward));
    let all = |v: &[String]| v.iter().map(|t| filled(t)).collect::<Vec<_>>();
    let text = PlanText {
        bases: if anew { vec![basis_placeholder(year)] } else { all(&text.bases) },
        purposes: all(&text.purposes),
        requirements: all(&text.requirements),
        form: filled(&text.form),
        adhoc_time: filled(&text.adhoc_time),
        subjects: filled(&text.subjects),
        periodic_intro: if anew {
            format!(
                "Kiểm tra thực hiện các nội dung theo Bộ tiêu chí xác định chỉ số cải cách hành chính và kế hoạch cải cách hành chính năm {year} {} trên các lĩnh vực, cụ thể:",
                basis_placeholder(year)
            )
        } else {
            filled(&text.periodic_intro)
        },
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
    PlanPaper { year, date: None, preamble, text, rounds, fields, adhoc, carried: Carried::default() }
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
    let mut lh = frame.letterhead("KH-UBND", m.year, frame.settings.recipients.clone());
    lh.date = m.date;
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
    let mut content = Section::new("III", "NỘI DUNG KIỂM TRA").with_subsection(periodic).with_subsection(adhoc);
    let c = &m.carried;
    if !c.findings.is_empty() || !c.proposals.is_empty() {
        let mut follow_up = Section::new("3", format!("Kiểm tra việc khắc phục tồn tại, hạn chế năm {}:", c.year))
            .with_block(Block::Paragraph(format!(
                "Trong các đợt kiểm tra năm {}, Đoàn kiểm tra kiểm tra việc khắc phục các tồn tại, hạn chế, vi phạm năm {} chưa được xác nhận đã khắc phục và việc trả lời các kiến nghị, đề xuất còn tồn đọng:",
                m.year, c.year
            )));
        if !c.findings.is_empty() {
            follow_up = follow_up.with_subsection(
                Section::new("a.", "Tồn tại, hạn chế, vi phạm chưa được xác nhận khắc phục:")
                    .with_block(Block::Bullets(c.findings.clone())),
            );
        }
        if !c.proposals.is_empty() {
            let letter = if c.findings.is_empty() { "a." } else { "b." };
            follow_up = follow_up.with_subsection(
                Section::new(letter, "Kiến nghị, đề xuất chưa được trả lời:")
                    .with_block(Block::Bullets(c.proposals.clone())),
            );
        }
        content = content.with_subsection(follow_up);
    }
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
