//! The README's walkthrough of a secretary's year is run verbatim, so that it never drifts from the tool.

use crate::common::Ward;

/// Splits one shell line into words: double quotes group, `#` outside quotes starts a comment.
fn words(line: &str) -> Vec<String> {
    let (mut out, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            '#' if !quoted => break,
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => (word, any) = (word + &c.to_string(), true),
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// The walkthrough's commands as scripts/lib/readme-walkthrough.sh extracts them (scripts/windows-check.sh runs the
/// same list under Wine), each split into its arguments.
#[cfg(unix)]
fn walkthrough() -> Vec<Vec<String>> {
    let root = env!("CARGO_MANIFEST_DIR");
    let script = format!("{root}/scripts/lib/readme-walkthrough.sh");
    let out = std::process::Command::new("bash").arg(script).arg(format!("{root}/README.md")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|line| words(line)[1..].to_vec()).collect()
}

#[cfg(unix)]
#[test]
fn the_secretarys_year_in_the_readme_runs_as_written() {
    let ward = Ward::empty();
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    std::os::unix::fs::symlink(examples, ward.path("examples")).unwrap();
    ward.ok(&["demo"]);
    let commands = walkthrough();
    assert!(commands.len() > 40, "{}", commands.len());
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ward.ok(&args);
    }
    assert!(ward.path("bao-cao-nam-2026.html").exists());
    assert!(ward.path("sao-luu-2026.db").exists());
}

#[test]
fn words_follow_shell_quoting() {
    assert_eq!(words(r#"cchc a "b c" d # e"#), ["cchc", "a", "b c", "d"]);
    assert_eq!(words(r#"x "" y"#), ["x", "", "y"]);
}
