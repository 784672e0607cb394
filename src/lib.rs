//! `cchc` as a library, so that the Criterion benchmarks (`benches/hot_paths.rs`) can call the hot paths through
//! [`bench`]; the program is `src/main.rs`, which calls [`main`]. Nothing else is public.

mod cli;
mod commands;
mod context;
mod domain;
mod import;
mod messages;
mod report;
mod store;
mod usage;

#[doc(hidden)]
pub mod bench;

use std::process::ExitCode;

/// The whole program: parse the command line, run the command, map the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version are not errors; everything else clap rejects is a usage error (2).
            if !err.use_stderr() {
                print!("{}", usage::localize_help(&err.render().to_string()));
                return ExitCode::SUCCESS;
            }
            // A group called without its subcommand: its help is the most useful answer.
            if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                eprint!("{}", usage::localize_help(&err.render().to_string()));
                return ExitCode::from(2);
            }
            eprintln!("{}", usage::message(&err));
            return ExitCode::from(2);
        }
    };
    let run = context::Context::new(cli.db, cli.actor.as_deref()).and_then(|ctx| commands::run(&ctx, cli.command));
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if messages::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            messages::print_error(&err);
            ExitCode::from(1)
        }
    }
}
