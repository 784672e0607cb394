//! `paper plan YEAR`: the year's inspection plan, with the previous year's unfinished business under its contents.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::context::Context;
use crate::domain::calendar::Direction;
use crate::domain::finding::{FindingKind, FindingStatus};
use crate::domain::round::{Round, RoundKind};
use crate::report::paper::plan::{self, Carried};
use crate::report::ready::Ready;
use crate::store::findings::{self, Filter};
use crate::store::{catalogues, report_texts, rounds, settings};

use super::{TextArg, paper_text, ready, unit_names, ward, warn_if_late};

/// A proposal repeated in a later round is listed once.
fn push_once(list: &mut Vec<String>, line: String) {
    if !list.contains(&line) {
        list.push(line);
    }
}

/// Shortcomings and violations of `year` not verified as remedied, and its proposals without an answer.
fn carried(conn: &Connection, year: i32) -> Result<Carried> {
    let names = unit_names(conn)?;
    let answers = report_texts::answers(conn, year)?;
    let mut out = Carried { year, ..Carried::default() };
    for round in rounds::list(conn, Some(year))? {
        let catalogue = catalogues::get(conn, &round.catalogue_hash)?;
        for f in findings::list(conn, &Filter { round_id: Some(&round.id), ..Filter::default() })? {
            let unit = names.get(&f.unit_code).cloned().unwrap_or_else(|| f.unit_code.clone());
            let item = f.criterion.as_deref().map_or(String::new(), |code| match catalogue.get(code) {
                Some(node) => format!(" (nội dung {code} {})", node.title.trim_end_matches('.')),
                None => format!(" (nội dung {code})"),
            });
            let text = f.text.trim().trim_end_matches('.');
            match f.kind {
                FindingKind::HanChe | FindingKind::ViPham if f.status != FindingStatus::DaXacMinh => {
                    push_once(&mut out.findings, format!("{unit}{item}: {text}."));
                }
                FindingKind::KienNghi => {
                    let answered = answers
                        .iter()
                        .any(|a| a.finding_id == f.id && a.answer.as_deref().is_some_and(|t| !t.trim().is_empty()));
                    if !answered {
                        push_once(&mut out.proposals, format!("{unit}{item}: {text}."));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

pub fn build_plan(
    ctx: &Context,
    conn: &Connection,
    year: i32,
    text_arg: &TextArg,
    date: Option<NaiveDate>,
) -> Result<Ready> {
    let text = paper_text(text_arg, year)?;
    let of_year = rounds::list(conn, Some(year))?;
    let periodic: Vec<&Round> = of_year.iter().filter(|r| r.kind != RoundKind::DotXuat).collect();
    if let Some(first) = periodic.first() {
        warn_if_late("kế hoạch kiểm tra", date, first.start, &format!("ngày bắt đầu đợt {}", first.id));
    }
    // The catalogue the year's rounds use, else the one a new round would take.
    let catalogue = match periodic.first() {
        Some(r) => catalogues::get(conn, &r.catalogue_hash)?,
        None => catalogues::active(conn)?.1,
    };
    let mut dates: Vec<(RoundKind, NaiveDate, NaiveDate)> = periodic.iter().map(|r| (r.kind, r.start, r.end)).collect();
    // A round not created yet: the plan's pattern, moved onto working days of that year.
    let cal = settings::calendar(conn)?;
    for kind in [RoundKind::Dot1, RoundKind::Dot2] {
        if let (false, Some((start, end))) = (dates.iter().any(|(k, _, _)| *k == kind), kind.default_dates(year)) {
            let start = cal.working_day_towards(start, Direction::After);
            dates.push((kind, start, cal.working_day_towards(end, Direction::Before).max(start)));
        }
    }
    let mut model = plan::model(year, &dates, &catalogue, &text.plan, text.year, &ward(conn)?);
    model.date = date;
    let mut past = carried(conn, year - 1)?;
    if text.year != year {
        // Written anew: the catalogue titles quoted carry the signed text's typos, corrected like the plan's own.
        for line in past.findings.iter_mut().chain(past.proposals.iter_mut()) {
            *line = plan::fix_typos(line);
        }
    }
    model.carried = past;
    ready(ctx, conn, model, plan::document, format!("ke-hoach-kiem-tra-{year}"))
}
