//! `cchc demo`: a fresh database of the example ward, built with the same commands a secretary runs.

mod assessment;
mod evidence;
mod inspection;
mod papers;
mod reports;
mod selfreports;

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::Args;

use crate::commands::directory_import::ImportArgs;
use crate::commands::listing::{FormatArg, ListFormat};
use crate::commands::round::{NewArgs, RoundCommand};
use crate::commands::round_schedule::{AutoArgs, ScheduleArgs, ScheduleCommand};
use crate::commands::round_team::{DecisionArgs, MemberArgs, Role, TeamArgs, TeamCommand};
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
const TEAM: [(&str, Role, &str, &str); 3] = [
    ("Nguyễn Thị Hoài Thu", Role::TruongDoan, "Phó Trưởng phòng", "VHXH"),
    ("Lê Văn Quang", Role::ThanhVien, "Chuyên viên", "VP"),
    ("Phan Thị Lan Anh", Role::ThuKy, "Chuyên viên", "VHXH"),
];

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Thư mục ghi cơ sở dữ liệu mẫu và các tệp mẫu
    #[arg(long, default_value = "cchc-demo", value_name = "THƯ_MỤC")]
    pub out: PathBuf,
}

/// Marks a folder as the demo's: a later demo may replace what it lists (one top-level name a line), nothing else.
const MARKER: &str = ".cchc-demo";

/// Builds the sample in a hidden folder inside `--out`, then moves it into place: an interruption leaves that
/// folder, never a half-built sample in place of anything. Never opens `--db`/`CCHC_DB`.
pub fn run(ctx: &Context, args: DemoArgs) -> Result<()> {
    let earlier = check_folder(&args.out)?;
    let staging = args.out.join(format!(".cchc-demo-dang-dung-{}", std::process::id()));
    std::fs::create_dir_all(&staging).with_context(|| format!("Không tạo được thư mục «{}»", staging.display()))?;
    let built = build(ctx, &args.out, &staging);
    let placed = built.and_then(|()| place(&ctx.db_path, &staging, &args.out, &earlier));
    let _ = std::fs::remove_dir_all(&staging);
    placed?;
    let db_path = args.out.join("cchc.db");
    ctx.info(format!(
        "Cơ sở dữ liệu mẫu: «{}». Xem tiếp, ví dụ: cchc --db {} unit list",
        db_path.display(),
        db_path.display()
    ));
    Ok(())
}

fn build(ctx: &Context, out: &Path, staging: &Path) -> Result<()> {
    let inputs = staging.join("tep-mau");
    std::fs::create_dir_all(&inputs).with_context(|| format!("Không tạo được thư mục «{}»", inputs.display()))?;
    for (name, content) in EXAMPLE_FILES {
        let path = inputs.join(name);
        write_file(ctx, &path, content.as_bytes())?;
    }
    let demo = Context { db_path: staging.join("cchc.db"), actor: ctx.actor.clone(), now: ctx.now, replaying: false };
    ctx.info(format!("Dựng năm kiểm tra {YEAR} của phường Thành Sen trong «{}»…", out.display()));
    ctx.info(
        "Các «Cảnh báo» in ra dưới đây là một phần của dữ liệu mẫu (đơn vị nộp muộn, báo cáo thiếu nội dung…), \
              không phải lỗi: không cần làm gì.",
    );
    // The year is replayed day by day from the plan's date (12/06): every event on the day it happens.
    replay_year(&inspection::on(&Context { replaying: true, ..demo.clone() }, 12, 6), &inputs)?;
    papers::numbers(&demo)?;
    reports::demo(&demo, staging)?;
    // The reminder as the secretary sends it on Monday 06/07, to the unit whose report is overdue by then (due
    // Friday 03/07, five days before its slot on 09/07); the plan for the year after.
    let reminder_day = NaiveDate::from_ymd_opt(YEAR, 7, 6).unwrap_or(demo.today());
    papers::demo(&demo, staging, DOT1, reminder_day, YEAR + 1)
}

/// Writes one of the demo's files through the one file writer, as every command does (`crate::files`).
fn write_file(ctx: &Context, path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(crate::files::write(&ctx.db_path, path, crate::files::Kind::of_name(path), bytes)?)
}

