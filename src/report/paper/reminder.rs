//! Công văn đôn đốc: to the units whose self-report is late or missing at a date, with each one's deadline (five
//! days before its slot) and how many days late it is, and to those that owe an answer to a request for
//! clarification past its due date.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::calendar::with_weekday;
use crate::domain::date;
use crate::report::build::doc::{Frame, count, row_number, stt};
use crate::report::build::round_trail::request_line;
use crate::report::document::{Block, Cell, Column, Document, Section, Table};
use crate::report::model::RoundInfo;
use crate::report::model::round::OpenClarification;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReminderPaper {
    pub round: RoundInfo,
    /// The date line's date; `None` leaves it to the văn thư.
    pub date: Option<NaiveDate>,
    pub as_of: NaiveDate,
    pub units: Vec<LateLine>,
    /// Requests for clarification (giải trình) past their due date and unanswered on `as_of`.
    pub clarifications: Vec<OpenClarification>,
    pub standing_unit: String,
    /// The drafting unit in the number, "Số: …/UBND-VHXH".
    pub drafting_unit: String,
}

/// An item a late unit's report must cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingItem {
    pub code: String,
    pub title: String,
}

/// A unit that has not sent its self-report by `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateLine {
    pub unit_code: String,
    pub unit_name: String,
    pub slot_day: Option<NaiveDate>,
    pub selfreport_due: NaiveDate,
    /// Days past the deadline at `as_of`; 0 when it has not passed yet.
    pub days_late: i64,
    /// The last working day before its slot (or the round's first day): the report must arrive by then.
    pub last_day: NaiveDate,
    /// The items it answers for and has not reported.
    pub missing: Vec<MissingItem>,
}

pub fn document(m: &ReminderPaper, frame: &Frame) -> Document {
    let r = &m.round;
    let mut recipients = vec!["Như trên".to_owned(), "Chủ tịch, các PCT UBND phường (để báo cáo)".to_owned()];
    recipients.push("Đoàn kiểm tra".to_owned());
    recipients.push(frame.settings.filing_line());
    let what = match (m.units.is_empty(), m.clarifications.is_empty()) {
        (false, true) => "gửi báo cáo tự kiểm tra",
        (true, false) => "giải trình",
        _ => "gửi báo cáo tự kiểm tra và giải trình",
    };
    let subject = format!("V/v đôn đốc {what} cải cách hành chính {}", r.title);
    // A letter (công văn): no type name, its subject under the number, numbered for the unit that drafts it.
    let mut lh = frame.letterhead(&format!("UBND-{}", m.drafting_unit), r.year, recipients);
    lh.date = m.date;
    let mut d = Document::new(lh, "", subject);
    let to = Section::new("", "").with_block(Block::Centered(format!("Kính gửi: {}.", addressees(m).join("; "))));
    let mut body = Section::new("", "");
    if !m.units.is_empty() {
        body.blocks.extend(late_reports(m, frame));
    }
    if !m.clarifications.is_empty() {
        body.blocks.extend(overdue_clarifications(m, frame));
    }
    d.sections = vec![to, body];
    d.closing = Some(
        if addressees(m).len() == 1 {
            "Đề nghị đơn vị nghiêm túc thực hiện./."
        } else {
            "Đề nghị các đơn vị nghiêm túc thực hiện./."
        }
        .to_owned(),
    );
    d
}

/// The units the letter goes to: the late ones, then those that owe an answer, each once.
fn addressees(m: &ReminderPaper) -> Vec<&str> {
    let mut names: Vec<&str> = m.units.iter().map(|u| u.unit_name.as_str()).collect();
    for c in &m.clarifications {
        if !names.contains(&c.unit_name.as_str()) {
            names.push(&c.unit_name);
        }
    }
    names
}

/// The self-reports not sent: the plan's rule, the late units, and by when.
fn late_reports(m: &ReminderPaper, frame: &Frame) -> Vec<Block> {
    let r = &m.round;
    let plan = format!(
        "Thực hiện {}, các phòng, cơ quan, đơn vị tiến hành tự kiểm tra theo nội dung được phân công phụ trách và gửi báo cáo kết quả về Đoàn kiểm tra (qua {}) trước 5 ngày theo lịch kiểm tra của đơn vị{}.",
        frame.plan(r.year, true),
        m.standing_unit,
        if m.units.iter().any(|u| u.slot_day.is_none()) {
            " (đơn vị chưa có lịch: theo hạn chung của đợt)"
        } else {
            ""
        },
    );
    // One unit reads as a sentence; a table is for several.
    let mut blocks = match m.units.as_slice() {
        [one] => vec![Block::Paragraph(format!("{plan} {}", one_late(one, m)))],
        _ => vec![
            Block::Paragraph(format!(
                "{plan} Tính đến ngày {}, các đơn vị sau chưa gửi báo cáo tự kiểm tra {}:",
                date::format(m.as_of),
                r.title
            )),
            Block::Table(late_table(m)),
        ],
    };
    blocks.push(Block::Paragraph(format!(
        "UBND {} đề nghị {} nêu trên khẩn trương chỉ đạo hoàn thành, gửi báo cáo tự kiểm tra về Đoàn kiểm tra (qua {}) {}; đồng thời chuẩn bị đầy đủ hồ sơ, tài liệu kiểm chứng để làm việc với Đoàn kiểm tra. Việc chậm gửi báo cáo sẽ được tổng hợp vào kết quả kiểm tra và đánh giá, xếp loại cuối năm.",
        frame.ward(),
        if m.units.len() == 1 { "Thủ trưởng đơn vị" } else { "Thủ trưởng các đơn vị" },
        m.standing_unit,
        last_day(m)
    )));
    blocks
}

