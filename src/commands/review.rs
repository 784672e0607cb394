//! `cchc review ROUND|YEAR`: what a reviewer would send back before the report is signed, each point with where it
//! is and how to fix it. Exits 1 while any point is open, for scripts.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use rusqlite::Connection;

use crate::commands::listing::{FormatArg, Listing, col};
use crate::commands::report::{DateArgs, round_model};
use crate::commands::report_year::year_model;
use crate::context::Context;
use crate::domain::date as day;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use crate::domain::review::{self, Count, Each, Points, ReviewPoint, ReviewRows};
use crate::domain::round::{Round, RoundKind};
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
    let points = open_points(ctx, &store.conn, &args.scope, &args.dates)?;
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

/// The open review points of a round (its id) or a year (its number), for its report as of `dates`: those in the
/// stored data, then the drafts of the report's assessment.
fn open_points(ctx: &Context, conn: &Connection, scope: &str, dates: &DateArgs) -> Result<Vec<ReviewPoint>> {
    let mut points = stored_points(ctx, conn, scope, dates)?;
    let parts = match scope_of(conn, scope)? {
        (_, Some(r)) => round_model(ctx, conn, &r.id, dates)?.0.assessment,
        (year, None) => year_model(ctx, conn, year, dates)?.assessment.clone(),
    };
    points.extend(drafts_point(scope, &parts));
    Ok(points)
}

/// The year and, for a round's id, the round.
fn scope_of(conn: &Connection, scope: &str) -> Result<(i32, Option<Round>)> {
    Ok(match scope.trim().parse::<i32>() {
        Ok(year) => (year, None),
        Err(_) => {
            let round = rounds::get(conn, scope.trim())?;
            (round.year, Some(round))
        }
    })
}

/// The points found in the stored data: all but the report's own drafts.
fn stored_points(ctx: &Context, conn: &Connection, scope: &str, dates: &DateArgs) -> Result<Vec<ReviewPoint>> {
    let mut points = Vec::new();
    for_each_stored_point(ctx, conn, scope, dates, |p| points.push(p))?;
    Ok(points)
}

/// How many points the stored data hold: what a report's notice says, without keeping tens of thousands of them.
pub fn count_stored_points(ctx: &Context, conn: &Connection, scope: &str, dates: &DateArgs) -> Result<usize> {
    let count = PointCount::new(ctx, conn, scope, dates)?;
    Ok(count.rounds(conn, Take::LargestFirst)? + count.later(conn)?)
}

/// Hands `each` the points found in the stored data, round by round, then what was recorded after the paper's date.
fn for_each_stored_point(
    ctx: &Context,
    conn: &Connection,
    scope: &str,
    dates: &DateArgs,
    mut each: impl FnMut(ReviewPoint),
) -> Result<()> {
    let mut stored = Stored::new(ctx, conn, scope, dates)?;
    // One thread: the rows start from the shared part itself, not a copy (the catalogues of the year's rounds).
    let mut rows = std::mem::take(&mut stored.base);
    for r in &stored.covered {
        stored.round_points(conn, r, &mut rows, None, &mut Each(&mut each))?;
    }
    stored.later_points(conn, each)
}

/// A scope's stored data as the review reads them: the rounds it covers and what every round's checks share.
struct Stored<'a> {
    ctx: &'a Context,
    scope: String,
    dates: &'a DateArgs,
    year: i32,
    /// The round, when the scope is one.
    round: Option<Round>,
    covered: Vec<Round>,
    base: ReviewRows,
}

impl<'a> Stored<'a> {
    fn new(ctx: &'a Context, conn: &Connection, scope: &str, dates: &'a DateArgs) -> Result<Self> {
        let scope = scope.trim().to_owned();
        let (year, round) = scope_of(conn, &scope)?;
        let covered: Vec<Round> = rounds::list(conn, Some(year))?
            .into_iter()
            .filter(|r| round.as_ref().is_none_or(|one| one.id == r.id))
            .collect();
        let base = reports::review_base(conn, &covered, year)?;
        Ok(Self { ctx, scope, dates, year, round, covered, base })
    }

    /// The day the report is as of: the round's, or the year's.
    fn as_of(&self) -> NaiveDate {
        match &self.round {
            Some(r) => self.dates.for_round(self.ctx.today(), r),
            None => self.dates.for_year(self.ctx.today(), self.year),
        }
    }

    /// The points of round `r`, its rows read into `rows` in place of the previous round's. Its findings are read
    /// `chunk` at a time, each lot checked and let go, when only the points' count is wanted; all at once (`None`)
    /// to list the points in the order a reviewer reads them.
    fn round_points(
        &self,
        conn: &Connection,
        r: &Round,
        rows: &mut ReviewRows,
        chunk: Option<usize>,
        out: &mut impl Points,
    ) -> Result<()> {
        reports::review_round(conn, self.year, &r.id, rows)?;
        match chunk {
            None => {
                let (findings, scores) = reports::review_findings(conn, self.year, &r.id, 0, None)?;
                rows.findings = findings;
                rows.scores.extend(scores);
                review::review(rows, &[r], out);
            }
            Some(size) => {
                // The scope, the scores not applicable and the self points first; then the findings' lots alone.
                review::review(rows, &[r], out);
                (rows.scopes, rows.scored_units, rows.scores, rows.self_items) = Default::default();
                let mut after = 0;
                loop {
                    let (findings, scores) = reports::review_findings(conn, self.year, &r.id, after, Some(size))?;
                    let Some(last) = findings.last().map(|f| f.seq) else { break };
                    (after, rows.findings, rows.scores) = (last, findings, scores);
                    review::review(rows, &[r], out);
                }
            }
        }
        let team = rounds::team(conn, &r.id)?;
        let roles: Vec<&str> = team.iter().map(|m| m.role.as_str()).collect();
        let asked = clarifications::list(conn, Some(&r.id), None)?;
        let found =
            review::leaderless(r, &roles).into_iter().chain(review::unanswered_clarifications(r, &asked, self.as_of()));
        found.for_each(|p| out.point(|| p));
        Ok(())
    }

