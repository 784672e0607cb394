//! `cchc paper decision|schedule|minutes|reminder|plan|text`: the papers of the inspection cycle, filled from the
//! database and `cchc config`, in the reports' formats (DOCX laid out per NĐ 30, md/html from templates, json).

use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::Connection;
use serde::Serialize;

use crate::commands::args::parse_date;
use crate::commands::report::{OutputArgs, emit};
use crate::context::Context;
use crate::domain::date;
use crate::domain::round::Round;
use crate::domain::round::role_label;
use crate::domain::schedule::Slot;
use crate::messages;
use crate::report::build::{doc::Frame, round_info};
use crate::report::document::Document;
use crate::report::model::settings::ReportSettings;
use crate::report::paper::schedule::{Preparation, PreparedItem, SchedulePaper};
use crate::report::paper::text::{self, PaperText};
use crate::report::paper::{Member, SlotLine, decision, plan, schedule as schedule_paper};
use crate::report::ready::{Layout, Ready};
use crate::store::rounds;
use crate::store::{assignments, round_decisions, schedule, settings, units};

mod late_reminder;
mod unit_minutes;
mod year_plan;

pub use late_reminder::build_reminder;
use unit_minutes::minutes_command;
pub use unit_minutes::{MinutesOptions, build_minutes};
pub use year_plan::build_plan;

#[derive(Debug, Subcommand)]
pub enum PaperCommand {
    /// Quyết định thành lập Đoàn kiểm tra của một đợt (QĐ)
    Decision(RoundPaperArgs),
    /// Thông báo lịch kiểm tra: ngày, buổi, địa điểm, hạn gửi báo cáo và hồ sơ chuẩn bị của từng đơn vị (TB)
    Schedule(RoundPaperArgs),
    /// Biên bản kiểm tra tại một đơn vị, hoặc mọi đơn vị của đợt với --all -o THƯ_MỤC (BB)
    Minutes(MinutesArgs),
    /// Công văn đôn đốc các đơn vị chậm gửi báo cáo tự kiểm tra hoặc chưa giải trình khi đã quá hạn (CV)
    Reminder(ReminderArgs),
    /// Kế hoạch kiểm tra cải cách hành chính của năm (KH)
    Plan(PlanArgs),
    /// In (hoặc ghi ra tệp) mẫu lời văn: căn cứ, mục đích, yêu cầu…, để sửa rồi dùng với --text
    Text(TextOutArgs),
}

#[derive(Debug, Args)]
pub struct TextOutArgs {
    /// Ghi ra tệp (mặc định: in ra màn hình)
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TextArg {
    /// Tệp lời văn riêng (TOML; in mẫu bằng `cchc paper text`)
    #[arg(long = "text", value_name = "TỆP")]
    pub file: Option<PathBuf>,
}

/// The paper's own date (ngày ban hành), never the computer's clock.
#[derive(Debug, Args, Clone, Copy)]
pub struct DateArg {
    /// Ngày ban hành in trên dòng địa danh (dd/mm/yyyy); không ghi thì để trống ngày, tháng cho văn thư điền tay
    #[arg(long = "date", value_name = "NGÀY", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct RoundPaperArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(flatten)]
    pub date: DateArg,
    #[command(flatten)]
    pub text: TextArg,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct MinutesArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Đơn vị được kiểm tra (mã hoặc tên)
    #[arg(value_name = "ĐƠN_VỊ", required_unless_present = "all", conflicts_with = "all")]
    pub unit: Option<String>,
    /// Mọi đơn vị của đợt, mỗi đơn vị một tệp trong thư mục -o (mặc định .docx; --format để chọn khác)
    #[arg(long)]
    pub all: bool,
    /// Ý kiến của đơn vị được kiểm tra (để trống thì chừa dòng viết tay)
    #[arg(long, allow_hyphen_values = true, value_name = "Ý_KIẾN")]
    pub unit_opinion: Option<String>,
    /// Ngày lập biên bản (dd/mm/yyyy); mặc định: ngày kiểm tra của đơn vị
    #[arg(long = "date", value_name = "NGÀY", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Biên bản ghi tình hình đến hết ngày này (dd/mm/yyyy); mặc định: ngày kiểm tra của đơn vị
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Quyết định thành lập Đoàn kiểm tra mà biên bản trích dẫn, ví dụ «12/QĐ-UBND ngày 22/06/2026»
    /// (mặc định: quyết định đã ghi bằng `cchc round team ĐỢT decision`)
    #[arg(long, allow_hyphen_values = true, value_name = "QUYẾT_ĐỊNH")]
    pub decision: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReminderArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Chỉ các đơn vị này (mã hoặc tên); mặc định: mọi đơn vị quá hạn mà chưa gửi báo cáo hoặc chưa giải trình
    #[arg(value_name = "ĐƠN_VỊ")]
    pub units: Vec<String>,
    /// Tính đến ngày này, dd/mm/yyyy (mặc định: ngày ban hành --date, nếu không thì hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub date: DateArg,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Năm của kế hoạch, ví dụ 2027
    #[arg(value_name = "NĂM")]
    pub year: i32,
    #[command(flatten)]
    pub date: DateArg,
    #[command(flatten)]
    pub text: TextArg,
    #[command(flatten)]
    pub out: OutputArgs,
}

pub fn run(ctx: &Context, cmd: PaperCommand) -> Result<()> {
    if let PaperCommand::Text(args) = &cmd {
        return match &args.output {
            Some(path) => {
                crate::files::write(&ctx.db_path, path, crate::files::Kind::Text("toml"), text::DEFAULT.as_bytes())?;
                ctx.info(format!(
                    "Đã ghi mẫu lời văn vào «{}»: sửa rồi dùng --text {}.",
                    path.display(),
                    path.display()
                ));
                Ok(())
            }
            None => ctx.print_data(text::DEFAULT),
        };
    }
    let store = ctx.store()?;
    let conn = &store.conn;
    match cmd {
        PaperCommand::Decision(a) => emit(ctx, build_decision(ctx, conn, &a.round, &a.text, a.date.date)?, &a.out),
        PaperCommand::Schedule(a) => emit(ctx, build_schedule(ctx, conn, &a.round, a.date.date)?, &a.out),
        PaperCommand::Minutes(a) => minutes_command(ctx, conn, &a),
        PaperCommand::Reminder(a) => {
            emit(ctx, build_reminder(ctx, conn, &a.round, &a.units, a.as_of, a.date.date)?, &a.out)
        }
        PaperCommand::Plan(a) => emit(ctx, build_plan(ctx, conn, a.year, &a.text, a.date.date)?, &a.out),
        PaperCommand::Text(_) => Ok(()),
    }
}

fn ready<M: Serialize + Clone + 'static>(
    ctx: &Context,
    conn: &Connection,
    model: M,
    layout: fn(&M, &Frame) -> Document,
    stem: String,
) -> Result<Ready> {
    let settings = ReportSettings::resolve(&settings::all(conn)?);
    Ok(Ready::new(Rc::new(model), settings, Some(ctx.today()), Layout::Borrowed(layout), stem))
}

