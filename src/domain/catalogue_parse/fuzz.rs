//! Property tests of the catalogue parser: arbitrary text and mutated versions of the shipped catalogue never make
//! it panic; it either parses or names every problem with a line and column inside the file. Cases are bounded for
//! `cargo test`; `PROPTEST_CASES=100000 cargo test --release fuzz_` runs a long session.

use proptest::prelude::*;
use proptest::test_runner::Config;

use super::*;
use crate::domain::catalogue::DEFAULT_TOML;

/// `cases` for `cargo test`, unless `PROPTEST_CASES` asks for a longer run.
pub(crate) fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    Config { cases, ..Config::default() }
}

/// Every problem points inside the source: line 1 … last line (+1 for a problem at the very end), column ≥ 1.
fn located(source: &str) -> Result<(), TestCaseError> {
    let bytes = source.as_bytes();
    let text = match decode("thu.toml", bytes) {
        Ok(text) => text,
        Err(err) => {
            prop_assert_eq!(err.problems.len(), 1);
            return Ok(());
        }
    };
    if let Err(err) = parse("thu.toml", text) {
        prop_assert!(!err.problems.is_empty());
        let lines = text.lines().count() + 1;
        for p in &err.problems {
            prop_assert!(p.line >= 1 && p.line <= lines && p.column >= 1, "{}:{} {}", p.line, p.column, p.message);
        }
        prop_assert!(err.to_string().contains("thu.toml:"));
    }
    Ok(())
}

/// The shipped catalogue's lines, to cut and splice.
fn shipped_lines() -> Vec<&'static str> {
    DEFAULT_TOML.lines().collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLines(usize, usize),
    DuplicateLine(usize, usize),
    SwapLines(usize, usize),
    Splice(usize, String),
    CutAt(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        Just("[[nodes]]".to_owned()),
        Just("code = \"1.1\"".to_owned()),
        Just("max_points = nan".to_owned()),
        Just("max_points = -1e309".to_owned()),
        Just("[classification]".to_owned()),
        Just("rubric = { type = \"ratio\", thresholds = [] }".to_owned()),
        Just("x = [[[[[[".to_owned()),
        Just("\"\"\"".to_owned()),
        Just("\u{0}".to_owned()),
        "[\\PC]{0,40}",
    ];
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::DeleteLines(at, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Mutation::DuplicateLine(from, to)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), snippet).prop_map(|(at, s)| Mutation::Splice(at, s)),
        any::<usize>().prop_map(Mutation::CutAt),
    ]
}

fn mutate(mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = shipped_lines().into_iter().map(str::to_owned).collect();
    for m in mutations {
        let len = lines.len().max(1);
        match m {
            Mutation::DeleteLines(at, n) => {
                let at = at % len;
                let end = (at + n).min(lines.len());
                lines.drain(at..end.max(at));
            }
            Mutation::DuplicateLine(from, to) => {
                if let Some(line) = lines.get(from % len).cloned() {
                    lines.insert(to % (lines.len() + 1), line);
                }
            }
            Mutation::SwapLines(a, b) => {
                if !lines.is_empty() {
                    lines.swap(a % len, b % len);
                }
            }
            Mutation::Splice(at, text) => lines.insert(at % (lines.len() + 1), text.clone()),
            Mutation::CutAt(at) => lines.truncate(at % len),
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn fuzz_catalogue_arbitrary_text_never_panics(text in "\\PC{0,400}") {
        located(&text)?;
    }

    #[test]
    fn fuzz_catalogue_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        match decode("thu.toml", &bytes) {
            Ok(text) => located(text)?,
            Err(err) => prop_assert!(err.problems[0].line >= 1 && err.problems[0].column >= 1),
        }
    }

    #[test]
    fn fuzz_catalogue_mutated_shipped_toml_never_panics(mutations in proptest::collection::vec(mutation(), 1..4)) {
        located(&mutate(&mutations))?;
    }
}
