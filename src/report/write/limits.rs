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

/// Renders `name`; a person's own template (one with fuel) stops at `MAX_OUTPUT` bytes and runs within the memory
/// budget (`crate::memory`). A limit reached is said once, in Vietnamese.
pub fn render(env: &Environment, name: &str, ctx: Value) -> Result<String, WriteError> {
    let user = env.fuel().is_some();
    let mut out = Capped(Vec::new(), if user { MAX_OUTPUT } else { usize::MAX });
    let run = || env.get_template(name).and_then(|t| t.render_captured_to(ctx, &mut out));
    let rendered = if user { crate::memory::within_budget(run) } else { run() };
    match rendered {
        Ok(_) => String::from_utf8(out.0).map_err(|_| WriteError::Limit("mẫu ghi ra văn bản không phải UTF-8".into())),
        Err(e) => Err(match e.kind() {
            ErrorKind::OutOfFuel => WriteError::Limit(format!(
                "mẫu chạy quá {FUEL} bước (vòng lặp quá lớn hoặc không dừng): hãy sửa mẫu cho gọn lại"
            )),
            ErrorKind::WriteFailure if out.0.len() >= MAX_OUTPUT => WriteError::Limit(format!(
                "mẫu ghi ra quá {} MB: hãy sửa mẫu (có thể một vòng lặp hay macro tự nhân đôi văn bản)",
                MAX_OUTPUT / (1024 * 1024)
            )),
            ErrorKind::InvalidOperation if e.to_string().contains("recursion") => WriteError::Limit(format!(
                "mẫu lồng nhau quá {RECURSION} tầng (macro hay include gọi lại chính nó): hãy sửa mẫu"
            )),
            _ => WriteError::Template(e),
        }),
    }
}

/// A writer that refuses to grow past its cap.
struct Capped(Vec<u8>, usize);

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > self.1 {
            self.0.resize(self.1, 0);
            return Err(std::io::Error::other("cap"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_as(source: &str, user: bool) -> Result<String, WriteError> {
        let mut env = Environment::new();
        limit(&mut env, user);
        env.add_template("t", source).unwrap();
        render(&env, "t", Value::from(()))
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
        assert_eq!(run_as(&source, false).unwrap().len(), 70_000_000);
    }

    #[test]
    fn a_macro_calling_itself_is_stopped() {
        let err = run("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}").unwrap_err();
        assert!(err.to_string().contains("tầng") || err.to_string().contains("bước"), "{err}");
        assert!(!err.to_string().contains("recursion"), "{err}");
    }
}
