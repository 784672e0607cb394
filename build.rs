//! Links the Linux programs as position-dependent executables. A position-independent one has some 14,000 addresses
//! (tables of messages, help texts, vtables) rewritten by the loader at every start, each page they sit on copied:
//! a sixth of `cchc score list`'s start-up (scripts/bench.sh, issue 24). The code is the same; the program is loaded
//! at a fixed address, as Debian's own programs were before PIE became their default.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
