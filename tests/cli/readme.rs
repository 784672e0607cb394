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
    let mut ran = Vec::new();
    for args in &commands {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        ran.push((args.join(" "), ward.ok(&argv)));
    }
    assert!(ward.path("bao-cao-nam-2026.html").exists());
    assert!(ward.path("sao-luu-2026.db").exists());
    the_walkthrough_left_what_it_says(&ward, &commands, &ran);
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

#[test]
fn words_follow_shell_quoting() {
    assert_eq!(words(r#"cchc a "b c" d # e"#), ["cchc", "a", "b c", "d"]);
    assert_eq!(words(r#"x "" y"#), ["x", "", "y"]);
}
