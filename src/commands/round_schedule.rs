//! `cchc round schedule ROUND set|import|show|auto`: the day each unit is inspected, and so its self-report deadline.

use std::collections::HashSet;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::commands::args::parse_date;
use crate::commands::directory_import::ImportArgs;
use crate::commands::late_bar::LateBar;
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col, machine_col};
use crate::context::Context;
use crate::domain::calendar;
use crate::domain::date;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::schedule::{self, Session, Slot};
use crate::domain::text::nfc;
use crate::import::schedule::{self as read, Bounds};
use crate::messages;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::{Store, StoreError, schedule as store_schedule, settings, units};

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(subcommand)]
    pub command: Option<ScheduleCommand>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Xếp (hoặc đổi) ngày kiểm tra một đơn vị; hạn nộp báo cáo tự kiểm tra của đơn vị là 5 ngày trước đó
    Set(SetArgs),
    /// Nhập lịch từ tệp CSV/XLSX (cột: Mã đơn vị, Ngày kiểm tra, Buổi, Địa điểm)
    Import(ImportArgs),
    /// Xem lịch kiểm tra và hạn nộp báo cáo của từng đơn vị
    Show(FormatArg),
    /// Đề xuất lịch: rải các đơn vị chưa có lịch đều trên các ngày làm việc của đợt (bỏ thứ Bảy, Chủ nhật)
    Auto(AutoArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Đơn vị (mã hoặc tên)
    #[arg(value_name = "ĐƠN_VỊ")]
    pub unit: String,
    /// Ngày kiểm tra dd/mm/yyyy
    #[arg(value_name = "NGÀY", value_parser = parse_date)]
    pub day: NaiveDate,
    /// Buổi: sang hoặc chieu
    #[arg(long, value_name = "BUỔI", value_parser = parse_session)]
    pub session: Option<Session>,
    /// Địa điểm làm việc, ví dụ «Phòng họp tầng 2, trụ sở UBND phường»
    #[arg(long, allow_hyphen_values = true, value_name = "ĐỊA_ĐIỂM")]
    pub place: Option<String>,
    /// Đưa đơn vị không phụ trách nội dung nào của đợt vào phạm vi kiểm tra (có chủ ý; áp dụng cho mọi văn bản)
    #[arg(long)]
    pub include: bool,
    /// Cho phép xếp vào thứ Bảy, Chủ nhật, ngày nghỉ lễ
    #[arg(long)]
    pub allow_non_working_day: bool,
    /// Cho phép xếp hai đơn vị cùng một buổi (đoàn kiểm tra chỉ có một)
    #[arg(long)]
    pub allow_overlap: bool,
}

#[derive(Debug, Args)]
pub struct AutoArgs {
    /// Xếp lại cả các đơn vị đã có lịch
    #[arg(long)]
    pub replace: bool,
    /// Chỉ in lịch đề xuất, không ghi
    #[arg(long)]
    pub dry_run: bool,
    /// Địa điểm ghi cho mọi buổi kiểm tra
    #[arg(long, allow_hyphen_values = true, value_name = "ĐỊA_ĐIỂM")]
    pub place: Option<String>,
}

fn parse_session(text: &str) -> Result<Session, String> {
    text.parse()
}

pub fn run(ctx: &Context, store: &mut Store, args: ScheduleArgs) -> Result<()> {
    let round = rounds::get(&store.conn, &args.round)?;
    match args.command {
        Some(ScheduleCommand::Set(set_args)) => set(ctx, store, &round, set_args),
        Some(ScheduleCommand::Import(import_args)) => import(ctx, store, &round, &import_args),
        Some(ScheduleCommand::Auto(auto_args)) => auto(ctx, store, &round, &auto_args),
        Some(ScheduleCommand::Show(out)) => show(ctx, store, &round, out.format),
        None => show(ctx, store, &round, args.output.format),
    }
}

