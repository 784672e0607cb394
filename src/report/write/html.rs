//! HTML through `templates/report.html.j2` (overridable), auto-escaped, one
//! self-contained printable file with inline CSS and inline SVG charts.

use std::io::Write;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::report::document::Document;

use super::WriteError;
use super::view::{self, Target};

const TEMPLATE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/report.html.j2"));

/// Render with the built-in template or with `template_override` (template
/// source). Auto-escaping is on for both.
pub fn write_html(doc: Document, template_override: Option<&str>, out: &mut dyn Write) -> Result<(), WriteError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    super::limits::limit(&mut env, template_override.is_some());
    env.add_template("report.html", template_override.unwrap_or(TEMPLATE))?;
    super::limits::render(&env, "report.html", view::document(doc, Target::Html), out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Block, Cell};
    use crate::report::write::sample::{sample, written};

    fn render_html(doc: Document, template: Option<&str>) -> Result<String, WriteError> {
        written(|out| write_html(doc, template, out))
    }

    const SCRIPT: &str = "<script>alert(1)</script>";

    fn hostile() -> Document {
        let mut doc = sample();
        doc.subject = format!("Báo cáo {SCRIPT}");
        doc.sections[0].blocks.push(Block::Paragraph(SCRIPT.into()));
        if let Some(Block::Table(t)) = doc.sections[1].subsections[0].blocks.first_mut() {
            t.rows[0][6] = Cell::text(SCRIPT);
            t.columns[1].title = "<img src=x onerror=alert(1)>".into();
        }
        if let Some(Block::Chart(c)) = doc.sections[1].subsections[0].blocks.last_mut() {
            c.categories[0] = SCRIPT.into();
            c.series[0].name = "\"><script>".into();
        }
        doc.letterhead.signature.name = SCRIPT.into();
        doc
    }

    #[test]
    fn user_text_is_escaped() {
        let html = render_html(hostile(), None).unwrap_or_default();
        assert!(!html.contains("<script"), "unescaped script");
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(html.contains("<td class=\"left\">&lt;script&gt;"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    #[test]
    fn self_contained() {
        let html = render_html(sample(), None).unwrap_or_default();
        for needle in ["http://", "https://", "src=", "<link", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
        assert!(html.contains("@page { size: A4; margin: 20mm 15mm 20mm 30mm; }"));
        assert!(html.contains("<svg class=\"chart\""));
        assert!(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(html.contains("Thành Sen, ngày 15 tháng 7 năm 2026"));
        assert!(html.contains("Trần Thị Thủy Nga"));
        assert!(html.contains("<td class=\"right\">8,5</td>"));
    }

    #[test]
    fn empty_chart_says_no_data() {
        let mut doc = sample();
        if let Some(Block::Chart(c)) = doc.sections[1].subsections[0].blocks.last_mut() {
            c.series.iter_mut().for_each(|s| s.values = vec![None; 3]);
        }
        let html = render_html(doc, None).unwrap_or_default();
        assert!(html.contains("Không có dữ liệu."));
        assert!(!html.contains("<svg"));
    }
}
