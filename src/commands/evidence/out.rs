//! `evidence extract` (a folder per unit and item) and `evidence pack` (one ZIP with its index): the files go out
//! streamed from the database, under names safe on Windows.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::Args;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::intake::target;
use crate::commands::listing::{Listing, Value, col};
use crate::context::Context;
use crate::domain::evidence::{FileKind, safe_name};
use crate::report::write::xml_escape;
use crate::store::evidence::{self, Evidence, Filter};
use crate::store::{Store, catalogues, rounds};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Chỉ đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Thư mục ghi ra (tạo nếu chưa có)
    #[arg(short = 'o', long = "out", value_name = "THƯ_MỤC")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// Mã đợt (ví dụ 2026-dot1) hoặc năm (ví dụ 2026: mọi đợt của năm)
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Chỉ đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Xếp theo từng mã tiêu chí (một thư mục mỗi nội dung), như khi nộp lên tỉnh
    #[arg(long)]
    pub for_province: bool,
    /// Tệp ZIP ghi ra
    #[arg(short = 'o', long = "out", value_name = "TỆP")]
    pub out: PathBuf,
}

/// The files chosen, each with the path it takes inside the folder or archive, and the items' titles.
struct Selection {
    files: Vec<(Evidence, String)>,
    titles: HashMap<(String, String), String>,
}

fn select(store: &Store, round: &str, unit: Option<&str>, by_item: bool) -> Result<Selection> {
    let ids: Vec<String> = match round.trim().parse::<i32>() {
        Ok(year) => rounds::list(&store.conn, Some(year))?.into_iter().map(|r| r.id).collect(),
        Err(_) => vec![rounds::get(&store.conn, round)?.id],
    };
    let unit = match (unit, ids.first()) {
        (Some(u), Some(first)) => Some(target(store, first, u, None)?.1),
        _ => None,
    };
    let filter = Filter { rounds: &ids, unit: unit.as_deref(), criterion: None };
    let found = store.snapshot(|s| evidence::list(&s.conn, &filter))?;
    let mut titles = HashMap::new();
    for id in &ids {
        let round = rounds::get(&store.conn, id)?;
        let catalogue = catalogues::get(&store.conn, &round.catalogue_hash)?;
        for e in found.iter().filter(|e| &e.round_id == id) {
            let title = catalogue.get(&e.criterion).map(|n| n.title.clone()).unwrap_or_default();
            titles.insert((e.round_id.clone(), e.criterion.clone()), title);
        }
    }
    let several_rounds = ids.len() > 1;
    let mut taken = HashSet::new();
    let files = found
        .into_iter()
        .map(|e| {
            let mut folders = Vec::new();
            if several_rounds {
                folders.push(safe_name(&e.round_id));
            }
            if !by_item {
                folders.push(safe_name(&e.unit_code));
            }
            folders.push(safe_name(&e.criterion));
            let name = if by_item { format!("{} - {}", e.unit_code, e.name) } else { e.name.clone() };
            let path = unique(&mut taken, &folders.join("/"), &safe_name(&name));
            (e, path)
        })
        .collect();
    Ok(Selection { files, titles })
}

/// `folder/name`, or `folder/name (2).ext` when two different files came under the same name.
fn unique(taken: &mut HashSet<String>, folder: &str, name: &str) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let mut n = 1;
    loop {
        let candidate = if n == 1 { format!("{folder}/{name}") } else { format!("{folder}/{stem} ({n}){ext}") };
        if taken.insert(candidate.to_lowercase()) {
            return candidate;
        }
        n += 1;
    }
}

pub fn extract(ctx: &Context, store: &Store, args: &ExtractArgs) -> Result<()> {
    let selection = select(store, &args.round, args.unit.as_deref(), false)?;
    for (e, path) in &selection.files {
        let to = args.out.join(path);
        let folder = to.parent().unwrap_or(&args.out);
        std::fs::create_dir_all(folder).with_context(|| format!("Không tạo được thư mục «{}»", folder.display()))?;
        crate::files::write_with(&ctx.db_path, &to, crate::files::Kind::of_name(&to), |out| {
            evidence::copy_to(&store.conn, &e.sha256, out).map(drop).map_err(anyhow::Error::from)
        })?;
    }
    ctx.info(format!("Đã xuất {} tệp kiểm chứng vào «{}».", selection.files.len(), args.out.display()));
    Ok(())
}