/// The wording file given, else the built-in one; a warning when its legal bases are of another year.
fn paper_text(arg: &TextArg, year: i32) -> Result<PaperText> {
    let text = match &arg.file {
        Some(path) => {
            let source = std::fs::read_to_string(path)
                .with_context(|| format!("không đọc được tệp lời văn «{}» (cần tệp văn bản UTF-8)", path.display()))?;
            PaperText::parse(&source, &path.display().to_string()).map_err(anyhow::Error::msg)?
        }
        None => PaperText::builtin(),
    };
    if text.year != year {
        messages::warn(format!(
            "các căn cứ trong lời văn là của năm {}, văn bản này cho năm {year}: chúng được in thành «{}». Viết lời văn của năm {year}: `cchc paper text -o loi-van-{year}.toml`, sửa căn cứ và dòng year, rồi dùng --text loi-van-{year}.toml.",
            text.year,
            plan::basis_placeholder(year)
        ));
    }
    Ok(text)
}

/// Warns when a paper is dated on or after the event it sets up (`what`: "ngày bắt đầu đợt 2026-dot1").
fn warn_if_late(paper: &str, date: Option<NaiveDate>, event: NaiveDate, what: &str) {
    if let Some(day) = date.filter(|d| *d >= event) {
        messages::warn(format!(
            "{paper} đề ngày {}, không trước {what} ({}): văn bản ban hành sau sự việc nó chuẩn bị; kiểm tra lại --date.",
            date::format(day),
            date::format(event)
        ));
    }
}

fn ward(conn: &Connection) -> Result<String> {
    Ok(settings::get(conn, "ward")?.unwrap_or_default())
}

fn unit_names(conn: &Connection) -> Result<HashMap<String, String>> {
    Ok(units::list(conn)?.into_iter().map(|u| (u.code, u.name)).collect())
}

fn team(conn: &Connection, round: &str, names: &HashMap<String, String>) -> Result<Vec<Member>> {
    Ok(rounds::team(conn, round)?
        .into_iter()
        .map(|m| Member {
            role_label: role_label(&m.role),
            unit_name: match &m.unit_code {
                Some(u) => Some(names.get(u).cloned().unwrap_or_else(|| u.clone())),
                None => Some(m.unit_name).filter(|n| !n.trim().is_empty()),
            },
            title: m.title,
            name: m.name,
            role: m.role,
        })
        .collect())
}

