//! `cchc report year`: the year report built on both cores (the scores summed and the review counted on the other
//! while this one reads the findings, builds the report and writes it), and its notices.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use anyhow::{Result, bail};
use rusqlite::Connection;

use crate::commands::report::{
    DateArgs, YearArgs, announce, ensure_rounds, report_settings, unsigned, unsigned_notice, write_out,
};
use crate::commands::report_notices::{notices, recorded_later_notice, review_notice};
use crate::commands::review;
use crate::context::Context;
use crate::domain::catalogue::Catalogue;
use crate::domain::date;
use crate::domain::finding::Finding;
use crate::domain::round::Round;
use crate::domain::sources::RecordedLater;
use crate::report::build::Index;
use crate::report::build::year_tally::{Sums, Tally};
use crate::report::build::{assessment, year, year_compare, year_doc};
use crate::report::model::year::YearReport;
use crate::report::ready::{Layout, Ready};
use crate::store::{assignments, report_texts, reports_compare, reports_year};

/// The year report, and how many review points the stored data hold (`review::count_stored_points`). The scores and self
/// points are summed as they stream from the store, never loaded; given a `twin` connection reading the same
/// snapshot (`Store::snapshot_pair`), they are summed and the review's rows read on the other core while this one
/// reads the findings and builds the report.
pub fn build_year(
    ctx: &Context,
    conn: &Connection,
    twin: Option<Connection>,
    year_number: i32,
    dates: &DateArgs,
) -> Result<(Rc<YearReport>, Ready, usize)> {
    let kept = |model, built| Ok((model, built));
    let ((model, built), later, stored) = year_counted(ctx, conn, twin, (year_number, dates), true, kept)?;
    recorded_later_notice(later, dates.for_year(ctx.today(), year_number));
    Ok((model, built, stored))
}

/// `report year`: the report written while the other core counts the review's points, then the notices, in the
/// order every report gives them, and where it was written.
pub(super) fn write_year(ctx: &Context, conn: &Connection, twin: Option<Connection>, a: &YearArgs) -> Result<()> {
    let written = |model: Rc<YearReport>, built: Ready| {
        // What the notices say is kept, the model let go: the document formats take it over as they lay it out.
        let said = (model.provisional.clone(), model.assessment.clone(), unsigned(&built));
        drop(model);
        Ok((said, write_out(ctx, built, &a.out)?))
    };
    let (((provisional, assessment, unsigned), written), later, stored) =
        year_counted(ctx, conn, twin, (a.year, &a.dates), true, written)?;
    recorded_later_notice(later, a.dates.for_year(ctx.today(), a.year));
    notices(&a.year.to_string(), provisional, &assessment);
    review_notice(&a.year.to_string(), &a.dates, stored, &assessment);
    if unsigned {
        unsigned_notice();
    }
    announce(ctx, written);
    Ok(())
}

