//! `cchc report round|unit|year|selfassessment|followup`: the documents the Chairman signs, in every format.
//!
//! `--format json` prints the report's view model (the data, for machines: codes, ISO dates, plain numbers);
//! every other format prints the laid-out document (letterhead, numbered sections, tables, signature).

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::rc::Rc;

use anyhow::{Context as _, Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use rusqlite::Connection;

use crate::commands::args::parse_date;
use crate::commands::listing;
pub use crate::commands::report_dates::DateArgs;
use crate::commands::report_notices::{notices, recorded_later_notice, review_notice};
use crate::commands::report_text::{self, TextCommand};
use crate::commands::report_year;
use crate::commands::review;
use crate::context::Context;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::sources::RecordedLater;
use crate::messages;
use crate::report::build::{assessment, followup, round, round_doc, selfassessment, unit};
use crate::report::model::round::RoundReport;
use crate::report::model::settings::ReportSettings;
use crate::report::ready::{Layout, Ready};
use crate::report::write::{self, Format, RenderOptions};
use crate::store::lookup::{Directory, resolve};
use crate::store::{clarifications, evidence, report_texts, reports, round_decisions, rounds, settings};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    #[command(flatten)]
    Document(DocumentCommand),
    /// Phần đánh giá của báo cáo đợt, báo cáo năm: `text set` viết một mục (thay bản dự thảo của phần mềm),
    /// `text show` xem các mục, `text confirm` xác nhận bản dự thảo như đang có
    #[command(subcommand)]
    Text(TextCommand),
}

/// The reports proper, each built from one snapshot of the database.
#[derive(Debug, Subcommand)]
pub enum DocumentCommand {
    /// Báo cáo kết quả một đợt kiểm tra, trình Chủ tịch, các Phó Chủ tịch UBND
    Round(RoundArgs),
    /// Thông báo kết quả kiểm tra gửi một đơn vị: kết quả từng nội dung, việc phải khắc phục và thời hạn
    Unit(UnitArgs),
    /// Báo cáo cả năm: các đợt, Đợt 1 → Đợt 2, khắc phục, xếp hạng đơn vị, đề xuất xếp loại cán bộ
    Year(YearArgs),
    /// Bảng tự đánh giá, chấm điểm gửi tỉnh (lập từ Đợt 2)
    Selfassessment(YearArgs),
    /// Theo dõi khắc phục: tồn tại chưa khắc phục xong và số ngày quá hạn, theo đơn vị và cán bộ
    Followup(FollowupArgs),
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Định dạng: table (màn hình, mặc định), md, html, docx, xlsx, csv, json (dữ liệu cho máy)
    #[arg(long, value_parser = parse_format, value_name = "ĐỊNH_DẠNG")]
    pub format: Option<Format>,
    /// Ghi ra tệp; không có --format thì định dạng lấy theo đuôi tệp (.md .html .docx .xlsx .csv .json .txt)
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    pub output: Option<PathBuf>,
    /// Mẫu minijinja riêng cho md hoặc html (các biến: xem templates/ trong mã nguồn)
    #[arg(long, value_name = "TỆP")]
    pub template: Option<PathBuf>,
}

fn parse_format(text: &str) -> Result<Format, String> {
    text.parse().map_err(|e: write::WriteError| e.to_string())
}

