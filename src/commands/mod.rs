//! One module per command group: its clap arguments and the code that runs it.

pub mod assessment_demo;
pub mod assign;
pub mod backup;
pub mod config;
pub mod criteria;
pub mod demo;
pub mod directory_import;
pub mod finding;
pub mod finding_answer;
pub mod gen_scale;
pub mod init;
pub mod inspection_demo;
pub mod log;
pub mod official;
pub mod report;
pub mod report_text;
pub mod restore;
pub mod round;
pub mod round_schedule;
pub mod score;
pub mod score_totals;
pub mod selfreport;
pub mod unit;

use anyhow::Result;

use crate::cli::{Cli, Commands};
use crate::context::Context;

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(&cli)?;
    match cli.command {
        Commands::Init(args) => init::run(&ctx, args),
        Commands::Demo(args) => demo::run(&ctx, args),
        Commands::Criteria(cmd) => criteria::run(&ctx, cmd),
        Commands::Unit(cmd) => unit::run(&ctx, cmd),
        Commands::Official(cmd) => official::run(&ctx, cmd),
        Commands::Assign(cmd) => assign::run(&ctx, cmd),
        Commands::Round(cmd) => round::run(&ctx, cmd),
        Commands::Score(cmd) => score::run(&ctx, cmd),
        Commands::Finding(cmd) => finding::run(&ctx, cmd),
        Commands::Log(args) => log::run(&ctx, args),
        Commands::Backup(args) => backup::backup(&ctx, args),
        Commands::Restore(args) => restore::run(&ctx, args),
        Commands::Check(out) => backup::check(&ctx, out),
        Commands::Report(cmd) => report::run(&ctx, cmd),
        Commands::Config(cmd) => config::run(&ctx, cmd),
        Commands::Selfreport(cmd) => selfreport::run(&ctx, cmd),
        Commands::GenScale(args) => gen_scale::run(&ctx, args),
    }
}
