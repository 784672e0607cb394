//! Thông báo lịch kiểm tra: each unit's slot and place, its self-report deadline (five days before its slot, plan
//! section IV.1.c), and what to prepare: the evidence the catalogue asks for the items it answers for.

use chrono::NaiveDate;
use serde::Serialize;

use super::SlotLine;
use super::plan::fix_typos;
use crate::domain::calendar::with_weekday;
use crate::domain::date;
use crate::report::build::doc::{Frame, period, row_number, stt};
use crate::report::document::{Annex, Block, Cell, Column, Document, Section, Table};
use crate::report::model::RoundInfo;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchedulePaper {
    pub round: RoundInfo,
    /// The date line's date; `None` leaves it to the văn thư.
    pub date: Option<NaiveDate>,
    /// Scheduled units by day and session, then the units without a slot.
    pub slots: Vec<SlotLine>,
    pub preparations: Vec<Preparation>,
    pub standing_unit: String,
}

/// What one unit prepares for its inspection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preparation {
    pub unit_code: String,
    pub unit_name: String,
    pub items: Vec<PreparedItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreparedItem {
    pub code: String,
    pub title: String,
    pub evidence: Vec<String>,
}

pub fn document(m: &SchedulePaper, frame: &Frame) -> Document {
    let r = &m.round;
    let recipients = vec![
        "Các phòng, cơ quan, đơn vị có tên tại mục 1".to_owned(),
        "Thành viên Đoàn kiểm tra".to_owned(),
        "Chủ tịch, các PCT UBND phường (để báo cáo)".to_owned(),
        frame.settings.filing_line(),
    ];
    let subject = format!("Lịch kiểm tra cải cách hành chính {}", r.title);
    let mut lh = frame.letterhead("TB-UBND", r.year, recipients);
    lh.date = m.date;
    let mut d = Document::new(lh, "THÔNG BÁO", subject);
    let intro = Section::new("", "").with_block(Block::Paragraph(format!(
        "Thực hiện {}, UBND {} thông báo lịch kiểm tra cải cách hành chính {} ({}) đối với các phòng, cơ quan, đơn vị như sau:",
        frame.plan(r.year, true),
        frame.ward(),
        r.title,
        period(r)
    )));
    // One place for every slot is said once, not repeated on every row.
    let first_place = m.slots.iter().find(|s| s.day.is_some()).map(|s| s.place.as_str()).unwrap_or_default();
    let one_place = m.slots.iter().filter(|s| s.day.is_some()).all(|s| s.place == first_place);
    let mut columns = vec![
        stt(),
        Column::text("Ngày kiểm tra").with_width(16.0),
        Column::text("Buổi").with_width(6.0),
        Column::text("Đơn vị được kiểm tra").with_width(30.0),
    ];
    if !one_place {
        columns.push(Column::text("Địa điểm").with_width(16.0));
    }
    columns.push(Column::text("Hạn gửi báo cáo tự kiểm tra").with_width(16.0));
    let mut table = Table::new("lich_kiem_tra", "Lịch kiểm tra từng đơn vị", columns);
    for (i, s) in m.slots.iter().enumerate() {
        let mut row = vec![
            row_number(i),
            Cell::text(s.day.map_or("Chưa xếp lịch".to_owned(), with_weekday)),
            Cell::text(s.session.map(|x| x.label()).unwrap_or_default()),
            Cell::text(&s.unit_name),
        ];
        if !one_place {
            row.push(Cell::text(&s.place));
        }
        row.push(Cell::text(with_weekday(s.selfreport_due)));
        table.push_row(row);
    }
    let mut schedule = Section::new("1", "Lịch kiểm tra");
    if one_place && !first_place.trim().is_empty() {
        schedule = schedule.with_block(Block::Paragraph(format!("Địa điểm làm việc: {first_place}.")));
    }
    let schedule = schedule.with_block(Block::Table(table));
    let prepare = Section::new("2", "Hồ sơ, tài liệu các đơn vị chuẩn bị").with_block(Block::Paragraph(
        "Mỗi đơn vị chuẩn bị hồ sơ, văn bản, tài liệu, số liệu kiểm chứng cho các nội dung được phân công phụ trách, theo Phụ lục kèm theo Thông báo này."
            .into(),
    ));
    let mut annex = Vec::new();
    for (i, p) in m.preparations.iter().enumerate() {
        let items = p
            .items
            .iter()
            .map(|item| {
                // The item by its code and full title; the evidence is what the unit brings.
                let title = item.title.trim_end_matches(['.', ' ']);
                fix_typos(&match item.evidence.as_slice() {
                    [] => format!("{} {title}.", item.code),
                    hints => format!("{} {title}: {}.", item.code, hints.join("; ")),
                })
            })
            .collect();
        annex.push(Section::new(format!("{}", i + 1), p.unit_name.clone()).with_block(Block::Bullets(items)));
    }
    let duties = Section::new("3", "Trách nhiệm của các đơn vị").with_block(Block::Bullets(vec![
        format!(
            "Gửi báo cáo tự kiểm tra (theo mẫu {} gửi từng đơn vị) về Đoàn kiểm tra qua {} trước 5 ngày theo lịch kiểm tra của đơn vị, chậm nhất vào ngày làm việc ghi tại cột «Hạn gửi báo cáo tự kiểm tra» của mục 1.",
            m.standing_unit, m.standing_unit
        ),
        "Bố trí lãnh đạo đơn vị và cán bộ, công chức, viên chức phụ trách các nội dung làm việc với Đoàn kiểm tra; giải trình những vấn đề Đoàn kiểm tra cần làm rõ; đề xuất, kiến nghị những khó khăn, vướng mắc.".into(),
        format!("Trường hợp không bố trí được thời gian, địa điểm, đơn vị báo ngay cho {} để điều chỉnh.", m.standing_unit),
    ]));
    d.sections = vec![intro, schedule, prepare, duties];
    if !annex.is_empty() {
        let number = d.letterhead.number.trim_start_matches("Số:").trim_end();
        let day = m.date.map_or_else(|| format!("     /     /{}", r.year), date::format);
        d.annex = Some(Annex {
            title: "PHỤ LỤC".to_owned(),
            subtitle: format!(
                "Hồ sơ, tài liệu kiểm chứng các đơn vị chuẩn bị cho kiểm tra cải cách hành chính {} (kèm theo Thông báo số{number} ngày {day} của UBND {})",
                r.title,
                frame.ward()
            ),
            sections: annex,
        });
    }
    let unscheduled = if m.slots.iter().any(|s| s.day.is_none()) {
        format!(
            " Đơn vị chưa có lịch kiểm tra gửi báo cáo tự kiểm tra chậm nhất {}; lịch sẽ được thông báo sau.",
            with_weekday(r.selfreport_due)
        )
    } else {
        String::new()
    };
    d.closing =
        Some(format!("UBND {} thông báo để các phòng, cơ quan, đơn vị biết, thực hiện.{unscheduled}/.", frame.ward()));
    d
}
