//! Biên bản kiểm tra: one unit's inspection — when and where, who attended, the items checked with self and
//! appraised points, the findings made there with their deadlines, the unit's opinion, and two signatures: the
//! team leader's and the unit head's.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Member, Person, SlotLine, TEAM_LEADER};
use crate::domain::evidence::PaperTrail;
use crate::report::build::assessment_doc;
use crate::report::build::doc::{self, Frame, id_column, note, row_number, score_sentence, stt, table_or};
use crate::report::build::unit::{items_block, selfreport_received};
use crate::report::document::{Block, Cell, Column, Document, Section, Signature, Table};
use crate::report::model::Proposal;
use crate::report::model::unit::UnitReport;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinutesPaper {
    /// The unit's results in the round, as they stood at the end of its inspection day.
    pub unit: UnitReport,
    /// The date line's date; `None` leaves it to the văn thư.
    pub date: Option<NaiveDate>,
    /// The decision that formed the team, "12/QĐ-UBND ngày 22/06/2026"; blanks when not known.
    pub decision: Option<String>,
    pub slot: SlotLine,
    pub team: Vec<Member>,
    /// The unit's head first, then the officials answering for its items.
    pub attendees: Vec<Person>,
    /// The unit's opinion, written by hand when none is given.
    pub unit_opinion: Option<String>,
    /// Evidence, clarifications and samples of case files (a subsection only when there are any).
    #[serde(skip_serializing_if = "PaperTrail::is_empty")]
    pub trail: PaperTrail,
}

impl MinutesPaper {
    fn with_role(&self, role: &str) -> Option<String> {
        self.team.iter().find(|m| m.role == role).map(|m| m.name.clone())
    }
}

/// A table the unit receives holds no internal ids: the findings' "Mã" column goes.
fn without_ids(mut table: Table) -> Table {
    if let Some(at) = table.columns.iter().position(|c| c.title == id_column().title) {
        table.columns.remove(at);
        for row in &mut table.rows {
            if at < row.len() {
                row.remove(at);
            }
        }
    }
    table
}

/// The unit's own proposals: what it asked, of whom, and whether it was answered by the inspection day.
fn proposals(list: &[Proposal]) -> Block {
    let own: Vec<&Proposal> = list.iter().filter(|p| p.complaint_round.is_none()).collect();
    if own.is_empty() {
        return note("Đơn vị không nêu khó khăn, vướng mắc, đề xuất.");
    }
    let mut t = Table::new(
        "kien_nghi",
        "Kiến nghị, đề xuất của đơn vị",
        vec![
            stt(),
            Column::text("Kiến nghị, đề xuất").with_width(36.0),
            Column::text("Nội dung kiểm tra liên quan").with_width(24.0),
            Column::text("Cấp giải quyết").with_width(10.0),
            Column::text("Ý kiến trả lời").with_width(20.0),
        ],
    );
    for (i, p) in own.iter().enumerate() {
        let item = match (&p.criterion, &p.criterion_title) {
            (Some(code), Some(title)) => format!("{code} {}", title.trim_end_matches('.')),
            (Some(code), None) => code.clone(),
            _ => String::new(),
        };
        t.push_row(vec![
            row_number(i),
            Cell::text(p.text.trim()),
            Cell::text(item),
            Cell::text(p.addressed_to_label),
            Cell::text(p.answer.clone().unwrap_or_else(|| "Chưa trả lời".to_owned())),
        ]);
    }
    Block::Table(t)
}

/// The items that lost points without a finding of their own: the unit must still complete their evidence, so
/// "nothing found" never stands beside a table of deductions.
fn deductions(section: Section, u: &UnitReport) -> Section {
    let found = |code: &str| u.to_remediate.iter().any(|f| f.criterion.as_deref() == Some(code));
    let lost: Vec<&str> = u
        .items
        .iter()
        .filter(|i| i.appraised_points.is_some_and(|p| p < i.max) && !found(&i.code))
        .map(|i| i.code.as_str())
        .collect();
    if lost.is_empty() {
        return section;
    }
    let besides = if u.to_remediate.is_empty() { "" } else { "Ngoài các tồn tại, hạn chế trên, " };
    let lead = if besides.is_empty() { "Đơn vị hoàn thiện" } else { "đơn vị hoàn thiện" };
    section.with_block(Block::Paragraph(format!(
        "{besides}{lead} hồ sơ, tài liệu kiểm chứng của {} nội dung bị trừ điểm ({}) theo nhận xét của Đoàn kiểm tra tại bảng kết quả chấm điểm (mục 1), gửi về bộ phận thường trực cải cách hành chính phường để theo dõi.",
        lost.len(),
        lost.join("; ")
    )))
}

/// Dotted lines for what is written by hand.
const HANDWRITTEN: &str = "……………………………………………………………………………";

