//! `cchc selfreport show` (one unit's report, any revision) and `cchc selfreport status` (who has reported, on time
//! or late, and who is missing).

use std::collections::HashMap;

use anyhow::{Result, bail};
use clap::Args;

use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col, machine_col};
use crate::context::Context;
use crate::domain::date;
use crate::domain::number;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::schedule::due_for;
use crate::domain::selfreport::Revision;
use crate::domain::selfreport::Timeliness;
use crate::import::selfreport::Rules;
use crate::store::assignments;
use crate::store::lookup::{Directory, resolve};
use crate::store::selfreports;
use crate::store::{catalogues, rounds, schedule, units};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Mã hoặc tên đơn vị
    #[arg(value_name = "ĐƠN_VỊ")]
    pub unit: String,
    /// Xem một bản cũ (mặc định: bản hiện hành)
    #[arg(long, value_name = "SỐ")]
    pub revision: Option<i64>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn show(ctx: &Context, args: ShowArgs) -> Result<()> {
    let store = ctx.store()?;
    let round = rounds::get(&store.conn, &args.round)?;
    let (unit, unit_name) = resolve(&store.conn, Directory::Units, &args.unit)?;
    let revisions = selfreports::revisions(&store.conn, &round.id, &unit)?;
    if revisions.is_empty() {
        bail!("đơn vị {unit} chưa nộp báo cáo tự kiểm tra cho đợt {}", round.id);
    }
    let chosen = match args.revision {
        None => revisions.iter().find(|r| r.is_current).or(revisions.last()),
        Some(n) => revisions.iter().find(|r| r.revision == n),
    };
    let Some(chosen) = chosen else {
        let known: Vec<String> = revisions.iter().map(|r| r.revision.to_string()).collect();
        bail!(
            "đơn vị {unit} không có bản {} cho đợt {}; các bản hiện có: {}",
            args.revision.unwrap_or(0),
            round.id,
            known.join(", ")
        );
    };
    let catalogue = catalogues::get(&store.conn, &round.catalogue_hash)?;
    let items = selfreports::items(&store.conn, chosen.id)?;
    let mut listing = Listing::new(vec![
        machine_col("revision"),
        col("criterion", "Mã tiêu chí"),
        machine_col("title"),
        col("max_points", "Điểm tối đa"),
        col("self_points", "Điểm tự chấm"),
        col("figure", "Số liệu"),
        machine_col("figure_pct"),
        col("result", "Kết quả thực hiện"),
        col("evidence", "Tài liệu kiểm chứng"),
        col("proposal", "Khó khăn, vướng mắc, đề xuất"),
    ]);
    let mut total = (0.0, 0.0);
    for item in items {
        let node = catalogue.get(&item.criterion);
        let max = node.map(|n| n.max_points);
        total.0 += item.self_points.unwrap_or(0.0);
        total.1 += max.unwrap_or(0.0);
        listing.push(vec![
            Value::Integer(chosen.revision),
            item.criterion.into(),
            node.map(|n| n.title.clone()).into(),
            Value::Number(max),
            Value::Number(item.self_points),
            item.figure.into(),
            Value::Number(item.figure_pct),
            item.result.into(),
            item.evidence.into(),
            item.proposal.into(),
        ]);
    }
    if args.output.format == ListFormat::Table {
        let due = due_for(&schedule::list(&store.conn, &round.id)?, &round.id, &unit, round.selfreport_due);
        let head = heading((&round, due), &unit, &unit_name, chosen, &revisions, listing.rows.len(), total);
        ctx.print_data(&head)?;
    }
    listing.emit(ctx, args.output.format)
}

/// A unit's self-report in a round: when it first came, how many revisions, when the current one came.
#[derive(Clone, Copy)]
struct Received {
    first: chrono::NaiveDate,
    revisions: i64,
    current: chrono::NaiveDate,
}

fn heading(
    (round, due): (&Round, chrono::NaiveDate),
    unit: &str,
    unit_name: &str,
    chosen: &Revision,
    all: &[Revision],
    items: usize,
    (points, max): (f64, f64),
) -> String {
    let first = all.first().map_or(chosen.received_on, |r| r.received_on);
    let current = if chosen.is_current { " (hiện hành)" } else { " (bản cũ)" };
    let list: Vec<String> = all
        .iter()
        .map(|r| format!("{} — nhận {}, «{}»", r.revision, date::format(r.received_on), r.file_name))
        .collect();
    format!(
        "{unit} — {unit_name} · {} ({})\nBáo cáo tự kiểm tra: bản {}/{}{current}, tệp «{}», nhận ngày {}, nhập lúc {}\n\
         Nộp lần đầu ngày {} ({}; hạn nộp {})\nCác bản: {}\nTổng điểm tự chấm: {} / {} ({items} nội dung)\n",
        round.title(),
        round.id,
        chosen.revision,
        all.len(),
        chosen.file_name,
        date::format(chosen.received_on),
        date::format_timestamp(&chosen.imported_at),
        date::format(first),
        Timeliness::of(first, due).label(),
        date::format(due),
        list.join("; "),
        number::points(points),
        number::points(max),
    )
}

