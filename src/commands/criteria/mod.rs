//! `cchc criteria list|tree|show|check|export|import|load|versions|diff`: the catalogue of what is inspected.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};

use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col, machine_col};
use crate::context::Context;
use crate::domain::catalogue::{Catalogue, DEFAULT_FILE_NAME, DEFAULT_TOML, Node, NodeKind, Rubric};
use crate::domain::number::points;
use crate::domain::{catalogue_parse, code};
use crate::messages;
use crate::store::catalogues;

mod transfer;
mod versions;
mod workbook;

#[derive(Debug, Subcommand)]
pub enum CriteriaCommand {
    /// Liệt kê các tiêu chí (mã, nội dung, điểm tối đa, loại, đơn vị phụ trách)
    List(ListArgs),
    /// Cây tiêu chí với tổng điểm từng nhóm
    Tree(SourceArgs),
    /// Chi tiết một tiêu chí: tài liệu kiểm chứng, thang chấm, mục con
    Show(ShowArgs),
    /// Kiểm tra một tệp bộ tiêu chí TOML và báo mọi lỗi (tệp:dòng:cột)
    Check(CheckArgs),
    /// Xuất bộ tiêu chí ra tệp Excel để sửa (điểm nhóm tự cộng, có kiểm tra khi nhập)
    Export(transfer::ExportArgs),
    /// Đọc lại tệp Excel/LibreOffice đã sửa, kiểm tra và ghi thành tệp TOML
    Import(transfer::ImportArgs),
    /// Nạp thêm một phiên bản bộ tiêu chí (TOML hoặc Excel) vào cơ sở dữ liệu; các đợt mới dùng phiên bản này
    Load(transfer::LoadArgs),
    /// Các phiên bản bộ tiêu chí đã nạp: mã băm, số nội dung, các đợt dùng từng phiên bản
    Versions(FormatArg),
    /// So sánh hai phiên bản: nội dung thêm, bỏ, đổi mã, sửa tên, đổi điểm
    Diff(versions::DiffArgs),
}

#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Đọc từ tệp TOML này thay vì bộ tiêu chí đang dùng
    #[arg(long, value_name = "TỆP")]
    pub catalogue: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Chỉ lĩnh vực này (ví dụ 1.3)
    #[arg(long, value_name = "MÃ_TIÊU_CHÍ")]
    pub field: Option<String>,
    /// Chỉ các nội dung chấm điểm (bỏ các nhóm)
    #[arg(long)]
    pub leaves: bool,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Mã tiêu chí (ví dụ 1.3.2) hoặc vài chữ trong tên
    #[arg(value_name = "MÃ_TIÊU_CHÍ")]
    pub code: String,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tệp bộ tiêu chí TOML cần kiểm tra
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
}

pub fn run(ctx: &Context, cmd: CriteriaCommand) -> Result<()> {
    match cmd {
        CriteriaCommand::List(args) => list(ctx, &load(ctx, &args.source)?, args),
        CriteriaCommand::Tree(args) => tree(ctx, &load(ctx, &args)?),
        CriteriaCommand::Show(args) => show(ctx, &load(ctx, &args.source)?, &args.code, args.output.format),
        CriteriaCommand::Check(args) => check(ctx, &args.file),
        CriteriaCommand::Export(args) => transfer::export(ctx, args),
        CriteriaCommand::Import(args) => transfer::import(ctx, args),
        CriteriaCommand::Load(args) => transfer::load(ctx, args),
        CriteriaCommand::Versions(args) => versions::list(ctx, args.format),
        CriteriaCommand::Diff(args) => versions::diff(ctx, args),
    }
}

/// The catalogue to show: a file given, else the database's active one, else the built-in default.
fn load(ctx: &Context, source: &SourceArgs) -> Result<Catalogue> {
    if let Some(path) = &source.catalogue {
        return read_file(path);
    }
    if ctx.db_path.exists() {
        let store = ctx.store()?;
        return Ok(catalogues::active(&store.conn)?.1);
    }
    Ok(catalogue_parse::parse(DEFAULT_FILE_NAME, DEFAULT_TOML)?)
}

