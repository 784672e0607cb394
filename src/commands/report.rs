//! `cchc report round|unit|year|selfassessment|followup`: the documents the Chairman signs, in every format.
//!
//! `--format json` prints the report's view model (the data, for machines: codes, ISO dates, plain numbers);
//! every other format prints the laid-out document (letterhead, numbered sections, tables, signature).

use std::collections::{HashMap, HashSet};
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
use crate::commands::review;
use crate::context::Context;
use crate::domain::catalogue::Catalogue;
use crate::domain::date;
use crate::domain::finding::Finding;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::sources::RecordedLater;
use crate::messages;
use crate::report::build::Index;
use crate::report::build::year_tally::{Sums, Tally};
use crate::report::build::{
    assessment, followup, round, round_doc, selfassessment, unit, year, year_compare, year_doc,
};
use crate::report::model::round::RoundReport;
use crate::report::model::settings::ReportSettings;
use crate::report::model::year::YearReport;
use crate::report::ready::{Layout, Ready};
use crate::report::write::{self, Format, RenderOptions};
use crate::store::lookup::{Directory, resolve};
use crate::store::{
    assignments, clarifications, evidence, report_texts, reports, reports_compare, reports_year, round_decisions,
    rounds, settings,
};

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
    let (built, out) = store.snapshot_pair(|store, twin| -> Result<_> {
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
            DocumentCommand::Year(a) => {
                let (model, built, stored) = build_year(ctx, &store.conn, twin, a.year, &a.dates)?;
                notices(&a.year.to_string(), model.provisional.clone(), &model.assessment);
                review_notice(&a.year.to_string(), &a.dates, stored, &model.assessment);
                (built, &a.out)
            }
            DocumentCommand::Selfassessment(a) => (build_selfassessment(ctx, &store.conn, a.year, &a.dates)?, &a.out),
            DocumentCommand::Followup(a) => (build_followup(ctx, &store.conn, a.as_of, a.date)?, &a.out),
        };
        Ok((built, out))
    })?;
    if built.settings().signer_name.trim().is_empty() {
        messages::warn("chưa đặt họ tên người ký; đặt bằng `cchc config set signer_name \"Họ và tên\"`.");
    }
    emit(ctx, built, out)
}

