//! `cchc clarify ask|answer|list`: what the team asks a unit to clarify (giải trình), and the unit's answers;
//! files sent with an answer are stored as evidence of the item asked about.

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::commands::args::parse_date;
use crate::commands::evidence::intake::{Incoming, Target, attach, target};
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::context::Context;
use crate::domain::text::nfc;
use crate::store::clarifications::{self, NewClarification};
use crate::store::{Store, evidence, rounds};

#[derive(Debug, Subcommand)]
pub enum ClarifyCommand {
    /// Yêu cầu đơn vị giải trình (về một nội dung hoặc chung), có hạn trả lời; in ra mã yêu cầu
    Ask(AskArgs),
    /// Ghi ý kiến giải trình của đơn vị, kèm tệp (lưu làm tài liệu kiểm chứng của nội dung)
    Answer(AnswerArgs),
    /// Danh sách yêu cầu giải trình
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Đơn vị (mã hoặc tên)
    #[arg(value_name = "ĐƠN_VỊ")]
    pub unit: String,
    /// Nội dung kiểm tra cần làm rõ, ví dụ 1.1.5 (bỏ trống: yêu cầu chung)
    #[arg(value_name = "MÃ_TIÊU_CHÍ")]
    pub item: Option<String>,
    /// Nội dung cần giải trình
    #[arg(long, allow_hyphen_values = true, value_name = "NỘI_DUNG")]
    pub text: String,
    /// Hạn trả lời dd/mm/yyyy
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Ngày yêu cầu dd/mm/yyyy (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Mã yêu cầu, ví dụ 2026-dot1-GT01
    #[arg(value_name = "MÃ_YÊU_CẦU")]
    pub id: String,
    /// Ý kiến giải trình của đơn vị
    #[arg(long, allow_hyphen_values = true, value_name = "NỘI_DUNG")]
    pub text: String,
    /// Tệp kèm theo (lưu làm tài liệu kiểm chứng của nội dung được hỏi)
    #[arg(long = "file", value_name = "TỆP")]
    pub files: Vec<PathBuf>,
    /// Ngày đơn vị giải trình dd/mm/yyyy (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Chỉ yêu cầu của đợt này
    #[arg(value_name = "ĐỢT")]
    pub round: Option<String>,
    /// Chỉ yêu cầu chưa được giải trình
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub output: FormatArg,
}

pub fn run(ctx: &Context, cmd: ClarifyCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        ClarifyCommand::Ask(args) => ask(ctx, &mut store, &args).map(drop),
        ClarifyCommand::Answer(args) => answer(ctx, &mut store, &args),
        ClarifyCommand::List(args) => list(ctx, &store, &args),
    }
}

fn clean(text: &str, what: &str) -> Result<String> {
    let text = nfc(text.trim()).into_owned();
    if text.is_empty() {
        bail!("cần {what} (--text \"…\")");
    }
    Ok(text)
}

/// Records a request and prints its id; returns the id.
pub fn ask(ctx: &Context, store: &mut Store, args: &AskArgs) -> Result<String> {
    let (round, unit, criterion) = target(store, &args.round, &args.unit, args.item.as_deref())?;
    round.ensure_open()?;
    let question = clean(&args.text, "nội dung cần giải trình")?;
    let new = NewClarification {
        round_id: &round.id,
        unit_code: &unit,
        criterion: criterion.as_deref(),
        question: &question,
        due: args.due,
        asked_on: args.on.unwrap_or(ctx.today()),
    };
    let asked = store.write(|tx| clarifications::ask(tx, &new))?;
    let due = asked.due.map(|d| format!(", hạn trả lời {}", d.format("%d/%m/%Y"))).unwrap_or_default();
    ctx.info(format!("Đã ghi yêu cầu giải trình {} gửi {unit}{due}.", asked.id));
    ctx.print_data(&format!("{}\n", asked.id))?;
    Ok(asked.id)
}

pub fn answer(ctx: &Context, store: &mut Store, args: &AnswerArgs) -> Result<()> {
    let asked = clarifications::get(&store.conn, &args.id)?;
    let text = clean(&args.text, "ý kiến giải trình")?;
    let target = match (&asked.criterion, args.files.is_empty()) {
        (_, true) => None,
        (Some(item), false) => {
            let round = rounds::get(&store.conn, &asked.round_id)?;
            Some(Target { round, unit: asked.unit_code.clone(), criterion: item.clone() })
        }
        (None, false) => bail!(
            "yêu cầu {} không gắn với nội dung nào nên tệp kèm không biết lưu cho nội dung nào; hãy dùng `cchc evidence add {} {} MÃ_TIÊU_CHÍ TỆP…`",
            asked.id,
            asked.round_id,
            asked.unit_code
        ),
    };
    let max = evidence::max_size(&store.conn)?;
    let on = args.on.unwrap_or(ctx.today());
    let (answered, files) = store.write(|tx| {
        let answered = clarifications::answer(tx, &asked.id, &text, on)?;
        let mut files = 0;
        if let Some(target) = &target {
            for path in &args.files {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let file = Incoming { path, name: &name, received_on: on, note: "", clarification: Some(&asked.id) };
                files += usize::from(attach(tx, target, &file, max)?.row.is_some());
            }
        }
        anyhow::Ok((answered, files))
    })?;
    let files = if files > 0 { format!(", {files} tệp lưu làm tài liệu kiểm chứng") } else { String::new() };
    ctx.info(format!("Đã ghi ý kiến giải trình của {} cho yêu cầu {}{files}.", answered.unit_code, answered.id));
    Ok(())
}

fn list(ctx: &Context, store: &Store, args: &ListArgs) -> Result<()> {
    let round = args.round.as_deref().map(|r| rounds::get(&store.conn, r)).transpose()?;
    let all = clarifications::list(&store.conn, round.as_ref().map(|r| r.id.as_str()), None)?;
    let today = ctx.today();
    let shown: Vec<_> = all.iter().filter(|c| !args.open || c.answered_by(today).is_none()).collect();
    let table = args.output.format == ListFormat::Table;
    let mut listing = Listing::new(vec![
        col("id", "Mã"),
        col("unit", "Đơn vị"),
        col("criterion", "Nội dung"),
        col("question", "Yêu cầu giải trình"),
        col("asked_on", "Ngày yêu cầu"),
        col("due", "Hạn"),
        col("status", "Tình trạng"),
        col("answer", "Ý kiến giải trình"),
        col("answered_on", "Ngày trả lời"),
    ]);
    for c in &shown {
        let status = c.status(today);
        let status = if table { status.label() } else { status.code() };
        listing.push(vec![
            c.id.clone().into(),
            c.unit_code.clone().into(),
            Value::from(c.criterion.clone()),
            c.question.clone().into(),
            Value::Date(Some(c.asked_on)),
            Value::Date(c.due),
            status.into(),
            Value::from(c.answer.as_ref().map(|a| a.text.clone())),
            Value::Date(c.answer.as_ref().map(|a| a.on)),
        ]);
    }
    if shown.is_empty() {
        ctx.info("Không có yêu cầu giải trình nào khớp điều kiện.");
    }
    listing.emit(ctx, args.output.format)
}