pub fn build_decision(
    ctx: &Context,
    conn: &Connection,
    id: &str,
    text_arg: &TextArg,
    date: Option<NaiveDate>,
) -> Result<Ready> {
    let round = rounds::get(conn, id)?;
    let text = paper_text(text_arg, round.year)?;
    let names = unit_names(conn)?;
    let scope: Vec<String> =
        rounds::inspected(conn, &round)?.iter().map(|u| names.get(u).cloned().unwrap_or_else(|| u.clone())).collect();
    let members = team(conn, &round.id, &names)?;
    let leaders = members.iter().filter(|m| m.role == "truong-doan").count();
    if leaders != 1 {
        bail!(
            "đoàn kiểm tra đợt {} cần đúng một Trưởng đoàn trước khi in quyết định (đang có {leaders}); thêm bằng `cchc round team {} add … --role truong-doan` hoặc đổi bằng `cchc round team {} role NGƯỜI --role truong-doan`.",
            round.id,
            round.id,
            round.id
        );
    }
    for m in members.iter().filter(|m| m.title.trim().is_empty()) {
        messages::warn(format!(
            "{} chưa có chức vụ: quyết định để chỗ trống; bỏ rồi thêm lại bằng `cchc round team {} add --official …` hoặc --title.",
            m.name, round.id
        ));
    }
    // Once the văn thư has numbered it, the decision carries its own number and date.
    let recorded = round_decisions::get(conn, &round.id)?;
    let date = date.or(recorded.as_ref().map(|d| d.decided_on));
    warn_if_late("quyết định thành lập đoàn", date, round.start, &format!("ngày bắt đầu đợt {}", round.id));
    // "15/KH-UBND ngày 20/01/2026" from the two settings the year report cites too (plan_number, plan_date).
    let plan_date = settings::get(conn, "plan_date")?.filter(|d| !d.trim().is_empty());
    let plan_number = settings::get(conn, "plan_number")?
        .filter(|n| !n.trim().is_empty())
        .map(|n| plan_date.map_or_else(|| n.clone(), |d| format!("{n} ngày {d}")));
    let mut model = decision::model(round_info(&round), members, scope, &text, &ward(conn)?, plan_number.as_deref());
    model.date = date;
    model.number = recorded.map(|d| d.number);
    ready(ctx, conn, model, decision::document, format!("quyet-dinh-doan-kiem-tra-{}", round.id))
}

/// Every unit of the round: the scheduled ones by day and session, then the others with the round's deadline.
fn slot_lines(conn: &Connection, round: &Round, names: &HashMap<String, String>) -> Result<(Vec<SlotLine>, Vec<Slot>)> {
    let slots = schedule::list(conn, &round.id)?;
    let name = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_owned());
    let mut lines: Vec<SlotLine> = slots
        .iter()
        .map(|s| SlotLine {
            unit_code: s.unit_code.clone(),
            unit_name: name(&s.unit_code),
            day: Some(s.day),
            session: s.session,
            place: s.place.clone(),
            selfreport_due: s.due(),
        })
        .collect();
    for unit in rounds::inspected(conn, round)? {
        if !slots.iter().any(|s| s.unit_code == unit) {
            lines.push(SlotLine {
                unit_name: name(&unit),
                unit_code: unit,
                day: None,
                session: None,
                place: String::new(),
                selfreport_due: round.selfreport_due,
            });
        }
    }
    Ok((lines, slots))
}

pub fn build_schedule(ctx: &Context, conn: &Connection, id: &str, date: Option<NaiveDate>) -> Result<Ready> {
    let (round, catalogue) = rounds::get_with_catalogue(conn, id)?;
    warn_if_late("thông báo lịch kiểm tra", date, round.start, &format!("ngày bắt đầu đợt {}", round.id));
    let names = unit_names(conn)?;
    let (slots, _) = slot_lines(conn, &round, &names)?;
    if slots.iter().all(|s| s.day.is_none()) {
        messages::warn(format!(
            "đợt {} chưa có lịch kiểm tra; xếp bằng `cchc round schedule {} auto` hoặc `set`.",
            round.id, round.id
        ));
    }
    let kind = round.kind.node_kind();
    let mut preparations = Vec::new();
    for line in &slots {
        let assigned: Vec<String> =
            assignments::list(conn, Some(&line.unit_code), None)?.into_iter().map(|a| a.criterion).collect();
        let items: Vec<PreparedItem> = catalogue
            .leaves()
            .filter(|n| n.kind == kind && assigned.contains(&n.code))
            .map(|n| PreparedItem { code: n.code.clone(), title: n.title.clone(), evidence: n.evidence.clone() })
            .collect();
        if !items.is_empty() {
            preparations.push(Preparation {
                unit_code: line.unit_code.clone(),
                unit_name: line.unit_name.clone(),
                items,
            });
        }
    }
    let standing_unit = PaperText::builtin().decision.standing_unit;
    let model = SchedulePaper { round: round_info(&round), date, slots, preparations, standing_unit };
    ready(ctx, conn, model, schedule_paper::document, format!("lich-kiem-tra-{}", round.id))
}
