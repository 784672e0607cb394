//! `cchc finding add|list|show|update`: findings of a round and the follow-up of their remediation.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::commands::args::parse_date;
use crate::commands::finding_answer::{AnswerArgs, answer, answer_lines};
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::context::Context;
use crate::domain::date;
use crate::domain::finding::{Finding, FindingKind, FindingStatus};
use crate::domain::round::Round;
use crate::domain::scoring::check_item_for_round;
use crate::domain::text::nfc;
use crate::store::findings::{self, Filter, NewFinding, StatusUpdate};
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::{Store, catalogues, officials, report_texts};

#[derive(Debug, Subcommand)]
pub enum FindingCommand {
    /// Ghi một kết luận kiểm tra: điển hình, tồn tại hạn chế, vi phạm, kiến nghị
    Add(AddArgs),
    /// Danh sách kết luận (lọc theo đợt, đơn vị, loại, trạng thái, quá hạn, chuyển tiếp)
    List(ListArgs),
    /// Chi tiết một kết luận và quá trình khắc phục
    Show(ShowArgs),
    /// Cập nhật tình hình khắc phục (được cả khi đợt đã kết thúc)
    Update(UpdateArgs),
    /// Ghi ý kiến trả lời một kiến nghị, đề xuất của đơn vị (và cấp giải quyết)
    Answer(AnswerArgs),
    /// Ghi rằng một kiến nghị nhắc lại kiến nghị đã nêu ở đợt trước
    Link(crate::commands::finding_link::LinkArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Đơn vị (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: String,
    /// Nội dung kiểm tra liên quan, ví dụ 1.3.2 (hoặc cả lĩnh vực 1.3)
    #[arg(long, value_name = "MÃ_TIÊU_CHÍ")]
    pub criterion: Option<String>,
    /// Cán bộ phụ trách (mã hoặc tên; mặc định theo phân công của nội dung)
    #[arg(long, value_name = "CÁN_BỘ")]
    pub official: Option<String>,
    /// Loại kết luận
    #[arg(long, value_enum, value_name = "LOẠI")]
    pub kind: FindingKind,
    /// Nội dung kết luận
    #[arg(long, allow_hyphen_values = true, value_name = "NỘI_DUNG")]
    pub text: String,
    /// Kiến nghị, yêu cầu khắc phục
    #[arg(long, allow_hyphen_values = true, value_name = "KIẾN_NGHỊ")]
    pub recommend: Option<String>,
    /// Hạn khắc phục dd/mm/yyyy
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Kiến nghị này nhắc lại kiến nghị đã nêu ở đợt trước (mã kết luận của lần nêu đầu)
    #[arg(long, value_name = "MÃ_KẾT_LUẬN")]
    pub repeats: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Chỉ kết luận của đợt này
    #[arg(long, value_name = "ĐỢT")]
    pub round: Option<String>,
    /// Chỉ đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Chỉ loại này
    #[arg(long, value_enum, value_name = "LOẠI")]
    pub kind: Option<FindingKind>,
    /// Chỉ trạng thái này
    #[arg(long, value_enum, value_name = "TRẠNG_THÁI")]
    pub status: Option<FindingStatus>,
    /// Chỉ kết luận quá hạn khắc phục (tính đến hôm nay)
    #[arg(long)]
    pub overdue: bool,
    /// Kết luận của các đợt trước (cả năm trước) chưa xác minh, chuyển sang theo dõi ở đợt này
    #[arg(long, value_name = "ĐỢT")]
    pub carried_over: Option<String>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Mã kết luận, ví dụ 2026-dot1-F03
    #[arg(value_name = "MÃ_KẾT_LUẬN")]
    pub id: String,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Mã kết luận, ví dụ 2026-dot1-F03
    #[arg(value_name = "MÃ_KẾT_LUẬN")]
    pub id: String,
    /// Trạng thái mới (chỉ đi tiếp; nhắc lại trạng thái hiện tại kèm --note để ghi tiến độ)
    #[arg(long, value_enum, value_name = "TRẠNG_THÁI")]
    pub status: FindingStatus,
    /// Ghi chú về kết quả khắc phục
    #[arg(long, allow_hyphen_values = true, value_name = "GHI_CHÚ")]
    pub note: Option<String>,
    /// Tài liệu kiểm chứng (số, ngày văn bản…)
    #[arg(long, allow_hyphen_values = true, value_name = "TÀI_LIỆU")]
    pub evidence: Option<String>,
    /// Đợt kiểm tra ghi nhận việc này (mặc định: đợt đang kiểm tra mới nhất của năm)
    #[arg(long, value_name = "ĐỢT")]
    pub round: Option<String>,
}

pub fn run(ctx: &Context, cmd: FindingCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        FindingCommand::Add(args) => add(ctx, &mut store, args).map(drop),
        FindingCommand::List(args) => list(ctx, &store, ctx.today(), args),
        FindingCommand::Show(args) => show(ctx, &store, ctx.today(), &args),
        FindingCommand::Update(args) => update(ctx, &mut store, args),
        FindingCommand::Answer(args) => answer(ctx, &mut store, args),
        FindingCommand::Link(args) => crate::commands::finding_link::link(ctx, &mut store, &args),
    }
}

fn clean(text: &str) -> String {
    nfc(text.trim()).into_owned()
}

/// Records a finding and prints its id; returns the id.
pub fn add(ctx: &Context, store: &mut Store, args: AddArgs) -> Result<String> {
    let round = rounds::get(&store.conn, &args.round)?;
    round.ensure_open()?;
    let (unit, unit_name) = resolve(&store.conn, Directory::Units, &args.unit)?;
    if !rounds::scope(&store.conn, &round.id)?.contains(&unit) {
        bail!("đơn vị {unit} ({unit_name}) không thuộc phạm vi đợt {} (xem `cchc round show {}`)", round.id, round.id);
    }
    let criterion = match args.criterion.as_deref().map(str::trim) {
        Some(code) => {
            let catalogue = catalogues::get(&store.conn, &round.catalogue_hash)?;
            let node = catalogue.get(code).ok_or_else(|| anyhow::anyhow!("{}", catalogue.unknown_code(code)))?;
            check_item_for_round(&round.id, round.kind, node.kind, code).map_err(anyhow::Error::msg)?;
            Some(node.code.clone())
        }
        None => None,
    };
    let official = match &args.official {
        Some(o) => {
            let (code, name) = resolve(&store.conn, Directory::Officials, o)?;
            let works_in = officials::get(&store.conn, &code)?.map(|o| o.unit_code).unwrap_or_default();
            if works_in != unit {
                bail!(
                    "cán bộ {code} ({name}) thuộc đơn vị {works_in}, không thuộc {unit}; hãy chọn cán bộ của {unit_name}"
                );
            }
            Some(code)
        }
        None => assigned_official(store, criterion.as_deref(), &unit)?,
    };
    let text = clean(&args.text);
    if text.is_empty() {
        bail!("cần nội dung kết luận (--text \"…\")");
    }
    let new = NewFinding {
        round_id: round.id.clone(),
        unit_code: unit,
        criterion,
        official_code: official,
        kind: args.kind,
        text,
        recommendation: args.recommend.as_deref().map(clean).unwrap_or_default(),
        due: args.due,
        source: None,
        repeats: args.repeats.map(|r| r.trim().to_owned()),
    };
    let added = store.write(|tx| findings::add(tx, &new))?;
    let official = added.official_code.as_deref().map(|o| format!(", cán bộ phụ trách {o}")).unwrap_or_default();
    ctx.info(format!("Đã ghi kết luận {} ({}) cho {}{official}.", added.id, added.kind.label(), added.unit_code));
    ctx.print_data(&format!("{}\n", added.id))?;
    Ok(added.id)
}

/// The official the unit assigned to the criterion, if any.
fn assigned_official(store: &Store, criterion: Option<&str>, unit: &str) -> Result<Option<String>> {
    let Some(criterion) = criterion else { return Ok(None) };
    Ok(crate::store::assignments::get(&store.conn, criterion, unit)?.and_then(|a| a.official_code))
}

fn list(ctx: &Context, store: &Store, today: NaiveDate, args: ListArgs) -> Result<()> {
    let round = args.round.as_deref().map(|r| rounds::get(&store.conn, r)).transpose()?;
    let carried = args.carried_over.as_deref().map(|r| rounds::get(&store.conn, r)).transpose()?;
    let unit = args.unit.as_deref().map(|u| resolve(&store.conn, Directory::Units, u)).transpose()?;
    let filter = Filter {
        round_id: round.as_ref().map(|r| r.id.as_str()),
        unit: unit.as_ref().map(|u| u.0.as_str()),
        kind: args.kind,
        status: args.status,
        overdue_on: args.overdue.then_some(today),
        carried_into: carried.as_ref(),
    };
    let found = findings::list(&store.conn, &filter)?;
    if found.is_empty() {
        ctx.info("Không có kết luận nào khớp điều kiện.");
    }
    listing(&found, today, args.output.format).emit(ctx, args.output.format)
}

pub fn listing(found: &[Finding], today: NaiveDate, format: ListFormat) -> Listing {
    let mut listing = Listing::new(vec![
        col("id", "Mã"),
        col("round", "Đợt"),
        col("unit", "Đơn vị"),
        col("criterion", "Nội dung"),
        col("official", "Cán bộ"),
        col("kind", "Loại"),
        col("text", "Kết luận"),
        col("recommendation", "Kiến nghị khắc phục"),
        col("due", "Hạn"),
        col("status", "Trạng thái"),
        col("overdue_days", "Quá hạn (ngày)"),
    ]);
    let table = format == ListFormat::Table;
    for f in found {
        let overdue = f.days_overdue(today);
        let status = if !f.kind.is_followed_up() {
            if table { "—" } else { "" }
        } else if table {
            f.status.label()
        } else {
            f.status.as_str()
        };
        listing.push(vec![
            f.id.clone().into(),
            f.round_id.clone().into(),
            f.unit_code.clone().into(),
            Value::from(f.criterion.clone()),
            Value::from(f.official_code.clone()),
            (if table { f.kind.label() } else { f.kind.as_str() }).into(),
            f.text.clone().into(),
            f.recommendation.clone().into(),
            Value::Date(f.due),
            status.into(),
            if table && overdue == 0 { Value::from("") } else { Value::Integer(overdue) },
        ]);
    }
    listing
}

fn show(ctx: &Context, store: &Store, today: NaiveDate, args: &ShowArgs) -> Result<()> {
    let f = findings::get(&store.conn, &args.id)?;
    let events = findings::events(&store.conn, &f.id)?;
    match args.output.format {
        ListFormat::Json => {
            let mut value = serde_json::to_value(&f)?;
            value["overdue_days"] = f.days_overdue(today).into();
            if f.kind == FindingKind::KienNghi {
                value["answer"] = serde_json::to_value(report_texts::answer_of(&store.conn, &f.id)?)?;
            }
            value["events"] = serde_json::to_value(&events)?;
            return ctx.print_data(&(serde_json::to_string_pretty(&value)? + "\n"));
        }
        ListFormat::Csv => return listing(std::slice::from_ref(&f), today, ListFormat::Csv).emit(ctx, ListFormat::Csv),
        ListFormat::Table => {}
    }
    let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &f.round_id)?;
    let unit = crate::store::units::get(&store.conn, &f.unit_code)?.map(|u| u.name).unwrap_or_default();
    let mut text = format!("{} — {} ({})\nĐơn vị: {} — {unit}\n", f.id, f.kind.label(), round.title(), f.unit_code);
    if let Some(code) = &f.criterion {
        let title = catalogue.get(code).map(|n| n.title.as_str()).unwrap_or_default();
        text.push_str(&format!("Nội dung kiểm tra: {code} — {title}\n"));
    }
    if let Some(code) = &f.official_code {
        let name = officials::get(&store.conn, code)?.map(|o| o.name).unwrap_or_default();
        text.push_str(&format!("Cán bộ phụ trách: {code} — {name}\n"));
    }
    text.push_str(&format!("Kết luận: {}\n", f.text));
    if !f.recommendation.is_empty() {
        text.push_str(&format!("Kiến nghị khắc phục: {}\n", f.recommendation));
    }
    if let Some(due) = f.due {
        let overdue = f.days_overdue(today);
        let late = if overdue > 0 { format!(" (quá hạn {overdue} ngày)") } else { String::new() };
        text.push_str(&format!("Hạn khắc phục: {}{late}\n", date::format(due)));
    }
    if let Some(source) = f.source.as_deref().and_then(|s| s.strip_prefix("selfreport:")) {
        text.push_str(&format!("Nguồn: khó khăn, đề xuất trong báo cáo tự kiểm tra ({source})\n"));
    }
    if f.kind == FindingKind::KienNghi {
        text.push_str(&answer_lines(store, &f)?);
        return ctx.print_data(&text);
    }
    if !f.kind.is_followed_up() {
        return ctx.print_data(&text);
    }
    text.push_str(&format!("Trạng thái: {}\nQuá trình khắc phục:\n", f.status.label()));
    text.push_str(&format!("  {} — ghi nhận trong đợt {}\n", shown_at(&f.created_at), f.round_id));
    for e in &events {
        let round = e.round_id.as_deref().map(|r| format!(" (đợt {r})")).unwrap_or_default();
        text.push_str(&format!("  {}{round}: {}", shown_at(&e.at), e.status.label()));
        let mut details = e.note.trim_end_matches('.').to_owned();
        if !e.evidence.is_empty() {
            if !details.is_empty() {
                details.push_str(". ");
            }
            details.push_str(&format!("Tài liệu: {}", e.evidence));
        }
        if !details.is_empty() {
            text.push_str(&format!(" — {details}"));
        }
        text.push_str(&format!(" [{}]\n", e.actor));
    }
    ctx.print_data(&text)
}

