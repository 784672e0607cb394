//! The cargo-fuzz target (fuzz/, not built by `cargo test`) compiles src/domain by path, so it needs every crate
//! the domain uses: checked here, so that the target does not silently stop building when the domain grows.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Dependency names declared in a `Cargo.toml`'s `[dependencies]` table.
fn dependencies(manifest: &str) -> Vec<String> {
    let table = manifest.split("[dependencies]").nth(1).unwrap_or_default();
    let table = table.split("\n[").next().unwrap_or_default();
    table
        .lines()
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.trim().to_owned()))
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect()
}

#[test]
fn the_fuzz_target_declares_every_crate_the_domain_uses() {
    let root = std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).expect("Cargo.toml");
    let fuzz = std::fs::read_to_string(Path::new(ROOT).join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
    let declared = dependencies(&fuzz);
    assert!(declared.iter().any(|d| d == "libfuzzer-sys"), "{declared:?}");
    let mut domain = String::new();
    let mut stack = vec![Path::new(ROOT).join("src/domain")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).expect("src/domain") {
            let path = entry.expect("entry").path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".rs") && !name.contains("test") && name != "fuzz.rs" {
                domain.push_str(&std::fs::read_to_string(&path).expect("source"));
            }
        }
    }
    let missing: Vec<String> = dependencies(&root)
        .into_iter()
        .filter(|dep| domain.contains(&format!("{}::", dep.replace('-', "_"))) && !declared.contains(dep))
        .collect();
    assert!(missing.is_empty(), "add to fuzz/Cargo.toml (as in Cargo.toml): {missing:?}");
}
