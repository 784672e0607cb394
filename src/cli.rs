//! Command-line surface: global options and Vietnamese help. The command enum lives beside its dispatch in
//! `commands/mod.rs`; each command group's arguments beside its code in `commands/<verb>.rs`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory, FromArgMatches, Parser};

use crate::commands::Commands;

#[derive(Debug, Parser)]
#[command(
    name = "cchc",
    version,
    about = "Kiểm tra cải cách hành chính (CCHC) của phường: bộ tiêu chí, đợt kiểm tra, tự kiểm tra, chấm điểm, kết luận và báo cáo."
)]
pub struct Cli {
    /// Tệp cơ sở dữ liệu (mặc định: biến CCHC_DB, nếu không có thì ./cchc.db)
    #[arg(long, global = true, env = "CCHC_DB", hide_env_values = true, default_value = "cchc.db", value_name = "TỆP")]
    pub db: PathBuf,

    /// Người thực hiện, ghi vào nhật ký (mặc định: biến CCHC_USER, nếu không có thì người dùng máy)
    #[arg(long = "by", global = true, value_name = "TÊN", value_parser = crate::commands::args::parse_actor)]
    pub actor: Option<String>,

    #[command(subcommand)]
    pub command: Commands,
}

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Parses the command line with Vietnamese help headings and examples on every subcommand; with it, the refusal of
/// a value typed with a control character, if any (before any command runs, so nothing is written).
///
/// Localizing the whole tree (help template, headings, examples of some 150 commands) was a tenth of the start-up of
/// `cchc score list`: only the commands the words name are localized first. When clap accepts the line within them,
/// the result is the whole tree's, since a parse consults no other command; anything else (help, version, an error,
/// a word taken otherwise than as a command) is parsed again against the whole localized tree, whose help and
/// messages the person then sees.
pub fn parse() -> Result<(Cli, Option<String>), clap::Error> {
    let args = help_as_flag(std::env::args_os().collect());
    let (mut cmd, named) = command_along(&args);
    if let Ok(matches) = cmd.try_get_matches_from_mut(&args)
        && named.starts_with(&matched(&matches))
    {
        let parsed = (Cli::from_arg_matches(&matches)?, typed_control(&cmd, &matches));
        // Freeing the tree of some 150 commands node by node was a twentieth of `score list`'s start-up; the
        // process ends with the command it runs, and the system takes the memory back whole.
        std::mem::forget(cmd);
        return Ok(parsed);
    }
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    Ok((Cli::from_arg_matches(&matches)?, typed_control(&cmd, &matches)))
}

/// The command tree with only the commands the words name localized (found as `reached` finds them), and their names.
fn command_along(args: &[OsString]) -> (Command, Vec<String>) {
    let cmd = Cli::command();
    let (mut named, mut at) = (Vec::new(), &cmd);
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = at.find_subcommand(arg) {
            named.push(sub.get_name().to_owned());
            at = sub;
        }
    }
    let cmd = localize(cmd, "", Some(&named));
    (cmd, named)
}

/// The names of the (sub)commands clap matched, outermost first.
fn matched(matches: &ArgMatches) -> Vec<String> {
    let (mut names, mut at) = (Vec::new(), matches);
    while let Some((name, sub)) = at.subcommand() {
        names.push(name.to_owned());
        at = sub;
    }
    names
}

/// The first value holding a control character (an escape sequence or a bell pasted from a terminal), told by its
/// option. Every text a command stores (names, notes, finding texts) arrives here, so one check covers them all.
fn typed_control(cmd: &Command, matches: &ArgMatches) -> Option<String> {
    for arg in cmd.get_arguments() {
        let Ok(Some(mut values)) = matches.try_get_raw(arg.get_id().as_str()) else { continue };
        let what = match (arg.get_long(), arg.get_value_names().and_then(|names| names.first())) {
            (Some(long), _) => format!("Tùy chọn --{long}"),
            (None, Some(name)) => format!("Đối số {name}"),
            (None, None) => format!("Đối số {}", arg.get_id()),
        };
        if let Some(message) = values.find_map(|v| crate::domain::text::typed_control(&what, &v.to_string_lossy())) {
            return Some(message);
        }
    }
    let (name, sub) = matches.subcommand()?;
    typed_control(cmd.find_subcommand(name)?, sub)
}

/// The Vietnamese message for a usage error of this run's command line, with the commands and option values of
/// the (sub)command it reached.
pub fn usage_message(err: &clap::Error) -> String {
    let (cmd, path) = reached(&help_as_flag(std::env::args_os().collect()));
    crate::usage::message(err, &cmd, &path)
}

