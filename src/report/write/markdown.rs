//! Markdown through the `templates/report.md.j2` template (overridable).

use std::io::Write;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::report::document::Document;

use super::WriteError;
use super::view::{self, Target};

const TEMPLATE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/report.md.j2"));

/// Render with the built-in template or with `template_override` (template source).
pub fn write_markdown(doc: Document, template_override: Option<&str>, out: &mut dyn Write) -> Result<(), WriteError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    // Markdown viewers render raw HTML: a `<` in user text is written as an entity, so no tag, comment or
    // script from a unit's text becomes live markup.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(text) if !value.is_safe() && text.contains('<') => {
            out.write_str(&text.replace('<', "&lt;")).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    super::limits::limit(&mut env, template_override.is_some());
    env.add_template("report.md", template_override.unwrap_or(TEMPLATE))?;
    super::limits::render(&env, "report.md", view::document(doc, Target::Markdown), out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::write::sample::{sample, written};

    fn render_markdown(doc: Document, template: Option<&str>) -> Result<String, WriteError> {
        written(|out| write_markdown(doc, template, out))
    }

    #[test]
    fn markdown_snapshot() {
        let text = render_markdown(sample(), None).unwrap_or_else(|e| e.to_string());
        // Snapshot file names independent of the crate name.
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("report_markdown", text);
        });
    }

    #[test]
    fn pipes_in_cells_are_escaped() {
        let text = render_markdown(sample(), None).unwrap_or_default();
        assert!(text.contains("Cải cách thể chế \\| văn bản QPPL"));
    }

    #[test]
    fn html_in_user_text_is_not_live_markup() {
        let mut doc = sample();
        doc.subject = "<script>alert(1)</script>".into();
        doc.sections[0].blocks.push(crate::report::document::Block::Paragraph("<img src=x onerror=alert(1)>".into()));
        let text = render_markdown(doc, None).unwrap_or_default();
        assert!(!text.contains("<script") && !text.contains("<img"), "{text}");
        assert!(text.contains("&lt;script>alert(1)&lt;/script>"));
    }

    #[test]
    fn template_override() {
        let text = render_markdown(sample(), Some("{{ doc.title }}: {{ doc.sections|length }}"));
        assert_eq!(text.ok().as_deref(), Some("BÁO CÁO: 3\n"));
        let err = render_markdown(sample(), Some("{{ doc.nope.x }}"));
        assert!(matches!(err, Err(WriteError::Template(_))));
    }

    #[test]
    fn a_template_reads_a_tables_rows_as_a_list() {
        // The rows are made as they are read (`view::Rows`): a person's template still counts, indexes and loops them.
        let template = "{% for s in doc.sections %}{% for b in s.blocks %}{% if b.type == 'table' %}\
            {{ b.rows|length }} {{ b.rows[0][0].text }} {{ b.rows|last|first|attr('text') }};\
            {% endif %}{% endfor %}{% endfor %}";
        let text = render_markdown(sample(), Some(template)).unwrap_or_else(|e| e.to_string());
        assert_eq!(text, "3 1 3;\n");
    }
}