pub fn pack(ctx: &Context, store: &Store, args: &PackArgs) -> Result<()> {
    let selection = select(store, &args.round, args.unit.as_deref(), args.for_province)?;
    if selection.files.is_empty() {
        bail!("không có tệp kiểm chứng nào để đóng gói ({}); xem `cchc evidence list`", args.round);
    }
    let index = index(&selection);
    crate::files::write_with(&ctx.db_path, &args.out, crate::files::Kind::Sample("zip"), |out| {
        let mut zip = ZipWriter::new(out);
        for (e, path) in &selection.files {
            // Already-compressed kinds are stored as they are: deflating them again costs time for nothing.
            let method = match e.kind {
                FileKind::Txt | FileKind::Ole => CompressionMethod::Deflated,
                _ => CompressionMethod::Stored,
            };
            let options = SimpleFileOptions::default().compression_method(method).large_file(e.size >= u32::MAX as u64);
            zip.start_file(path.as_str(), options)?;
            evidence::copy_to(&store.conn, &e.sha256, &mut zip)?;
        }
        zip.start_file("muc-luc.csv", SimpleFileOptions::default())?;
        zip.write_all(index.to_labelled_csv()?.as_bytes())?;
        zip.start_file("muc-luc.html", SimpleFileOptions::default())?;
        zip.write_all(html(&selection, &args.round).as_bytes())?;
        zip.finish()?;
        anyhow::Ok(())
    })?;
    ctx.info(format!(
        "Đã đóng gói {} tệp kiểm chứng và mục lục (muc-luc.html, muc-luc.csv) vào «{}».",
        selection.files.len(),
        args.out.display()
    ));
    Ok(())
}

fn index(selection: &Selection) -> Listing {
    let mut listing = Listing::new(vec![
        col("round", "Đợt"),
        col("unit", "Đơn vị"),
        col("criterion", "Mã tiêu chí"),
        col("title", "Nội dung"),
        col("file", "Tệp"),
        col("size", "Dung lượng (byte)"),
        col("sha256", "SHA-256"),
    ]);
    for (e, path) in &selection.files {
        let title = selection.titles.get(&(e.round_id.clone(), e.criterion.clone())).cloned().unwrap_or_default();
        listing.push(vec![
            e.round_id.clone().into(),
            e.unit_code.clone().into(),
            e.criterion.clone().into(),
            title.into(),
            path.clone().into(),
            Value::Integer(i64::try_from(e.size).unwrap_or(i64::MAX)),
            e.sha256.clone().into(),
        ]);
    }
    listing
}

/// The index as a page that opens in any browser, each file a link into the unpacked folder.
fn html(selection: &Selection, what: &str) -> String {
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Mục lục tài liệu kiểm chứng {0}</title>\
         <style>body{{font-family:'Times New Roman',serif}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:2px 6px}}</style>\
         </head><body>\n<h1>Mục lục tài liệu kiểm chứng {0}</h1>\n<table>\n<tr><th>STT</th><th>Đợt</th><th>Đơn vị</th>\
         <th>Mã tiêu chí</th><th>Nội dung</th><th>Tệp</th><th>Dung lượng (byte)</th><th>SHA-256</th></tr>\n",
        xml_escape(what)
    );
    for (n, (e, path)) in selection.files.iter().enumerate() {
        let title = selection.titles.get(&(e.round_id.clone(), e.criterion.clone())).map(String::as_str).unwrap_or("");
        let path = xml_escape(path);
        page.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{path}\">{path}</a></td><td>{}</td><td><code>{}</code></td></tr>\n",
            n + 1,
            xml_escape(&e.round_id),
            xml_escape(&e.unit_code),
            xml_escape(&e.criterion),
            xml_escape(title),
            e.size,
            e.sha256
        ));
    }
    page.push_str("</table>\n</body></html>\n");
    page
}
