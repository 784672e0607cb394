//! `cchc selfreport template|import|show|status`: the units' self-reports (báo cáo tự kiểm tra), sent to the
//! inspection team before each round (section IV.1.c of the plan).

pub mod import;
mod status;
mod template;

use anyhow::Result;
use clap::Subcommand;

use crate::context::Context;

#[derive(Debug, Subcommand)]
pub enum SelfreportCommand {
    /// Tạo mẫu báo cáo tự kiểm tra (XLSX hoặc CSV) để đơn vị điền
    Template(template::TemplateArgs),
    /// Nhập báo cáo tự kiểm tra của đơn vị (CSV, XLSX hoặc ODS; tất cả hoặc không gì cả)
    Import(import::ImportArgs),
    /// Xem báo cáo tự kiểm tra của một đơn vị (bản hiện hành hoặc một bản cũ)
    Show(status::ShowArgs),
    /// Tình hình nộp báo cáo: đúng hạn, muộn, chưa nộp
    Status(status::StatusArgs),
}

pub fn run(ctx: &Context, cmd: SelfreportCommand) -> Result<()> {
    match cmd {
        SelfreportCommand::Template(args) => template::run(ctx, args),
        SelfreportCommand::Import(args) => import::run(ctx, args),
        SelfreportCommand::Show(args) => status::show(ctx, args),
        SelfreportCommand::Status(args) => status::status(ctx, args),
    }
}
