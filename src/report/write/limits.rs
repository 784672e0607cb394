//! Limits for a person's own template (`--template`): a template is a program, and a loop in it must not run for
//! ever or fill the memory. The built-in templates run without them.

use std::io::Write;

use minijinja::{Environment, ErrorKind, Value};

use super::WriteError;

/// Instructions a template may run: a national-scale report through a copy of the built-in template uses a few
/// million.
const FUEL: u64 = 200_000_000;
/// Nesting of loops, ifs, macros and includes.
const RECURSION: usize = 100;
/// What a person's template may write: far more than a ward's or a province's report. The built-in templates write
/// what the report holds: a national year of 10,000 units is over 80 MB of Markdown.
pub const MAX_OUTPUT: usize = 64 * 1024 * 1024;

/// Applies the limits when the template is the person's own.
pub fn limit(env: &mut Environment, user: bool) {
    if user {
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION);
    }
}

/// Renders `name` into `out`, ending the text with a newline. The built-in templates write straight into `out`: a
/// national report is tens of megabytes, and is never held. A person's own template (one with fuel) is rendered
/// into memory first, within `MAX_OUTPUT` bytes and the memory budget (`crate::memory`), so that one that fails
/// writes nothing. A limit reached is said once, in Vietnamese.
pub fn render(env: &Environment, name: &str, ctx: Value, out: &mut dyn Write) -> Result<(), WriteError> {
    let template = env.get_template(name)?;
    if env.fuel().is_some() {
        let mut text = Capped::new(Vec::new(), MAX_OUTPUT);
        crate::memory::within_budget(|| template.render_captured_to(ctx, &mut text)).map_err(|e| text.refusal(e))?;
        let ends_line = text.ends_line();
        out.write_all(&text.out)?;
        newline_unless(ends_line, out)
    } else {
        let mut text = Capped::new(out, usize::MAX);
        template.render_captured_to(ctx, &mut text).map_err(|e| text.refusal(e))?;
        let ends_line = text.ends_line();
        newline_unless(ends_line, text.out)
    }
}

fn newline_unless(ends_line: bool, out: &mut dyn Write) -> Result<(), WriteError> {
    if !ends_line {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A writer that refuses to grow past its cap, and keeps what it needs to say why a template stopped.
struct Capped<W> {
    out: W,
    written: usize,
    cap: usize,
    last: Option<u8>,
    /// The error of the writer underneath (a full disk, a closed pipe), which minijinja does not pass on.
    failed: Option<std::io::Error>,
}

impl<W: Write> Capped<W> {
    fn new(out: W, cap: usize) -> Self {
        Self { out, written: 0, cap, last: None, failed: None }
    }

    fn ends_line(&self) -> bool {
        self.last == Some(b'\n')
    }

    fn refusal(&mut self, e: minijinja::Error) -> WriteError {
        // The writer underneath failed first: its error, not minijinja's, says what happened.
        if e.kind() == ErrorKind::WriteFailure
            && let Some(failed) = self.failed.take()
        {
            return WriteError::Io(failed);
        }
        match e.kind() {
            ErrorKind::OutOfFuel => WriteError::Limit(format!(
                "mẫu chạy quá {FUEL} bước (vòng lặp quá lớn hoặc không dừng): hãy sửa mẫu cho gọn lại"
            )),
            ErrorKind::WriteFailure if self.written >= self.cap => WriteError::Limit(format!(
                "mẫu ghi ra quá {} MB: hãy sửa mẫu (có thể một vòng lặp hay macro tự nhân đôi văn bản)",
                MAX_OUTPUT / (1024 * 1024)
            )),
            ErrorKind::InvalidOperation if e.to_string().contains("recursion") => WriteError::Limit(format!(
                "mẫu lồng nhau quá {RECURSION} tầng (macro hay include gọi lại chính nó): hãy sửa mẫu"
            )),
            _ => WriteError::Template(e),
        }
    }
}

impl<W: Write> Write for Capped<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.written + buf.len() > self.cap {
            self.written = self.cap;
            return Err(std::io::Error::other("cap"));
        }
        if let Err(e) = self.out.write_all(buf) {
            let said = std::io::Error::new(e.kind(), e.to_string());
            self.failed = Some(e);
            return Err(said);
        }
        self.written += buf.len();
        self.last = buf.last().copied().or(self.last);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_as(source: &str, user: bool) -> Result<String, WriteError> {
        let mut env = Environment::new();
        limit(&mut env, user);
        env.add_template("t", source).unwrap();
        let mut out = Vec::new();
        render(&env, "t", Value::from(()), &mut out)?;
        Ok(String::from_utf8(out).unwrap_or_default())
    }

    fn run(source: &str) -> Result<String, WriteError> {
        run_as(source, true)
    }

    /// 100,000 × 1,000 × 100 bytes: 10 GB, stopped at 64 MB.
    const ENDLESS: &str = "{% for a in range(100000) %}{% for b in range(1000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}";

    #[test]
    fn a_template_that_never_ends_is_stopped_in_vietnamese() {
        let err = run("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}").unwrap_err();
        assert!(err.to_string().contains("quá 200000000 bước"), "{err}");
    }

    #[test]
    fn a_template_that_writes_without_end_is_stopped() {
        let err = run(ENDLESS).unwrap_err();
        assert!(err.to_string().contains("quá 64 MB"), "{err}");
    }

    /// A national year of 10,000 units is over 80 MB of Markdown: the built-in templates write it whole.
    #[test]
    fn a_built_in_template_writes_past_the_cap() {
        let source = format!(
            "{{% for a in range(700) %}}{{% for b in range(1000) %}}{}{{% endfor %}}{{% endfor %}}",
            "x".repeat(100)
        );
        assert_eq!(run_as(&source, false).unwrap().len(), 70_000_001);
    }

    /// A closed pipe or a full disk under a built-in template is the io::Error it is, not a template error.
    #[test]
    fn a_failed_write_underneath_is_said_as_itself() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut env = Environment::new();
        limit(&mut env, false);
        env.add_template("t", "{{ 1 }}").unwrap();
        let err = render(&env, "t", Value::from(()), &mut Closed).unwrap_err();
        assert!(matches!(&err, WriteError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe), "{err:?}");
    }

    #[test]
    fn a_macro_calling_itself_is_stopped() {
        let err = run("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}").unwrap_err();
        assert!(err.to_string().contains("tầng") || err.to_string().contains("bước"), "{err}");
        assert!(!err.to_string().contains("recursion"), "{err}");
    }
}
