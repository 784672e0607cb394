//! `paper reminder`: the công văn đôn đốc to units whose self-report is overdue and not received, or whose answer to
//! a request for clarification is.

use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::context::Context;
use crate::domain::calendar::Direction;
use crate::domain::date;
use crate::domain::round::{Round, RoundKind};
use crate::domain::schedule::due_for;
use crate::report::build::round_info;
use crate::report::model::round::OpenClarification;
use crate::report::paper::reminder;
use crate::report::paper::reminder::{LateLine, MissingItem, ReminderPaper};
use crate::report::paper::text::PaperText;
use crate::report::ready::Ready;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::{assignments, catalogues, clarifications, schedule, selfreports, settings};

/// The drafting unit of the công văn's number when `cchc config set drafting_unit` was not given: the standing
/// unit of CCHC, Phòng Văn hoá - Xã hội.
const DEFAULT_DRAFTING_UNIT: &str = "VHXH";

use super::{ready, unit_names};

/// The items of the round `unit` answers for: what its self-report must cover.
fn assigned_items(conn: &Connection, round: &Round, unit: &str) -> Result<Vec<MissingItem>> {
    let catalogue = catalogues::get(conn, &round.catalogue_hash)?;
    let kind = round.kind.node_kind();
    Ok(assignments::list(conn, Some(unit), None)?
        .into_iter()
        .filter_map(|a| catalogue.get(&a.criterion).filter(|n| n.is_leaf && n.kind == kind))
        .map(|n| MissingItem { code: n.code.clone(), title: n.title.clone() })
        .collect())
}

/// The round's requests for clarification asked by `as_of` and still unanswered past their due date on it.
fn overdue_clarifications(
    conn: &Connection,
    round: &Round,
    as_of: NaiveDate,
    names: &HashMap<String, String>,
) -> Result<Vec<OpenClarification>> {
    Ok(clarifications::list(conn, Some(&round.id), None)?
        .into_iter()
        .filter(|c| c.open_on(as_of) && c.is_overdue(as_of))
        .map(|c| {
            let name = names.get(&c.unit_code).cloned().unwrap_or_else(|| c.unit_code.clone());
            OpenClarification::new(&c, name, as_of)
        })
        .collect())
}

/// `as_of`: lateness is counted to the end of that day (default: the paper's date, else today); `date`: the
/// paper's date line (default: `as_of` when given, else blank).
pub fn build_reminder(
    ctx: &Context,
    conn: &Connection,
    id: &str,
    only: &[String],
    as_of: Option<NaiveDate>,
    date: Option<NaiveDate>,
) -> Result<Ready> {
    let round = rounds::get(conn, id)?;
    // An ad-hoc round asks for no self-report: only its overdue requests for clarification are reminded of.
    let owes_selfreports = round.kind != RoundKind::DotXuat;
    let paper_date = date.or(as_of);
    let as_of = as_of.or(date).unwrap_or_else(|| ctx.today());
    // A closed round is over: nothing is left to remind of, except as a paper of a day within the round.
    if as_of > round.end {
        round.ensure_open()?;
    }
    let names = unit_names(conn)?;
    let slots = schedule::list(conn, &round.id)?;
    let mut received: HashMap<String, NaiveDate> = HashMap::new();
    for r in selfreports::all_revisions(conn, &round.id)? {
        let first = received.entry(r.unit_code).or_insert(r.received_on);
        *first = (*first).min(r.received_on);
    }
    let calendar = settings::calendar(conn)?;
    let slot_day = |unit: &str| slots.iter().find(|s| s.unit_code == unit).map(|s| s.day);
    let line = |unit: &str| -> Result<LateLine> {
        let due = due_for(&slots, &round.id, unit, round.selfreport_due);
        Ok(LateLine {
            unit_code: unit.to_owned(),
            unit_name: names.get(unit).cloned().unwrap_or_else(|| unit.to_owned()),
            slot_day: slot_day(unit),
            last_day: calendar.working_day_towards(
                slot_day(unit).unwrap_or(round.start).pred_opt().unwrap_or(round.start),
                Direction::Before,
            ),
            selfreport_due: due,
            days_late: (as_of - due).num_days().max(0),
            missing: assigned_items(conn, &round, unit)?,
        })
    };
    let sent_by = |unit: &str| received.get(unit).copied().filter(|d| *d <= as_of);
    let scope = rounds::inspected(conn, &round)?;
    let mut overdue = overdue_clarifications(conn, &round, as_of, &names)?;
    let mut lines = Vec::new();
    if only.is_empty() {
        for unit in scope.iter().filter(|u| owes_selfreports && sent_by(u).is_none()) {
            let late = line(unit)?;
            if late.days_late > 0 {
                lines.push(late);
            }
        }
        if lines.is_empty() && overdue.is_empty() && !owes_selfreports {
            bail!(
                "đợt đột xuất {} không yêu cầu báo cáo tự kiểm tra, và đến ngày {} không có yêu cầu giải trình nào quá hạn (xem `cchc clarify list {} --open`): không có gì để đôn đốc",
                round.id,
                date::format(as_of),
                round.id
            );
        }
        if lines.is_empty() && overdue.is_empty() {
            bail!(
                "đến ngày {} không có đơn vị nào quá hạn mà chưa gửi báo cáo tự kiểm tra đợt {} (xem `cchc selfreport status {}`), cũng không có yêu cầu giải trình nào quá hạn (xem `cchc clarify list {} --open`)",
                date::format(as_of),
                round.id,
                round.id,
                round.id
            );
        }
    } else {
        let mut asked = Vec::new();
        for query in only {
            let (unit, name) = resolve(conn, Directory::Units, query)?;
            if !scope.contains(&unit) {
                bail!(
                    "{name} ({unit}) không thuộc phạm vi kiểm tra đợt {} (không phụ trách nội dung nào của đợt)",
                    round.id
                );
            }
            let owes = overdue.iter().any(|c| c.unit_code == unit);
            match sent_by(&unit) {
                _ if !owes_selfreports && !owes => bail!(
                    "{name} ({unit}) không có yêu cầu giải trình nào quá hạn trong đợt đột xuất {} (đợt đột xuất không yêu cầu báo cáo tự kiểm tra), không cần đôn đốc",
                    round.id
                ),
                _ if !owes_selfreports => {}
                Some(day) if !owes => bail!(
                    "{name} ({unit}) đã gửi báo cáo tự kiểm tra ngày {} và không có yêu cầu giải trình nào quá hạn, không cần đôn đốc",
                    date::format(day)
                ),
                Some(_) => {}
                None => lines.push(line(&unit)?),
            }
            asked.push(unit);
        }
        overdue.retain(|c| asked.contains(&c.unit_code));
    }
    let standing_unit = PaperText::builtin().decision.standing_unit;
    let drafting_unit = settings::get(conn, "drafting_unit")?.filter(|u| !u.trim().is_empty());
    let model = ReminderPaper {
        round: round_info(&round),
        date: paper_date,
        as_of,
        units: lines,
        clarifications: overdue,
        standing_unit,
        drafting_unit: drafting_unit.unwrap_or_else(|| DEFAULT_DRAFTING_UNIT.to_owned()),
    };
    ready(ctx, conn, model, reminder::document, format!("don-doc-tu-kiem-tra-{}", round.id))
}
