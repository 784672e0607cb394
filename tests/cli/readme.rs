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
    let mut ran = Vec::new();
    for args in commands {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        ran.push((args.join(" "), ward.ok(&argv)));
    }
    assert!(ward.path("bao-cao-nam-2026.html").exists());
    assert!(ward.path("sao-luu-2026.db").exists());
    the_walkthrough_left_what_it_says(&ward, commands, &ran);
}

/// More than exit 0: every file a command writes (`-o`) is there and of its kind, and the key outputs say what the
/// README says they show.
#[cfg(unix)]
fn the_walkthrough_left_what_it_says(ward: &Ward, commands: &[Vec<String>], ran: &[(String, String)]) {
    let mut written = 0;
    for args in commands {
        let Some(i) = args.iter().position(|a| a == "-o") else { continue };
        let path = ward.path(&args[i + 1]);
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if path.is_dir() {
            let files = std::fs::read_dir(&path).unwrap().count();
            assert!(files > 0, "{}: an empty folder", path.display());
        } else {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let ok = match ext {
                "docx" | "xlsx" => bytes.starts_with(b"PK"),
                "html" => String::from_utf8_lossy(&bytes).contains("<html"),
                _ => !bytes.is_empty(),
            };
            assert!(ok, "{} is not a {ext} file", path.display());
        }
        written += 1;
    }
    assert!(written >= 10, "only {written} files written by the walkthrough");
    let output = |prefix: &str| {
        ran.iter()
            .find(|(line, _)| line.starts_with(prefix))
            .map(|(_, out)| out.as_str())
            .unwrap_or_else(|| panic!("the walkthrough no longer runs `{prefix}`"))
    };
    assert!(output("check").contains("đạt"), "{}", output("check"));
    let year = std::fs::read_to_string(ward.path("bao-cao-nam-2026.html")).unwrap();
    assert!(year.contains("Thành Sen") && year.contains("2026"), "the year report names the ward and the year");
    let backup = rusqlite::Connection::open(ward.path("sao-luu-2026.db")).unwrap();
    let rounds: i64 = backup.query_row("SELECT count(*) FROM rounds", [], |r| r.get(0)).unwrap();
    assert_eq!(rounds, 3, "the backup holds the year's three rounds");
    let log = output("log --round 2026-dot1");
    assert!(log.lines().count() > 10 && log.contains("2026-dot1"), "{log}");
    let findings = ward.json(&["finding", "list", "--round", "2026-dot1"]);
    let f07 = findings.as_array().unwrap().iter().find(|f| f["id"] == "2026-dot1-F07").expect("F07 was added");
    assert_eq!(f07["status"], "da-xac-minh", "{f07}");
    let rounds = ward.json(&["round", "list"]);
    assert!(rounds.as_array().unwrap().iter().any(|r| r["id"] == "2026-dot1" && r["status"] == "closed"), "{rounds}");
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
