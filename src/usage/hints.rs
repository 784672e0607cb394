//! What a usage error adds for a person new to the command line: the commands there are (for a word that is none
//! of them, with the nearest), the values an option takes, and the quotes Word puts in a pasted command.

use clap::Command;

use crate::domain::text::fold;

/// Vietnamese words a secretary may type for a command, folded (no marks, no spaces), and the command meant.
const WORDS: &[(&str, &str)] = &[
    ("nhap", "unit import (cũng có: official import, assign import, selfreport import, score import)"),
    ("donvi", "unit"),
    ("canbo", "official"),
    ("phancong", "assign"),
    ("dot", "round"),
    ("dotkiemtra", "round"),
    ("tieuchi", "criteria"),
    ("diem", "score"),
    ("chamdiem", "score"),
    ("ketluan", "finding"),
    ("kiennghi", "finding"),
    ("baocao", "report"),
    ("vanban", "paper"),
    ("giayto", "paper"),
    ("tukiemtra", "selfreport"),
    ("saoluu", "backup"),
    ("khoiphuc", "restore"),
    ("kiemtra", "check"),
    ("nhatky", "log"),
    ("thietlap", "config"),
    ("caidat", "config"),
    ("khoitao", "init"),
    ("mau", "demo"),
    ("xemthu", "demo"),
];

/// The command nearest to `word` among those of `cmd` (`path` as typed): a Vietnamese word for one, or the closest
/// spelling.
pub fn nearest(cmd: &Command, path: &str, word: &str) -> Option<String> {
    let folded: String = fold(word).chars().filter(|c| c.is_alphanumeric()).collect();
    let meant = WORDS.iter().find(|(w, _)| path == "cchc" && *w == folded).map(|(_, c)| (*c).to_owned());
    let nearest = meant.or_else(|| {
        visible(cmd)
            .map(|s| (strsim::jaro_winkler(&folded, s.get_name()), s.get_name()))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name.to_owned())
    });
    nearest.map(|n| format!("{path} {n}"))
}

/// The commands of `cmd`, one a line with what each does; `None` for a command without subcommands.
pub fn command_list(cmd: &Command, path: &str) -> Option<String> {
    visible(cmd).next()?;
    let width = visible(cmd).map(|s| s.get_name().chars().count()).max().unwrap_or(0);
    let mut text = format!("Các lệnh của «{path}»:\n");
    for sub in visible(cmd) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        text.push_str(&format!("  {:<width$}  {about}\n", sub.get_name()));
    }
    text.push_str(&format!("Trợ giúp của một lệnh: {} LỆNH", path.replacen("cchc", "cchc help", 1)));
    Some(text)
}

fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// The values of each option `names` lists (as clap shows them: "--kind <LOẠI>"), with their meaning if given.
pub fn values_of(cmd: &Command, names: &str) -> String {
    let mut text = String::new();
    for arg in cmd.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        let flag = format!("--{long}");
        let named = names.split(", ").any(|n| n == flag || n.starts_with(&format!("{flag} ")));
        let values = arg.get_possible_values();
        if !named || values.is_empty() {
            continue;
        }
        let shown: Vec<String> = values
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| match v.get_help() {
                Some(help) => format!("{} ({help})", v.get_name()),
                None => v.get_name().to_owned(),
            })
            .collect();
        text.push_str(&format!("\n{flag} nhận một trong các giá trị: {}", shown.join(", ")));
    }
    text
}

/// Word and Outlook turn " into “ ” (and ' into ‘ ’); a command copied from a document then reaches cchc with
/// those characters at the ends of its words, and cmd.exe splits the quoted text at its spaces. Such an argument
/// starts with an opening quote that never closes in it, ends with a closing one that never opened, or is wrapped
/// whole in them; a quotation inside a text ("… “Dân vận khéo” …") is left alone.
pub fn word_quotes(args: &[String]) -> Option<String> {
    let suspect = |arg: &str| {
        let starts = arg.starts_with(['“', '‘']);
        let ends = arg.ends_with(['”', '’']);
        let inner = |a: &str| a.chars().skip(1).collect::<String>();
        (starts && ends && arg.chars().count() > 1)
            || (starts && !inner(arg).contains(['”', '’']))
            || (ends && !arg.chars().rev().skip(1).any(|c| c == '“' || c == '‘'))
    };
    let first = args.iter().skip(1).find(|a| suspect(a))?;
    Some(format!(
        "Lỗi cú pháp: «{first}» có dấu ngoặc kiểu Word (“ ” hoặc ‘ ’), thường gặp khi chép lệnh từ Word hay thư \
         điện tử. Cửa sổ lệnh chỉ hiểu dấu ngoặc kép thẳng (\"), nên lệnh đã bị cắt sai chỗ; không có gì được ghi.\n\
         Hãy gõ lại dấu ngoặc bằng bàn phím, ví dụ:\n  {}",
        corrected(args)
    ))
}

/// The command as it was meant: each run of words between Word's quotes becomes one argument in straight quotes.
fn corrected(args: &[String]) -> String {
    let mut out: Vec<String> = vec!["cchc".to_owned()];
    let mut group: Option<Vec<String>> = None;
    for arg in args.iter().skip(1) {
        let opens = arg.starts_with(['“', '‘']);
        let stripped = arg.trim_start_matches(['“', '‘']).trim_end_matches(['”', '’']).to_owned();
        let closes = arg.ends_with(['”', '’']);
        match group.as_mut() {
            Some(words) => words.push(stripped),
            None if opens => group = Some(vec![stripped]),
            None => out.push(if arg.contains(' ') || closes { format!("\"{stripped}\"") } else { arg.clone() }),
        }
        if closes && let Some(words) = group.take() {
            out.push(format!("\"{}\"", words.join(" ")));
        }
    }
    if let Some(words) = group {
        out.push(format!("\"{}\"", words.join(" ")));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn words_between_word_quotes_become_one_argument() {
        let line = args("cchc config set signer_name “Trần Thị Thủy Nga”");
        let message = word_quotes(&line).unwrap();
        assert!(message.contains("«“Trần»"), "{message}");
        assert!(message.ends_with("cchc config set signer_name \"Trần Thị Thủy Nga\""), "{message}");
    }

    #[test]
    fn a_quotation_inside_a_text_is_not_word_s_quotes() {
        let line = vec!["cchc".into(), "--text".into(), "Mô hình “Dân vận khéo” được nhân rộng".into()];
        assert_eq!(word_quotes(&line), None);
        assert_eq!(word_quotes(&args("cchc unit show VP")), None);
        assert!(word_quotes(&args("cchc unit show ‘VP’")).unwrap().ends_with("cchc unit show \"VP\""));
    }
}
