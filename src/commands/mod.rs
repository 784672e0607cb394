//! One module per command group: its clap arguments and the code that runs it.

pub mod assign;
pub mod criteria;
pub mod demo;
pub mod directory_import;
pub mod init;
pub mod official;
pub mod round;
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
        Commands::Selfreport(cmd) => selfreport::run(&ctx, cmd),
    }
}
