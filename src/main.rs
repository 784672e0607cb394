//! `cchc`: the administrative-reform inspection programme of a ward, from the terminal.

mod cli;
mod commands;
mod context;
mod domain;
mod import;
mod output;
mod report;
mod store;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version are not errors; everything else clap rejects is a usage error (2).
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&err);
            ExitCode::from(1)
        }
    }
}
