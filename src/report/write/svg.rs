//! Horizontal bar charts as inline SVG (no external resources, all text escaped).

use std::fmt::Write;

use crate::report::document::{Chart, ChartKind};

use super::common::{chart_decimals, format_chart_value, xml_escape};
use crate::domain::number::points;

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 230.0;
const VALUE_WIDTH: f64 = 50.0;
const BAR_HEIGHT: f64 = 14.0;
const GAP: f64 = 10.0;
const LINE: f64 = 13.0;
const LABEL_CHARS: usize = 34;
/// Print-friendly fills that stay distinguishable in greyscale.
const COLORS: [&str; 6] = ["#1f4e79", "#9dc3e6", "#c55a11", "#f4b183", "#548235", "#a9d18e"];

/// SVG markup for a non-empty chart.
pub fn chart(chart: &Chart) -> String {
    let series = chart.drawn_series();
    let show_legend = chart.kind == ChartKind::GroupedBars && series.len() > 1;
    let max = chart.axis_max();
    let decimals = chart_decimals(chart);
    let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let group = (BAR_HEIGHT * series.len().max(1) as f64).max(2.0 * LINE);
    let legend_height = if show_legend { 24.0 } else { 0.0 };
    let top = legend_height + 4.0;
    let count = chart.categories.len() as f64;
    let height = top + count * (group + GAP) + 22.0;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 {WIDTH} {height}" width="100%" font-family="Times New Roman, serif" font-size="12">"#,
        title = xml_escape(&chart.title),
    );
    if show_legend {
        let mut x = LABEL_WIDTH;
        for (i, s) in series.iter().enumerate() {
            let name = xml_escape(&s.name);
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="4" width="12" height="12" fill="{color}"/><text x="{tx}" y="14">{name}</text>"#,
                color = COLORS[i % COLORS.len()],
                tx = x + 16.0,
            );
            x += 30.0 + 7.0 * s.name.chars().count() as f64;
        }
    }
    for (ci, category) in chart.categories.iter().enumerate() {
        let y0 = top + ci as f64 * (group + GAP);
        label(&mut svg, category, y0, group);
        let bars_top = y0 + (group - BAR_HEIGHT * series.len() as f64) / 2.0;
        for (si, s) in series.iter().enumerate() {
            let y = bars_top + si as f64 * BAR_HEIGHT;
            let value = s.values.get(ci).copied().flatten().filter(|v| v.is_finite());
            let w = value.map_or(0.0, |v| (v / max).clamp(0.0, 1.0) * plot);
            let color = COLORS[si % COLORS.len()];
            let tip = xml_escape(&format!("{}: {}", s.name, format_chart_value(value, decimals)));
            let _ = write!(
                svg,
                r#"<rect x="{LABEL_WIDTH}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{color}"><title>{tip}</title></rect><text x="{tx:.1}" y="{ty:.1}">{v}</text>"#,
                h = BAR_HEIGHT - 2.0,
                tx = LABEL_WIDTH + w + 4.0,
                ty = y + BAR_HEIGHT - 4.0,
                v = xml_escape(&format_chart_value(value, decimals)),
            );
        }
    }
    let axis_y = top + count * (group + GAP);
    let _ = write!(
        svg,
        r##"<line x1="{LABEL_WIDTH}" y1="{top}" x2="{LABEL_WIDTH}" y2="{axis_y}" stroke="#000"/><line x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{end}" y2="{axis_y}" stroke="#000"/><text x="{LABEL_WIDTH}" y="{ty}">0</text><text x="{end}" y="{ty}" text-anchor="end">{max} {unit}</text></svg>"##,
        end = LABEL_WIDTH + plot,
        ty = axis_y + 14.0,
        max = xml_escape(&points(max)),
        unit = xml_escape(&chart.unit),
    );
    svg
}

/// Category label right-aligned before the bars, wrapped onto at most two lines.
fn label(svg: &mut String, text: &str, y0: f64, group: f64) {
    let lines = wrap_label(text);
    let first = y0 + group / 2.0 - (lines.len() as f64 - 1.0) * LINE / 2.0 + 4.0;
    let _ = write!(svg, r#"<text text-anchor="end"><title>{}</title>"#, xml_escape(text));
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<tspan x="{x}" y="{y:.1}">{t}</tspan>"#,
            x = LABEL_WIDTH - 6.0,
            y = first + i as f64 * LINE,
            t = xml_escape(line),
        );
    }
    svg.push_str("</text>");
}

fn wrap_label(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let Some(current) = lines.last_mut() else {
            break;
        };
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > LABEL_CHARS {
            lines.push(word.to_string());
        } else {
            if len > 0 {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    if lines.len() > 2 {
        let rest = lines.split_off(1).join(" ");
        let cut: String = rest.chars().take(LABEL_CHARS - 1).collect();
        lines.push(format!("{}…", cut.trim_end()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::write::sample::scores_chart;

    #[test]
    fn labels_escaped_and_values_shown() {
        let mut c = scores_chart();
        c.categories[0] = "<b>A & B</b>".into();
        let svg = chart(&c);
        assert!(svg.contains("&lt;b&gt;A &amp; B&lt;&#x2f;b&gt;") || svg.contains("&lt;b&gt;A &amp; B&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains(">8,50</text>"));
        assert!(svg.contains(">Đợt 2</text>"));
        assert!(!svg.contains("http"));
    }

    #[test]
    fn long_labels_wrap_to_two_lines() {
        let lines =
            wrap_label("Kiểm tra việc thực hiện nghiệp vụ lưu trữ số trên Hệ thống Quản lý Văn bản và Hồ sơ công việc");
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
    }
}