fn set(ctx: &Context, store: &mut Store, round: &Round, args: SetArgs) -> Result<()> {
    round.ensure_open()?;
    let (unit, name) = resolve(&store.conn, Directory::Units, &args.unit)?;
    if !rounds::scope(&store.conn, &round.id)?.contains(&unit) {
        bail!("{name} ({unit}) không thuộc phạm vi đợt {}; xem `cchc round show {}`", round.id, round.id);
    }
    let inspected = rounds::inspected(&store.conn, round)?.contains(&unit);
    if !inspected && !args.include {
        bail!(
            "{name} ({unit}) không phụ trách nội dung nào được kiểm tra trong đợt {} nên không thuộc phạm vi kiểm tra (quyết định, lịch, biên bản không nêu đơn vị này). Nếu vẫn muốn kiểm tra, thêm --include: đơn vị sẽ có trong mọi văn bản của đợt.",
            round.id
        );
    }
    schedule::check_day(args.day, round.start, round.end)
        .map_err(|message| anyhow::anyhow!("không xếp được lịch kiểm tra {unit}: {message}"))?;
    let cal = settings::calendar(&store.conn)?;
    if let Some(off) = cal.day_off(args.day) {
        if !args.allow_non_working_day {
            bail!(
                "không xếp được lịch kiểm tra {unit}: ngày {} là {off}, không phải ngày làm việc. Chọn ngày khác, hoặc thêm --allow-non-working-day nếu đoàn thật sự làm việc hôm đó.",
                date::format(args.day)
            );
        }
        messages::warn(format!("lịch kiểm tra {unit} ngày {} rơi vào {off}.", date::format(args.day)));
    }
    let existing = store_schedule::list(&store.conn, &round.id)?;
    let old = existing.iter().find(|s| s.unit_code == unit).cloned();
    let place = match args.place {
        Some(place) => nfc(place.trim()).into_owned(),
        // Moving a slot keeps the place already agreed.
        None => old.map(|s| s.place).unwrap_or_default(),
    };
    let slot = Slot::new(&round.id, unit, args.day, args.session, place, &cal);
    if let Some(other) = schedule::clash(&existing, &slot) {
        let message = format!("{} ({}) cũng được kiểm tra {}", other.unit_code, round.id, other.when());
        if !args.allow_overlap {
            bail!(
                "không xếp được lịch kiểm tra {}: {message}, mà đoàn kiểm tra chỉ có một. Chọn buổi khác (--session sang|chieu), hoặc thêm --allow-overlap nếu đoàn chia tổ.",
                slot.unit_code
            );
        }
        messages::warn(format!("lịch kiểm tra {} trùng buổi: {message}.", slot.unit_code));
    }
    let replaced = store.write(|tx| {
        if !inspected {
            rounds::include(tx, &round.id, &slot.unit_code)?;
        }
        store_schedule::save(tx, &slot)
    })?;
    let verb = match replaced {
        Some(old) if old == slot => "Lịch kiểm tra không đổi",
        Some(_) => "Đã đổi lịch kiểm tra",
        None => "Đã xếp lịch kiểm tra",
    };
    ctx.info(format!("{verb} {} ({}): {}{}.", name, slot.unit_code, slot.when(), due_clause(round, &slot)));
    Ok(())
}

/// ", hạn nộp báo cáo tự kiểm tra 26/06/2026" (ad-hoc rounds ask for no self-report).
fn due_clause(round: &Round, slot: &Slot) -> String {
    match round.kind {
        RoundKind::DotXuat => String::new(),
        _ => format!(", hạn nộp báo cáo tự kiểm tra {}", calendar::with_weekday(slot.due())),
    }
}

fn import(ctx: &Context, store: &mut Store, round: &Round, args: &ImportArgs) -> Result<()> {
    round.ensure_open()?;
    let scope: HashSet<String> = rounds::scope(&store.conn, &round.id)?.into_iter().collect();
    let bounds = Bounds { scope: &scope, start: round.start, end: round.end };
    let bar = LateBar::new();
    let rows = read::read(&args.file, (args.encoding, &|done, total| bar.update(done, total)), &bounds)?;
    bar.finish();
    for row in &rows {
        if let Some(name) = row.weekend {
            messages::warn(format!(
                "dòng {}: lịch kiểm tra {} ngày {} rơi vào {name}.",
                row.line,
                row.unit,
                date::format(row.day)
            ));
        }
    }
    let cal = settings::calendar(&store.conn)?;
    let slots: Vec<Slot> =
        rows.into_iter().map(|r| Slot::new(&round.id, r.unit, r.day, r.session, r.place, &cal)).collect();
    for (i, slot) in slots.iter().enumerate() {
        if let Some(other) = schedule::clash(&slots[..i], slot) {
            messages::warn(format!(
                "lịch kiểm tra {} trùng buổi với {} ({}): `cchc round schedule {} show` đánh dấu các buổi trùng.",
                slot.unit_code,
                other.unit_code,
                other.when(),
                round.id
            ));
        }
    }
    let changed = store.transaction(!args.dry_run, |tx| -> Result<usize, StoreError> {
        let mut changed = 0;
        for slot in &slots {
            if store_schedule::save(tx, slot)?.as_ref() != Some(slot) {
                changed += 1;
            }
        }
        Ok(changed)
    })?;
    let lead = if args.dry_run { "Chạy thử (chưa ghi gì):" } else { "Đã nhập lịch kiểm tra" };
    ctx.info(format!("{lead} {} đơn vị, {changed} thay đổi, đợt {}.", slots.len(), round.id));
    Ok(())
}

