//! `cchc review ROUND|YEAR`: what a reviewer would send back before the report is signed, each point with where it
//! is and how to fix it. Exits 1 while any point is open, for scripts.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use rusqlite::Connection;

use crate::commands::listing::{FormatArg, Listing, col};
use crate::commands::report::{DateArgs, round_model, year_model};
use crate::context::Context;
use crate::domain::date as day;
use crate::domain::review::{self, ReviewPoint};
use crate::domain::round::Round;
use crate::report::model::assessment::{AssessmentPart, drafts};
use crate::store::review::{self as review_store, Later};
use crate::store::{clarifications, reports, rounds};

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Mã đợt (ví dụ 2026-dot1) hoặc năm (ví dụ 2026)
    #[arg(value_name = "ĐỢT_HOẶC_NĂM")]
    pub scope: String,
    /// --date: ngày sẽ ghi trên báo cáo; liệt kê số liệu ghi sau ngày đó mà báo cáo vẫn đưa vào
    #[command(flatten)]
    pub dates: DateArgs,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn run(ctx: &Context, args: &ReviewArgs) -> Result<()> {
    let store = ctx.store()?;
    let points = open_points(ctx, &store.conn, &args.scope, &args.dates, None)?;
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

/// The open review points of a round (its id) or a year (its number), for its report as of `dates`.
pub fn open_points(
    ctx: &Context,
    conn: &Connection,
    scope: &str,
    dates: &DateArgs,
    built: Option<&[AssessmentPart]>,
) -> Result<Vec<ReviewPoint>> {
    let scope = scope.trim();
    let (year, round) = match scope.parse::<i32>() {
        Ok(year) => (year, None),
        Err(_) => {
            let round = rounds::get(conn, scope)?;
            (round.year, Some(round))
        }
    };
    let covered: Vec<Round> = rounds::list(conn, Some(year))?
        .into_iter()
        .filter(|r| round.as_ref().is_none_or(|one| one.id == r.id))
        .collect();
    let mut rows = reports::review_base(conn, &covered, year)?;
    let mut points = Vec::new();
    for r in &covered {
        reports::review_round(conn, year, &r.id, &mut rows)?;
        points.extend(review::review(&rows, &[r]));
        let team = rounds::team(conn, &r.id)?;
        let roles: Vec<&str> = team.iter().map(|m| m.role.as_str()).collect();
        points.extend(review::leaderless(r, &roles));
        let as_of = match &round {
            Some(_) => dates.for_round(ctx.today(), r),
            None => dates.for_year(ctx.today(), year),
        };
        points.extend(review::unanswered_clarifications(r, &clarifications::list(conn, Some(&r.id), None)?, as_of));
    }
    // The report being generated hands over its own parts; `cchc review` builds them.
    let parts = match (built, &round) {
        (Some(parts), _) => parts.to_vec(),
        (None, Some(r)) => round_model(ctx, conn, &r.id, dates)?.0.assessment,
        (None, None) => year_model(ctx, conn, year, dates)?.assessment.clone(),
    };
    if let Some(date) = dates.date {
        let as_of = match &round {
            Some(r) => dates.for_round(ctx.today(), r),
            None => dates.for_year(ctx.today(), year),
        };
        let later = review_store::recorded_between(conn, year, round.as_ref().map(|r| r.id.as_str()), date, as_of)?;
        points.extend(later.iter().map(|l| dated_before(scope, date, l)));
    }
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

/// Data recorded after the date the paper will carry, yet in the report: the paper would report what had not
/// happened on its date.
fn dated_before(scope: &str, date: NaiveDate, later: &Later) -> ReviewPoint {
    ReviewPoint {
        place: format!("ngày ký của báo cáo {scope} ({})", day::format(date)),
        problem: format!(
            "báo cáo có {} {} ghi sau ngày ký (muộn nhất ngày {})",
            later.count,
            later.what,
            day::format(later.latest)
        ),
        fix: match later.dated {
            true => format!(
                "lập báo cáo với --as-of {} (số liệu đến ngày ký) hoặc ghi ngày ký từ {} trở đi (--date {})",
                day::format(date),
                day::format(later.latest),
                day::format(later.latest)
            ),
            false => format!(
                "ghi ngày ký từ {} trở đi (--date {}): điểm thẩm định của đợt có trong báo cáo dù ghi ngày nào",
                day::format(later.latest),
                day::format(later.latest)
            ),
        },
    }
}
