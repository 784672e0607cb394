//! The papers part of `cchc demo`: Đợt 1's decision, schedule, every unit's minutes and a reminder, and the next
//! year's plan.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::reports::write_files;
use crate::commands::paper::{TextArg, build_decision, build_minutes, build_plan, build_reminder, build_schedule};
use crate::context::Context;
use crate::report::write::Format;
use crate::store::rounds;

/// Formats the demo writes each paper in.
const DEMO_FORMATS: [Format; 4] = [Format::Docx, Format::Html, Format::Markdown, Format::Json];

/// For `cchc demo`: the papers of Đợt 1 (decision, schedule, every unit's minutes, a reminder) and next year's
/// plan, in `out/van-ban/`.
pub fn demo(ctx: &Context, out: &Path, round_id: &str, reminder_as_of: NaiveDate, plan_year: i32) -> Result<()> {
    let store = ctx.store()?;
    let conn = &store.conn;
    let round = rounds::get(conn, round_id)?;
    let none = TextArg { file: None };
    let mut papers = vec![build_decision(ctx, conn, round_id, &none)?, build_schedule(ctx, conn, round_id)?];
    for unit in rounds::inspected(conn, &round)? {
        papers.push(build_minutes(ctx, conn, &round, &unit, None)?);
    }
    papers.push(build_reminder(ctx, conn, round_id, &[], Some(reminder_as_of))?);
    // The built-in bases are the 2026 plan's: next year's plan says so in a warning, as it would to a user.
    papers.push(build_plan(ctx, conn, plan_year, &none)?);
    let dir = out.join("van-ban");
    write_files(&papers, &dir, &DEMO_FORMATS)?;
    ctx.info(format!(
        "Đã ghi {} văn bản (quyết định, lịch kiểm tra, biên bản, công văn đôn đốc, kế hoạch {plan_year}) vào «{}».",
        papers.len(),
        dir.display()
    ));
    Ok(())
}
