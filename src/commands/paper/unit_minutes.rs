//! `paper minutes`: one unit's biên bản kiểm tra, or every inspected unit's with `--all`.

use anyhow::{Context as _, Result, bail};
use rusqlite::Connection;

use crate::commands::report::{OutputArgs, emit};
use crate::context::Context;
use crate::domain::round::Round;
use crate::report::build::{self};
use crate::report::paper::minutes::MinutesPaper;
use crate::report::paper::{Person, minutes};
use crate::report::ready::Ready;
use crate::report::write::Format;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::{assignments, evidence, officials, reports};

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

pub fn build_minutes(
    ctx: &Context,
    conn: &Connection,
    round: &Round,
    unit: &str,
    opinion: Option<&str>,
) -> Result<Ready> {
    let src = reports::load(conn, round.year, Some(&round.id))?;
    let names = unit_names(conn)?;
    let (lines, _) = slot_lines(conn, round, &names)?;
    let slot = lines
        .into_iter()
        .find(|s| s.unit_code == unit)
        .with_context(|| format!("{unit} không thuộc phạm vi đợt {}; xem `cchc round show {}`", round.id, round.id))?;
    let trail = evidence::paper_trail(conn, &round.id, unit, slot.day.unwrap_or(ctx.today()))?;
    let model = MinutesPaper {
        unit: build::unit::model(&src, &round.id, unit, ctx.today())?,
        slot,
        team: team(conn, &round.id, &names)?,
        attendees: attendees(conn, unit)?,
        unit_opinion: opinion.map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned),
        trail,
    };
    ready(ctx, conn, model, minutes::document, format!("bien-ban-kiem-tra-{}-{unit}", round.id))
}

pub(super) fn minutes_command(ctx: &Context, conn: &Connection, args: &MinutesArgs) -> Result<()> {
    let round = rounds::get(conn, &args.round)?;
    let opinion = args.unit_opinion.as_deref();
    if !args.all {
        let (unit, _) = resolve(conn, Directory::Units, args.unit.as_deref().unwrap_or_default())?;
        return emit(ctx, build_minutes(ctx, conn, &round, &unit, opinion)?, &args.out);
    }
    let Some(dir) = &args.out.output else {
        bail!("--all ghi mỗi đơn vị một tệp: hãy chỉ thư mục bằng -o, ví dụ -o bien-ban/");
    };
    let format = args.out.format.unwrap_or(Format::Docx);
    std::fs::create_dir_all(dir).with_context(|| format!("không tạo được thư mục «{}»", dir.display()))?;
    let scope = rounds::inspected(conn, &round)?;
    for unit in &scope {
        let built = build_minutes(ctx, conn, &round, unit, opinion)?;
        let path = dir.join(format!("{}.{}", built.stem, format.extension()));
        let out = OutputArgs { format: Some(format), output: Some(path), template: args.out.template.clone() };
        emit(ctx, built, &out)?;
    }
    ctx.info(format!("Đã ghi {} biên bản kiểm tra của đợt {} vào «{}».", scope.len(), round.id, dir.display()));
    Ok(())
}
