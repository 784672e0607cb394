//! `cchc score set|import|list|summary`: the inspection team's appraised points (điểm thẩm định).

use std::collections::{HashMap, HashSet};

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::commands::directory_import::{ImportArgs, save_all};
use crate::commands::late_bar::LateBar;
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col, machine_col};
use crate::commands::score_totals::{self, By};
use crate::context::Context;
use crate::domain::catalogue::Catalogue;
use crate::domain::number;
use crate::domain::round::Round;
use crate::domain::score::{Score, SheetRow};
use crate::domain::scoring::{self, Mark};
use crate::domain::text::nfc;
use crate::import::appraisal::{self, Scope, check_points, parse_mark};
use crate::messages;
use crate::store::lookup::{Directory, resolve};
use crate::store::units::Saved;
use crate::store::{Store, units};
use crate::store::{rounds, scores};

#[derive(Debug, Subcommand)]
pub enum ScoreCommand {
    /// Ghi điểm thẩm định một nội dung của một đơn vị (hoặc --na: không áp dụng)
    Set(SetArgs),
    /// Xoá điểm thẩm định ghi nhầm: nội dung trở lại «chưa chấm» (khác --na: không áp dụng)
    Unset(ItemArgs),
    /// Nhập điểm thẩm định từ CSV/XLSX (ma_don_vi, ma_tieu_chi, diem_tham_dinh, nhan_xet)
    Import(ScoreImportArgs),
    /// Bảng điểm từng nội dung: tối đa, tự chấm, thẩm định, chênh lệch, nhận xét; kèm tổng điểm
    List(ListArgs),
    /// Tổng điểm thang 100 theo đơn vị (và toàn phường), lĩnh vực hoặc cán bộ phụ trách
    Summary(SummaryArgs),
}

/// One item of one unit in one round: what `score set` writes and `score unset` removes.
#[derive(Debug, Args)]
pub struct ItemArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Đơn vị (mã hoặc tên)
    #[arg(value_name = "ĐƠN_VỊ")]
    pub unit: String,
    /// Mã nội dung chấm điểm, ví dụ 1.3.2
    #[arg(value_name = "MÃ_TIÊU_CHÍ")]
    pub criterion: String,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[command(flatten)]
    pub item: ItemArgs,
    /// Điểm thẩm định, ví dụ 7,5 hoặc 7.5 (bỏ trống khi dùng --na)
    #[arg(required_unless_present = "na", conflicts_with = "na", allow_hyphen_values = true, value_name = "ĐIỂM")]
    pub points: Option<String>,
    /// Nội dung không áp dụng với đơn vị trong đợt này (không tính vào tổng điểm)
    #[arg(long)]
    pub na: bool,
    /// Nhận xét của đoàn kiểm tra (giữ nhận xét cũ nếu không ghi)
    #[arg(long, allow_hyphen_values = true, value_name = "NHẬN_XÉT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ScoreImportArgs {
    /// Mã đợt
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(flatten)]
    pub file: ImportArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Mã đợt
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Chỉ đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Chỉ lĩnh vực hoặc nhóm này, ví dụ 1.3
    #[arg(long, value_name = "MÃ_TIÊU_CHÍ")]
    pub field: Option<String>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Mã đợt
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Tổng theo
    #[arg(long, value_enum, default_value_t = By::DonVi, value_name = "NHÓM")]
    pub per: By,
    /// Chỉ đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn run(ctx: &Context, cmd: ScoreCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        ScoreCommand::Set(args) => set(ctx, &mut store, args),
        ScoreCommand::Unset(args) => unset(ctx, &mut store, &args),
        ScoreCommand::Import(args) => import(ctx, &mut store, &args),
        ScoreCommand::List(args) => store.snapshot(|store| list(ctx, store, &args)),
        ScoreCommand::Summary(args) => store.snapshot(|store| {
            let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &args.round)?;
            let unit = unit_filter(store, args.unit.as_deref())?;
            let sheet = sheet_of(store, &round, &catalogue, unit.as_deref(), None)?;
            score_totals::listing(&store.conn, &catalogue, &sheet, args.per, args.output.format)?
                .emit(ctx, args.output.format)
        }),
    }
}

fn scope<'a>(store: &Store, round: &'a Round, catalogue: &'a Catalogue) -> Result<Scope<'a>> {
    Ok(Scope {
        round,
        catalogue,
        units: units::list(&store.conn)?.into_iter().map(|u| u.code).collect(),
        in_round: rounds::scope(&store.conn, &round.id)?.into_iter().collect(),
    })
}

