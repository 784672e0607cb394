//! Help that reads as one language: every command's help (walked from `cchc --help`) has Vietnamese placeholders
//! only and ends with real examples; `cchc help …` works as in cargo and git.

use crate::common::Ward;

/// The subcommands listed under «Lệnh:» in a help text.
fn subcommands(help: &str) -> Vec<String> {
    let section = help.split("\nLệnh:\n").nth(1).unwrap_or("");
    section
        .lines()
        .take_while(|l| l.starts_with("  ") || l.is_empty())
        .filter_map(|l| l.strip_prefix("  ").and_then(|l| l.split_whitespace().next()))
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .map(str::to_owned)
        .collect()
}

fn walk(ward: &Ward, path: Vec<String>, seen: &mut Vec<(String, String)>) {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    let help = ward.ok(&args);
    let name = path.join(" ");
    for sub in subcommands(&help) {
        let mut next = path.clone();
        next.push(sub);
        walk(ward, next, seen);
    }
    seen.push((name, help));
}

/// A placeholder `<…>` or `[…]` written in capitals that is plain ASCII: English (`<FILE>`, `<ROUND>`).
fn english_placeholders(help: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (open, close) in [('<', '>'), ('[', ']')] {
        for piece in help.split(open).skip(1) {
            let Some(inner) = piece.split(close).next() else { continue };
            let word = inner.trim_end_matches("...");
            if !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                found.push(format!("{open}{inner}{close}"));
            }
        }
    }
    found
}

#[test]
fn every_command_help_is_vietnamese_and_ends_with_examples() {
    let ward = Ward::empty();
    let mut seen = Vec::new();
    walk(&ward, Vec::new(), &mut seen);
    assert!(seen.len() > 60, "only {} commands walked", seen.len());
    let mut problems = Vec::new();
    for (name, help) in &seen {
        let english = english_placeholders(help);
        if !english.is_empty() {
            problems.push(format!("cchc {name}: {}", english.join(" ")));
        }
        let examples = help.split("\nVí dụ:\n").nth(1).unwrap_or("");
        if !examples.lines().any(|l| l.starts_with("  cchc ")) {
            problems.push(format!("cchc {name}: no «Ví dụ:» at the foot"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn help_names_each_placeholder_one_way() {
    let ward = Ward::empty();
    let all = [["score", "set"], ["report", "round"], ["round", "show"], ["assign", "add"]]
        .map(|cmd| ward.ok(&[cmd[0], cmd[1], "--help"]))
        .join("\n");
    for old in ["<MÃ_ĐỢT>", "<ROUND>", "<CRITERION>", "<FILE>", "<MÃ>"] {
        assert!(!all.contains(old), "{old} still in the help");
    }
    assert!(all.contains("<ĐỢT>") && all.contains("<MÃ_TIÊU_CHÍ>"), "{all}");
}

#[test]
fn help_as_a_command_is_the_help_of_the_command() {
    let ward = Ward::empty();
    assert_eq!(ward.ok(&["help", "round"]), ward.ok(&["round", "--help"]));
    assert_eq!(ward.ok(&["help", "round", "team", "add"]), ward.ok(&["round", "team", "add", "--help"]));
    assert_eq!(ward.ok(&["help"]), ward.ok(&["--help"]));
    insta::assert_snapshot!("help_score_unset", ward.ok(&["help", "score", "unset"]));
}

#[test]
fn demo_help_does_not_offer_db() {
    let ward = Ward::empty();
    let help = ward.ok(&["demo", "--help"]);
    assert!(!help.contains("--db") && help.contains("--out"), "{help}");
    assert!(ward.ok(&["unit", "--help"]).contains("--db"));
}
