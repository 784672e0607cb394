//! `cchc evidence add|import|list|show|remove|extract|pack|check`: the files that back each unit's results,
//! kept inside the database (SQLite Archive), and what still lacks them.

mod folder;
pub mod intake;
mod out;

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::commands::args::parse_date;
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::commands::score::ItemArgs;
use crate::context::Context;
use crate::domain::evidence::Backing;
use crate::domain::text::nfc;
use crate::store::evidence::{self, Evidence, Filter};
use crate::store::{Store, rounds};
use intake::{Incoming, attach, item_target, size_text, target};

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Đính kèm tệp kiểm chứng cho một nội dung của đơn vị (PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG, PNG, TIFF, TXT)
    Add(AddArgs),
    /// Nhập cả thư mục tài liệu đơn vị gửi (mỗi đơn vị một thư mục con; tên tệp bắt đầu bằng mã tiêu chí)
    Import(folder::ImportArgs),
    /// Danh sách tệp kiểm chứng của đợt
    List(ListArgs),
    /// Chi tiết một tệp kiểm chứng
    Show(ShowArgs),
    /// Gỡ một tệp kiểm chứng (nội dung còn giữ nếu mục khác còn dùng)
    Remove(ShowArgs),
    /// Xuất các tệp ra thư mục: mỗi đơn vị, mỗi nội dung một thư mục
    Extract(out::ExtractArgs),
    /// Đóng gói tệp kiểm chứng thành một tệp ZIP có mục lục (muc-luc.html, muc-luc.csv)
    Pack(out::PackArgs),
    /// Nội dung tự chấm có điểm mà chưa có tài liệu kiểm chứng
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub item: ItemArgs,
    /// Các tệp kiểm chứng
    #[arg(value_name = "TỆP", required = true)]
    pub files: Vec<PathBuf>,
    /// Ngày nhận dd/mm/yyyy (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub received: Option<NaiveDate>,
    /// Ghi chú
    #[arg(long, allow_hyphen_values = true, value_name = "GHI_CHÚ")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Chỉ đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Chỉ nội dung này (hoặc cả lĩnh vực, ví dụ 1.1)
    #[arg(long, value_name = "MÃ_TIÊU_CHÍ")]
    pub item: Option<String>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Số của tệp kiểm chứng (cột «Số» của `cchc evidence list`)
    #[arg(value_name = "SỐ")]
    pub id: i64,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn run(ctx: &Context, cmd: EvidenceCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        EvidenceCommand::Add(args) => add(ctx, &mut store, &args),
        EvidenceCommand::Import(args) => folder::import(ctx, &mut store, &args),
        EvidenceCommand::List(args) => list(ctx, &store, &args),
        EvidenceCommand::Show(args) => show(ctx, &store, &args),
        EvidenceCommand::Remove(args) => remove(ctx, &mut store, args.id),
        EvidenceCommand::Extract(args) => out::extract(ctx, &store, &args),
        EvidenceCommand::Pack(args) => out::pack(ctx, &store, &args),
        EvidenceCommand::Check(args) => check(ctx, &store, &args),
    }
}

pub fn add(ctx: &Context, store: &mut Store, args: &AddArgs) -> Result<()> {
    let target = item_target(store, &args.item.round, &args.item.unit, &args.item.criterion)?;
    target.round.ensure_open()?;
    let max = evidence::max_size(&store.conn)?;
    let note = args.note.as_deref().map(|n| nfc(n.trim()).into_owned()).unwrap_or_default();
    let received_on = args.received.unwrap_or(ctx.today());
    let attached = store.write(|tx| {
        rounds::ensure_open_in(tx, &target.round.id)?;
        let mut all = Vec::new();
        for path in &args.files {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let file = Incoming { path, name: &name, received_on, note: &note, clarification: None };
            all.push(attach(tx, &target, &file, max)?);
        }
        anyhow::Ok(all)
    })?;
    for a in &attached {
        match &a.row {
            Some(row) => ctx.info(format!(
                "Đã đính kèm «{}» ({}, {}) cho {} nội dung {}: số {}{}.",
                a.name,
                a.kind.label(),
                size_text(row.size),
                target.unit,
                target.criterion,
                row.id,
                if a.fresh {
                    ""
                } else {
                    "; nội dung này đã có trong cơ sở dữ liệu nên không lưu thêm"
                }
            )),
            None => ctx.info(format!("«{}» đã được đính kèm cho nội dung này từ trước: không có gì thay đổi.", a.name)),
        }
    }
    Ok(())
}

fn list(ctx: &Context, store: &Store, args: &ListArgs) -> Result<()> {
    let round = rounds::get(&store.conn, &args.round)?;
    let (_, unit, _) = match &args.unit {
        Some(u) => target(store, &round.id, u, None)?,
        None => (round.clone(), String::new(), None),
    };
    let rounds = [round.id.clone()];
    let filter = Filter {
        rounds: &rounds,
        unit: (!unit.is_empty()).then_some(unit.as_str()),
        criterion: args.item.as_deref().map(str::trim),
    };
    let found = store.snapshot(|s| evidence::list(&s.conn, &filter))?;
    if found.is_empty() {
        ctx.info(format!("Đợt {} chưa có tệp kiểm chứng nào khớp điều kiện.", round.id));
    }
    listing(&found, args.output.format).emit(ctx, args.output.format)
}