/// Word's quotes in this run's command line, caught before clap splits the words wrongly (see `usage::word_quotes`).
pub fn word_quotes() -> Option<String> {
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    crate::usage::word_quotes(&args)
}

/// The deepest subcommand the words name, and its path as typed (`cchc round schedule`).
fn reached(args: &[OsString]) -> (Command, String) {
    let (mut cmd, mut path) = (command(), "cchc".to_owned());
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = cmd.find_subcommand(arg).cloned() {
            path = format!("{path} {}", sub.get_name());
            cmd = sub;
        }
    }
    (cmd, path)
}

fn command() -> Command {
    localize(Cli::command(), "", None)
}

/// `cchc help round team` as in cargo and git: the same as `cchc round team --help`.
fn help_as_flag(mut args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// Localizes `cmd` (at `path`) and its subcommands: all of them, or with `along`, only the chain it names.
fn localize(cmd: Command, path: &str, along: Option<&[String]>) -> Command {
    // Args under a custom heading are listed by display order; positionals have none, so number them in
    // declaration order to keep `<ĐỢT> <ĐƠN_VỊ> <MÃ_TIÊU_CHÍ>` in the help as in the usage line.
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
    if let Some(examples) = crate::examples::after_help(path) {
        cmd = cmd.after_help(examples);
    }
    match path {
        "" => {
            cmd = cmd.disable_version_flag(true).arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("In phiên bản")
                    .help_heading("Tùy chọn"),
            );
        }
        // The demo writes its own database in --out: a local, hidden --db keeps the global one out of its help
        // (clap does not propagate a global arg to a command that has one of the same id) and refuses a value.
        "demo" => {
            cmd = cmd.arg(Arg::new("db").long("db").hide(true).value_parser(|_: &str| {
                Err::<String, _>("lệnh demo ghi cơ sở dữ liệu mẫu vào thư mục --out, không dùng --db")
            }));
        }
        _ => {}
    }
    cmd.mut_subcommands(|sub| {
        let along = match along {
            None => None,
            Some([next, rest @ ..]) if next == sub.get_name() => Some(rest),
            Some(_) => return sub,
        };
        let name = sub.get_name().to_owned();
        localize(sub, if path.is_empty() { name } else { format!("{path} {name}") }.as_str(), along)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits an example as a shell would (double quotes only; a `>` redirection ends the command).
    fn words(line: &str) -> Vec<String> {
        let line = line.split(" > ").next().unwrap_or(line);
        let (mut words, mut word, mut quoted) = (Vec::new(), String::new(), false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ' ' if !quoted => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
                c => word.push(c),
            }
        }
        words.extend((!word.is_empty()).then_some(word));
        words
    }

    #[test]
    fn every_example_in_the_help_is_a_valid_command_line() {
        let (mut checked, mut wrong) = (0, Vec::new());
        for path in crate::examples::paths() {
            let help = crate::examples::after_help(path).unwrap_or_default();
            for line in help.lines().filter_map(|l| l.strip_prefix("  ")) {
                let args = help_as_flag(words(line).into_iter().map(OsString::from).collect());
                match command().try_get_matches_from(&args) {
                    Ok(_) => {}
                    Err(err) if !err.use_stderr() => {} // `cchc help round` prints help
                    Err(err) => wrong.push(format!("{line}: {}", err.kind())),
                }
                checked += 1;
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert!(checked > 60, "{checked}");
    }

    #[test]
    fn the_tree_localized_along_the_words_parses_every_example_as_the_whole_tree() {
        let mut checked = 0;
        for path in crate::examples::paths() {
            let help = crate::examples::after_help(path).unwrap_or_default();
            for line in help.lines().filter_map(|l| l.strip_prefix("  ")) {
                let args: Vec<OsString> = words(line).into_iter().map(OsString::from).collect();
                let Ok(whole) = command().try_get_matches_from(&args) else { continue };
                let (cmd, named) = command_along(&args);
                let along = cmd.try_get_matches_from(&args).expect(line);
                assert!(named.starts_with(&matched(&along)), "{line}");
                let parsed = |m: &ArgMatches| format!("{:?}", Cli::from_arg_matches(m).expect(line));
                assert_eq!(parsed(&along), parsed(&whole), "{line}");
                checked += 1;
            }
        }
        assert!(checked > 60, "{checked}");
    }

    #[test]
    fn help_as_a_word_is_the_help_flag() {
        let args = help_as_flag(["cchc", "help", "round", "team"].map(OsString::from).to_vec());
        assert_eq!(args, ["cchc", "round", "team", "--help"].map(OsString::from).to_vec());
    }
}