pub(super) fn read_file(path: &Path) -> Result<Catalogue> {
    let (name, content) = read_source(path)?;
    Ok(catalogue_parse::parse(&name, &content)?)
}

/// A catalogue file's name (as shown in messages) and its text; bytes that are not UTF-8 are reported by line.
/// A catalogue file larger than this is refused before it is read (the 2026 catalogue is about 60 KB): a 1 GB
/// string would otherwise pass `criteria check` and take gigabytes of memory.
const MAX_CATALOGUE_BYTES: u64 = 16 * 1024 * 1024;

pub fn read_source(path: &Path) -> Result<(String, String)> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_CATALOGUE_BYTES) {
        bail!("tệp bộ tiêu chí «{}» lớn quá 16 MB: bộ tiêu chí chỉ là văn bản, hãy kiểm tra lại tệp", path.display());
    }
    let bytes = std::fs::read(path)
        .with_context(|| format!("Không đọc được tệp bộ tiêu chí «{}» (cần tệp TOML UTF-8)", path.display()))?;
    let name = path.display().to_string();
    let content = catalogue_parse::decode(&name, &bytes)?.to_owned();
    Ok((name, content))
}

pub fn kind_label(node: &Node) -> &'static str {
    if node.is_leaf { node.kind.label() } else { "nhóm" }
}

fn list(ctx: &Context, catalogue: &Catalogue, args: ListArgs) -> Result<()> {
    if let Some(field) = &args.field
        && catalogue.get(field).is_none()
    {
        bail!("Lĩnh vực: {}", catalogue.unknown_code(field));
    }
    let mut listing = Listing::new(vec![
        col("code", "Mã"),
        col("title", "Nội dung"),
        machine_col("parent"),
        col("max_points", "Điểm tối đa"),
        col("kind", "Loại"),
        col("unit", "Đơn vị phụ trách"),
        machine_col("rubric"),
    ]);
    let in_field = |n: &Node| match &args.field {
        Some(f) => n.code == *f || n.code.starts_with(&format!("{f}.")),
        None => true,
    };
    for node in catalogue.nodes.iter().filter(|n| in_field(n) && (!args.leaves || n.is_leaf)) {
        let kind = match args.output.format {
            ListFormat::Table => kind_label(node).to_owned(),
            _ => {
                if node.is_leaf {
                    format!("{:?}", node.kind).to_lowercase()
                } else {
                    "group".into()
                }
            }
        };
        let rubric = match &node.rubric {
            Some(Rubric::Ratio { .. }) => "ratio",
            Some(Rubric::Levels { .. }) => "levels",
            None => "",
        };
        listing.push(vec![
            node.code.clone().into(),
            node.title.clone().into(),
            node.parent.clone().into(),
            Value::Number(Some(node.max_points)),
            kind.into(),
            node.unit.clone().into(),
            rubric.into(),
        ]);
    }
    listing.emit(ctx, args.output.format)
}

fn tree(ctx: &Context, catalogue: &Catalogue) -> Result<()> {
    let mut out = format!("{} (phiên bản {})\n", catalogue.title, catalogue.version);
    for node in &catalogue.nodes {
        let indent = "  ".repeat(code::depth(&node.code).saturating_sub(1));
        let pts = if node.is_leaf {
            format!("{} đ", points(node.max_points))
        } else {
            let sum = catalogue.sum_of_leaves(&node.code);
            let mut text = format!("tổng {} đ", points(sum));
            if (sum - node.max_points).abs() > 0.005 {
                text.push_str(&format!(", khai báo {} đ", points(node.max_points)));
            }
            text
        };
        let marker = if node.kind == NodeKind::Adhoc && node.is_leaf { " [đột xuất]" } else { "" };
        out.push_str(&format!("{indent}{} {} [{pts}]{marker}\n", node.code, node.title));
    }
    ctx.print_data(&out)
}