#[derive(Debug, Args)]
pub struct RoundArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(flatten)]
    pub dates: DateArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct UnitArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Đơn vị (mã hoặc tên)
    #[arg(value_name = "ĐƠN_VỊ")]
    pub unit: String,
    #[command(flatten)]
    pub dates: DateArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct YearArgs {
    /// Năm, ví dụ 2026
    #[arg(value_name = "NĂM")]
    pub year: i32,
    #[command(flatten)]
    pub dates: DateArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FollowupArgs {
    /// Tính quá hạn đến ngày này, dd/mm/yyyy (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Ngày ký ghi trên dòng địa danh, ngày tháng dd/mm/yyyy (mặc định: để trống, điền khi ký)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub out: OutputArgs,
}

pub fn run(ctx: &Context, cmd: ReportCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let cmd = match cmd {
        ReportCommand::Text(text) => return report_text::run(ctx, &mut store, text),
        ReportCommand::Document(document) => document,
    };
    // The year report is written within the snapshot (while the review is counted); the others after it.
    let written = store.snapshot_pair(|store, twin| -> Result<_> {
        let (built, out) = match &cmd {
            DocumentCommand::Round(a) => {
                let (model, later, as_of) = round_model(ctx, &store.conn, &a.round, &a.dates)?;
                recorded_later_notice(later, as_of);
                let scope = model.round.id.clone();
                notices(&scope, round_doc::provisional(&model), &model.assessment);
                let stored = review::count_stored_points(ctx, &store.conn, &scope, &a.dates)?;
                review_notice(&scope, &a.dates, stored, &model.assessment);
                (ready_round(&store.conn, model, a.dates.date)?, &a.out)
            }
            DocumentCommand::Unit(a) => (build_unit(ctx, &store.conn, &a.round, &a.unit, &a.dates)?, &a.out),
            DocumentCommand::Year(a) => return report_year::write_year(ctx, &store.conn, twin, a).map(|()| None),
            DocumentCommand::Selfassessment(a) => (build_selfassessment(ctx, &store.conn, a.year, &a.dates)?, &a.out),
            DocumentCommand::Followup(a) => (build_followup(ctx, &store.conn, a.as_of, a.date)?, &a.out),
        };
        Ok(Some((built, out)))
    })?;
    let Some((built, out)) = written else { return Ok(()) };
    if unsigned(&built) {
        unsigned_notice();
    }
    emit(ctx, built, out)
}

pub(super) fn unsigned(built: &Ready) -> bool {
    built.settings().signer_name.trim().is_empty()
}

pub(super) fn unsigned_notice() {
    messages::warn("chưa đặt họ tên người ký; đặt bằng `cchc config set signer_name \"Họ và tên\"`.");
}

pub(super) fn report_settings(conn: &Connection) -> Result<ReportSettings> {
    Ok(ReportSettings::resolve(&settings::all(conn)?))
}

/// The round report's model with its assessment (the secretary's texts, else drafts), the findings it leaves out
/// for being recorded after its as-of day, and that day.
pub fn round_model(
    ctx: &Context,
    conn: &Connection,
    id: &str,
    dates: &DateArgs,
) -> Result<(RoundReport, RecordedLater, NaiveDate)> {
    let found = rounds::get(conn, id)?;
    let mut src = reports::load(conn, found.year, Some(&found.id))?;
    let as_of = dates.for_round(ctx.today(), &found);
    src.evidence = evidence::coverage(conn, &found.id, Some(as_of))?;
    src.clarifications = clarifications::list(conn, Some(&found.id), None)?;
    let later = src.as_of(as_of);
    let mut model = round::model(&src, &found.id, as_of)?;
    model.decision = round_decisions::get(conn, &found.id)?.map(|d| d.citation());
    model.assessment = assessment::of_round(&model, &report_texts::list(conn, &found.id)?);
    Ok((model, later, as_of))
}

fn ready_round(conn: &Connection, model: RoundReport, date: Option<NaiveDate>) -> Result<Ready> {
    let stem = format!("bao-cao-{}", model.round.id);
    Ok(Ready::new(Rc::new(model), report_settings(conn)?, date, Layout::Borrowed(round_doc::document), stem))
}

pub fn build_round(ctx: &Context, conn: &Connection, id: &str, dates: &DateArgs) -> Result<Ready> {
    let (model, later, as_of) = round_model(ctx, conn, id, dates)?;
    recorded_later_notice(later, as_of);
    ready_round(conn, model, dates.date)
}

pub fn build_unit(ctx: &Context, conn: &Connection, id: &str, query: &str, dates: &DateArgs) -> Result<Ready> {
    let found = rounds::get(conn, id)?;
    let (code, name) = resolve(conn, Directory::Units, query)?;
    let mut src = reports::load(conn, found.year, Some(&found.id))?;
    let as_of = dates.for_round(ctx.today(), &found);
    recorded_later_notice(src.as_of(as_of), as_of);
    if !src.scopes.iter().any(|(_, u)| *u == code) {
        bail!("{name} ({code}) không thuộc phạm vi đợt {}; xem `cchc round show {}`", found.id, found.id);
    }
    let model = unit::model(&src, &found.id, &code, as_of)?;
    let stem = format!("thong-bao-{}-{}", found.id, code);
    Ok(Ready::new(Rc::new(model), report_settings(conn)?, dates.date, Layout::Borrowed(unit::document), stem))
}

pub fn build_selfassessment(ctx: &Context, conn: &Connection, year_number: i32, dates: &DateArgs) -> Result<Ready> {
    let dot2 = RoundKind::Dot2.round_id(year_number, 1);
    let has_dot2 = ensure_rounds(conn, year_number)?.iter().any(|r| r.id == dot2);
    let mut src = reports::load(conn, year_number, has_dot2.then_some(dot2.as_str()))?;
    let as_of = dates.for_year(ctx.today(), year_number);
    if has_dot2 {
        src.evidence = evidence::coverage(conn, &dot2, Some(as_of))?;
    }
    recorded_later_notice(src.as_of(as_of), as_of);
    let model = selfassessment::model(&src, year_number)?;
    let stem = format!("tu-danh-gia-{year_number}");
    Ok(Ready::new(Rc::new(model), report_settings(conn)?, dates.date, Layout::Borrowed(selfassessment::document), stem))
}

pub fn build_followup(
    ctx: &Context,
    conn: &Connection,
    as_of: Option<NaiveDate>,
    date: Option<NaiveDate>,
) -> Result<Ready> {
    let as_of = as_of.unwrap_or_else(|| ctx.today());
    let mut src = reports::load_open(conn, as_of.year(), as_of)?;
    recorded_later_notice(src.as_of(as_of), as_of);
    let model = followup::model(&src, as_of);
    let stem = "theo-doi-khac-phuc".to_owned();
    Ok(Ready::new(Rc::new(model), report_settings(conn)?, date, Layout::Borrowed(followup::document), stem))
}

/// The year's rounds; an error naming the years that have some when it has none.
pub(super) fn ensure_rounds(conn: &Connection, year_number: i32) -> Result<Vec<Round>> {
    let of_year = rounds::list(conn, Some(year_number))?;
    if of_year.is_empty() {
        let years: Vec<String> = rounds::list(conn, None)?.iter().map(|r| r.year.to_string()).collect();
        let hint = if years.is_empty() {
            "Chưa có đợt nào; tạo bằng `cchc round new --kind dot1`.".to_owned()
        } else {
            let mut years = years;
            years.dedup();
            format!("Các năm đã có đợt kiểm tra: {}.", years.join(", "))
        };
        bail!("năm {year_number} chưa có đợt kiểm tra nào. {hint}");
    }
    Ok(of_year)
}

/// Renders `built` in the requested format to the requested place, and says where.
pub fn emit(ctx: &Context, built: Ready, out: &OutputArgs) -> Result<()> {
    let written = write_out(ctx, built, out)?;
    announce(ctx, written);
    Ok(())
}

/// "Đã ghi «…»." for a report written to a file (`write_out`'s path).
pub(super) fn announce(ctx: &Context, written: Option<&std::path::Path>) {
    if let Some(path) = written {
        ctx.info(format!("Đã ghi «{}».", path.display()));
    }
}

/// Renders `built` in the requested format to the requested place: the file's path when it went to one.
pub(super) fn write_out<'o>(ctx: &Context, built: Ready, out: &'o OutputArgs) -> Result<Option<&'o std::path::Path>> {
    let format = match (out.format, &out.output) {
        (Some(format), _) => format,
        (None, Some(path)) => Format::from_extension(path).with_context(|| {
            format!(
                "không biết định dạng của tệp «{}»: hãy dùng đuôi .md, .html, .docx, .xlsx, .csv, .json, .txt hoặc ghi rõ --format",
                path.display()
            )
        })?,
        (None, None) => Format::Table,
    };
    let template = match (&out.template, format) {
        (None, _) => None,
        (Some(path), Format::Markdown | Format::Html) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("không đọc được mẫu «{}» (cần tệp văn bản UTF-8)", path.display()))?,
        ),
        (Some(_), _) => bail!("--template chỉ dùng với định dạng md hoặc html"),
    };
    let to_terminal = out.output.is_none() && std::io::stdout().is_terminal();
    if format.is_binary() && to_terminal {
        bail!(
            "định dạng {} là tệp nhị phân, không in ra màn hình: hãy ghi ra tệp, ví dụ -o {}.{}",
            format.extension(),
            built.stem,
            format.extension()
        );
    }
    let options = match out.output {
        Some(_) => RenderOptions { template, width: None, color: false },
        None => RenderOptions { template, ..RenderOptions::for_stdout(listing::terminal_width()) },
    };
    // The view model is written as JSON; every other format lays out the document (the model let go as it is laid
    // out) and writes it as it is made.
    let write = |sink: &mut dyn Write| -> Result<()> {
        match format {
            Format::Json => built.write_json(sink),
            _ => Ok(write::render_to(built.into_document(), format, &options, sink)?),
        }
    };
    match &out.output {
        Some(path) => {
            crate::files::write_with(&ctx.db_path, path, format.kind(), |file| write(file))?;
            Ok(Some(path))
        }
        None => {
            let mut stdout = BufWriter::new(std::io::stdout().lock());
            write(&mut stdout)?;
            stdout.flush()?;
            Ok(None)
        }
    }
}
