//! `cchc`: the administrative-reform inspection programme of a ward, from the terminal (the code is the library's:
//! `src/lib.rs`).

fn main() -> std::process::ExitCode {
    cchc::main()
}
