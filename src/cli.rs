//! Command-line surface: global options and Vietnamese help. The command enum lives beside its dispatch in
//! `commands/mod.rs`; each command group's arguments beside its code in `commands/<verb>.rs`.

use std::path::PathBuf;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches, Parser};

use crate::commands::Commands;

#[derive(Debug, Parser)]
#[command(
    name = "cchc",
    version,
    about = "Kiểm tra cải cách hành chính (CCHC) của phường: bộ tiêu chí, đợt kiểm tra, tự kiểm tra, chấm điểm, kết luận và báo cáo."
)]
pub struct Cli {
    /// Tệp cơ sở dữ liệu (mặc định: biến CCHC_DB, nếu không có thì ./cchc.db)
    #[arg(long, global = true, env = "CCHC_DB", default_value = "cchc.db", value_name = "TỆP")]
    pub db: PathBuf,

    /// Người thực hiện, ghi vào nhật ký (mặc định: biến CCHC_USER, nếu không có thì người dùng máy)
    #[arg(long = "by", global = true, value_name = "TÊN")]
    pub actor: Option<String>,

    #[command(subcommand)]
    pub command: Commands,
}

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Parses the command line with Vietnamese help headings on every subcommand.
pub fn parse() -> Result<Cli, clap::Error> {
    let matches = localize(Cli::command(), true).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

fn localize(cmd: Command, root: bool) -> Command {
    // Args under a custom heading are listed by display order; positionals have none, so number them in
    // declaration order to keep `<ĐỢT> <ĐƠN_VỊ> <MÃ>` in the help as in the usage line.
    let mut position = 0;
    let mut cmd = cmd
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("In trợ giúp"))
        .mut_args(|arg| {
            if arg.get_help_heading().is_some() {
                arg
            } else if arg.is_positional() {
                position += 1;
                arg.help_heading("Đối số").display_order(position)
            } else {
                arg.help_heading("Tùy chọn")
            }
        });
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản")
                .help_heading("Tùy chọn"),
        );
    }
    cmd.mut_subcommands(|sub| localize(sub, false))
}
