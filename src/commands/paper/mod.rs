//! `cchc paper decision|schedule|minutes|reminder|plan|text`: the papers of the inspection cycle, filled from the
//! database and `cchc config`, in the reports' formats (DOCX laid out per NĐ 30, md/html from templates, json).

use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::Connection;
use serde::Serialize;

use crate::commands::args::parse_date;
use crate::commands::report::{OutputArgs, emit};
use crate::context::Context;
use crate::domain::round::Round;
use crate::domain::round::{RoundKind, role_label};
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
use crate::store::{assignments, catalogues, schedule, settings, units};

mod late_reminder;
mod unit_minutes;

pub use late_reminder::build_reminder;
pub use unit_minutes::build_minutes;
use unit_minutes::minutes_command;

#[derive(Debug, Subcommand)]
pub enum PaperCommand {
    /// Quyết định thành lập Đoàn kiểm tra của một đợt (QĐ)
    Decision(RoundPaperArgs),
    /// Thông báo lịch kiểm tra: ngày, buổi, địa điểm, hạn gửi báo cáo và hồ sơ chuẩn bị của từng đơn vị (TB)
    Schedule(RoundPaperArgs),
    /// Biên bản kiểm tra tại một đơn vị, hoặc mọi đơn vị của đợt với --all -o THƯ_MỤC (BB)
    Minutes(MinutesArgs),
    /// Công văn đôn đốc các đơn vị chậm gửi báo cáo tự kiểm tra (CV)
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

#[derive(Debug, Args)]
pub struct RoundPaperArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
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
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReminderArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Chỉ các đơn vị này (mã hoặc tên); mặc định: mọi đơn vị quá hạn mà chưa gửi
    #[arg(value_name = "ĐƠN_VỊ")]
    pub units: Vec<String>,
    /// Tính đến ngày này, dd/mm/yyyy (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Năm của kế hoạch, ví dụ 2027
    #[arg(value_name = "NĂM")]
    pub year: i32,
    #[command(flatten)]
    pub text: TextArg,
    #[command(flatten)]
    pub out: OutputArgs,
}

pub fn run(ctx: &Context, cmd: PaperCommand) -> Result<()> {
    if let PaperCommand::Text(args) = &cmd {
        return match &args.output {
            Some(path) => {
                std::fs::write(path, text::DEFAULT)
                    .with_context(|| format!("không ghi được tệp «{}»", path.display()))?;
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
        PaperCommand::Decision(a) => emit(ctx, build_decision(ctx, conn, &a.round, &a.text)?, &a.out),
        PaperCommand::Schedule(a) => emit(ctx, build_schedule(ctx, conn, &a.round)?, &a.out),
        PaperCommand::Minutes(a) => minutes_command(ctx, conn, &a),
        PaperCommand::Reminder(a) => emit(ctx, build_reminder(ctx, conn, &a.round, &a.units, a.as_of)?, &a.out),
        PaperCommand::Plan(a) => emit(ctx, build_plan(ctx, conn, a.year, &a.text)?, &a.out),
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
            "các căn cứ trong lời văn là của năm {}, văn bản này cho năm {year}: hãy sửa căn cứ (`cchc paper text -o loi-van.toml`, sửa cả dòng year, rồi dùng --text loi-van.toml).",
            text.year
        ));
    }
    Ok(text)
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
            unit_name: m.unit_code.as_ref().map(|u| names.get(u).cloned().unwrap_or_else(|| u.clone())),
            name: m.name,
            role: m.role,
        })
        .collect())
}

pub fn build_decision(ctx: &Context, conn: &Connection, id: &str, text_arg: &TextArg) -> Result<Ready> {
    let round = rounds::get(conn, id)?;
    let text = paper_text(text_arg, round.year)?;
    let names = unit_names(conn)?;
    let scope: Vec<String> =
        rounds::inspected(conn, &round)?.iter().map(|u| names.get(u).cloned().unwrap_or_else(|| u.clone())).collect();
    let members = team(conn, &round.id, &names)?;
    if members.is_empty() {
        messages::warn(format!(
            "đợt {} chưa có đoàn kiểm tra; thêm bằng `cchc round team {} add …`.",
            round.id, round.id
        ));
    }
    let model = decision::model(round_info(&round), members, scope, &text, &ward(conn)?);
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
    for unit in rounds::scope(conn, &round.id)? {
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

pub fn build_schedule(ctx: &Context, conn: &Connection, id: &str) -> Result<Ready> {
    let (round, catalogue) = rounds::get_with_catalogue(conn, id)?;
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
    let model = SchedulePaper { round: round_info(&round), slots, preparations, standing_unit };
    ready(ctx, conn, model, schedule_paper::document, format!("lich-kiem-tra-{}", round.id))
}

/// The unit's head (a position that leads it, not a deputy) first, then the officials answering for its items.
pub fn build_plan(ctx: &Context, conn: &Connection, year: i32, text_arg: &TextArg) -> Result<Ready> {
    let text = paper_text(text_arg, year)?;
    let of_year = rounds::list(conn, Some(year))?;
    let periodic: Vec<&Round> = of_year.iter().filter(|r| r.kind != RoundKind::DotXuat).collect();
    // The catalogue the year's rounds use, else the one a new round would take.
    let catalogue = match periodic.first() {
        Some(r) => catalogues::get(conn, &r.catalogue_hash)?,
        None => catalogues::active(conn)?.1,
    };
    let dates: Vec<(RoundKind, NaiveDate, NaiveDate)> = periodic.iter().map(|r| (r.kind, r.start, r.end)).collect();
    let model = plan::model(year, &dates, &catalogue, &text.plan, &ward(conn)?);
    ready(ctx, conn, model, plan::document, format!("ke-hoach-kiem-tra-{year}"))
}