fn set(ctx: &Context, store: &mut Store, args: SetArgs) -> Result<()> {
    let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &args.item.round)?;
    round.ensure_open()?;
    let (unit, unit_name) = resolve(&store.conn, Directory::Units, &args.item.unit)?;
    let scope = scope(store, &round, &catalogue)?;
    scope.check_unit(&unit).map_err(|(message, _)| anyhow::anyhow!("{unit} ({unit_name}): {message}"))?;
    let criterion = args.item.criterion.trim();
    let max = scope.check_item(criterion).map_err(anyhow::Error::msg)?;
    let mark = match (args.na, args.points.as_deref()) {
        (true, _) => Mark::NotApplicable,
        (false, text) => match parse_mark(text.unwrap_or("")) {
            Ok(Some(mark)) => mark,
            Ok(None) => bail!("thiếu điểm thẩm định; ghi điểm, ví dụ 7,5, hoặc --na nếu không áp dụng"),
            Err(message) => bail!("điểm «{}»: {message}", text.unwrap_or("").trim()),
        },
    };
    if let Mark::Points(p) = mark {
        check_points(p, max, criterion).map_err(|message| anyhow::anyhow!("điểm «{}» {message}", number::points(p)))?;
    }
    let existing = scores::get(&store.conn, &round.id, &unit, criterion)?;
    let note = match &args.note {
        Some(note) => nfc(note.trim()).into_owned(),
        None => existing.map(|s| s.note).unwrap_or_default(),
    };
    let score = Score::new(&round.id, unit.clone(), criterion.to_owned(), mark, note);
    warn_unassigned(store, &round, [(unit.as_str(), criterion)])?;
    let saved = store.write(|tx| scores::save(tx, &score))?;
    let shown = match mark {
        Mark::Points(p) => format!("{}/{} điểm", number::points(p), number::points(max)),
        _ => "không áp dụng".to_owned(),
    };
    ctx.info(match saved {
        Saved::Unchanged => format!("Điểm {criterion} của {unit} trong đợt {} không thay đổi ({shown}).", round.id),
        _ => format!("Đã ghi điểm thẩm định {criterion} của {unit} trong đợt {}: {shown}.", round.id),
    });
    let items: Vec<_> =
        sheet_of(store, &round, &catalogue, Some(&unit), None)?.iter().map(SheetRow::item_score).collect();
    if let Some(total) = scoring::normalise(&items) {
        ctx.info(format!("Tổng điểm hiện tại của {unit}: {}/100.", number::score(total)));
    }
    Ok(())
}

fn unset(ctx: &Context, store: &mut Store, args: &ItemArgs) -> Result<()> {
    let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &args.round)?;
    round.ensure_open()?;
    let (unit, _) = resolve(&store.conn, Directory::Units, &args.unit)?;
    let criterion = args.criterion.trim();
    scope(store, &round, &catalogue)?.check_item(criterion).map_err(anyhow::Error::msg)?;
    match store.write(|tx| scores::unset(tx, &round.id, &unit, criterion))? {
        Some(_) => ctx.info(format!(
            "Đã xoá điểm thẩm định {criterion} của {unit} trong đợt {}: nội dung trở lại «chưa chấm».",
            round.id
        )),
        None => bail!("{unit} chưa có điểm thẩm định {criterion} trong đợt {}; không có gì để xoá.", round.id),
    }
    Ok(())
}

