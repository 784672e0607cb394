//! Quyết định thành lập Đoàn kiểm tra (plan, section IV.1.a): legal bases, the members with their roles and
//! units, the team's task and duration, and the articles in the usual form.

use chrono::NaiveDate;
use serde::Serialize;

use super::Member;
use super::plan::{basis_placeholder, fix_typos};
use super::text::{PaperText, fill};
use crate::report::build::doc::{Frame, capitalized, period};
use crate::report::document::{Block, Document, Section, Signature};
use crate::report::model::RoundInfo;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionPaper {
    pub round: RoundInfo,
    /// The date line's date; `None` leaves it to the văn thư.
    pub date: Option<NaiveDate>,
    /// Its number ("112/QĐ-UBND") once recorded (`cchc round team ROUND decision`); blank for the văn thư before.
    pub number: Option<String>,
    /// "Căn cứ …;" lines, in order.
    pub bases: Vec<String>,
    pub proposer: String,
    pub standing_unit: String,
    pub members: Vec<Member>,
    /// Names of the units the round covers.
    pub units: Vec<String>,
}

pub fn model(
    round: RoundInfo,
    members: Vec<Member>,
    units: Vec<String>,
    text: &PaperText,
    ward: &str,
    plan_number: Option<&str>,
) -> DecisionPaper {
    // The plan by its number and date; blanks for the văn thư when `cchc config set plan_number` was not given.
    let number = plan_number.map_or_else(|| format!("     /KH-UBND ngày      /     /{}", round.year), str::to_owned);
    let plan_label =
        format!("Kế hoạch số {number} của UBND phường {ward} về kiểm tra cải cách hành chính năm {}", round.year);
    // The plan's bases are those of the wording's year: another year's stand as a placeholder.
    let plan_bases =
        if text.year == round.year { text.plan.bases.clone() } else { vec![basis_placeholder(round.year)] };
    let bases = text
        .decision
        .bases
        .iter()
        .chain(&plan_bases)
        // A decision is written anew each round: the evident typos of the signed plan's text are corrected.
        .map(|b| fix_typos(&fill(b, round.year, ward)))
        .chain(std::iter::once(plan_label))
        .map(|b| format!("Căn cứ {};", b.trim().trim_end_matches([';', '.'])))
        .collect();
    DecisionPaper {
        date: None,
        number: None,
        bases,
        proposer: format!("Theo đề nghị của {}.", text.decision.proposer.trim().trim_end_matches('.')),
        standing_unit: text.decision.standing_unit.clone(),
        round,
        members,
        units,
    }
}

pub fn document(m: &DecisionPaper, frame: &Frame) -> Document {
    let r = &m.round;
    let recipients =
        vec!["Như Điều 3".to_owned(), "Chủ tịch, các PCT UBND phường".to_owned(), frame.settings.filing_line()];
    let mut lh = frame.letterhead("QĐ-UBND", r.year, recipients);
    lh.date = m.date;
    if let Some(number) = &m.number {
        lh.number = format!("Số: {number}");
    }
    // The Chairman decides in person (or a Vice-Chairman for him), never "TM. Ủy ban nhân dân".
    lh.signature = Signature { authority: None, ..lh.signature };
    let team = format!("Đoàn kiểm tra cải cách hành chính {}", r.title);
    let subject = format!("Về việc thành lập {team}");
    let mut d = Document::new(lh, "QUYẾT ĐỊNH", subject);
    let mut preamble = Section::new("", "")
        .with_block(Block::Centered(format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {}", frame.ward().to_uppercase())));
    for basis in &m.bases {
        preamble = preamble.with_block(Block::Note(basis.clone()));
    }
    preamble = preamble.with_block(Block::Note(m.proposer.clone())).with_block(Block::Centered("QUYẾT ĐỊNH:".into()));
    let count = m.members.len();
    let members: Vec<String> = m
        .members
        .iter()
        .enumerate()
        .map(|(i, member)| format!("{}. {}{}", i + 1, member.line(), if i + 1 == count { "." } else { ";" }))
        .collect();
    let first = Section::new("Điều 1.", format!("Thành lập {team} của UBND {}", frame.ward())).with_block(
        if members.is_empty() {
            Block::Paragraph("Thành phần Đoàn kiểm tra: (chưa ghi nhận; thêm bằng `cchc round team … add`).".into())
        } else {
            Block::Paragraph("Thành phần Đoàn kiểm tra gồm các ông (bà) có tên sau:".into())
        },
    );
    let first = members.into_iter().fold(first, |s, line| s.with_block(Block::Paragraph(line)));
    let units = match m.units.len() {
        0 => "các phòng, cơ quan, đơn vị".to_owned(),
        n => format!("{n} phòng, cơ quan, đơn vị ({})", m.units.join("; ")),
    };
    let second = Section::new("Điều 2.", "Nhiệm vụ của Đoàn kiểm tra")
        .with_block(Block::Paragraph(format!(
            "{}, kiểm tra việc thực hiện công tác cải cách hành chính tại {units} theo nội dung Kế hoạch kiểm tra cải cách hành chính năm {} và lịch kiểm tra; lập biên bản kiểm tra tại từng đơn vị.",
            capitalized(&period(r)),
            r.year
        )))
        .with_block(Block::Paragraph(format!(
            "Kết thúc đợt kiểm tra, Đoàn kiểm tra nhận xét, đánh giá kết quả thực hiện cải cách hành chính của từng lĩnh vực, đơn vị, công chức, viên chức phụ trách và tổng hợp báo cáo Chủ tịch, các Phó Chủ tịch UBND {}.",
            frame.ward()
        )))
        .with_block(Block::Paragraph(
            "Trưởng đoàn phân công nhiệm vụ cho các thành viên. Thành viên Đoàn kiểm tra làm việc theo chế độ kiêm nhiệm; Đoàn kiểm tra tự giải thể sau khi hoàn thành nhiệm vụ.".into(),
        ));
    let third = Section::new("Điều 3.", "Hiệu lực và trách nhiệm thi hành").with_block(Block::Paragraph(format!(
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và UBND phường, Trưởng {}, Thủ trưởng các phòng, cơ quan, đơn vị có liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        lowercase_first(&m.standing_unit)
    )));
    d.sections = vec![preamble, first, second, third];
    d
}

/// "phòng Văn hoá - Xã hội" from "Phòng Văn hoá - Xã hội", after "Trưởng".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.trim().chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
