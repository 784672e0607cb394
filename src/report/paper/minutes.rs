//! Biên bản kiểm tra: one unit's inspection — when and where, who attended, the items checked with self and
//! appraised points, the findings made there with their deadlines, the unit's opinion, and two signatures: the
//! team leader's and the unit head's.

use serde::Serialize;

use super::{Member, Person, SlotLine, TEAM_LEADER};
use crate::domain::evidence::PaperTrail;
use crate::report::build::assessment_doc;
use crate::report::build::doc::{self, Frame, note, score_sentence, table_or};
use crate::report::build::unit::{items_block, selfreport_received};
use crate::report::document::{Block, Document, Section, Signature};
use crate::report::model::unit::UnitReport;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinutesPaper {
    /// The unit's results in the round, as its notice shows them.
    pub unit: UnitReport,
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
    fn leader(&self) -> String {
        self.team.iter().find(|m| m.role == "truong-doan").map(|m| m.name.clone()).unwrap_or_default()
    }
}

/// Dotted lines for what is written by hand.
const HANDWRITTEN: &str = "……………………………………………………………………………";

pub fn document(m: &MinutesPaper, frame: &Frame) -> Document {
    let u = &m.unit;
    let r = &u.round;
    let mut lh = frame.letterhead("BB-ĐKT", r.year, Vec::new());
    // The team issues the minutes, under the ward's People's Committee.
    lh.parent_body = Some(frame.settings.issuing_body.clone());
    lh.issuing_body = "ĐOÀN KIỂM TRA CCHC".to_owned();
    if let Some(day) = m.slot.day {
        lh.date = Some(day);
    }
    // Two lines each, so that both names stand at the same height.
    let team_side = Some("ĐẠI DIỆN ĐOÀN KIỂM TRA".to_owned());
    lh.signature =
        Signature { authority: team_side, delegation: None, title: TEAM_LEADER.to_owned(), name: m.leader() };
    let subject = format!("Kiểm tra công tác cải cách hành chính {} tại {}", r.title, u.unit_name);
    let mut d = Document::new(lh, "BIÊN BẢN", subject);
    let head = m.attendees.first();
    d.countersignature = Some(Signature {
        authority: Some("ĐẠI DIỆN ĐƠN VỊ".to_owned()),
        delegation: None,
        title: head.map_or("THỦ TRƯỞNG ĐƠN VỊ".to_owned(), |h| h.position.to_uppercase()),
        name: head.map(|h| h.name.clone()).unwrap_or_default(),
    });
    let place = if m.slot.place.trim().is_empty() { u.unit_name.clone() } else { m.slot.place.clone() };
    let opening = Section::new("", "").with_block(Block::Paragraph(format!(
        "Hôm nay, vào hồi …… giờ …… {}, tại {place}, Đoàn kiểm tra cải cách hành chính {} của UBND {} tiến hành kiểm tra việc thực hiện công tác cải cách hành chính tại {}.",
        m.slot.when(),
        r.title,
        frame.ward(),
        u.unit_name
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
        .with_subsection(Section::new("3", "Tồn tại, hạn chế và kiến nghị khắc phục").with_block(table_or(
            doc::remediation_table("khac_phuc", "Tồn tại, hạn chế và thời hạn khắc phục", &u.to_remediate, false),
            "Đoàn kiểm tra không ghi nhận tồn tại, hạn chế phải khắc phục.",
        )))
        .with_subsection(Section {
            title: "Kiến nghị, đề xuất của đơn vị".into(),
            ..assessment_doc::proposals("4", &u.proposals)
        });
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
