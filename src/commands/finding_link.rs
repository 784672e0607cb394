//! `cchc finding link`: says that a unit's proposal repeats one it made in an earlier round. Reports never guess
//! the link: a repeat is listed with the first as context, and answered on its own.

use anyhow::Result;
use clap::Args;

use crate::context::Context;
use crate::store::Store;
use crate::store::findings;

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Mã kiến nghị nêu lại, ví dụ 2026-dot2-F05
    #[arg(value_name = "MÃ_KẾT_LUẬN")]
    pub id: String,
    /// Mã kiến nghị đã nêu ở đợt trước mà kiến nghị này nhắc lại, ví dụ 2026-dot1-F12
    #[arg(long, value_name = "MÃ_KẾT_LUẬN", required_unless_present = "none", conflicts_with = "none")]
    pub repeats: Option<String>,
    /// Bỏ liên kết: kiến nghị này không nhắc lại kiến nghị nào
    #[arg(long)]
    pub none: bool,
}

pub fn link(ctx: &Context, store: &mut Store, args: &LinkArgs) -> Result<()> {
    let linked = store.write(|tx| findings::link(tx, &args.id, args.repeats.as_deref()))?;
    match &linked.repeats {
        Some(first) => ctx.info(format!("Đã ghi: kiến nghị {} nhắc lại kiến nghị {first}.", linked.id)),
        None => ctx.info(format!("Đã bỏ liên kết: kiến nghị {} không nhắc lại kiến nghị nào.", linked.id)),
    }
    Ok(())
}