fn show(ctx: &Context, catalogue: &Catalogue, query: &str, format: ListFormat) -> Result<()> {
    let node = match catalogue.get(query.trim()) {
        Some(node) => node,
        None => match catalogue.search(query).as_slice() {
            [one] => *one,
            [] => bail!("{}", catalogue.unknown_code(query)),
            many => {
                let list: Vec<String> = many.iter().take(10).map(|n| format!("{} {}", n.code, n.title)).collect();
                bail!("«{query}» khớp với {} tiêu chí, hãy ghi rõ mã:\n  {}", many.len(), list.join("\n  "));
            }
        },
    };
    if format != ListFormat::Table {
        let mut listing = Listing::new(vec![col("code", ""), col("title", ""), col("max_points", "")]);
        listing.push(vec![node.code.clone().into(), node.title.clone().into(), Value::Number(Some(node.max_points))]);
        if format == ListFormat::Json {
            return ctx.print_data(&(serde_json::to_string_pretty(node)? + "\n"));
        }
        return listing.emit(ctx, format);
    }
    let mut out = format!("{} {}\n", node.code, node.title);
    let mut ancestor = node.parent.as_deref();
    let mut chain = Vec::new();
    while let Some(code) = ancestor {
        if let Some(parent) = catalogue.get(code) {
            chain.push(format!("{} {}", parent.code, parent.title));
        }
        ancestor = code::parent(code);
    }
    if !chain.is_empty() {
        chain.reverse();
        out.push_str(&format!("Thuộc: {}\n", chain.join(" › ")));
    }
    out.push_str(&format!("Loại: {}\nĐiểm tối đa: {}\n", kind_label(node), points(node.max_points)));
    if let Some(unit) = &node.unit {
        out.push_str(&format!("Đơn vị phụ trách mặc định: {unit}\n"));
    }
    if !node.evidence.is_empty() {
        out.push_str("Tài liệu kiểm chứng:\n");
        node.evidence.iter().for_each(|e| out.push_str(&format!("  - {e}\n")));
    }
    match &node.rubric {
        Some(Rubric::Levels { levels }) => {
            out.push_str("Thang chấm theo mức:\n");
            levels.iter().for_each(|l| out.push_str(&format!("  - {}: {} đ\n", l.label, points(l.points))));
        }
        Some(Rubric::Ratio { thresholds }) => {
            out.push_str("Thang chấm theo tỷ lệ (số liệu báo cáo):\n");
            for t in thresholds {
                out.push_str(&format!("  - từ {}%: {} đ\n", points(t.at_least), points(t.points)));
            }
        }
        None => {}
    }
    if let Some(note) = &node.note {
        out.push_str(&format!("Ghi chú: {note}\n"));
    }
    let children: Vec<&Node> = catalogue.children(&node.code).collect();
    if !children.is_empty() {
        out.push_str("Mục con:\n");
        for child in children {
            out.push_str(&format!("  {} {} [{} đ]\n", child.code, child.title, points(child.max_points)));
        }
    }
    ctx.print_data(&out)
}

fn check(ctx: &Context, path: &Path) -> Result<()> {
    let catalogue = read_file(path)?;
    let periodic: f64 = catalogue.leaves().filter(|n| n.kind == NodeKind::Periodic).map(|n| n.max_points).sum();
    ctx.info(format!(
        "Tệp «{}» hợp lệ: bộ tiêu chí {} phiên bản {}, {} nội dung chấm điểm, tổng điểm định kỳ {}, {} mức xếp loại.",
        path.display(),
        catalogue.id,
        catalogue.version,
        catalogue.leaves().count(),
        points(periodic),
        catalogue.classification.bands.len()
    ));
    if (periodic - 100.0).abs() > 0.005 {
        messages::warn(format!(
            "tổng điểm định kỳ là {} chứ không phải 100; kết quả vẫn được quy về thang 100 điểm.",
            points(periodic)
        ));
    }
    Ok(())
}
