//! Reading a catalogue from TOML and checking it; every problem names file, line and column.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::catalogue::{Catalogue, Node, NodeKind};
use super::code;

mod bands;
mod rubric;
mod source;

use bands::{RawClassification, check_bands};
use rubric::check_rubric;
pub use source::decode;
use source::toml_message;

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// All the problems of one catalogue file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct CatalogueError {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bộ tiêu chí «{}» có {} lỗi:", self.file, self.problems.len())?;
        for p in &self.problems {
            write!(f, "\n  {}:{}:{}: {}", self.file, p.line, p.column, p.message)?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct RawCatalogue {
    id: Spanned<String>,
    version: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    legal_basis: Vec<String>,
    classification: Spanned<RawClassification>,
    #[serde(default)]
    nodes: Vec<RawNode>,
}

#[derive(Deserialize)]
struct RawNode {
    code: Spanned<String>,
    title: Spanned<String>,
    #[serde(default = "periodic")]
    kind: Spanned<RawKind>,
    max_points: Option<Spanned<f64>>,
    unit: Option<String>,
    #[serde(default)]
    evidence: Vec<String>,
    rubric: Option<Spanned<RawRubric>>,
    note: Option<String>,
    replaces: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum RawKind {
    Periodic,
    Adhoc,
}

fn periodic() -> Spanned<RawKind> {
    Spanned::new(0..0, RawKind::Periodic)
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum RawRubric {
    Levels { levels: Vec<RawLevel> },
    Ratio { thresholds: Vec<RawThreshold> },
}

#[derive(Deserialize)]
struct RawLevel {
    label: String,
    points: f64,
}

#[derive(Deserialize)]
struct RawThreshold {
    at_least: f64,
    points: f64,
}

const TOP_KEYS: &[&str] = &["id", "version", "title", "description", "legal_basis", "classification", "nodes"];
const CLASSIFICATION_KEYS: &[&str] = &["basis", "top_band_cap_percent", "top_band_cap_base", "bands"];
const BAND_KEYS: &[&str] = &["code", "name", "min", "max"];
const NODE_KEYS: &[&str] = &["code", "title", "kind", "max_points", "unit", "evidence", "rubric", "note", "replaces"];
const RUBRIC_KEYS: &[&str] = &["type", "levels", "thresholds"];
const LEVEL_KEYS: &[&str] = &["label", "points"];
const THRESHOLD_KEYS: &[&str] = &["at_least", "points"];

/// Points are compared to a hundredth: weights are written with at most two decimals.
const EPSILON: f64 = 0.005;

struct Collector<'a> {
    source: &'a str,
    problems: Vec<Problem>,
}

impl Collector<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let start = span.start.min(self.source.len());
        let before = &self.source[..self.source.floor_char_boundary(start)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.problems.push(Problem { line, column, message: message.into() });
    }
}

/// Parses and validates a catalogue. `file` only names the source in messages.
pub fn parse(file: &str, source: &str) -> Result<Catalogue, CatalogueError> {
    let mut c = Collector { source, problems: Vec::new() };
    let fail = |c: Collector| CatalogueError { file: file.to_owned(), problems: c.problems };
    let table = match DeTable::parse(source) {
        Ok(table) => table,
        Err(err) => {
            c.at(err.span().unwrap_or(0..0), format!("TOML không hợp lệ: {}", toml_message(err.message())));
            return Err(fail(c));
        }
    };
    check_keys(&mut c, table.get_ref());
    // From the table already parsed: the document is read once (every command on a round parses its catalogue).
    let raw = match RawCatalogue::deserialize(toml::de::Deserializer::from(table)) {
        Ok(raw) => raw,
        Err(err) => {
            c.at(err.span().unwrap_or(0..0), format!("giá trị không hợp lệ: {}", toml_message(err.message())));
            return Err(fail(c));
        }
    };
    let catalogue = build(&mut c, raw);
    if c.problems.is_empty() { Ok(catalogue) } else { Err(fail(c)) }
}

fn check_keys(c: &mut Collector, top: &DeTable) {
    unknown_keys(c, top, TOP_KEYS, "");
    if let Some(DeValue::Table(cls)) = top.get("classification").map(|v| v.get_ref()) {
        unknown_keys(c, cls, CLASSIFICATION_KEYS, "classification.");
        for band in tables_in(cls.get("bands")) {
            unknown_keys(c, band, BAND_KEYS, "classification.bands.");
        }
    }
    for node in tables_in(top.get("nodes")) {
        unknown_keys(c, node, NODE_KEYS, "nodes.");
        if let Some(DeValue::Table(rubric)) = node.get("rubric").map(|v| v.get_ref()) {
            unknown_keys(c, rubric, RUBRIC_KEYS, "rubric.");
            for level in tables_in(rubric.get("levels")) {
                unknown_keys(c, level, LEVEL_KEYS, "rubric.levels.");
            }
            for threshold in tables_in(rubric.get("thresholds")) {
                unknown_keys(c, threshold, THRESHOLD_KEYS, "rubric.thresholds.");
            }
        }
    }
}

fn tables_in<'a, 'i>(value: Option<&'a Spanned<DeValue<'i>>>) -> impl Iterator<Item = &'a DeTable<'i>> {
    let items = match value.map(|v| v.get_ref()) {
        Some(DeValue::Array(items)) => &items[..],
        _ => &[],
    };
    items.iter().filter_map(|v| v.get_ref().as_table())
}

fn unknown_keys(c: &mut Collector, table: &DeTable, known: &[&str], prefix: &str) {
    for (key, _) in table.iter() {
        if !known.contains(&key.get_ref().as_ref()) {
            let suggestion = known
                .iter()
                .min_by_key(|k| strsim::levenshtein(k, key.get_ref()))
                .map(|k| format!(" (có phải «{k}»?)"))
                .unwrap_or_default();
            c.at(key.span(), format!("khoá không được hỗ trợ «{prefix}{}»{suggestion}", key.get_ref()));
        }
    }
}

fn build(c: &mut Collector, raw: RawCatalogue) -> Catalogue {
    if raw.id.get_ref().trim().is_empty() {
        c.at(raw.id.span(), "thiếu mã bộ tiêu chí (id)");
    }
    if raw.version.get_ref().trim().is_empty() {
        c.at(raw.version.span(), "thiếu phiên bản (version)");
    }
    let classification = check_bands(c, raw.classification);
    let nodes = check_nodes(c, raw.nodes);
    Catalogue::new(
        raw.id.into_inner(),
        raw.version.into_inner(),
        raw.title,
        raw.description,
        raw.legal_basis,
        classification,
        nodes,
    )
}

fn check_nodes(c: &mut Collector, raw: Vec<RawNode>) -> Vec<Node> {
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let mut valid: Vec<(Range<usize>, RawNode)> = Vec::new();
    for node in raw {
        let span = node.code.span();
        let code = node.code.get_ref().trim().to_owned();
        if let Err(message) = code::validate(&code) {
            c.at(span, message);
            continue;
        }
        match seen.entry(code) {
            Entry::Occupied(first) => {
                let message = format!("mã «{}» bị trùng", first.key());
                c.at(span, message);
            }
            Entry::Vacant(slot) => {
                slot.insert(span.clone());
                valid.push((span, node));
            }
        }
    }
    let codes: HashSet<&str> = seen.keys().map(String::as_str).collect();
    let parents: HashSet<&str> = codes.iter().filter_map(|c| code::parent(c)).collect();
    let kinds: HashMap<&str, RawKind> =
        valid.iter().map(|(_, n)| (n.code.get_ref().trim(), *n.kind.get_ref())).collect();
    let points: HashMap<&str, f64> =
        valid.iter().filter_map(|(_, n)| Some((n.code.get_ref().trim(), *n.max_points.as_ref()?.get_ref()))).collect();

    let mut nodes = Vec::with_capacity(valid.len());
    for (span, raw) in &valid {
        let code = raw.code.get_ref().trim();
        let parent = code::parent(code);
        if let Some(parent) = parent {
            if !codes.contains(parent) {
                c.at(span.clone(), format!("mã «{code}» không có mục cha «{parent}» trong tệp"));
            } else if kinds.get(parent) != Some(raw.kind.get_ref()) {
                c.at(raw.kind.span(), format!("«{code}» phải cùng loại (định kỳ/đột xuất) với mục cha «{parent}»"));
            }
        }
        if raw.title.get_ref().trim().is_empty() {
            c.at(raw.title.span(), format!("«{code}» chưa có tên (title)"));
        }
        let is_leaf = !parents.contains(code);
        let max_points = match &raw.max_points {
            Some(p) if !p.get_ref().is_finite() || *p.get_ref() < 0.0 => {
                c.at(p.span(), format!("«{code}»: điểm tối đa phải là số không âm"));
                0.0
            }
            Some(p) => *p.get_ref(),
            None if is_leaf => {
                c.at(span.clone(), format!("nội dung «{code}» chưa có điểm tối đa (max_points)"));
                0.0
            }
            None => children_sum(code, &points),
        };
        if let (false, Some(declared)) = (is_leaf, &raw.max_points) {
            let sum = children_sum(code, &points);
            if (sum - max_points).abs() > EPSILON {
                c.at(
                    declared.span(),
                    format!("nhóm «{code}» có điểm tối đa {max_points} nhưng tổng các mục con là {sum}"),
                );
            }
        }
        let rubric = raw.rubric.as_ref().map(|r| check_rubric(c, code, r, max_points, is_leaf));
        let replaces = raw.replaces.as_ref().map(|old| old.get_ref().trim().to_owned()).filter(|old| !old.is_empty());
        if let (Some(old), Some(span)) = (&replaces, raw.replaces.as_ref().map(Spanned::span)) {
            match code::validate(old) {
                Err(message) => c.at(span, format!("replaces của «{code}»: {message}")),
                Ok(()) if old == code => c.at(span, format!("«{code}» không thể thay cho chính nó (replaces)")),
                Ok(()) => {}
            }
        }
        nodes.push(Node {
            code: code.to_owned(),
            title: crate::domain::text::nfc(raw.title.get_ref().trim()).into_owned(),
            kind: match raw.kind.get_ref() {
                RawKind::Periodic => NodeKind::Periodic,
                RawKind::Adhoc => NodeKind::Adhoc,
            },
            max_points,
            unit: raw.unit.clone().filter(|u| !u.trim().is_empty()),
            evidence: raw.evidence.clone(),
            rubric,
            note: raw.note.clone(),
            parent: parent.map(str::to_owned),
            is_leaf,
            replaces,
        });
    }
    nodes
}

fn children_sum(code: &str, points: &HashMap<&str, f64>) -> f64 {
    points.iter().filter(|(c, _)| code::parent(c) == Some(code)).map(|(_, p)| p).sum()
}

#[cfg(test)]
#[path = "catalogue_parse_boundary_tests.rs"]
mod boundary_tests;
#[cfg(test)]
pub(crate) mod fuzz;
#[cfg(test)]
#[path = "catalogue_parse_tests.rs"]
mod tests;
