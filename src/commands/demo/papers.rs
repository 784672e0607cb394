//! The papers part of `cchc demo`: Đợt 1's decision, schedule, every unit's minutes and a reminder, and the next
//! year's plan, each on the date a secretary would give it (never the computer's clock).

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::reports::write_files;
use crate::commands::config::{self, ConfigCommand, SetArgs};
use crate::commands::paper::{
    MinutesOptions, TextArg, build_decision, build_minutes, build_plan, build_reminder, build_schedule,
};
use crate::context::Context;
use crate::report::write::Format;
use crate::store::rounds;

/// Formats the demo writes each paper in.
const DEMO_FORMATS: [Format; 4] = [Format::Docx, Format::Html, Format::Markdown, Format::Json];

/// The number the văn thư gave the year's plan, cited by the papers that follow it, and the drafting unit of the
/// công văn. (Each round's decision is recorded on its round: `round team ROUND decision`.)
const NUMBERS: [(&str, &str); 3] =
    [("plan_number", "15/KH-UBND"), ("plan_date", "12/06/2026"), ("drafting_unit", "VHXH")];

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The văn thư's numbers in `cchc config`, before the reports and papers that cite them are written.
pub fn numbers(ctx: &Context) -> Result<()> {
    for (key, value) in NUMBERS {
        config::run(ctx, ConfigCommand::Set(SetArgs { key: key.into(), value: value.into() }))?;
    }
    Ok(())
}

/// For `cchc demo`: the papers of Đợt 1 (decision and schedule notice on 22/06, each unit's minutes on its slot,
/// the reminder on its as-of day) and next year's plan (in January), in `out/van-ban/`.
pub fn demo(ctx: &Context, out: &Path, round_id: &str, reminder_as_of: NaiveDate, plan_year: i32) -> Result<()> {
    let store = ctx.store()?;
    let conn = &store.conn;
    let round = rounds::get(conn, round_id)?;
    let none = TextArg { file: None };
    let issued = day(round.year, 6, 22);
    let mut papers =
        vec![build_decision(ctx, conn, round_id, &none, issued)?, build_schedule(ctx, conn, round_id, issued)?];
    for unit in rounds::inspected(conn, &round)? {
        papers.push(build_minutes(ctx, conn, &round, &unit, MinutesOptions::default())?);
    }
    papers.push(build_reminder(ctx, conn, round_id, &[], Some(reminder_as_of), Some(reminder_as_of))?);
    // The built-in bases are the 2026 plan's: next year's plan shows placeholders and says so, as it would to a user.
    papers.push(build_plan(ctx, conn, plan_year, &none, day(plan_year, 1, 15))?);
    let dir = out.join("van-ban");
    // Named where it ends up: `out` is the hidden build folder inside the demo's own folder.
    let shown = out.parent().unwrap_or(out).join("van-ban");
    write_files(ctx, &papers, &dir, &DEMO_FORMATS)?;
    ctx.info(format!(
        "Đã ghi {} văn bản (quyết định, lịch kiểm tra, biên bản, công văn đôn đốc, kế hoạch {plan_year}) vào «{}».",
        papers.len(),
        shown.display()
    ));
    Ok(())
}
