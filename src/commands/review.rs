//! `cchc review ROUND|YEAR`: what a reviewer would send back before the report is signed, each point with where it
//! is and how to fix it. Exits 1 while any point is open, for scripts.

use anyhow::{Result, bail};
use clap::Args;
use rusqlite::Connection;

use crate::commands::listing::{FormatArg, Listing, col};
use crate::commands::report::{DateArgs, round_model, year_model};
use crate::context::Context;
use crate::domain::review::{self, ReviewPoint};
use crate::domain::round::Round;
use crate::report::model::assessment::drafts;
use crate::store::{reports, rounds};

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Mã đợt (ví dụ 2026-dot1) hoặc năm (ví dụ 2026)
    #[arg(value_name = "ĐỢT_HOẶC_NĂM")]
    pub scope: String,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn run(ctx: &Context, args: &ReviewArgs) -> Result<()> {
    let store = ctx.store()?;
    let points = open_points(ctx, &store.conn, &args.scope)?;
    let mut listing = Listing::new(vec![col("place", "Ở đâu"), col("problem", "Cần xem lại"), col("fix", "Cách sửa")]);
    for p in &points {
        listing.push(vec![p.place.clone().into(), p.problem.clone().into(), p.fix.clone().into()]);
    }
    if points.is_empty() {
        ctx.info(format!("Không còn điểm nào cần xem lại trước khi ký báo cáo {}.", args.scope.trim()));
        return Ok(());
    }
    listing.emit(ctx, args.output.format)?;
    bail!("còn {} điểm cần xem lại trước khi ký báo cáo {}", points.len(), args.scope.trim())
}

/// The open review points of a round (its id) or a year (its number).
pub fn open_points(ctx: &Context, conn: &Connection, scope: &str) -> Result<Vec<ReviewPoint>> {
    let scope = scope.trim();
    let (year, round) = match scope.parse::<i32>() {
        Ok(year) => (year, None),
        Err(_) => {
            let round = rounds::get(conn, scope)?;
            (round.year, Some(round))
        }
    };
    let src = reports::load(conn, year, round.as_ref().map(|r| r.id.as_str()))?;
    let covered: Vec<&Round> = src.rounds.iter().filter(|r| round.as_ref().is_none_or(|one| one.id == r.id)).collect();
    let mut points = review::review(&src, &covered);
    for r in &covered {
        let team = rounds::team(conn, &r.id)?;
        let roles: Vec<&str> = team.iter().map(|m| m.role.as_str()).collect();
        points.extend(review::leaderless(r, &roles));
    }
    let parts = match &round {
        Some(r) => round_model(ctx, conn, &r.id, &DateArgs::default())?.assessment,
        None => year_model(ctx, conn, year, &DateArgs::default())?.assessment.clone(),
    };
    let drafts = drafts(&parts);
    if !drafts.is_empty() {
        points.push(ReviewPoint {
            place: format!("phần đánh giá của báo cáo {scope}"),
            problem: format!("các mục còn là dự thảo của phần mềm: {}", drafts.join(", ")),
            fix: format!(
                "viết lại (`cchc report text set {scope} --section MỤC --text \"…\"`) hoặc xác nhận (`cchc report text confirm {scope} --all`)"
            ),
        });
    }
    Ok(points)
}
