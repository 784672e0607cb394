//! `paper reminder`: the công văn đôn đốc to units whose self-report is overdue and not received.

use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::context::Context;
use crate::domain::date;
use crate::domain::round::RoundKind;
use crate::domain::schedule::due_for;
use crate::report::build::round_info;
use crate::report::paper::reminder;
use crate::report::paper::reminder::{LateLine, ReminderPaper};
use crate::report::paper::text::PaperText;
use crate::report::ready::Ready;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::{schedule, selfreports};

use super::{ready, unit_names};

pub fn build_reminder(
    ctx: &Context,
    conn: &Connection,
    id: &str,
    only: &[String],
    as_of: Option<NaiveDate>,
) -> Result<Ready> {
    let round = rounds::get(conn, id)?;
    if round.kind == RoundKind::DotXuat {
        bail!("đợt đột xuất {} không yêu cầu báo cáo tự kiểm tra nên không có gì để đôn đốc", round.id);
    }
    let as_of = as_of.unwrap_or_else(|| ctx.today());
    let names = unit_names(conn)?;
    let slots = schedule::list(conn, &round.id)?;
    let mut received: HashMap<String, NaiveDate> = HashMap::new();
    for r in selfreports::all_revisions(conn, &round.id)? {
        let first = received.entry(r.unit_code).or_insert(r.received_on);
        *first = (*first).min(r.received_on);
    }
    let line = |unit: &str| {
        let due = due_for(&slots, &round.id, unit, round.selfreport_due);
        LateLine {
            unit_code: unit.to_owned(),
            unit_name: names.get(unit).cloned().unwrap_or_else(|| unit.to_owned()),
            slot_day: slots.iter().find(|s| s.unit_code == unit).map(|s| s.day),
            selfreport_due: due,
            days_late: (as_of - due).num_days().max(0),
        }
    };
    let sent_by = |unit: &str| received.get(unit).copied().filter(|d| *d <= as_of);
    let scope = rounds::scope(conn, &round.id)?;
    let mut lines = Vec::new();
    if only.is_empty() {
        let inspected = rounds::inspected(conn, &round)?;
        for unit in inspected.iter().filter(|u| sent_by(u).is_none()) {
            let late = line(unit);
            if late.days_late > 0 {
                lines.push(late);
            }
        }
        if lines.is_empty() {
            bail!(
                "đến ngày {} không có đơn vị nào quá hạn mà chưa gửi báo cáo tự kiểm tra đợt {} (xem `cchc selfreport status {}`)",
                date::format(as_of),
                round.id,
                round.id
            );
        }
    } else {
        for query in only {
            let (unit, name) = resolve(conn, Directory::Units, query)?;
            if !scope.contains(&unit) {
                bail!("{name} ({unit}) không thuộc phạm vi đợt {}", round.id);
            }
            if let Some(day) = sent_by(&unit) {
                bail!("{name} ({unit}) đã gửi báo cáo tự kiểm tra ngày {}, không cần đôn đốc", date::format(day));
            }
            lines.push(line(&unit));
        }
    }
    let standing_unit = PaperText::builtin().decision.standing_unit;
    let model = ReminderPaper { round: round_info(&round), as_of, units: lines, standing_unit };
    ready(ctx, conn, model, reminder::document, format!("don-doc-tu-kiem-tra-{}", round.id))
}
