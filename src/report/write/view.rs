//! The template context: the document with every value pre-formatted as a
//! display string, and sections flattened with their `level`, so that users
//! writing their own template only deal with strings and lists.
//!
//! Context (all strings unless noted):
//! ```text
//! doc.title (empty for a letter: its subject then goes under the number), doc.subject, doc.closing (or none),
//! doc.countersignature (or none; a second signature at the left, in place of the recipients)
//! doc.letterhead: parent_body (or none), issuing_body, number, place,
//!     date (dd/mm/yyyy or none), date_line, year, recipients (list of "- …;"),
//!     signature: authority, delegation (or none), title, name, lines (list)
//! doc.sections (list): level (1 = top), number, title, heading (empty for a preamble), blocks (list):
//!     type = "paragraph" | "note" | "centered": text
//!     type = "bullets": items (list)
//!     type = "table" | "chart": title, unit, empty (bool),
//!         columns (list of {text, align}), rows (list of lists of {text, align}),
//!         total (a row, or none), svg (charts in HTML only: safe markup, else none),
//!         keep (bool: small enough to keep on one page), widths (HTML tables: one "12.5%" per column, else none);
//!         tables also have id; in HTML, columns empty in every row are left out. A chart's columns/rows are its values as a table.
//! ```

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{Value, context};

use crate::domain::date;
use crate::report::document::{Block, Cell, Chart, Column, Document, Letterhead, Section, Signature, Table};

use super::common::{Align, chart_rows, row_cells};
use super::{svg, widths};

/// Which writer the context is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Table cells have `|` escaped and line breaks removed.
    Markdown,
    /// Charts carry an inline SVG.
    Html,
}

/// The context of `doc`, which it keeps: a table's rows are made into values one at a time, as the template reaches
/// them (`Rows`), so that a national report's tables are held once, as cells, and not a second time as values.
pub fn document(mut doc: Document, target: Target) -> Value {
    if target == Target::Html {
        // Laid out on a page: columns empty in every row are left out.
        let annex = doc.annex.iter_mut().flat_map(|a| a.sections.iter_mut());
        doc.sections.iter_mut().chain(annex).for_each(drop_empty_columns);
    }
    let doc = Arc::new(doc);
    let annex = doc.annex.as_ref().map(|a| {
        context! {
            title => a.title.clone(),
            subtitle => a.subtitle.clone(),
            sections => sections(&doc, Part::Annex, &a.sections, target),
        }
    });
    context! {
        doc => context! {
            letterhead => letterhead(&doc.letterhead),
            title => doc.title.clone(),
            subject => doc.subject.clone(),
            sections => sections(&doc, Part::Body, &doc.sections, target),
            closing => doc.closing.clone(),
            countersignature => doc.countersignature.as_ref().map(signature),
            witness => doc.witness.as_ref().map(signature),
            annex => annex,
        }
    }
}

fn drop_empty_columns(section: &mut Section) {
    for block in &mut section.blocks {
        if let Block::Table(t) = block {
            widths::drop_empty_columns(t);
        }
    }
    section.subsections.iter_mut().for_each(drop_empty_columns);
}

/// The sections flattened, each with its `level` (1 = top), in reading order.
fn sections(doc: &Arc<Document>, part: Part, list: &[Section], target: Target) -> Vec<Value> {
    fn walk(
        doc: &Arc<Document>,
        list: &[Section],
        at: &mut TableAt,
        level: usize,
        target: Target,
        out: &mut Vec<Value>,
    ) {
        for (i, s) in list.iter().enumerate() {
            at.path.push(i);
            let blocks: Vec<Value> = s
                .blocks
                .iter()
                .enumerate()
                .map(|(b, block)| {
                    at.block = b;
                    self::block(doc, at, block, target)
                })
                .collect();
            out.push(context! {
                level => level,
                number => s.number.clone(),
                title => s.title.clone(),
                heading => s.heading(),
                blocks => blocks,
            });
            walk(doc, &s.subsections, at, level + 1, target, out);
            at.path.pop();
        }
    }
    let mut out = Vec::new();
    walk(doc, list, &mut TableAt { part, path: Vec::new(), block: 0 }, 1, target, &mut out);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Annex,
}

/// Where a table stands in its document: the part, the index of each section down to its own, the block's index.
#[derive(Debug, Clone)]
struct TableAt {
    part: Part,
    path: Vec<usize>,
    block: usize,
}

impl TableAt {
    fn table<'a>(&self, doc: &'a Document) -> Option<&'a Table> {
        let mut list = match self.part {
            Part::Body => &doc.sections,
            Part::Annex => &doc.annex.as_ref()?.sections,
        };
        let (last, parents) = self.path.split_last()?;
        for i in parents {
            list = &list.get(*i)?.subsections;
        }
        match list.get(*last)?.blocks.get(self.block)? {
            Block::Table(t) => Some(t),
            _ => None,
        }
    }
}

