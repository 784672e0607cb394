//! `cchc criteria export|import|load`: the catalogue out to a workbook, back from it, and into the database as a
//! new version.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;

use super::{SourceArgs, read_file};
use crate::context::Context;
use crate::domain::catalogue::Catalogue;
use crate::domain::catalogue_toml;
use crate::import::catalogue_workbook;
use crate::store::catalogues;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Phiên bản trong cơ sở dữ liệu (MÃ@PHIÊN_BẢN, xem `criteria versions`) hoặc một tệp TOML; mặc định: phiên bản
    /// các đợt mới đang dùng
    #[arg(long, value_name = "MÃ@PHIÊN_BẢN")]
    pub catalogue: Option<String>,
    /// Tệp Excel cần tạo (.xlsx)
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Tệp Excel (.xlsx) hoặc LibreOffice (.ods) đã sửa
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
    /// Ghi bộ tiêu chí thành tệp TOML này; bỏ trống thì in ra màn hình
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Tệp bộ tiêu chí: TOML, hoặc Excel/LibreOffice do `criteria export` tạo rồi sửa
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
}

pub fn export(ctx: &Context, args: ExportArgs) -> Result<()> {
    if !has_extension(&args.output, &["xlsx"]) {
        bail!("Tệp xuất «{}» phải có đuôi .xlsx (Excel; LibreOffice cũng mở được)", args.output.display());
    }
    let catalogue = match &args.catalogue {
        Some(spec) if Path::new(spec).is_file() => read_file(Path::new(spec))?,
        Some(spec) => {
            if !ctx.db_path.exists() {
                bail!("Chưa có cơ sở dữ liệu «{}» để tìm bộ tiêu chí «{spec}»", ctx.db_path.display());
            }
            catalogues::find(&ctx.store()?.conn, spec)?.1
        }
        None => super::load(ctx, &SourceArgs { catalogue: None })?,
    };
    super::workbook::write(&catalogue, &ctx.db_path, &args.output)?;
    ctx.info(format!(
        "Đã ghi «{}»: bộ tiêu chí {} phiên bản {}, {} dòng. Sửa xong, hãy tăng «Phiên bản» ở trang «Thông tin» rồi chạy `cchc criteria load {}`.",
        args.output.display(),
        catalogue.id,
        catalogue.version,
        catalogue.nodes.len(),
        args.output.display()
    ));
    Ok(())
}

pub fn import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let catalogue = read_workbook(&args.file)?;
    let canonical = catalogue_toml::canonical(&catalogue);
    let text = format!(
        "# Bộ tiêu chí {} phiên bản {}: tạo bằng `cchc criteria import` từ tệp «{}».\n\n{canonical}",
        catalogue.id,
        catalogue.version,
        crate::import::display_name(&args.file)
    );
    describe(ctx, &args.file, &catalogue, &catalogues::hash(&canonical));
    match &args.output {
        Some(path) => {
            crate::files::write(&ctx.db_path, path, crate::files::Kind::Text("toml"), text.as_bytes())?;
            ctx.info(format!("Đã ghi «{}».", path.display()));
            Ok(())
        }
        None => ctx.print_data(&text),
    }
}

pub fn load(ctx: &Context, args: LoadArgs) -> Result<()> {
    let catalogue = if has_extension(&args.file, &["xlsx", "ods", "xlsm"]) {
        read_workbook(&args.file)?
    } else {
        read_file(&args.file)?
    };
    let mut store = ctx.store()?;
    let spec = format!("{}@{}", catalogue.id, catalogue.version);
    let known = catalogues::find(&store.conn, &spec).is_ok();
    let file_name = crate::import::display_name(&args.file);
    let hash = store.write(|tx| catalogues::load(tx, &file_name, &catalogue))?;
    let short = &hash[..12.min(hash.len())];
    if known {
        ctx.info(format!(
            "Bộ tiêu chí {spec} đã có trong cơ sở dữ liệu (mã băm {short}); các đợt mới dùng phiên bản này."
        ));
    } else {
        ctx.info(format!(
            "Đã nạp bộ tiêu chí {spec} (mã băm {short}, {} nội dung chấm điểm). Các đợt mới dùng phiên bản này; các đợt đã tạo giữ phiên bản của mình. Xem thay đổi: cchc criteria diff.",
            catalogue.leaves().count()
        ));
    }
    Ok(())
}

fn read_workbook(path: &Path) -> Result<Catalogue> {
    Ok(catalogue_workbook::read(path)?)
}

fn describe(ctx: &Context, path: &Path, catalogue: &Catalogue, hash: &str) {
    ctx.info(format!(
        "Tệp «{}» hợp lệ: bộ tiêu chí {} phiên bản {}, {} nội dung chấm điểm, mã băm {}.",
        path.display(),
        catalogue.id,
        catalogue.version,
        catalogue.leaves().count(),
        &hash[..12]
    ));
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}
