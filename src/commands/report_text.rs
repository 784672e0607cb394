//! `cchc report text set|show|confirm`: the secretary's own text for the assessment sections of a round or year
//! report (ưu điểm, tồn tại hạn chế, nguyên nhân, kiến nghị, phương hướng), which replaces the program's draft.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};
use rusqlite::Connection;

use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::commands::report::{DateArgs, round_model};
use crate::commands::report_year::year_model;
use crate::context::Context;
use crate::domain::assessment::TextSection;
use crate::domain::text::nfc;
use crate::report::build::assessment::draft_text;
use crate::report::model::assessment::{AssessmentPart, Origin};
use crate::store::{Store, report_texts, rounds};

#[derive(Debug, Subcommand)]
pub enum TextCommand {
    /// Viết nội dung một mục đánh giá (thay bản dự thảo của phần mềm)
    Set(SetArgs),
    /// Các mục đánh giá của báo cáo: nội dung đang dùng và nguồn (đã viết, dự thảo đã xác nhận, dự thảo)
    Show(ShowArgs),
    /// Xác nhận bản dự thảo của phần mềm như đang có, để báo cáo không còn ghi «dự thảo»
    Confirm(ConfirmArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Mã đợt (báo cáo đợt, ví dụ 2026-dot2) hoặc năm (báo cáo năm, ví dụ 2026)
    #[arg(value_name = "ĐỢT|NĂM")]
    pub scope: String,
    /// Mục: uu-diem, han-che, nguyen-nhan, kien-nghi, phuong-huong (chỉ báo cáo năm)
    #[arg(long, value_enum, value_name = "MỤC")]
    pub section: TextSection,
    /// Nội dung (mỗi dòng một đoạn)
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "NỘI_DUNG",
        conflicts_with = "file",
        required_unless_present = "file"
    )]
    pub text: Option<String>,
    /// Đọc nội dung từ tệp văn bản UTF-8 (ví dụ .md, .txt), mỗi dòng một đoạn
    #[arg(long, value_name = "TỆP")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Mã đợt hoặc năm
    #[arg(value_name = "ĐỢT|NĂM")]
    pub scope: String,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// Mã đợt hoặc năm
    #[arg(value_name = "ĐỢT|NĂM")]
    pub scope: String,
    /// Mục cần xác nhận (lặp lại được)
    #[arg(long, value_enum, value_name = "MỤC", required_unless_present = "all")]
    pub section: Vec<TextSection>,
    /// Xác nhận mọi mục còn là dự thảo
    #[arg(long, conflicts_with = "section")]
    pub all: bool,
}

/// What a text is about: a round's report, or a year's.
enum Scope {
    Round(String),
    Year(i32),
}

impl Scope {
    /// A year is four digits; anything else names a round.
    fn parse(conn: &Connection, text: &str) -> Result<Scope> {
        let text = text.trim();
        if text.len() == 4
            && let Ok(year) = text.parse::<i32>()
        {
            if rounds::list(conn, Some(year))?.is_empty() {
                bail!("năm {year} chưa có đợt kiểm tra nào; xem `cchc round list`");
            }
            return Ok(Scope::Year(year));
        }
        Ok(Scope::Round(rounds::get(conn, text)?.id))
    }

    fn key(&self) -> String {
        match self {
            Scope::Round(id) => id.clone(),
            Scope::Year(year) => year.to_string(),
        }
    }

    fn round_id(&self) -> Option<&str> {
        match self {
            Scope::Round(id) => Some(id),
            Scope::Year(_) => None,
        }
    }

    /// The report's assessment as it stands: stored texts, else drafts.
    fn parts(&self, ctx: &Context, conn: &Connection) -> Result<Vec<AssessmentPart>> {
        Ok(match self {
            Scope::Round(id) => round_model(ctx, conn, id, &DateArgs::default())?.0.assessment,
            Scope::Year(year) => year_model(ctx, conn, *year, &DateArgs::default())?.assessment.clone(),
        })
    }
}

