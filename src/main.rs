//! `cchc`: the administrative-reform inspection programme of a ward, from the terminal (the code is the library's:
//! `src/lib.rs`).

/// Counts what a person's own template allocates (`cchc::memory`).
#[global_allocator]
static ALLOCATOR: cchc::memory::Counting = cchc::memory::Counting;

fn main() -> std::process::ExitCode {
    cchc::main()
}