/// A table's rows as the template sees them: a list, each row's values made when it is read.
#[derive(Debug)]
struct Rows {
    doc: Arc<Document>,
    at: TableAt,
    target: Target,
}

impl Object for Rows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let table = self.at.table(&self.doc)?;
        let cells = table.rows.get(key.as_usize()?)?;
        Some(Value::from(row(table, cells, self.target)))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.at.table(&self.doc).map_or(0, |t| t.rows.len()))
    }
}

fn signature(sig: &Signature) -> Value {
    let lines: Vec<String> = sig.lines().into_iter().map(str::to_string).collect();
    context! {
        authority => sig.authority.clone(),
        delegation => sig.delegation.clone(),
        title => sig.title.clone(),
        name => sig.name.clone(),
        lines => lines,
    }
}

fn letterhead(lh: &Letterhead) -> Value {
    context! {
        parent_body => lh.parent_body.clone(),
        issuing_body => lh.issuing_body.clone(),
        number => lh.number.clone(),
        place => lh.place.clone(),
        date => lh.date.map(date::format),
        date_line => lh.date_line(),
        year => lh.year,
        recipients => lh.recipient_lines(),
        signature => signature(&lh.signature),
    }
}

fn block(doc: &Arc<Document>, at: &TableAt, block: &Block, target: Target) -> Value {
    match block {
        Block::Paragraph(text) => context! { type => "paragraph", text => text.clone() },
        Block::Note(text) => context! { type => "note", text => text.clone() },
        Block::Centered(text) => context! { type => "centered", text => text.clone() },
        Block::Bullets(items) => context! { type => "bullets", items => items.clone() },
        Block::Table(t) => table(doc, at, t, target),
        Block::Chart(c) => chart(c, target),
    }
}

fn cell_text(text: &str, target: Target) -> String {
    match target {
        Target::Markdown => text
            .replace('\\', "\\\\")
            .replace('|', "\\|")
            .split(['\r', '\n'])
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        Target::Html => text.to_string(),
    }
}

fn cell_value(text: &str, align: Align, target: Target) -> Value {
    context! { text => cell_text(text, target), align => align.name() }
}

fn columns(columns: &[Column], target: Target) -> Vec<Value> {
    columns.iter().map(|c| cell_value(&c.title, Align::of_column(c.kind), target)).collect()
}

fn row(table: &Table, cells: &[Cell], target: Target) -> Vec<Value> {
    row_cells(table, cells).map(|(text, align)| cell_value(&text, align, target)).collect()
}

fn table(doc: &Arc<Document>, at: &TableAt, t: &Table, target: Target) -> Value {
    // On a page (HTML): widths from content, as percents of the text width.
    let widths = (target == Target::Html).then(|| {
        // Printed on A4 with the DOCX's margins (`templates/report.html.j2`: 165 mm of text).
        let fitted = widths::fit_twips(&widths::needs(t), widths::A4_TEXT_WIDTH);
        let total: f64 = fitted.iter().sum();
        fitted.iter().map(|w| format!("{:.1}%", w / total * 100.0)).collect::<Vec<_>>()
    });
    let rows = Value::from_object(Rows { doc: Arc::clone(doc), at: at.clone(), target });
    context! {
        type => "table",
        id => t.id.clone(),
        title => t.title.clone(),
        columns => columns(&t.columns, target),
        rows => rows,
        total => t.total.as_ref().map(|cells| row(t, cells, target)),
        unit => "",
        empty => t.rows.is_empty(),
        keep => widths::keep_on_a4(&widths::needs(t)),
        widths => widths,
        svg => Value::from(()),
    }
}

fn chart(c: &Chart, target: Target) -> Value {
    let (header, rows) = chart_rows(c);
    let line = |texts: &[String]| -> Vec<Value> {
        texts.iter().enumerate().map(|(i, text)| cell_value(text, Align::of_chart_column(i), target)).collect()
    };
    let keep = widths::keep_on_a4(&widths::chart_needs(&header, &rows));
    let header = line(&header);
    let rows: Vec<Vec<Value>> = rows.iter().map(|r| line(r)).collect();
    let svg = match target {
        Target::Html if !c.is_empty() => Some(Value::from_safe_string(svg::chart(c))),
        _ => None,
    };
    context! {
        type => "chart",
        title => c.title.clone(),
        unit => c.unit.clone(),
        empty => c.is_empty(),
        columns => header,
        rows => rows,
        total => Value::from(()),
        keep => keep,
        widths => Value::from(()),
        svg => svg,
    }
}