pub fn run(ctx: &Context, store: &mut Store, cmd: TextCommand) -> Result<()> {
    match cmd {
        TextCommand::Set(args) => set(ctx, store, args),
        TextCommand::Show(args) => show(ctx, store, &args),
        TextCommand::Confirm(args) => confirm(ctx, store, &args),
    }
}

/// Written on a closed round too: the report is written after the inspection is over, and every change is audited.
fn set(ctx: &Context, store: &mut Store, args: SetArgs) -> Result<()> {
    let scope = Scope::parse(&store.conn, &args.scope)?;
    if matches!(scope, Scope::Round(_)) && args.section == TextSection::PhuongHuong {
        bail!("mục phuong-huong (phương hướng, nhiệm vụ năm sau) chỉ có trong báo cáo năm: dùng năm thay cho mã đợt");
    }
    let raw = match (&args.text, &args.file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => std::fs::read_to_string(path).with_context(|| {
            format!(
                "không đọc được tệp «{}»: cần tệp văn bản UTF-8 (lưu lại bằng «UTF-8» trong trình soạn thảo)",
                path.display()
            )
        })?,
        (None, None) => bail!("cần --text \"…\" hoặc --file TỆP"),
    };
    let text = nfc(raw.trim_start_matches('\u{feff}').trim()).into_owned();
    if text.is_empty() {
        bail!("nội dung trống: hãy viết nội dung cho mục {}", args.section);
    }
    let changed =
        store.write(|tx| report_texts::set(tx, &scope.key(), scope.round_id(), args.section, &text, false))?;
    if changed {
        ctx.info(format!("Đã ghi mục «{}» của báo cáo {}.", args.section.title(), scope.key()));
    } else {
        ctx.info(format!("Mục «{}» đã có đúng nội dung này: không có gì thay đổi.", args.section.title()));
    }
    Ok(())
}

fn show(ctx: &Context, store: &Store, args: &ShowArgs) -> Result<()> {
    let scope = Scope::parse(&store.conn, &args.scope)?;
    let mut listing = Listing::new(vec![
        col("section", "Mục"),
        col("title", "Tên mục"),
        col("origin", "Nguồn"),
        col("text", "Nội dung"),
    ]);
    let table = args.output.format == ListFormat::Table;
    for part in scope.parts(ctx, &store.conn)? {
        let origin = match (part.origin, table) {
            (Origin::Written, true) => "thư ký viết",
            (Origin::Confirmed, true) => "dự thảo đã xác nhận",
            (Origin::Draft, true) => "dự thảo (chưa xác nhận)",
            (Origin::Written, false) => "written",
            (Origin::Confirmed, false) => "confirmed",
            (Origin::Draft, false) => "draft",
        };
        listing.push(vec![
            part.section.as_str().into(),
            part.title.into(),
            origin.into(),
            Value::Text(part.paragraphs.join("\n")),
        ]);
    }
    listing.emit(ctx, args.output.format)
}

fn confirm(ctx: &Context, store: &mut Store, args: &ConfirmArgs) -> Result<()> {
    let scope = Scope::parse(&store.conn, &args.scope)?;
    let parts = scope.parts(ctx, &store.conn)?;
    for wanted in &args.section {
        if !parts.iter().any(|p| p.section == *wanted) {
            bail!("báo cáo {} không có mục {wanted}", scope.key());
        }
    }
    let chosen: Vec<&AssessmentPart> =
        parts.iter().filter(|p| p.is_draft() && (args.all || args.section.contains(&p.section))).collect();
    if chosen.is_empty() {
        ctx.info("Không còn mục nào là dự thảo: không có gì để xác nhận.");
        return Ok(());
    }
    store.write(|tx| -> Result<()> {
        for part in &chosen {
            report_texts::set(tx, &scope.key(), scope.round_id(), part.section, &draft_text(part), true)?;
        }
        Ok(())
    })?;
    let names: Vec<&str> = chosen.iter().map(|p| p.title).collect();
    ctx.info(format!("Đã xác nhận bản dự thảo các mục: {}.", names.join(", ")));
    Ok(())
}