    /// What was recorded after the date the paper will carry (`--date`), yet is in the report.
    fn later_points(&self, conn: &Connection, each: impl FnMut(ReviewPoint)) -> Result<()> {
        let Some(date) = self.dates.date else { return Ok(()) };
        let round_id = self.round.as_ref().map(|r| r.id.as_str());
        let later = review_store::recorded_between(conn, self.year, round_id, date, self.as_of())?;
        later.iter().map(|l| dated_before(&self.scope, date, l)).for_each(each);
        Ok(())
    }
}

/// How many of a round's findings a count checks at a time: a national round has tens of thousands.
const FINDINGS_AT_A_TIME: usize = 1024;

/// The stored points of a scope counted by one thread or two, each on its own connection: each takes the next round
/// not yet taken, so that two cores share a year's rounds whatever their sizes. The periodic rounds, which cover
/// every unit, are taken from one end and the ad-hoc ones from the other: the thread that builds a report takes
/// ad-hoc rounds while it waits for the sums; the other thread takes the rest from the small end, the large rounds
/// included, once it has handed the sums over, while the report is written. A round is counted a thousand findings
/// at a time (`FINDINGS_AT_A_TIME`), so that its rows stay small beside the report's.
pub struct PointCount<'a> {
    stored: Stored<'a>,
    /// The rounds (indexes into `stored.covered`, largest first) no thread has taken yet.
    left: Mutex<Range<usize>>,
}

/// Which end of the rounds a thread takes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    LargestFirst,
    SmallestFirst,
    /// From the small end while it holds an ad-hoc round; nothing once only periodic rounds are left.
    AdHocOnly,
}

impl<'a> PointCount<'a> {
    pub fn new(ctx: &'a Context, conn: &Connection, scope: &str, dates: &'a DateArgs) -> Result<Self> {
        let mut stored = Stored::new(ctx, conn, scope, dates)?;
        stored.covered.sort_by_key(|r| r.kind == RoundKind::DotXuat);
        let left = Mutex::new(0..stored.covered.len());
        Ok(Self { stored, left })
    }

    /// The points of the rounds this thread takes, until none is left.
    pub fn rounds(&self, conn: &Connection, take: Take) -> Result<usize> {
        let mut count = 0;
        while let Some(points) = self.one_round(conn, take) {
            count += points?;
        }
        Ok(count)
    }

    /// The points of the next round this thread takes, if one is left: for a thread with other work to come back
    /// to between rounds.
    pub fn one_round(&self, conn: &Connection, take: Take) -> Option<Result<usize>> {
        let r = self.next(take)?;
        let mut count = Count::default();
        let mut rows = self.stored.base.clone();
        Some(self.stored.round_points(conn, r, &mut rows, Some(FINDINGS_AT_A_TIME), &mut count).map(|()| count.0))
    }

    fn next(&self, take: Take) -> Option<&Round> {
        // A thread that panicked holding the lock left the range whole: the rounds are still each taken once.
        let mut left = self.left.lock().unwrap_or_else(PoisonError::into_inner);
        let i = match take {
            Take::LargestFirst => left.next(),
            Take::SmallestFirst => left.next_back(),
            Take::AdHocOnly => {
                let last = left.clone().next_back()?;
                let ad_hoc = self.stored.covered.get(last)?.kind == RoundKind::DotXuat;
                if ad_hoc { left.next_back() } else { None }
            }
        }?;
        self.stored.covered.get(i)
    }

    /// The points of data recorded after the paper's date: counted once, by one thread.
    pub fn later(&self, conn: &Connection) -> Result<usize> {
        let mut count = 0;
        self.stored.later_points(conn, |_| count += 1)?;
        Ok(count)
    }
}

/// The point that says the report's assessment still has the program's drafts, if it has.
pub fn drafts_point(scope: &str, parts: &[AssessmentPart]) -> Option<ReviewPoint> {
    let scope = scope.trim();
    let drafts = drafts(parts);
    (!drafts.is_empty()).then(|| ReviewPoint {
        place: format!("phần đánh giá của báo cáo {scope}"),
        problem: format!("các mục còn là dự thảo của phần mềm: {}", drafts.join(", ")),
        fix: format!(
            "viết lại (`cchc report text set {scope} --section MỤC --text \"…\"`) hoặc xác nhận (`cchc report text confirm {scope} --all`)"
        ),
    })
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