/// A stored timestamp's day, as people write it.
fn shown_at(timestamp: &str) -> String {
    timestamp.get(..10).and_then(|d| d.parse().ok()).map(date::format).unwrap_or_else(|| timestamp.to_owned())
}

fn update(ctx: &Context, store: &mut Store, args: UpdateArgs) -> Result<()> {
    let finding = findings::get(&store.conn, &args.id)?;
    if finding.kind == FindingKind::KienNghi {
        bail!(
            "kết luận {} là kiến nghị, đề xuất của đơn vị: kiến nghị được trả lời, không khắc phục. Ghi ý kiến trả lời bằng `cchc finding answer {} --text \"…\"`",
            finding.id,
            finding.id
        );
    }
    let own_round = rounds::get(&store.conn, &finding.round_id)?;
    let checked_in = match args.round.as_deref() {
        Some(id) => {
            let round = rounds::get(&store.conn, id)?;
            check_event_round(&round, &own_round)?;
            Some(round.id)
        }
        None => findings::default_event_round(&store.conn, &own_round)?,
    };
    let note = args.note.as_deref().map(clean).unwrap_or_default();
    let evidence = args.evidence.as_deref().map(clean).unwrap_or_default();
    let update =
        StatusUpdate { status: args.status, note: &note, evidence: &evidence, round_id: checked_in.as_deref() };
    let updated = store.write(|tx| findings::update_status(tx, &finding.id, &update))?;
    let during = checked_in.map(|r| format!(", ghi nhận trong đợt {r}")).unwrap_or_default();
    ctx.info(format!("Kết luận {}: {} → {}{during}.", updated.id, finding.status.label(), updated.status.label()));
    Ok(())
}

