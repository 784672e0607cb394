//! Every SQL statement is a literal with `?` parameters: a `format!` that builds SQL may only paste in constants
//! (SCREAMING_CASE, such as a shared column list) or an expression reviewed and listed in `REVIEWED`, never a
//! value. This reads the sources, so a statement built from user data fails the tests rather than waiting for a
//! review to catch it.

use std::path::Path;

const SQL_WORDS: &[&str] = &["SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", "PRAGMA ", " FROM "];

/// Expressions pasted into SQL that were read and found to yield only fixed SQL text.
const REVIEWED: &[(&str, &str)] = &[
    ("set.condition()", "src/store/reports.rs: one of two fixed conditions of `FindingSet`"),
    ("quoted_table", "src/store/maintenance.rs: a table name read from the database's own schema, quoted"),
];

/// `format!` calls in `source` whose template looks like SQL, with the pasted-in parts that are not constants.
fn sql_with_values(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(at) = source[offset..].find("format!(") {
        let start = offset + at + "format!(".len();
        let (template, len) = literal(&source[start..]);
        if SQL_WORDS.iter().any(|w| template.contains(w)) {
            let line = source[..start].matches('\n').count() + 1;
            let args = arguments(&source[start + len..]);
            let mut next = 0;
            for name in placeholders(&template) {
                let pasted = if name.is_empty() {
                    next += 1;
                    args.positional.get(next - 1).cloned().unwrap_or_default()
                } else if let Ok(i) = name.parse::<usize>() {
                    args.positional.get(i).cloned().unwrap_or_default()
                } else {
                    args.named.iter().find(|(n, _)| *n == name).map_or(name.clone(), |(_, e)| e.clone())
                };
                let constant = pasted.rsplit("::").next().is_some_and(|last| {
                    !last.is_empty() && last.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                });
                if !constant && !REVIEWED.iter().any(|(expr, _)| *expr == pasted) {
                    found.push((line, format!("«{pasted}» pasted into {template:?}")));
                }
            }
        }
        offset = start;
    }
    found
}

/// The string literal at the start of `text` (plain or raw), without its quotes, and the bytes it spans.
fn literal(text: &str) -> (String, usize) {
    let skipped = text.len() - text.trim_start().len();
    let text = text.trim_start();
    let (hashes, body, open) = match text.strip_prefix('r') {
        Some(raw) => {
            let hashes = raw.chars().take_while(|&c| c == '#').count();
            (Some(hashes), &raw[hashes..], 1 + hashes)
        }
        None => (None, text, 0),
    };
    let Some(body) = body.strip_prefix('"') else { return (String::new(), 0) };
    let (end, close) = match hashes {
        Some(n) => (body.find(&format!("\"{}", "#".repeat(n))), 1 + n),
        None => {
            let mut escaped = false;
            let end = body.char_indices().find_map(|(i, c)| match c {
                '\\' if !escaped => {
                    escaped = true;
                    None
                }
                '"' if !escaped => Some(i),
                _ => {
                    escaped = false;
                    None
                }
            });
            (end, 1)
        }
    };
    let end = end.unwrap_or(body.len());
    (body[..end].to_owned(), skipped + open + 1 + end + close)
}

#[derive(Default)]
struct Arguments {
    positional: Vec<String>,
    named: Vec<(String, String)>,
}

/// The arguments after a format string, up to the closing parenthesis of the macro.
fn arguments(text: &str) -> Arguments {
    let mut args = Arguments::default();
    let (mut depth, mut current) = (0i32, String::new());
    let push = |arg: &str, args: &mut Arguments| {
        let arg = arg.trim();
        if arg.is_empty() {
            return;
        }
        match arg.split_once('=').filter(|(n, e)| !e.starts_with('=') && !n.ends_with(['!', '<', '>', '='])) {
            Some((name, expr)) if name.trim().chars().all(|c| c.is_alphanumeric() || c == '_') => {
                args.named.push((name.trim().to_owned(), expr.trim().to_owned()))
            }
            _ => args.positional.push(arg.to_owned()),
        }
    };
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                push(&current, &mut args);
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    push(&current, &mut args);
    args
}

/// Names inside `{…}` (format arguments), `{{` being a literal brace.
fn placeholders(template: &str) -> Vec<String> {
    let unescaped = template.replace("{{", "").replace("}}", "");
    unescaped
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}'))
        .map(|(inside, _)| inside.split(':').next().unwrap_or("").trim().to_owned())
        .collect()
}

/// The source up to its inline `#[cfg(test)] mod … {`, which by convention ends the file.
fn without_inline_tests(source: &str) -> String {
    let mut cut = source.len();
    let mut from = 0;
    while let Some(at) = source[from..].find("#[cfg(test)]") {
        let at = from + at;
        let rest = source[at + "#[cfg(test)]".len()..].trim_start();
        let inline = rest.strip_prefix("mod ").and_then(|r| r.lines().next()).is_some_and(|l| l.contains('{'));
        if inline {
            cut = at;
            break;
        }
        from = at + 1;
    }
    source[..cut].to_owned()
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_sql_is_built_from_values() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut offenders = Vec::new();
    let mut statements = 0;
    for file in &files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.contains("test") {
            continue; // test code builds its own scratch databases
        }
        let source = without_inline_tests(&std::fs::read_to_string(file).expect("read source"));
        statements += ["prepare(", "execute(", "query_row(", "prepare_cached("]
            .iter()
            .map(|c| source.matches(c).count())
            .sum::<usize>();
        for (line, what) in sql_with_values(&source) {
            offenders.push(format!("{}:{line}: {what}", file.display()));
        }
    }
    assert!(
        files.len() > 20 && statements > 50,
        "{} files, {statements} statements: the scan found the sources",
        files.len()
    );
    assert!(offenders.is_empty(), "SQL built with values; use ?N parameters:\n{}", offenders.join("\n"));
}

#[test]
fn the_scan_catches_a_value_pasted_into_sql() {
    let with_tests = "let a = 1;\n#[cfg(test)]\nmod tests;\nfn f() {}\n#[cfg(test)]\nmod tests {\n    fn g() {}\n}\n";
    assert_eq!(without_inline_tests(with_tests), "let a = 1;\n#[cfg(test)]\nmod tests;\nfn f() {}\n");
    let bad = r#"let sql = format!("SELECT * FROM units WHERE code = '{code}'");"#;
    assert_eq!(sql_with_values(bad).len(), 1);
    let raw = r##"conn.execute(&format!(r#"DELETE FROM {table} WHERE id = ?1"#), [id])"##;
    assert_eq!(sql_with_values(raw).len(), 1);
    let good = r#"conn.query_row(&format!("{COLUMNS} WHERE id = ?1"), [id], row)"#;
    assert!(sql_with_values(good).is_empty());
    let positional = r#"format!("{} WHERE {} {}", findings::COLUMNS, set.condition(), findings::ORDER)"#;
    assert!(sql_with_values(positional).is_empty());
    let pasted = r#"format!("{} WHERE code = '{}'", units::COLUMNS, code.trim())"#;
    assert_eq!(sql_with_values(pasted), vec![(1, "«code.trim()» pasted into \"{} WHERE code = '{}'\"".to_owned())]);
    let named = r#"format!("SELECT {key} FROM {table}", key = "id", table = name)"#;
    assert_eq!(sql_with_values(named).len(), 2);
    let message = r#"format!("Đã nhập {n} đơn vị từ «{file}»")"#;
    assert!(sql_with_values(message).is_empty());
}
