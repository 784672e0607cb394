//! The catalogue parser on arbitrary bytes: it must never panic, and every problem it reports must point inside
//! the file. cchc is a binary crate with no library to link, so the domain modules (no SQL, no I/O) are compiled
//! in from src/ by path.
#![no_main]

#[allow(dead_code, unused_imports)]
#[path = "../../src/domain/mod.rs"]
mod domain;

use domain::catalogue_parse::{decode, parse};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.toml", data) else { return };
    if let Err(err) = parse("fuzz.toml", text) {
        let lines = text.lines().count() + 1;
        assert!(!err.problems.is_empty());
        assert!(err.problems.iter().all(|p| p.line >= 1 && p.line <= lines && p.column >= 1), "{err}");
    }
});
