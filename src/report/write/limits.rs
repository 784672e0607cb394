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
/// What a template may write: far more than any report.
pub const MAX_OUTPUT: usize = 64 * 1024 * 1024;

/// Applies the limits when the template is the person's own.
pub fn limit(env: &mut Environment, user: bool) {
    if user {
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION);
    }
}

/// Renders `name`, stopping at `MAX_OUTPUT` bytes; a limit reached is said once, in Vietnamese. A person's own
/// template (one with fuel) also runs within the memory budget (`crate::memory`).
pub fn render(env: &Environment, name: &str, ctx: Value) -> Result<String, WriteError> {
    let mut out = Capped(Vec::new());
    let run = || env.get_template(name).and_then(|t| t.render_captured_to(ctx, &mut out));
    let rendered = if env.fuel().is_some() { crate::memory::within_budget(run) } else { run() };
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

/// A writer that refuses to grow past `MAX_OUTPUT`.
struct Capped(Vec<u8>);

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            self.0.resize(MAX_OUTPUT, 0);
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

    fn run(source: &str) -> Result<String, WriteError> {
        let mut env = Environment::new();
        limit(&mut env, true);
        env.add_template("t", source).unwrap();
        render(&env, "t", Value::from(()))
    }

    #[test]
    fn a_template_that_never_ends_is_stopped_in_vietnamese() {
        let err = run("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}").unwrap_err();
        assert!(err.to_string().contains("quá 200000000 bước"), "{err}");
    }

    #[test]
    fn a_template_that_writes_without_end_is_stopped() {
        let err = run("{% for a in range(100000) %}{% for b in range(1000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}").unwrap_err();
        assert!(err.to_string().contains("quá 64 MB"), "{err}");
    }

    #[test]
    fn a_macro_calling_itself_is_stopped() {
        let err = run("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}").unwrap_err();
        assert!(err.to_string().contains("tầng") || err.to_string().contains("bước"), "{err}");
        assert!(!err.to_string().contains("recursion"), "{err}");
    }
}
