//! `cchc sample draw|record|show`: sampled case files (bóc mẫu hồ sơ). The draw is reproducible (see
//! `domain::sample` for the generator): the list's hash and the seed are printed and stored.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{ArgGroup, Args, Subcommand};

use crate::commands::evidence::intake::item_target;
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::commands::score::ItemArgs;
use crate::context::Context;
use crate::domain::number::points;
use crate::domain::sample::{derived_seed, draw, list_hash};
use crate::domain::text::nfc;
use crate::import::{ColumnSpec, Encoding, Row, TableReader};
use crate::store::samples::{self, Key, NewSample, Sample};
use crate::store::{Store, catalogues};

#[derive(Debug, Subcommand)]
pub enum SampleCommand {
    /// Bốc mẫu ngẫu nhiên (lặp lại được) từ danh sách hồ sơ đơn vị cung cấp
    Draw(DrawArgs),
    /// Ghi kết quả kiểm tra một hồ sơ trong mẫu: đạt hoặc không đạt
    Record(RecordArgs),
    /// Mẫu đã bốc, kết quả từng hồ sơ và tỷ lệ đạt
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct DrawArgs {
    #[command(flatten)]
    pub item: ItemArgs,
    /// Danh sách hồ sơ (CSV hoặc XLSX), có cột «Mã hồ sơ»; các cột khác được giữ lại
    #[arg(long, value_name = "DANH_SÁCH")]
    pub from: PathBuf,
    /// Số hồ sơ cần bốc
    #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u16).range(1..))]
    pub n: u16,
    /// Hạt giống (số tự nhiên); bỏ trống: tính từ đợt, đơn vị, nội dung và mã băm danh sách
    #[arg(long, value_name = "SỐ")]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("ket_qua").required(true).args(["dat", "khong_dat"])))]
pub struct RecordArgs {
    #[command(flatten)]
    pub item: ItemArgs,
    /// Mã hồ sơ trong mẫu
    #[arg(value_name = "MÃ_HỒ_SƠ")]
    pub code: String,
    /// Hồ sơ đạt yêu cầu
    #[arg(long)]
    pub dat: bool,
    /// Hồ sơ không đạt yêu cầu
    #[arg(long)]
    pub khong_dat: bool,
    /// Ghi chú (vì sao không đạt…)
    #[arg(long, allow_hyphen_values = true, value_name = "GHI_CHÚ")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub item: ItemArgs,
    #[command(flatten)]
    pub output: FormatArg,
}

const CODE: &str = "ma_ho_so";
const LIST_COLUMNS: [ColumnSpec; 1] = [ColumnSpec::required(CODE, "Mã hồ sơ")];

pub fn run(ctx: &Context, cmd: SampleCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        SampleCommand::Draw(args) => draw_sample(ctx, &mut store, &args),
        SampleCommand::Record(args) => record(ctx, &mut store, &args),
        SampleCommand::Show(args) => show(ctx, &store, &args),
    }
}

type Details = Vec<(String, String)>;

/// The list's codes in order, each with its other columns; a missing or repeated code is refused by line.
fn read_list(path: &std::path::Path) -> Result<Vec<(String, Details)>> {
    let mut reader = TableReader::open(path, Encoding::Auto, &LIST_COLUMNS)?;
    let headers = reader.columns().headers().to_vec();
    let code_at = reader.columns().index(CODE);
    let mut row = Row::new();
    let mut list: Vec<(String, Details)> = Vec::new();
    let mut problems = Vec::new();
    while reader.next_row(&mut row)? {
        let code = row.get(CODE).unwrap_or("").to_owned();
        if code.is_empty() {
            problems.push(format!("dòng {}: thiếu mã hồ sơ", row.line));
            continue;
        }
        if list.iter().any(|(c, _)| *c == code) {
            problems.push(format!("dòng {}: mã hồ sơ «{code}» lặp lại", row.line));
            continue;
        }
        let details = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| Some(*i) != code_at && !h.trim().is_empty())
            .map(|(i, h)| (h.clone(), nfc(row.field(i).unwrap_or("").trim()).into_owned()))
            .collect();
        list.push((code, details));
    }
    if !problems.is_empty() {
        bail!("danh sách «{}» có lỗi, chưa bốc mẫu:\n  - {}", path.display(), problems.join("\n  - "));
    }
    if list.is_empty() {
        bail!("danh sách «{}» không có hồ sơ nào", path.display());
    }
    Ok(list)
}