fn auto(ctx: &Context, store: &mut Store, round: &Round, args: &AutoArgs) -> Result<()> {
    round.ensure_open()?;
    let existing = store_schedule::list(&store.conn, &round.id)?;
    let to_place: Vec<String> = rounds::inspected(&store.conn, round)?
        .into_iter()
        .filter(|unit| args.replace || !existing.iter().any(|s| &s.unit_code == unit))
        .collect();
    // Half-days already taken by the slots that stay.
    let taken: Vec<_> = existing
        .iter()
        .filter(|s| !args.replace || !to_place.contains(&s.unit_code))
        .map(|s| (s.day, s.session))
        .collect();
    let place = args.place.as_deref().map(|p| nfc(p.trim()).into_owned());
    let cal = settings::calendar(&store.conn)?;
    let days = cal.working_days(round.start, round.end);
    let Some(proposal) = schedule::propose(&to_place, &days, &taken) else {
        bail!(
            "đợt {} ({} – {}) không đủ buổi làm việc còn trống cho {} đơn vị (mỗi buổi một đơn vị, bỏ thứ Bảy, Chủ nhật, ngày lễ); hãy xếp từng đơn vị bằng `cchc round schedule {} set`",
            round.id,
            date::format(round.start),
            date::format(round.end),
            to_place.len(),
            round.id
        );
    };
    let slots: Vec<Slot> = proposal
        .into_iter()
        .map(|(unit, day, session)| {
            let kept = existing.iter().find(|s| s.unit_code == unit).map(|s| s.place.clone()).unwrap_or_default();
            let place = place.clone().unwrap_or(kept);
            Slot::new(&round.id, unit, day, Some(session), place, &cal)
        })
        .collect();
    if slots.is_empty() {
        ctx.info(format!("Mọi đơn vị của đợt {} đã có lịch; dùng --replace để xếp lại tất cả.", round.id));
        return show(ctx, store, round, ListFormat::Table);
    }
    store.transaction(!args.dry_run, |tx| -> Result<(), StoreError> {
        for slot in &slots {
            store_schedule::save(tx, slot)?;
        }
        Ok(())
    })?;
    let lead = if args.dry_run { "Lịch đề xuất (chưa ghi):" } else { "Đã xếp lịch đề xuất cho" };
    ctx.info(format!(
        "{lead} {} đơn vị, đợt {}; sửa từng đơn vị bằng `cchc round schedule {} set ĐƠN_VỊ dd/mm/yyyy`.",
        slots.len(),
        round.id,
        round.id
    ));
    if args.dry_run {
        return print_slots(ctx, store, round, &slots, ListFormat::Table);
    }
    show(ctx, store, round, ListFormat::Table)
}

fn show(ctx: &Context, store: &Store, round: &Round, format: ListFormat) -> Result<()> {
    let slots = store_schedule::list(&store.conn, &round.id)?;
    print_slots(ctx, store, round, &slots, format)
}

/// The slots in day order, then the units of the round without one (they keep the round's deadline).
fn print_slots(ctx: &Context, store: &Store, round: &Round, slots: &[Slot], format: ListFormat) -> Result<()> {
    let names = units::list(&store.conn)?;
    let name = |code: &str| names.iter().find(|u| u.code == code).map_or(code.to_owned(), |u| u.name.clone());
    let table = format == ListFormat::Table;
    let mut listing = Listing::new(vec![
        col("unit", "Mã đơn vị"),
        col("name", "Tên đơn vị"),
        col("day", "Ngày kiểm tra"),
        col("session", "Buổi"),
        col("place", "Địa điểm"),
        col("selfreport_due", "Hạn nộp báo cáo tự kiểm tra"),
        col("overlap", "Trùng buổi với"),
        machine_col("scheduled"),
    ]);
    let mut sorted: Vec<&Slot> = slots.iter().collect();
    sorted.sort_by(|a, b| a.order().cmp(&b.order()));
    for slot in sorted {
        let session = slot.session.map(|s| if table { s.label() } else { s.as_str() });
        let overlap: Vec<&str> = slots.iter().filter(|s| s.clashes(slot)).map(|s| s.unit_code.as_str()).collect();
        listing.push(vec![
            slot.unit_code.as_str().into(),
            name(&slot.unit_code).into(),
            Value::Date(Some(slot.day)),
            Value::from(session.map(str::to_owned)),
            slot.place.as_str().into(),
            Value::Date(Some(slot.due())),
            overlap.join(", ").into(),
            Value::Integer(1),
        ]);
    }
    let unscheduled: Vec<String> = rounds::inspected(&store.conn, round)?
        .into_iter()
        .filter(|u| !slots.iter().any(|s| &s.unit_code == u))
        .collect();
    for unit in &unscheduled {
        listing.push(vec![
            unit.as_str().into(),
            name(unit).into(),
            Value::Date(None),
            Value::from(None::<String>),
            "".into(),
            Value::Date(Some(round.selfreport_due)),
            "".into(),
            Value::Integer(0),
        ]);
    }
    listing.emit(ctx, format)?;
    if table && !unscheduled.is_empty() {
        ctx.info(format!(
            "{} đơn vị chưa có lịch kiểm tra, hạn nộp báo cáo theo hạn chung của đợt {}; xếp bằng `cchc round schedule {} set` hoặc `auto`.",
            unscheduled.len(),
            date::format(round.selfreport_due),
            round.id
        ));
    }
    Ok(())
}