/// What an earlier demo wrote into `out` (its marker's list), or nothing; refuses a folder holding a database.
fn check_folder(out: &Path) -> Result<Vec<String>> {
    let Ok(entries) = std::fs::read_dir(out) else { return Ok(Vec::new()) };
    if let Ok(marker) = std::fs::read_to_string(out.join(MARKER)) {
        return Ok(marker.lines().map(str::to_owned).collect());
    }
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let mut head = [0u8; 16];
        let sqlite = std::fs::File::open(&path).and_then(|mut f| f.read_exact(&mut head)).is_ok()
            && &head == b"SQLite format 3\0";
        if sqlite || entry.file_name() == "cchc.db" {
            bail!(
                "thư mục «{}» có cơ sở dữ liệu «{}»: `cchc demo` không ghi vào đây (không thay, không xoá gì). Hãy \
                 chọn thư mục khác, ví dụ: cchc demo --out cchc-demo",
                out.display(),
                path.display()
            );
        }
    }
    Ok(Vec::new())
}

/// Moves the built sample into `out`: the earlier demo's own entries are set aside first (and removed once the
/// new ones are in); any other file of the same name is refused before anything moves.
fn place(database: &Path, staging: &Path, out: &Path, earlier: &[String]) -> Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(staging)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    if let Some(clash) = names.iter().find(|n| out.join(n).exists() && !earlier.contains(n)) {
        bail!(
            "thư mục «{}» đã có «{clash}», tệp mà demo sẽ ghi: không ghi đè. Hãy chọn thư mục khác, ví dụ: cchc demo \
             --out cchc-demo",
            out.display()
        );
    }
    let aside = out.join(format!(".cchc-demo-cu-{}", std::process::id()));
    std::fs::create_dir_all(&aside)?;
    for name in earlier.iter().filter(|n| !n.is_empty() && !n.contains(['/', '\\']) && out.join(n).exists()) {
        std::fs::rename(out.join(name), aside.join(name))
            .with_context(|| format!("Không chuyển được «{}»", out.join(name).display()))?;
    }
    for name in &names {
        std::fs::rename(staging.join(name), out.join(name))
            .with_context(|| format!("Không chuyển được «{}» vào «{}»", name, out.display()))?;
    }
    crate::files::write(
        database,
        &out.join(MARKER),
        crate::files::Kind::Text("txt"),
        (names.join("\n") + "\n").as_bytes(),
    )?;
    let _ = std::fs::remove_dir_all(&aside);
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
        add_team(demo, &kind.round_id(YEAR, 1))?;
    }
    // Đợt 1 follows a schedule (each unit reports five days before its slot); Đợt 2 keeps the round-wide deadline.
    let auto = AutoArgs { replace: false, dry_run: false, place: Some(PLACE.into()) };
    let schedule = ScheduleArgs { round: DOT1.into(), command: Some(ScheduleCommand::Auto(auto)), output: table() };
    round::run(demo, RoundCommand::Schedule(schedule))?;
    decide(demo, DOT1, "112/QĐ-UBND", 22, 6)?;
    selfreports::demo(demo, inputs, DOT1)?;
    // Files, a clarification and a sample while the units' reports come in, before the team starts on 01/07.
    evidence::demo(&inspection::on(demo, 30, 6), inputs)?;
    inspection::demo(demo, inputs)
}

/// The standing team of the year (plan IV.1.a) on a round.
pub(super) fn add_team(demo: &Context, round_id: &str) -> Result<()> {
    for (name, role, title, unit) in TEAM {
        let member = MemberArgs {
            name: Some(name.into()),
            official: None,
            role,
            title: Some(title.into()),
            unit: Some(unit.into()),
            unit_name: None,
        };
        let team = TeamArgs { round: round_id.to_owned(), command: Some(TeamCommand::Add(member)), output: table() };
        round::run(demo, RoundCommand::Team(team))?;
    }
    Ok(())
}

/// The văn thư's number for the decision forming a round's team, recorded on the day it is signed.
pub(super) fn decide(demo: &Context, round_id: &str, number: &str, day: u32, month: u32) -> Result<()> {
    let signed = inspection::on(demo, day, month);
    let decision = DecisionArgs { number: number.into(), date: signed.today() };
    let team = TeamArgs { round: round_id.to_owned(), command: Some(TeamCommand::Decision(decision)), output: table() };
    round::run(&signed, RoundCommand::Team(team))
}

fn table() -> FormatArg {
    FormatArg { format: ListFormat::Table }
}