fn draw_sample(ctx: &Context, store: &mut Store, args: &DrawArgs) -> Result<()> {
    let target = item_target(store, &args.item.round, &args.item.unit, &args.item.criterion)?;
    target.round.ensure_open()?;
    let list = read_list(&args.from)?;
    let codes: Vec<&str> = list.iter().map(|(c, _)| c.as_str()).collect();
    let hash = list_hash(&codes);
    let seed = args.seed.unwrap_or_else(|| derived_seed(&target.round.id, &target.unit, &target.criterion, &hash));
    let drawn = draw(list.len(), usize::from(args.n), seed);
    let list_name = args.from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let new = NewSample {
        list_name: &list_name,
        list_hash: &hash,
        list_size: list.len(),
        seed,
        seed_given: args.seed.is_some(),
        files: drawn.iter().map(|&i| list[i].clone()).collect(),
    };
    let key = Key { round_id: &target.round.id, unit_code: &target.unit, criterion: &target.criterion };
    let sample = store.write(|tx| samples::draw(tx, &key, &new))?;
    ctx.info(format!(
        "Đã bốc {} trong {} hồ sơ của {} (nội dung {}). Hạt giống {seed}{}; mã băm danh sách (SHA-256) {hash}. \
         Ai bốc lại từ cùng danh sách với cùng hạt giống sẽ được đúng các hồ sơ này.",
        sample.files.len(),
        list.len(),
        target.unit,
        target.criterion,
        if args.seed.is_some() { " (đã cho)" } else { " (tính từ đợt, đơn vị, nội dung và danh sách)" }
    ));
    listing(&sample, ListFormat::Table).emit(ctx, ListFormat::Table)
}

fn record(ctx: &Context, store: &mut Store, args: &RecordArgs) -> Result<()> {
    let target = item_target(store, &args.item.round, &args.item.unit, &args.item.criterion)?;
    target.round.ensure_open()?;
    let key = Key { round_id: &target.round.id, unit_code: &target.unit, criterion: &target.criterion };
    let note = args.note.as_deref().map(|n| nfc(n.trim()).into_owned()).unwrap_or_default();
    let file = store.write(|tx| samples::record(tx, &key, &args.code, args.dat, &note))?;
    let result = if args.dat { "đạt" } else { "không đạt" };
    ctx.info(format!("Hồ sơ {}: {result}.", file.code));
    Ok(())
}

fn show(ctx: &Context, store: &Store, args: &ShowArgs) -> Result<()> {
    let target = item_target(store, &args.item.round, &args.item.unit, &args.item.criterion)?;
    let key = Key { round_id: &target.round.id, unit_code: &target.unit, criterion: &target.criterion };
    let Some(sample) = samples::get(&store.conn, &key)? else {
        bail!(
            "chưa bốc mẫu hồ sơ cho {} nội dung {} ở đợt {}; hãy chạy `cchc sample draw`",
            target.unit,
            target.criterion,
            target.round.id
        );
    };
    let compliance = sample.compliance();
    let catalogue = catalogues::get(&store.conn, &target.round.catalogue_hash)?;
    let rubric = catalogue.get(&target.criterion).and_then(|n| n.rubric.as_ref());
    let proposed = compliance.percent().and_then(|p| rubric.and_then(|r| r.points_for_percent(p)));
    if args.output.format == ListFormat::Json {
        let mut value = serde_json::to_value(&sample)?;
        value["figure"] = compliance.figure().into();
        value["percent"] = compliance.percent().into();
        value["proposed_points"] = proposed.into();
        return ctx.print_data(&(serde_json::to_string_pretty(&value)? + "\n"));
    }
    let proposal = match proposed {
        Some(p) => format!(
            "; điểm đề xuất theo thang chấm: {} (đoàn xác nhận bằng `cchc score set {} {} {} {}`)",
            points(p),
            target.round.id,
            target.unit,
            target.criterion,
            points(p)
        ),
        None => String::new(),
    };
    ctx.info(format!(
        "Bốc {} trong {} hồ sơ (danh sách «{}», SHA-256 {}, hạt giống {}). Đã kiểm tra {}/{}; đạt {}{proposal}.",
        sample.files.len(),
        sample.list_size,
        sample.list_name,
        sample.list_hash,
        sample.seed,
        compliance.checked,
        compliance.drawn,
        compliance.figure()
    ));
    listing(&sample, args.output.format).emit(ctx, args.output.format)
}

fn listing(sample: &Sample, format: ListFormat) -> Listing {
    let table = format == ListFormat::Table;
    let mut listing = Listing::new(vec![
        col("position", "Thứ tự bốc"),
        col("code", "Mã hồ sơ"),
        col("details", "Thông tin khác"),
        col("result", "Kết quả"),
        col("note", "Ghi chú"),
    ]);
    for f in &sample.files {
        let details: Vec<String> = f.details.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let result = match (f.compliant, table) {
            (Some(true), true) => "đạt",
            (Some(false), true) => "không đạt",
            (None, true) => "chưa kiểm tra",
            (Some(true), false) => "dat",
            (Some(false), false) => "khong-dat",
            (None, false) => "",
        };
        listing.push(vec![
            Value::Integer(f.position),
            f.code.clone().into(),
            details.join("; ").into(),
            result.into(),
            f.note.clone().into(),
        ]);
    }
    listing
}