fn listing(found: &[Evidence], format: ListFormat) -> Listing {
    let table = format == ListFormat::Table;
    let mut listing = Listing::new(vec![
        col("id", "Số"),
        col("unit", "Đơn vị"),
        col("criterion", "Mã tiêu chí"),
        col("name", "Tệp"),
        col("kind", "Loại"),
        col("size", "Dung lượng"),
        col("received_on", "Ngày nhận"),
        col("sha256", "SHA-256"),
    ]);
    for e in found {
        listing.push(vec![
            Value::Integer(e.id),
            e.unit_code.clone().into(),
            e.criterion.clone().into(),
            e.name.clone().into(),
            (if table { e.kind.label() } else { e.kind.as_str() }).into(),
            if table { size_text(e.size).into() } else { Value::Integer(i64::try_from(e.size).unwrap_or(i64::MAX)) },
            Value::Date(Some(e.received_on)),
            (if table { e.sha256.get(..12).unwrap_or_default().to_owned() } else { e.sha256.clone() }).into(),
        ]);
    }
    listing
}

fn show(ctx: &Context, store: &Store, args: &ShowArgs) -> Result<()> {
    let e = evidence::get(&store.conn, args.id)?;
    if args.output.format == ListFormat::Json {
        return ctx.print_data(&(serde_json::to_string_pretty(&e)? + "\n"));
    }
    let mut listing = Listing::new(vec![col("field", "Mục"), col("value", "Giá trị")]);
    let lines = [
        ("Số", e.id.to_string()),
        ("Đợt", e.round_id.clone()),
        ("Đơn vị", e.unit_code.clone()),
        ("Mã tiêu chí", e.criterion.clone()),
        ("Tệp", e.name.clone()),
        ("Loại", e.kind.label().to_owned()),
        ("Dung lượng", format!("{} ({} byte)", size_text(e.size), e.size)),
        ("SHA-256", e.sha256.clone()),
        ("Ngày nhận", e.received_on.format("%d/%m/%Y").to_string()),
        ("Người thêm", e.added_by.clone()),
        ("Giải trình", e.clarification.clone().unwrap_or_default()),
        ("Ghi chú", e.note.clone()),
    ];
    for (field, value) in lines {
        listing.push(vec![field.into(), value.into()]);
    }
    listing.emit(ctx, args.output.format)
}

fn remove(ctx: &Context, store: &mut Store, id: i64) -> Result<()> {
    let (old, content_gone) = store.write(|tx| evidence::remove(tx, id))?;
    let kept = if content_gone { "" } else { " (nội dung vẫn giữ vì mục khác còn dùng)" };
    ctx.info(format!(
        "Đã gỡ tệp kiểm chứng số {id} «{}» của {} nội dung {}{kept}.",
        old.name, old.unit_code, old.criterion
    ));
    Ok(())
}

/// Items that claim points without any evidence first, then those cited in the self-report but with no file.
fn check(ctx: &Context, store: &Store, args: &CheckArgs) -> Result<()> {
    let round = rounds::get(&store.conn, &args.round)?;
    let items = store.snapshot(|s| evidence::coverage(&s.conn, &round.id, None))?;
    let mut lacking: Vec<_> = items.iter().filter(|i| i.claims_points() && i.backing() != Backing::Files).collect();
    lacking.sort_by_key(|i| i.backing() == Backing::CitationOnly);
    let table = args.output.format == ListFormat::Table;
    let mut listing = Listing::new(vec![
        col("unit", "Đơn vị"),
        col("criterion", "Mã tiêu chí"),
        col("self_points", "Điểm tự chấm"),
        col("status", "Tình trạng"),
        col("citation", "Tài liệu nêu trong báo cáo"),
    ]);
    for i in &lacking {
        let status = i.backing();
        let status = if table {
            status.label().to_owned()
        } else {
            serde_json::to_value(status)?.as_str().unwrap_or_default().to_owned()
        };
        listing.push(vec![
            i.unit_code.clone().into(),
            i.criterion.clone().into(),
            Value::Score(i.self_points),
            status.into(),
            i.citation.clone().into(),
        ]);
    }
    let nothing = lacking.iter().filter(|i| i.backing() == Backing::Nothing).count();
    ctx.info(format!(
        "Đợt {}: {} nội dung tự chấm có điểm; {nothing} chưa có tài liệu kiểm chứng, {} mới có trích dẫn, chưa có tệp.",
        round.id,
        items.iter().filter(|i| i.claims_points()).count(),
        lacking.len() - nothing
    ));
    listing.emit(ctx, args.output.format)
}
