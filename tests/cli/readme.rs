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

/// The commands a script of scripts/lib/ extracts (one a line, sh syntax), each split into its arguments:
/// readme-walkthrough.sh for the README's walkthrough (scripts/windows-check.sh runs HUONG-DAN's under Wine),
/// huong-dan-walkthrough.sh --sh for HUONG-DAN.txt's, the same year in cmd syntax made sh.
#[cfg(unix)]
fn walkthrough(script: &str, args: &[&str]) -> Vec<Vec<String>> {
    let root = env!("CARGO_MANIFEST_DIR");
    let out =
        std::process::Command::new("bash").arg(format!("{root}/scripts/lib/{script}")).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|line| words(line)[1..].to_vec()).collect()
}

/// Runs the commands in a fresh folder after `cchc demo`, as both walkthroughs say.
#[cfg(unix)]
fn runs_as_written(commands: &[Vec<String>]) {
    let ward = Ward::empty();
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    std::os::unix::fs::symlink(examples, ward.path("examples")).unwrap();
    ward.ok(&["demo"]);
    assert!(commands.len() > 40, "{}", commands.len());
    for args in commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ward.ok(&args);
    }
    assert!(ward.path("bao-cao-nam-2026.html").exists());
    assert!(ward.path("sao-luu-2026.db").exists());
}

#[cfg(unix)]
#[test]
fn the_secretarys_year_in_the_readme_runs_as_written() {
    let readme = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    runs_as_written(&walkthrough("readme-walkthrough.sh", &[readme]));
}

/// HUONG-DAN.txt's year is the README's, step for step, in cmd syntax (scripts/windows-check.sh runs it through
/// cmd.exe under Wine); here its commands run made sh, so that a step that stops working is seen without Wine.
#[cfg(unix)]
#[test]
fn the_secretarys_year_in_huong_dan_runs_and_matches_the_readme() {
    let readme = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let guide = walkthrough("huong-dan-walkthrough.sh", &["--sh"]);
    // The same steps: only the quotes PowerShell needs around a decimal comma differ.
    let unquoted = |commands: Vec<Vec<String>>| commands.into_iter().map(|c| c.join(" ")).collect::<Vec<_>>();
    assert_eq!(unquoted(guide.clone()), unquoted(walkthrough("readme-walkthrough.sh", &[readme])));
    runs_as_written(&guide);
}

#[test]
fn words_follow_shell_quoting() {
    assert_eq!(words(r#"cchc a "b c" d # e"#), ["cchc", "a", "b c", "d"]);
    assert_eq!(words(r#"x "" y"#), ["x", "", "y"]);
}
