//! `paper minutes`: one unit's biên bản kiểm tra, or every inspected unit's with `--all`.

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::commands::report::{OutputArgs, emit};
use crate::context::Context;
use crate::domain::round::Round;
use crate::domain::sources::Sources;
use crate::report::build::{self};
use crate::report::paper::minutes::MinutesPaper;
use crate::report::paper::{Person, minutes};
use crate::report::ready::Ready;
use crate::report::write::Format;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::{assignments, evidence, officials, reports, round_decisions, scores, selfreports};

use super::{MinutesArgs, ready, slot_lines, team, unit_names};

fn attendees(conn: &Connection, unit: &str) -> Result<Vec<Person>> {
    const HEADS: [&str; 6] = ["trưởng phòng", "chánh văn phòng", "giám đốc", "hiệu trưởng", "trạm trưởng", "trưởng"];
    let all = officials::list(conn, Some(unit))?;
    let assigned: Vec<String> =
        assignments::list(conn, Some(unit), None)?.into_iter().filter_map(|a| a.official_code).collect();
    let is_head = |position: &str| {
        let p = position.to_lowercase();
        !p.contains("phó") && HEADS.iter().any(|h| p.starts_with(h))
    };
    let head = all.iter().find(|o| is_head(&o.position));
    let people = head
        .into_iter()
        .chain(all.iter().filter(|o| Some(*o) != head && assigned.contains(&o.code)))
        .map(|o| Person { name: o.name.clone(), position: o.position.clone() })
        .collect();
    Ok(people)
}

/// What a user may set on the minutes beyond the round and the unit.
#[derive(Debug, Default, Clone, Copy)]
pub struct MinutesOptions<'a> {
    /// The unit's opinion; handwritten lines when `None`.
    pub opinion: Option<&'a str>,
    /// The date line; default: the unit's slot.
    pub date: Option<NaiveDate>,
    /// The state shown is the state at the end of this day; default: the unit's slot.
    pub as_of: Option<NaiveDate>,
    /// The decision that formed the team ("12/QĐ-UBND ngày 22/06/2026"); default: the round's, as recorded.
    pub decision: Option<&'a str>,
}

/// The sources as the team held them at the end of `day`: as any report as of that day (findings recorded later
/// left out), with the self-reports received by then and the unit's scores and self-report revision as they stood.
fn as_of(conn: &Connection, src: &mut Sources, round: &Round, unit: &str, day: NaiveDate) -> Result<()> {
    src.receipts.retain(|r| r.first_received <= day);
    src.as_of(day);
    src.scores.retain(|s| s.unit_code != unit);
    src.scores.extend(scores::as_of(conn, &round.id, unit, day)?);
    src.self_items.retain(|i| i.unit_code != unit);
    src.self_items.extend(selfreports::items_as_of(conn, &round.id, unit, day)?);
    Ok(())
}

pub fn build_minutes(
    ctx: &Context,
    conn: &Connection,
    round: &Round,
    unit: &str,
    options: MinutesOptions,
) -> Result<Ready> {
    let mut src = reports::load(conn, round.year, Some(&round.id))?;
    let names = unit_names(conn)?;
    let (lines, _) = slot_lines(conn, round, &names)?;
    let slot = lines.into_iter().find(|s| s.unit_code == unit).with_context(|| {
        format!(
            "{unit} không thuộc phạm vi kiểm tra đợt {} (không phụ trách nội dung nào của đợt); xem `cchc round schedule {}`",
            round.id, round.id
        )
    })?;
    // A unit without a slot: as the round stood at its last day (or today, while it runs).
    let day = options.as_of.or(slot.day).unwrap_or_else(|| ctx.today().min(round.end));
    as_of(conn, &mut src, round, unit, day)?;
    let decision = match options.decision {
        Some(d) => Some(d.trim().to_owned()),
        None => round_decisions::get(conn, &round.id)?.map(|d| d.citation()),
    };
    let trail = evidence::paper_trail(conn, &round.id, unit, day)?;
    let model = MinutesPaper {
        unit: build::unit::model(&src, &round.id, unit, day)?,
        date: options.date.or(slot.day),
        decision: decision.filter(|d| !d.is_empty()),
        slot,
        team: team(conn, &round.id, &names)?,
        attendees: attendees(conn, unit)?,
        unit_opinion: options.opinion.map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned),
        trail,
    };
    ready(ctx, conn, model, minutes::document, format!("bien-ban-kiem-tra-{}-{unit}", round.id))
}

pub(super) fn minutes_command(ctx: &Context, conn: &Connection, args: &MinutesArgs) -> Result<()> {
    let round = rounds::get(conn, &args.round)?;
    let options = MinutesOptions {
        opinion: args.unit_opinion.as_deref(),
        date: args.date,
        as_of: args.as_of,
        decision: args.decision.as_deref(),
    };
    if !args.all {
        let (unit, _) = resolve(conn, Directory::Units, args.unit.as_deref().unwrap_or_default())?;
        return emit(ctx, build_minutes(ctx, conn, &round, &unit, options)?, &args.out);
    }
    let Some(dir) = &args.out.output else {
        bail!("--all ghi mỗi đơn vị một tệp: hãy chỉ thư mục bằng -o, ví dụ -o bien-ban/");
    };
    let format = args.out.format.unwrap_or(Format::Docx);
    std::fs::create_dir_all(dir).with_context(|| format!("không tạo được thư mục «{}»", dir.display()))?;
    let scope = rounds::inspected(conn, &round)?;
    for unit in &scope {
        let built = build_minutes(ctx, conn, &round, unit, options)?;
        let path = dir.join(format!("{}.{}", built.stem, format.extension()));
        let out = OutputArgs { format: Some(format), output: Some(path), template: args.out.template.clone() };
        emit(ctx, built, &out)?;
    }
    ctx.info(format!("Đã ghi {} biên bản kiểm tra của đợt {} vào «{}».", scope.len(), round.id, dir.display()));
    Ok(())
}
