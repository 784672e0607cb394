//! Writing a catalogue as TOML in one canonical form. The database stores this form, so its hash names the content
//! (not the comments or the layout of the file it came from): a catalogue exported to a workbook and imported back
//! unchanged gets the same hash. Each rendered line is tagged with the part it came from, so that a problem the
//! parser finds in a rendered workbook can be pointed back at the workbook's cell.

use super::catalogue::{Catalogue, Classification, Node, NodeKind, Rubric};

/// The header of a catalogue: what names and grounds it.
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    pub id: &'a str,
    pub version: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub legal_basis: &'a [String],
}

/// Where a rendered line came from: a header key, the classification table, a band or a node (by position in the
/// slices given to [`render`]) with the TOML key of that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Head(&'static str),
    Classification(&'static str),
    Band(usize, &'static str),
    Node(usize, &'static str),
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub text: String,
    /// One entry per line of `text` (line 1 is `parts[0]`).
    pub parts: Vec<Part>,
}

impl Rendered {
    fn line(&mut self, part: Part, text: &str) {
        for line in text.split('\n') {
            self.text.push_str(line);
            self.text.push('\n');
            self.parts.push(part);
        }
    }

    /// The part a 1-based line number points at.
    pub fn part_at(&self, line: usize) -> Option<Part> {
        self.parts.get(line.checked_sub(1)?).copied()
    }
}

/// The canonical text of a catalogue: what the database stores and hashes.
pub fn canonical(c: &Catalogue) -> String {
    let head = Head {
        id: &c.id,
        version: &c.version,
        title: &c.title,
        description: &c.description,
        legal_basis: &c.legal_basis,
    };
    render(&head, &c.classification, &c.nodes).text
}

/// Renders the parts of a catalogue, nodes in the order given.
pub fn render(head: &Head, classification: &Classification, nodes: &[Node]) -> Rendered {
    let mut out = Rendered::default();
    out.line(Part::Head("id"), &format!("id = {}", string(head.id)));
    out.line(Part::Head("version"), &format!("version = {}", string(head.version)));
    out.line(Part::Head("title"), &format!("title = {}", string(head.title)));
    if !head.description.is_empty() {
        out.line(Part::Head("description"), &format!("description = {}", string(head.description)));
    }
    if !head.legal_basis.is_empty() {
        out.line(Part::Head("legal_basis"), &format!("legal_basis = {}", list(head.legal_basis)));
    }
    out.line(Part::Classification(""), "\n[classification]");
    out.line(Part::Classification("basis"), &format!("basis = {}", string(&classification.basis)));
    if let Some(cap) = classification.top_band_cap_percent {
        out.line(Part::Classification("top_band_cap_percent"), &format!("top_band_cap_percent = {}", number(cap)));
    }
    if let Some(base) = classification.top_band_cap_base {
        let line = format!("top_band_cap_base = {}", string(base.as_str()));
        out.line(Part::Classification("top_band_cap_base"), &line);
    }
    for (i, band) in classification.bands.iter().enumerate() {
        out.line(Part::Band(i, "code"), "\n[[classification.bands]]");
        out.line(Part::Band(i, "code"), &format!("code = {}", string(&band.code)));
        out.line(Part::Band(i, "name"), &format!("name = {}", string(&band.name)));
        out.line(Part::Band(i, "min"), &format!("min = {}", number(band.min)));
        out.line(Part::Band(i, "max"), &format!("max = {}", number(band.max)));
    }
    for (i, node) in nodes.iter().enumerate() {
        render_node(&mut out, i, node);
    }
    out
}

fn render_node(out: &mut Rendered, i: usize, node: &Node) {
    let part = |key| Part::Node(i, key);
    out.line(part("code"), "\n[[nodes]]");
    out.line(part("code"), &format!("code = {}", string(&node.code)));
    out.line(part("title"), &format!("title = {}", string(&node.title)));
    let kind = match node.kind {
        NodeKind::Periodic => "periodic",
        NodeKind::Adhoc => "adhoc",
    };
    out.line(part("kind"), &format!("kind = {}", string(kind)));
    out.line(part("max_points"), &format!("max_points = {}", number(node.max_points)));
    if let Some(unit) = &node.unit {
        out.line(part("unit"), &format!("unit = {}", string(unit)));
    }
    if !node.evidence.is_empty() {
        out.line(part("evidence"), &format!("evidence = {}", list(&node.evidence)));
    }
    match &node.rubric {
        Some(Rubric::Levels { levels }) => {
            let items: Vec<String> = levels
                .iter()
                .map(|l| format!("{{ label = {}, points = {} }}", string(&l.label), number(l.points)))
                .collect();
            out.line(part("rubric"), &format!("rubric = {{ type = \"levels\", levels = {} }}", items_list(&items)));
        }
        Some(Rubric::Ratio { thresholds }) => {
            let items: Vec<String> = thresholds
                .iter()
                .map(|t| format!("{{ at_least = {}, points = {} }}", number(t.at_least), number(t.points)))
                .collect();
            out.line(part("rubric"), &format!("rubric = {{ type = \"ratio\", thresholds = {} }}", items_list(&items)));
        }
        None => {}
    }
    if let Some(note) = &node.note {
        out.line(part("note"), &format!("note = {}", string(note)));
    }
    if let Some(old) = &node.replaces {
        out.line(part("replaces"), &format!("replaces = {}", string(old)));
    }
}

/// A TOML basic string, escaped by the toml crate.
fn string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn list(items: &[String]) -> String {
    items_list(&items.iter().map(|s| string(s)).collect::<Vec<_>>())
}

fn items_list(items: &[String]) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    format!("[\n{}\n]", items.iter().map(|i| format!("  {i},")).collect::<Vec<_>>().join("\n"))
}

/// Points and percentages to four decimals (weights are written with at most two), always with a decimal point so
/// that TOML reads a float: sums computed in a workbook (`11.999999…`) render as the weight they stand for.
pub fn number(x: f64) -> String {
    let rounded = (x * 10_000.0).round() / 10_000.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    if rounded.fract() == 0.0 { format!("{rounded:.1}") } else { format!("{rounded}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::DEFAULT_TOML;
    use crate::domain::catalogue_parse::parse;

    #[test]
    fn the_canonical_form_parses_back_to_the_same_catalogue_and_the_same_text() {
        let original = parse("mac-dinh.toml", DEFAULT_TOML).unwrap();
        let text = canonical(&original);
        let again = parse("canonical.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(again.nodes, original.nodes);
        assert_eq!(again.classification, original.classification);
        assert_eq!(again.legal_basis, original.legal_basis);
        assert_eq!(canonical(&again), text);
    }

    #[test]
    fn every_line_is_tagged_with_its_part() {
        let original = parse("mac-dinh.toml", DEFAULT_TOML).unwrap();
        let head = Head { id: "x", version: "1", title: "t", description: "", legal_basis: &[] };
        let rendered = render(&head, &original.classification, &original.nodes[..2]);
        assert_eq!(rendered.text.lines().count(), rendered.parts.len());
        let line_of = |needle: &str| rendered.text.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
        assert_eq!(rendered.part_at(line_of("version")), Some(Part::Head("version")));
        assert_eq!(rendered.part_at(line_of("code = \"1.1\"")), Some(Part::Node(1, "code")));
        assert_eq!(rendered.part_at(line_of("min = 90.0")), Some(Part::Band(0, "min")));
        assert_eq!(rendered.part_at(0), None);
    }

    #[test]
    fn numbers_read_as_floats_and_hide_float_noise() {
        assert_eq!(number(12.0), "12.0");
        assert_eq!(number(11.999_999_999_7), "12.0");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-0.0), "0.0");
        assert_eq!(number(2.25), "2.25");
    }
}
