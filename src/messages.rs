//! What goes to the terminal outside listings: data written to stdout, messages, warnings and errors on stderr.

use std::io::{self, IsTerminal, Write};

use anyhow::Result;

/// Writes data to stdout; a closed pipe (`cchc … | head`) surfaces as an io::Error the caller treats as success.
pub fn print_data(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A message for the person at the terminal (never data): stderr.
pub fn info(message: impl AsRef<str>) {
    eprintln!("{}", message.as_ref());
}

pub fn warn(message: impl AsRef<str>) {
    eprintln!("{} {}", paint("Cảnh báo:", "33"), message.as_ref());
}

pub fn print_error(err: &anyhow::Error) {
    // The system's own words are English: said in Vietnamese.
    let said = |cause: &(dyn std::error::Error + 'static)| match cause.downcast_ref::<io::Error>() {
        Some(e) => crate::files::os_error::reason(e),
        None => cause.to_string(),
    };
    let mut text = format!("{} {}", paint("Lỗi:", "31;1"), said(err.as_ref()));
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  {}", said(cause)));
    }
    eprintln!("{text}");
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|e| e.downcast_ref::<io::Error>()).any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn paint(text: &str, ansi: &str) -> String {
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal();
    if colour { format!("\x1b[{ansi}m{text}\x1b[0m") } else { text.to_owned() }
}
