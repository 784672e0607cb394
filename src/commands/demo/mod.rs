//! `cchc demo`: a fresh database of the example ward, built with the same commands a secretary runs.

mod assessment;
mod inspection;
mod papers;
mod reports;
mod selfreports;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::Args;

use crate::commands::directory_import::ImportArgs;
use crate::commands::listing::{FormatArg, ListFormat};
use crate::commands::round::{MemberArgs, NewArgs, Role, RoundCommand, TeamArgs, TeamCommand};
use crate::commands::round_schedule::{AutoArgs, ScheduleArgs, ScheduleCommand};
use crate::commands::{assign, init, official, round, unit};
use crate::context::Context;
use crate::domain::round::RoundKind;
use crate::import::Encoding;

/// The example ward's files, compiled in so the demo runs from any folder.
const EXAMPLE_FILES: &[(&str, &str)] = &[
    ("units.csv", include_str!("../../../examples/thanh-sen/units.csv")),
    ("officials.csv", include_str!("../../../examples/thanh-sen/officials.csv")),
    ("assignments.csv", include_str!("../../../examples/thanh-sen/assignments.csv")),
];

const YEAR: i32 = 2026;
const DOT1: &str = "2026-dot1";
/// Where the team meets the units.
const PLACE: &str = "Phòng họp UBND phường Thành Sen";

/// The inspection team: led by Phòng Văn hoá - Xã hội with Văn phòng HĐND và UBND (plan, section IV.1.a).
const TEAM: [(&str, Role, &str); 3] = [
    ("Nguyễn Thị Hoài Thu", Role::TruongDoan, "VHXH"),
    ("Lê Văn Quang", Role::ThanhVien, "VP"),
    ("Phan Thị Lan Anh", Role::ThuKy, "VHXH"),
];

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Thư mục ghi cơ sở dữ liệu mẫu và các tệp mẫu
    #[arg(long, default_value = "cchc-demo", value_name = "THƯ_MỤC")]
    pub out: PathBuf,
}

pub fn run(ctx: &Context, args: DemoArgs) -> Result<()> {
    let inputs = args.out.join("tep-mau");
    std::fs::create_dir_all(&inputs).with_context(|| format!("Không tạo được thư mục «{}»", inputs.display()))?;
    for (name, content) in EXAMPLE_FILES {
        let path = inputs.join(name);
        std::fs::write(&path, content).with_context(|| format!("Không ghi được «{}»", path.display()))?;
    }
    let db_path = args.out.join("cchc.db");
    remove_database(&db_path)?;
    let demo = Context { db_path: db_path.clone(), actor: ctx.actor.clone(), now: ctx.now, replaying: false };
    ctx.info(format!("Dựng năm kiểm tra {YEAR} của phường Thành Sen trong «{}»…", args.out.display()));
    // The year is replayed day by day from the plan's start (15/01): every event on the day it happens.
    replay_year(&inspection::on(&Context { replaying: true, ..demo.clone() }, 15, 1), &inputs)?;
    reports::demo(&demo, &args.out)?;
    // The reminder as the secretary sends it on 03/07, to the unit whose report is overdue by then (due 01/07,
    // five days before its slot on 06/07); the plan for the year after.
    let reminder_day = NaiveDate::from_ymd_opt(YEAR, 7, 3).unwrap_or(demo.today());
    papers::demo(&demo, &args.out, DOT1, reminder_day, YEAR + 1)?;
    ctx.info(format!(
        "Cơ sở dữ liệu mẫu: «{}». Xem tiếp, ví dụ: cchc --db {} unit list",
        db_path.display(),
        db_path.display()
    ));
    Ok(())
}

/// The secretary's year, step by step, with the same commands a person runs.
fn replay_year(demo: &Context, inputs: &Path) -> Result<()> {
    init::run(
        demo,
        init::InitArgs { catalogue: None, ward: Some("Thành Sen".into()), province: Some("Hà Tĩnh".into()) },
    )?;
    let import = |name: &str| ImportArgs { file: inputs.join(name), encoding: Encoding::Auto, dry_run: false };
    unit::run(demo, unit::UnitCommand::Import(import("units.csv")))?;
    official::run(demo, official::OfficialCommand::Import(import("officials.csv")))?;
    assign::run(demo, assign::AssignCommand::Import(import("assignments.csv")))?;
    for kind in [RoundKind::Dot1, RoundKind::Dot2] {
        let new = NewArgs {
            kind,
            year: Some(YEAR),
            from: None,
            to: None,
            due: None,
            topic: None,
            reason: None,
            units: vec![],
            from_finding: None,
            catalogue: None,
        };
        round::run(demo, RoundCommand::New(new))?;
        let id = kind.round_id(YEAR, 1);
        for (name, role, unit) in TEAM {
            let member = MemberArgs { name: name.into(), role, unit: Some(unit.into()) };
            let team = TeamArgs { round: id.clone(), command: Some(TeamCommand::Add(member)), output: table() };
            round::run(demo, RoundCommand::Team(team))?;
        }
    }
    // Đợt 1 follows a schedule (each unit reports five days before its slot); Đợt 2 keeps the round-wide deadline.
    let auto = AutoArgs { replace: false, dry_run: false, place: Some(PLACE.into()) };
    let schedule = ScheduleArgs { round: DOT1.into(), command: Some(ScheduleCommand::Auto(auto)), output: table() };
    round::run(demo, RoundCommand::Schedule(schedule))?;
    selfreports::demo(demo, inputs, DOT1)?;
    inspection::demo(demo, inputs)
}

fn table() -> FormatArg {
    FormatArg { format: ListFormat::Table }
}

/// The demo always starts from nothing; only its own database file (and SQLite's side files) are removed.
fn remove_database(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            std::fs::remove_file(&file).with_context(|| format!("Không xoá được «{}»", file.display()))?;
        }
    }
    Ok(())
}