pub fn document(m: &MinutesPaper, frame: &Frame) -> Document {
    let u = &m.unit;
    let r = &u.round;
    let mut lh = frame.letterhead("BB-ĐKT", r.year, Vec::new());
    // The team issues the minutes, under the ward's People's Committee.
    lh.parent_body = Some(frame.settings.issuing_body.clone());
    lh.issuing_body = "ĐOÀN KIỂM TRA\nCẢI CÁCH HÀNH CHÍNH".to_owned();
    lh.date = m.date;
    // Two lines each, so that both names stand at the same height.
    let team_side = Some("ĐẠI DIỆN ĐOÀN KIỂM TRA".to_owned());
    lh.signature = Signature {
        authority: team_side,
        delegation: None,
        title: TEAM_LEADER.to_owned(),
        name: m.with_role("truong-doan").unwrap_or_default(),
    };
    let subject = format!("Kiểm tra công tác cải cách hành chính {} tại {}", r.title, u.unit_name);
    let mut d = Document::new(lh, "BIÊN BẢN", subject);
    let head = m.attendees.first();
    d.countersignature = Some(Signature {
        authority: Some("ĐẠI DIỆN ĐƠN VỊ".to_owned()),
        delegation: None,
        title: head.map_or("THỦ TRƯỞNG ĐƠN VỊ".to_owned(), |h| h.position.to_uppercase()),
        name: head.map(|h| h.name.clone()).unwrap_or_default(),
    });
    // The team's Thư ký signs under the other two.
    d.witness = m.with_role("thu-ky").map(|name| Signature {
        authority: None,
        delegation: None,
        title: "THƯ KÝ ĐOÀN KIỂM TRA".to_owned(),
        name,
    });
    let place = if m.slot.place.trim().is_empty() { u.unit_name.clone() } else { m.slot.place.clone() };
    let decision = m.decision.clone().unwrap_or_else(|| format!("     /QĐ-UBND ngày      /     /{}", r.year));
    let opening = Section::new("", "").with_block(Block::Paragraph(format!(
        "Thực hiện Quyết định số {decision} của Chủ tịch UBND {ward} về việc thành lập Đoàn kiểm tra cải cách hành chính {title}, hôm nay, vào hồi …… giờ …… {when}, tại {place}, Đoàn kiểm tra tiến hành kiểm tra việc thực hiện công tác cải cách hành chính tại {unit}.",
        ward = frame.ward(),
        title = r.title,
        when = m.slot.when(),
        unit = u.unit_name
    )));
    let team: Vec<String> = m.team.iter().map(Member::line).collect();
    let people: Vec<String> = m.attendees.iter().map(Person::line).collect();
    let attendance = Section::new("I", "THÀNH PHẦN")
        .with_subsection(Section::new("1", "Đoàn kiểm tra").with_block(if team.is_empty() {
            note("Chưa ghi nhận thành phần Đoàn kiểm tra.")
        } else {
            Block::Bullets(team)
        }))
        .with_subsection(Section::new("2", format!("Đại diện {}", u.unit_name)).with_block(if people.is_empty() {
            Block::Paragraph(HANDWRITTEN.to_owned())
        } else {
            Block::Bullets(people)
        }));
    let results = Section::new("II", "NỘI DUNG VÀ KẾT QUẢ KIỂM TRA")
        .with_subsection(
            Section::new("1", "Kết quả chấm điểm")
                .with_block(Block::Bullets(vec![
                    if u.items.is_empty() {
                        "Báo cáo tự kiểm tra: đơn vị không được phân công nội dung nào nên không phải gửi.".to_owned()
                    } else {
                        format!("Báo cáo tự kiểm tra: {}.", selfreport_received(u))
                    },
                    score_sentence("của đơn vị", &u.totals),
                ]))
                .with_block(items_block(u)),
        )
        .with_subsection(Section {
            title: "Mô hình, cách làm hay".into(),
            ..assessment_doc::practices(
                "2",
                &u.good_practices,
                "Đoàn kiểm tra chưa ghi nhận mô hình, cách làm hay của đơn vị.",
            )
        })
        .with_subsection(deductions(
            Section::new("3", "Tồn tại, hạn chế và kiến nghị khắc phục").with_block(table_or(
                without_ids(doc::remediation_table(
                    "khac_phuc",
                    "Tồn tại, hạn chế và thời hạn khắc phục",
                    &u.to_remediate,
                    false,
                )),
                if u.items.iter().any(|i| i.appraised_points.is_some_and(|p| p < i.max)) {
                    "Đoàn kiểm tra không lập kết luận tồn tại, hạn chế riêng."
                } else {
                    "Đoàn kiểm tra không ghi nhận tồn tại, hạn chế phải khắc phục."
                },
            )),
            u,
        ))
        .with_subsection(Section::new("4", "Kiến nghị, đề xuất của đơn vị").with_block(proposals(&u.proposals)));
    let results = match super::trail::section("5", &m.trail) {
        Some(trail) => results.with_subsection(trail),
        None => results,
    };
    let opinion = Section::new("III", "Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA");
    let opinion = match &m.unit_opinion {
        Some(text) => opinion.with_block(Block::Paragraph(text.clone())),
        None => {
            opinion.with_block(Block::Paragraph(HANDWRITTEN.into())).with_block(Block::Paragraph(HANDWRITTEN.into()))
        }
    };
    d.sections = vec![opening, attendance, results, opinion];
    d.closing = Some(
        "Biên bản kết thúc vào hồi …… giờ …… cùng ngày, được lập thành 02 bản có giá trị như nhau: Đoàn kiểm tra giữ 01 bản, đơn vị được kiểm tra giữ 01 bản; đã đọc lại cho những người cùng dự nghe, thống nhất và ký tên./."
            .to_owned(),
    );
    d
}
