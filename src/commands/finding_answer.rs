//! `cchc finding answer`: the answer given to a unit's proposal (a `kien-nghi` finding). A proposal is answered,
//! not remediated: it never takes the remediation statuses.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;

use crate::commands::args::parse_date;
use crate::context::Context;
use crate::domain::assessment::Level;
use crate::domain::date;
use crate::domain::finding::Finding;
use crate::domain::text::nfc;
use crate::store::Store;
use crate::store::report_texts::{self, AnswerUpdate};

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Mã kết luận loại kiến nghị, ví dụ 2026-dot1-F12
    #[arg(value_name = "MÃ_KẾT_LUẬN")]
    pub id: String,
    /// Ý kiến trả lời (ai trả lời, văn bản số…, nội dung)
    #[arg(long, allow_hyphen_values = true, value_name = "NỘI_DUNG")]
    pub text: Option<String>,
    /// Ngày trả lời dd/mm/yyyy (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date, requires = "text")]
    pub date: Option<NaiveDate>,
    /// Cấp giải quyết kiến nghị: phuong (UBND phường) hoặc tinh (mặc định: đoán theo nội dung)
    #[arg(long, value_enum, value_name = "CẤP")]
    pub level: Option<Level>,
}

pub fn answer(ctx: &Context, store: &mut Store, args: AnswerArgs) -> Result<()> {
    let text = args.text.as_deref().map(|t| nfc(t.trim()).into_owned());
    if text.as_deref().is_some_and(str::is_empty) {
        bail!("ý kiến trả lời trống: hãy ghi nội dung trả lời bằng --text \"…\"");
    }
    if text.is_none() && args.level.is_none() {
        bail!("cần --text \"ý kiến trả lời\" hoặc --level phuong|tinh");
    }
    let update = AnswerUpdate { answer: text.as_deref(), answered_on: args.date, addressed_to: args.level };
    let saved = store.write(|tx| report_texts::set_answer(tx, &args.id, &update))?;
    match (&saved.answer, saved.answered_on) {
        (Some(_), Some(on)) => {
            ctx.info(format!("Kiến nghị {}: đã trả lời ngày {}.", saved.finding_id, date::format(on)))
        }
        _ => ctx.info(format!("Kiến nghị {}: chưa trả lời.", saved.finding_id)),
    }
    if let Some(level) = saved.addressed_to {
        ctx.info(format!("Cấp giải quyết: {}.", level.label()));
    }
    Ok(())
}

/// What `finding show` prints of a proposal: the level it is addressed to and the answer, or how to give one.
pub fn answer_lines(store: &Store, f: &Finding) -> Result<String> {
    let answer = report_texts::answer_of(&store.conn, &f.id)?;
    let level = answer.as_ref().and_then(|a| a.addressed_to).unwrap_or_else(|| Level::guess(&f.text));
    let said = match answer.as_ref().and_then(|a| Some((a.answer.as_deref()?, a.answered_on))) {
        Some((said, Some(on))) => format!("Đã trả lời ngày {}: {said}", date::format(on)),
        Some((said, None)) => format!("Đã trả lời: {said}"),
        None => format!("Chưa trả lời (ghi bằng `cchc finding answer {} --text \"…\"`)", f.id),
    };
    Ok(format!("Cấp giải quyết: {}\n{said}\n", level.label()))
}