/// A remediation step is checked in a round that is open and not earlier than the finding's own round.
fn check_event_round(round: &Round, own: &Round) -> Result<()> {
    round.ensure_open()?;
    if round.start < own.start {
        bail!(
            "đợt {} diễn ra trước đợt {} của kết luận; việc khắc phục chỉ được ghi nhận ở đợt đó hoặc các đợt sau",
            round.id,
            own.id
        );
    }
    Ok(())
}

/// Said on stderr when a round starts: what earlier rounds of the year left open, for the team to check.
pub fn announce_carry_over(ctx: &Context, store: &Store, round: &Round, today: NaiveDate) -> Result<()> {
    let filter = Filter { carried_into: Some(round), ..Filter::default() };
    let carried: Vec<Finding> =
        findings::list(&store.conn, &filter)?.into_iter().filter(|f| f.status != FindingStatus::DaXacMinh).collect();
    if carried.is_empty() {
        return Ok(());
    }
    ctx.info(format!(
        "Đợt {} cần kiểm tra lại {} kết luận chưa xác minh khắc phục của các đợt trước:",
        round.id,
        carried.len()
    ));
    for f in &carried {
        let due = f.due.map(|d| format!(", hạn {}", date::format(d))).unwrap_or_default();
        let late = match f.days_overdue(today) {
            0 => String::new(),
            n => format!(", quá hạn {n} ngày"),
        };
        ctx.info(format!(
            "  {} [{}] {}, {}{due}{late}: {}",
            f.id,
            f.unit_code,
            f.kind.label(),
            f.status.label(),
            f.text
        ));
    }
    ctx.info(format!(
        "Xem: `cchc finding list --carried-over {}`; khi xác minh: `cchc finding update MÃ --status da-xac-minh --round {}`.",
        round.id, round.id
    ));
    Ok(())
}
