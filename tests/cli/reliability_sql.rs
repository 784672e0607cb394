//! Every SQL statement is a literal with `?` parameters: a `format!` that builds SQL may only paste in constants
//! (SCREAMING_CASE, such as a shared column list), never a value. This reads the sources, so a statement built
//! from user data fails the build's tests rather than waiting for a review to catch it.

use std::path::Path;

const SQL_WORDS: &[&str] = &["SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", "PRAGMA ", " FROM "];

/// `format!` calls in `source` whose template looks like SQL, with the placeholders that are not constants.
fn sql_with_values(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(at) = rest.find("format!(") {
        let start = at + "format!(".len();
        let template = literal(&rest[start..]);
        if SQL_WORDS.iter().any(|w| template.contains(w)) {
            let line = source[..offset + at].matches('\n').count() + 1;
            for name in placeholders(&template) {
                let constant = !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_');
                if !constant {
                    found.push((line, format!("{{{name}}} in {template:?}")));
                }
            }
        }
        rest = &rest[start..];
        offset += start;
    }
    found
}

/// The string literal at the start of `text` (plain or raw), without its quotes.
fn literal(text: &str) -> String {
    let text = text.trim_start();
    let (hashes, body) = match text.strip_prefix('r') {
        Some(raw) => {
            let hashes = raw.chars().take_while(|&c| c == '#').count();
            (Some(hashes), &raw[hashes..])
        }
        None => (None, text),
    };
    let Some(body) = body.strip_prefix('"') else { return String::new() };
    let end = match hashes {
        Some(n) => body.find(&format!("\"{}", "#".repeat(n))),
        None => {
            let mut escaped = false;
            body.char_indices().find_map(|(i, c)| match c {
                '\\' if !escaped => {
                    escaped = true;
                    None
                }
                '"' if !escaped => Some(i),
                _ => {
                    escaped = false;
                    None
                }
            })
        }
    };
    body[..end.unwrap_or(body.len())].to_owned()
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
        let source = std::fs::read_to_string(file).expect("read source");
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
    let bad = r#"let sql = format!("SELECT * FROM units WHERE code = '{code}'");"#;
    assert_eq!(sql_with_values(bad).len(), 1);
    let raw = r##"conn.execute(&format!(r#"DELETE FROM {table} WHERE id = ?1"#), [id])"##;
    assert_eq!(sql_with_values(raw).len(), 1);
    let good = r#"conn.query_row(&format!("{COLUMNS} WHERE id = ?1"), [id], row)"#;
    assert!(sql_with_values(good).is_empty());
    let message = r#"format!("Đã nhập {n} đơn vị từ «{file}»")"#;
    assert!(sql_with_values(message).is_empty());
}