/// The year report handed to `deliver` (to be written, or kept), then the findings left out for being recorded
/// after its as-of day and, when `reviewed`, how many review points the stored data hold: given a `twin`, the other
/// core counts them while `deliver` writes the report.
fn year_counted<T>(
    ctx: &Context,
    conn: &Connection,
    twin: Option<Connection>,
    (year_number, dates): (i32, &DateArgs),
    reviewed: bool,
    deliver: impl FnOnce(Rc<YearReport>, Ready) -> Result<T>,
) -> Result<(T, RecordedLater, usize)> {
    ensure_rounds(conn, year_number)?;
    let as_of = dates.for_year(ctx.today(), year_number);
    let mut src = reports_year::load_directory(conn, year_number)?;
    // A round that starts after the as-of day has not been held on it: its scores and findings are left out.
    src.rounds.retain(|r| r.start <= as_of);
    if src.rounds.is_empty() {
        bail!(
            "đến ngày {} chưa có đợt kiểm tra nào của năm {year_number} bắt đầu: chưa có gì để báo cáo (xem `cchc round list`; báo cáo ngày khác: --as-of dd/mm/yyyy)",
            date::format(as_of)
        );
    }
    let held: HashSet<String> = src.rounds.iter().map(|r| r.id.clone()).collect();
    let mut later = RecordedLater::default();
    // The review's rounds are counted by both threads, each taking the next when it is free (`review::PointCount`).
    let review = reviewed.then(|| review::PointCount::new(ctx, conn, &year_number.to_string(), dates)).transpose()?;
    let settings = report_settings(conn)?;
    let (delivered, stored) = std::thread::scope(|scope| -> Result<(T, usize)> {
        let (sums_sent, sums_come) = std::sync::mpsc::sync_channel(1);
        let other_core = twin.map(|twin| {
            // The other thread's own copies: a few dozen rounds and one or two catalogues.
            let (rounds, catalogues) = (src.rounds.clone(), src.catalogues.clone());
            let review = review.as_ref();
            scope.spawn(move || -> Result<usize> {
                // The sums first, which the report waits for.
                let _ = sums_sent.send(year_sums(&twin, year_number, &rounds, &catalogues));
                let counted = review.map_or(Ok(0), |count| count.rounds(&twin, review::Take::SmallestFirst));
                // Done while the report is still being written: what this thread freed goes back to the system.
                crate::memory::release_freed();
                counted
            })
        });
        let mut src = src;
        reports_year::load_finding_context(conn, year_number, &mut src)?;
        src.answers_as_of(as_of);
        let ix = Index::new(&src);
        let mut stored = 0;
        // While the other thread sums the scores, this one reads the findings, then reviews ad-hoc rounds until the
        // sums come; the other thread reviews the large rounds once it has handed them over, while this one builds
        // and writes the report.
        let followed_up = reports_year::count_followed_up(conn, year_number)?;
        let each = |each: &mut dyn FnMut(Finding)| {
            let kept = |f: Finding| {
                if held.contains(&f.round_id) && later.keep(&f, as_of) {
                    each(f);
                }
            };
            Ok(reports_year::for_each_finding(conn, year_number, kept)?)
        };
        let latest = reports_year::latest_events(conn, year_number, as_of)?;
        let found = year::findings(&ix, as_of, latest, (followed_up, each))?;
        let sums = match &other_core {
            Some(_) => {
                let mut sums = sums_come.try_recv().ok();
                while sums.is_none() {
                    match review.as_ref().and_then(|count| count.one_round(conn, review::Take::AdHocOnly)) {
                        Some(count) => stored += count?,
                        None => break,
                    }
                    sums = sums_come.try_recv().ok();
                }
                // Nothing comes only when the other thread panicked: the scope passes its panic on as it ends.
                sums.map_or_else(|| sums_come.recv(), Ok)
                    .unwrap_or_else(|_| bail!("lỗi nội bộ: luồng tính tổng điểm dừng giữa chừng"))
            }
            None => year_sums(conn, year_number, &src.rounds, &src.catalogues),
        };
        let mut report = year::model(&ix, sums?, year_number)?;
        found.into_report(&ix, &mut report);
        let previous = reports_compare::basis(conn, year_number - 1)?;
        let current = if previous.is_some() { reports_compare::basis(conn, year_number)? } else { None };
        let carried = reports_compare::carried_into_year(conn, year_number)?;
        report.previous_year = year_compare::model(&ix, year_number, (previous, current), carried, as_of);
        report.assessment = assessment::of_year(&report, &report_texts::list(conn, &year_number.to_string())?);
        // The directory, and what both threads freed, go back to the system before the report is written.
        drop(ix);
        drop(src);
        crate::memory::release_freed();
        let model = Rc::new(report);
        let stem = format!("bao-cao-nam-{year_number}");
        let built = Ready::new(Rc::clone(&model), settings, dates.date, Layout::Owned(year_doc::document), stem);
        let delivered = deliver(model, built)?;
        if let Some(count) = &review {
            stored += count.rounds(conn, review::Take::SmallestFirst)? + count.later(conn)?;
        }
        if let Some(other) = other_core {
            stored += other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        }
        Ok((delivered, stored))
    })?;
    Ok((delivered, later, stored))
}

/// The year report's model with its assessment.
pub fn year_model(ctx: &Context, conn: &Connection, year_number: i32, dates: &DateArgs) -> Result<Rc<YearReport>> {
    Ok(year_counted(ctx, conn, None, (year_number, dates), false, |model, _| Ok(model))?.0)
}

/// The sums of the year's scores and self points, and who answers for each item.
fn year_sums(
    conn: &Connection,
    year_number: i32,
    rounds: &[Round],
    catalogues: &HashMap<String, Catalogue>,
) -> Result<Sums> {
    let mut tally = Tally::new(rounds, catalogues);
    assignments::for_each(conn, |unit, criterion, official| tally.assign(unit, criterion, official))?;
    reports_year::for_each_score(conn, year_number, &mut tally)?;
    Ok(tally.finish())
}