/// The team may appraise an item a unit is not assigned; worth a word, since it then counts in the unit's total.
fn warn_unassigned<'a>(
    store: &Store,
    round: &Round,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<()> {
    if round.kind == crate::domain::round::RoundKind::DotXuat {
        return Ok(());
    }
    // One plain scan: the pairs only, without the names and the sort of `assignments::list`.
    let mut assigned: HashSet<(String, String)> = HashSet::new();
    crate::store::assignments::for_each(&store.conn, |unit, criterion, _| {
        assigned.insert((unit.to_owned(), criterion.to_owned()));
    })?;
    let missing: Vec<String> = pairs
        .into_iter()
        .filter(|(u, c)| !assigned.contains(&((*u).to_owned(), (*c).to_owned())))
        .map(|(u, c)| format!("{c} ({u})"))
        .collect();
    if !missing.is_empty() {
        // A whole file of unassigned items stays one readable line.
        const SHOWN: usize = 10;
        let more = missing.len().saturating_sub(SHOWN);
        let more = if more > 0 { format!(" và {more} nội dung khác") } else { String::new() };
        messages::warn(format!(
            "nội dung chưa được phân công cho đơn vị nhưng vẫn được chấm và tính vào tổng điểm của đơn vị: {}{more}",
            missing.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(())
}

fn import(ctx: &Context, store: &mut Store, args: &ScoreImportArgs) -> Result<()> {
    let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &args.round)?;
    round.ensure_open()?;
    let scope = scope(store, &round, &catalogue)?;
    let bar = LateBar::new();
    let file = appraisal::read(&args.file.file, (args.file.encoding, &|done, total| bar.update(done, total)), &scope)?;
    bar.finish();
    let recorded: HashMap<(String, String), Score> = scores::list(&store.conn, &round.id, None)?
        .into_iter()
        .map(|s| ((s.unit_code.clone(), s.criterion.clone()), s))
        .collect();
    let mut rows = file.scores;
    let mut changes = Vec::new();
    for row in &mut rows {
        let Some(old) = recorded.get(&(row.unit_code.clone(), row.criterion.clone())) else { continue };
        // A note written by hand (`score set --note`) stays unless the file has notes of its own.
        if !file.has_notes {
            row.note = old.note.clone();
        }
        if old != row {
            changes.push(change_line(old, row));
        }
    }
    warn_unassigned(store, &round, rows.iter().map(|s| (s.unit_code.as_str(), s.criterion.as_str())))?;
    save_all(ctx, store, &args.file, "điểm thẩm định", &rows, |tx, s| Ok(scores::save(tx, s)?))?;
    if !changes.is_empty() {
        let lead = if args.file.dry_run { "Sẽ thay đổi" } else { "Đã thay đổi" };
        ctx.info(format!("{lead} {} điểm đã ghi trước đó (cũ → mới):\n{}", changes.len(), changes.join("\n")));
    }
    if file.skipped > 0 {
        ctx.info(format!("Bỏ qua {} dòng chưa có điểm thẩm định.", file.skipped));
    }
    Ok(())
}

/// "  VP 1.1.5: 1,5 → 2; nhận xét «…» → «…»": what one row of the file changes in a score already recorded.
fn change_line(old: &Score, new: &Score) -> String {
    let mark = |s: &Score| match s.mark() {
        Mark::Points(p) => number::points(p),
        _ => "không áp dụng".to_owned(),
    };
    let mut line = format!("  {} {}: {} → {}", new.unit_code, new.criterion, mark(old), mark(new));
    if old.note != new.note {
        line.push_str(&format!("; nhận xét «{}» → «{}»", old.note, new.note));
    }
    line
}

fn unit_filter(store: &Store, unit: Option<&str>) -> Result<Option<String>> {
    Ok(unit.map(|u| resolve(&store.conn, Directory::Units, u)).transpose()?.map(|(code, _)| code))
}

/// The round's score sheet, narrowed to one unit and to the items under one code.
fn sheet_of(
    store: &Store,
    round: &Round,
    catalogue: &Catalogue,
    unit: Option<&str>,
    under: Option<&str>,
) -> Result<Vec<SheetRow>> {
    let mut sheet = scores::sheet(&store.conn, round, catalogue)?;
    sheet.retain(|row| {
        unit.is_none_or(|u| row.unit == u)
            && under.is_none_or(|f| row.criterion == f || row.criterion.starts_with(&format!("{f}.")))
    });
    Ok(sheet)
}

fn list(ctx: &Context, store: &Store, args: &ListArgs) -> Result<()> {
    let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &args.round)?;
    let unit = unit_filter(store, args.unit.as_deref())?;
    let field = args.field.as_deref().map(str::trim);
    if let Some(f) = field
        && catalogue.get(f).is_none()
    {
        bail!("Lĩnh vực: {}", catalogue.unknown_code(f));
    }
    let sheet = sheet_of(store, &round, &catalogue, unit.as_deref(), field)?;
    let format = args.output.format;
    let mut listing = Listing::new(vec![
        col("unit", "Đơn vị"),
        col("criterion", "Mã"),
        col("title", "Nội dung"),
        col("max", "Tối đa"),
        col("self_points", "Tự chấm"),
        col("points", "Thẩm định"),
        col("difference", "Chênh lệch"),
        col("note", "Nhận xét"),
        machine_col("mark"),
    ]);
    for row in &sheet {
        let title = catalogue.get(&row.criterion).map(|n| n.title.as_str()).unwrap_or_default();
        let (points, mark) = match row.mark {
            Mark::Points(p) => (Value::Number(Some(p)), "scored"),
            Mark::NotApplicable if format == ListFormat::Table => (Value::from("không áp dụng"), "not_applicable"),
            Mark::NotApplicable => (Value::Number(None), "not_applicable"),
            Mark::Pending => (Value::Number(None), "pending"),
        };
        let title = if format == ListFormat::Table { shorten(title, 60) } else { title.to_owned() };
        listing.push(vec![
            row.unit.clone().into(),
            row.criterion.clone().into(),
            title.into(),
            Value::Number(Some(row.max)),
            Value::Number(row.self_points),
            points,
            Value::Number(row.difference()),
            row.note.clone().into(),
            mark.into(),
        ]);
    }
    if sheet.is_empty() {
        ctx.info(format!("Đợt {} chưa có nội dung nào để chấm cho lựa chọn này.", round.id));
    }
    listing.emit(ctx, format)?;
    let pending = scoring::total(&sheet.iter().map(SheetRow::item_score).collect::<Vec<_>>());
    if !pending.is_complete() {
        ctx.info(format!("Còn {} nội dung chưa chấm (không tính vào tổng điểm).", pending.pending));
    }
    if format == ListFormat::Table && !sheet.is_empty() {
        ctx.print_data("\nTổng điểm (thang 100; nội dung không áp dụng không tính vào tử số và mẫu số):\n")?;
        score_totals::listing(&store.conn, &catalogue, &sheet, By::LinhVuc, format)?.emit(ctx, format)?;
    }
    Ok(())
}

/// Long plan titles cut for the terminal table; JSON and CSV keep them whole.
fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(chars - 1).collect();
    format!("{}…", cut.trim_end())
}