/// The requests past their due date (plan IV.2: units explain what the team needs made clear).
fn overdue_clarifications(m: &ReminderPaper, frame: &Frame) -> Vec<Block> {
    // After the late reports the plan is already cited.
    let rule = if m.units.is_empty() {
        format!("Theo {}, các", frame.plan(m.round.year, true))
    } else {
        "Đồng thời, theo Kế hoạch, các".to_owned()
    };
    vec![
        Block::Paragraph(format!(
            "{rule} đơn vị được kiểm tra có trách nhiệm giải trình những vấn đề mà các thành viên Đoàn kiểm tra cần làm rõ. Tính đến ngày {}, các yêu cầu giải trình sau đã quá hạn nhưng chưa được trả lời:",
            date::format(m.as_of)
        )),
        Block::Bullets(m.clarifications.iter().map(|c| request_line(c, addressees(m).len() > 1)).collect()),
        Block::Paragraph(format!(
            "Đề nghị Thủ trưởng {} khẩn trương gửi văn bản giải trình, kèm tài liệu kiểm chứng, về Đoàn kiểm tra (qua {}).",
            if m.clarifications.iter().any(|c| Some(&c.unit_name) != m.clarifications.first().map(|f| &f.unit_name)) {
                "các đơn vị"
            } else {
                "đơn vị"
            },
            m.standing_unit
        )),
    ]
}

/// The late units, one row each.
fn late_table(m: &ReminderPaper) -> Table {
    let mut table = Table::new(
        "cham_nop",
        format!("Đơn vị chưa gửi báo cáo tự kiểm tra (tính đến ngày {})", date::format(m.as_of)),
        vec![
            stt(),
            Column::text("Đơn vị").with_width(26.0),
            Column::text("Ngày kiểm tra").with_width(16.0),
            Column::text("Hạn gửi báo cáo").with_width(16.0),
            Column::integer("Số ngày quá hạn"),
            Column::text("Nội dung chưa báo cáo").with_width(22.0),
        ],
    );
    for (i, u) in m.units.iter().enumerate() {
        let due = match u.slot_day {
            Some(_) => with_weekday(u.selfreport_due),
            None => format!("{} (hạn chung của đợt)", with_weekday(u.selfreport_due)),
        };
        table.push_row(vec![
            row_number(i),
            Cell::text(&u.unit_name),
            Cell::text(u.slot_day.map_or("Chưa xếp lịch".to_owned(), with_weekday)),
            Cell::text(due),
            if u.days_late > 0 { count(u.days_late) } else { Cell::text("Chưa đến hạn") },
            Cell::text(match u.missing.len() {
                0 => String::new(),
                n => format!(
                    "{n} nội dung: {}",
                    u.missing.iter().map(|i| i.code.as_str()).collect::<Vec<_>>().join("; ")
                ),
            }),
        ]);
    }
    table
}

/// The one late unit, in a sentence: its deadline, how late, and the items its report must cover.
fn one_late(u: &LateLine, m: &ReminderPaper) -> String {
    let late = if u.days_late > 0 { format!(", đã quá hạn {} ngày", u.days_late) } else { String::new() };
    let due = match u.slot_day {
        Some(day) => format!(
            "hạn gửi: {}; Đoàn kiểm tra làm việc với đơn vị: {}",
            with_weekday(u.selfreport_due),
            with_weekday(day)
        ),
        None => format!("hạn chung của đợt: {}", with_weekday(u.selfreport_due)),
    };
    let items = match u.missing.len() {
        0 => String::new(),
        n => {
            let items: Vec<String> =
                u.missing.iter().map(|i| format!("{} {}", i.code, i.title.trim_end_matches('.'))).collect();
            format!(" Báo cáo cần đủ {n} nội dung được phân công: {}.", items.join("; "))
        }
    };
    format!(
        "Tính đến ngày {}, {} chưa gửi báo cáo tự kiểm tra {}{late} ({due}).{items}",
        date::format(m.as_of),
        u.unit_name,
        m.round.title
    )
}

/// By when the report must now arrive, as a date a person can act on: the last working day before the unit's
/// inspection day (one unit), or before each unit's day in the table (several).
fn last_day(m: &ReminderPaper) -> String {
    match m.units.as_slice() {
        [one] => format!("chậm nhất ngày {}", with_weekday(one.last_day)),
        _ => "chậm nhất trước ngày Đoàn kiểm tra làm việc với từng đơn vị (cột “Ngày kiểm tra”)".to_owned(),
    }
}
