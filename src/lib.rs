//! `cchc` as a library, so that the Criterion benchmarks (`benches/hot_paths.rs`) can call the hot paths through
//! [`bench`]; the program is `src/main.rs`, which calls [`main`]. Nothing else is public.

mod cli;
mod commands;
mod context;
mod domain;
mod examples;
mod exit;
mod files;
mod import;
mod interrupt;
pub mod memory;
mod messages;
mod platform;
mod report;
mod store;
mod usage;

#[doc(hidden)]
pub mod bench;

use std::process::ExitCode;

/// The whole program: parse the command line, run the command, map the outcome to an exit code.
pub fn main() -> ExitCode {
    platform::prepare_console();
    interrupt::install();
    exit::install_panic_hook();
    // The hook has printed the Vietnamese message; the code says "internal error" to a script.
    let code = match std::panic::catch_unwind(run) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(err)) => {
            if let Some(err) = err.error() {
                messages::print_error(err);
            }
            err.code()
        }
        Err(_) => exit::CliError::Internal.code(),
    };
    platform::pause_if_own_window();
    code
}

fn run() -> Result<(), exit::CliError> {
    if let Some(message) = cli::word_quotes() {
        eprintln!("{message}");
        return Err(exit::CliError::Usage);
    }
    let cli = match cli::parse() {
        Ok((_, Some(control))) => return Err(exit::CliError::Refused(anyhow::anyhow!(control))),
        Ok((cli, None)) => cli,
        Err(err) => {
            // Help and version are not errors; everything else clap rejects is a usage error (2).
            if !err.use_stderr() {
                print!("{}", usage::localize_help(&err.render().to_string()));
                return Ok(());
            }
            // A group called without its subcommand: its help is the most useful answer.
            if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                eprint!("{}", usage::localize_help(&err.render().to_string()));
            } else {
                eprintln!("{}", cli::usage_message(&err));
            }
            return Err(exit::CliError::Usage);
        }
    };
    // Reaches the panic hook from an end-to-end test; compiled out of release builds, so no user can.
    #[cfg(debug_assertions)]
    if std::env::var_os("CCHC_DEBUG_PANIC").is_some() {
        panic!("CCHC_DEBUG_PANIC");
    }
    let run = context::Context::new(cli.db, cli.actor.as_deref()).and_then(|ctx| commands::run(&ctx, cli.command));
    match run {
        Ok(()) => Ok(()),
        Err(err) if messages::is_broken_pipe(&err) => Ok(()),
        Err(err) => Err(err.into()),
    }
}