pub fn status(ctx: &Context, args: StatusArgs) -> Result<()> {
    let store = ctx.store()?;
    let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &args.round)?;
    let scope = rounds::scope(&store.conn, &round.id)?;
    let all_units = units::list(&store.conn)?;
    let names: HashMap<&str, &str> = all_units.iter().map(|u| (u.code.as_str(), u.name.as_str())).collect();
    let codes = all_units.iter().map(|u| u.code.clone()).collect();
    let mut rules = Rules::new(&round.id, round.kind != RoundKind::DotXuat, &catalogue, codes, &scope);
    assignments::for_each(&store.conn, |unit, criterion, _| rules.assign(unit, criterion))?;

    // Per unit: first received date, revision count, current revision's date.
    let mut history: HashMap<String, Received> = HashMap::new();
    for r in selfreports::all_revisions(&store.conn, &round.id)? {
        let entry = history.entry(r.unit_code.clone()).or_insert(Received {
            first: r.received_on,
            revisions: 0,
            current: r.received_on,
        });
        entry.revisions += 1;
        if r.is_current {
            entry.current = r.received_on;
        }
    }
    let slots = schedule::list(&store.conn, &round.id)?;
    let due_of = |unit: &str| due_for(&slots, &round.id, unit, round.selfreport_due);
    let totals: HashMap<String, (i64, Option<f64>)> =
        selfreports::current_totals(&store.conn, &round.id)?.into_iter().map(|(u, n, p)| (u, (n, p))).collect();

    let table = args.output.format == ListFormat::Table;
    let mut listing = Listing::new(vec![
        col("unit", "Mã đơn vị"),
        col("name", "Tên đơn vị"),
        col("due", "Hạn nộp"),
        col("submitted_on", "Ngày nộp"),
        col("status", "Tình trạng"),
        machine_col("days_late"),
        col("items_reported", "Nội dung đã báo cáo"),
        col("items_assigned", "Nội dung được phân công"),
        col("self_points", "Tổng điểm tự chấm"),
        col("revisions", "Số bản"),
        machine_col("current_received_on"),
    ]);
    let (mut submitted, mut late, mut not_required) = (0, 0, 0);
    for code in &scope {
        let assigned = rules.unit(code).map_or(0, |u| rules.assigned_count(u)) as i64;
        let name = names.get(code.as_str()).copied().unwrap_or("");
        let due = due_of(code);
        let row = match history.get(code) {
            Some(&Received { first, revisions, current }) => {
                submitted += 1;
                let timeliness = Timeliness::of(first, due);
                if timeliness != Timeliness::OnTime {
                    late += 1;
                }
                let (items, points) = totals.get(code).copied().unwrap_or((0, None));
                let status = if table { timeliness.label() } else { timeliness.code().to_owned() };
                vec![
                    code.as_str().into(),
                    name.into(),
                    Value::Date(Some(due)),
                    Value::Date(Some(first)),
                    status.into(),
                    Value::Integer(timeliness.days_late()),
                    Value::Integer(items),
                    Value::Integer(assigned),
                    Value::Number(Some(points.unwrap_or(0.0))),
                    Value::Integer(revisions),
                    Value::Date(Some(current)),
                ]
            }
            None => {
                let overdue = Timeliness::of(ctx.today(), due);
                if assigned == 0 {
                    not_required += 1;
                }
                let status = match (table, overdue) {
                    // A unit answering for no item has nothing to report.
                    (false, _) if assigned == 0 => "not_required".to_owned(),
                    (true, _) if assigned == 0 => "không được giao nội dung".to_owned(),
                    (false, _) => "missing".to_owned(),
                    (true, Timeliness::OnTime) => "chưa nộp".to_owned(),
                    (true, Timeliness::Late { days }) => format!("chưa nộp (quá hạn {days} ngày)"),
                };
                vec![
                    code.as_str().into(),
                    name.into(),
                    Value::Date(Some(due)),
                    Value::Date(None),
                    status.into(),
                    Value::Integer(overdue.days_late()),
                    Value::Integer(0),
                    Value::Integer(assigned),
                    Value::Number(None),
                    Value::Integer(0),
                    Value::Date(None),
                ]
            }
        };
        listing.push(row);
    }
    listing.emit(ctx, args.output.format)?;
    if table {
        let due = match slots.len() {
            0 => format!("hạn nộp báo cáo tự kiểm tra {}", date::format(round.selfreport_due)),
            n if n >= scope.len() => "hạn nộp báo cáo tự kiểm tra 5 ngày trước ngày kiểm tra từng đơn vị".to_owned(),
            _ => format!(
                "hạn nộp báo cáo tự kiểm tra 5 ngày trước ngày kiểm tra từng đơn vị (đơn vị chưa có lịch: {})",
                date::format(round.selfreport_due)
            ),
        };
        ctx.print_data(&format!(
            "{} ({}), {due}: {submitted}/{} đơn vị đã nộp ({late} nộp muộn), {} chưa nộp.\n",
            round.title(),
            round.id,
            scope.len() - not_required,
            scope.len() - not_required - submitted
        ))?;
    }
    Ok(())
}