fn report_settings(conn: &Connection) -> Result<ReportSettings> {
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

/// The year report, and how many review points the stored data hold (`review::count_stored_points`). The scores and self
/// points are summed as they stream from the store, never loaded; given a `twin` connection reading the same
/// snapshot (`Store::snapshot_pair`), they are summed and the review's rows read on the other core while this one
/// reads the findings and builds the report.
pub fn build_year(
    ctx: &Context,
    conn: &Connection,
    twin: Option<Connection>,
    year_number: i32,
    dates: &DateArgs,
) -> Result<(Rc<YearReport>, Ready, usize)> {
    let (model, built, later, stored) = year_counted(ctx, conn, twin, year_number, dates, true)?;
    recorded_later_notice(later, dates.for_year(ctx.today(), year_number));
    Ok((model, built, stored))
}

/// The year report, the findings left out for being recorded after its as-of day and, when `reviewed`, how many
/// review points the stored data hold.
fn year_counted(
    ctx: &Context,
    conn: &Connection,
    twin: Option<Connection>,
    year_number: i32,
    dates: &DateArgs,
    reviewed: bool,
) -> Result<(Rc<YearReport>, Ready, RecordedLater, usize)> {
    ensure_rounds(conn, year_number)?;
    let as_of = dates.for_year(ctx.today(), year_number);
    let mut src = reports_year::load_directory(conn, year_number)?;
    // A round that starts after the as-of day has not been held on it: its scores and findings are left out.
    src.rounds.retain(|r| r.start <= as_of);
    if src.rounds.is_empty() {
        bail!(
            "đến ngày {} chưa có đợt kiểm tra nào của năm {year_number} bắt đầu: chưa có gì để báo cáo (xem `cchc round list`; báo cáo ngày khác: --as-of dd/mm/yyyy)",
            date::format(as_of)
        );
    }
    let held: HashSet<String> = src.rounds.iter().map(|r| r.id.clone()).collect();
    let mut later = RecordedLater::default();
    // The review's rounds are counted by both threads, each taking the next when it is free (`review::PointCount`).
    let review = reviewed.then(|| review::PointCount::new(ctx, conn, &year_number.to_string(), dates)).transpose()?;
    let (model, stored) = std::thread::scope(|scope| -> Result<(YearReport, usize)> {
        let (sums_sent, sums_come) = std::sync::mpsc::sync_channel(1);
        let other_core = twin.map(|twin| {
            // The other thread's own copies: a few dozen rounds and one or two catalogues.
            let (rounds, catalogues) = (src.rounds.clone(), src.catalogues.clone());
            let review = review.as_ref();
            scope.spawn(move || -> Result<usize> {
                // The sums first, which the report waits for.
                let _ = sums_sent.send(year_sums(&twin, year_number, &rounds, &catalogues));
                review.map_or(Ok(0), |count| count.rounds(&twin, review::Take::SmallestFirst))
            })
        });
        reports_year::load_finding_context(conn, year_number, &mut src)?;
        src.answers_as_of(as_of);
        let ix = Index::new(&src);
        let mut stored = 0;
        let review_one = |take| review.as_ref().and_then(|count| count.one_round(conn, take));
        // While the other thread sums the scores, this one reviews a large round and reads the findings; then small
        // rounds until the sums come. The other thread takes what is left of the review once it has handed them over.
        if other_core.is_some()
            && let Some(count) = review_one(review::Take::LargestFirst)
        {
            stored += count?;
        }
        let followed_up = reports_year::count_followed_up(conn, year_number)?;
        let each = |each: &mut dyn FnMut(Finding)| {
            let kept = |f: Finding| {
                if held.contains(&f.round_id) && later.keep(&f, as_of) {
                    each(f);
                }
            };
            Ok(reports_year::for_each_finding(conn, year_number, kept)?)
        };
        let latest = reports_year::latest_events(conn, year_number, as_of)?;
        let found = year::findings(&ix, as_of, latest, (followed_up, each))?;
        let sums = match &other_core {
            Some(_) => {
                let mut sums = sums_come.try_recv().ok();
                while sums.is_none() {
                    match review_one(review::Take::AdHocOnly) {
                        Some(count) => stored += count?,
                        None => break,
                    }
                    sums = sums_come.try_recv().ok();
                }
                // Nothing comes only when the other thread panicked: the scope passes its panic on as it ends.
                sums.map_or_else(|| sums_come.recv(), Ok)
                    .unwrap_or_else(|_| bail!("lỗi nội bộ: luồng tính tổng điểm dừng giữa chừng"))
            }
            None => year_sums(conn, year_number, &src.rounds, &src.catalogues),
        };
        let mut report = year::model(&ix, sums?, year_number)?;
        found.into_report(&ix, &mut report);
        let previous = reports_compare::basis(conn, year_number - 1)?;
        let current = if previous.is_some() { reports_compare::basis(conn, year_number)? } else { None };
        let carried = reports_compare::carried_into_year(conn, year_number)?;
        report.previous_year = year_compare::model(&ix, year_number, (previous, current), carried, as_of);
        report.assessment = assessment::of_year(&report, &report_texts::list(conn, &year_number.to_string())?);
        if let Some(count) = &review {
            stored += count.rounds(conn, review::Take::SmallestFirst)? + count.later(conn)?;
        }
        if let Some(other) = other_core {
            stored += other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        }
        Ok((report, stored))
    })?;
    crate::memory::release_freed();
    let model = Rc::new(model);
    let stem = format!("bao-cao-nam-{year_number}");
    let built =
        Ready::new(Rc::clone(&model), report_settings(conn)?, dates.date, Layout::Owned(year_doc::document), stem);
    Ok((model, built, later, stored))
}

/// The year report's model with its assessment.
pub fn year_model(ctx: &Context, conn: &Connection, year_number: i32, dates: &DateArgs) -> Result<Rc<YearReport>> {
    Ok(year_counted(ctx, conn, None, year_number, dates, false)?.0)
}

/// The sums of the year's scores and self points, and who answers for each item.
fn year_sums(
    conn: &Connection,
    year_number: i32,
    rounds: &[Round],
    catalogues: &HashMap<String, Catalogue>,
) -> Result<Sums> {
    let mut tally = Tally::new(rounds, catalogues);
    assignments::for_each(conn, |unit, criterion, official| tally.assign(unit, criterion, official))?;
    reports_year::for_each_score(conn, year_number, &mut tally)?;
    Ok(tally.finish())
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
fn ensure_rounds(conn: &Connection, year_number: i32) -> Result<Vec<Round>> {
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

/// Renders `built` in the requested format to the requested place.
pub fn emit(ctx: &Context, built: Ready, out: &OutputArgs) -> Result<()> {
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
            ctx.info(format!("Đã ghi «{}».", path.display()));
            Ok(())
        }
        None => {
            let mut stdout = BufWriter::new(std::io::stdout().lock());
            write(&mut stdout)?;
            Ok(stdout.flush()?)
        }
    }
}
