use std::fs;
use std::path::{Path, PathBuf};

use super::violations;

/// The real `src/` keeps its layers; `scripts/check-layers.sh` runs this test (on `CHECK_LAYERS_SRC` if set).
#[test]
fn real_source_keeps_its_layers() {
    let src = std::env::var_os("CHECK_LAYERS_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(src.join("lib.rs").is_file(), "no lib.rs in {}", src.display());
    let problems = violations(&src);
    assert!(problems.is_empty(), "check-layers:\n{}", problems.join("\n"));
}

/// A small crate that keeps its layers: commands → store → domain, report → domain, import → domain.
const CLEAN: &[(&str, &str)] = &[
    ("lib.rs", "mod commands;\nmod domain;\nmod import;\nmod report;\nmod store;\nfn main() { store::open(); }\n"),
    ("domain/mod.rs", "pub mod finding;\nuse self::finding::Status;\npub fn f() -> Status { finding::Status }\n"),
    ("domain/finding.rs", "pub struct Status;\n#[cfg(test)]\n#[path = \"finding_tests.rs\"]\nmod tests;\n"),
    ("domain/finding_tests.rs", "use super::super::finding::Status;\nuse super::*;\n"),
    ("store/mod.rs", "pub mod rounds;\nuse crate::domain::{finding::Status, f};\npub fn open() {}\n"),
    ("store/rounds.rs", "use super::super::domain::finding;\npub fn row() -> finding::Status { finding::Status }\n"),
    ("report/mod.rs", "pub mod build;\nuse crate::domain;\n"),
    ("report/build.rs", "use super::super::domain::f;\npub fn g() { let _ = format!(\"{:?}\", 1); }\n"),
    ("import/mod.rs", "use crate::domain::finding::Status;\nuse std::fmt::Write;\nuse ::std::io;\n"),
    (
        "commands/mod.rs",
        "use crate::{domain::f, report::build::g, store::{open, rounds}};\npub fn run() { crate::store::open(); }\n",
    ),
];

/// `CLEAN` with `file` replaced (or added) by `text`, written to a temporary `src/`.
fn seeded(file: &str, text: &str) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<(&str, &str)> = CLEAN.iter().copied().filter(|(f, _)| *f != file).collect();
    files.push((file, text));
    for (name, body) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, body).unwrap();
    }
    let problems = violations(dir.path());
    (dir, problems)
}

#[test]
fn the_clean_crate_passes() {
    let (_dir, problems) = seeded("lib.rs", CLEAN[0].1);
    assert_eq!(problems, Vec::<String>::new());
}

/// Each seeded form must fail the check with a message naming both layers.
fn fails(file: &str, text: &str, want: &str) {
    let (_dir, problems) = seeded(file, text);
    assert!(problems.iter().any(|p| p.contains(want)), "{file} seeded with\n{text}\nwants «{want}», got {problems:#?}");
}

#[test]
fn a_grouped_use_counts() {
    fails("report/mod.rs", "pub mod build;\nuse crate::{domain, store::open};\n", "report/ imports store");
}

#[test]
fn a_nested_multi_line_use_counts() {
    let text = "use crate::{\n    domain::{\n        finding::Status,\n    },\n    store::{\n        rounds::{\n            row,\n        },\n    },\n};\n";
    fails("import/mod.rs", text, "import/ imports store");
}

#[test]
fn super_super_counts() {
    fails("report/build.rs", "use super::super::store::open;\n", "report/ imports store");
}

#[test]
fn super_in_an_inline_module_counts() {
    let text = "pub mod finding;\nmod inner {\n    use super::super::store::open;\n}\n";
    fails("domain/mod.rs", text, "domain/ imports crate::store");
}

#[test]
fn a_fully_qualified_path_in_code_counts() {
    fails(
        "domain/finding.rs",
        "pub struct Status;\npub fn f() {\n    crate::store::open();\n}\n",
        "domain/ imports crate::store",
    );
}

#[test]
fn a_path_in_a_macro_counts() {
    let text = "pub struct Status;\npub fn f() -> String {\n    format!(\"{:?}\", crate::report::build::g())\n}\n";
    fails("domain/finding.rs", text, "domain/ imports crate::report");
}

#[test]
fn a_glob_and_a_rename_count() {
    fails("import/mod.rs", "use crate::store::*;\n", "import/ imports store");
    fails("import/mod.rs", "use crate::store as db;\n", "import/ imports store");
}

#[test]
fn a_test_module_behind_path_counts() {
    fails("domain/finding_tests.rs", "use crate::store::open;\n", "domain/ imports crate::store");
}

#[test]
fn a_cycle_counts() {
    let text = "pub mod rounds;\nuse crate::domain::f;\npub fn open() { crate::commands::run(); }\n";
    fails("store/mod.rs", text, "store is in an import cycle");
}

#[test]
fn self_and_child_paths_stay_inside_their_module() {
    // `self::store` in domain/ is a child of domain, not the crate's store.
    let (_dir, problems) = seeded("domain/mod.rs", "pub mod finding;\nmod store {}\nuse self::store as s;\n");
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn a_file_that_is_not_rust_is_reported() {
    let (_dir, problems) = seeded("report/build.rs", "fn (\n");
    assert!(problems.iter().any(|p| p.contains("report/build.rs") && p.contains("cannot be read")), "{problems:?}");
}
