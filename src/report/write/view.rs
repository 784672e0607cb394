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

use std::borrow::Cow;

use minijinja::{Value, context};

use crate::domain::date;
use crate::report::document::{Block, Chart, Column, Document, Letterhead, Section, Signature, Table};

use super::common::{Align, chart_rows, flatten_sections, row_cells};
use super::{svg, widths};

/// Which writer the context is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Table cells have `|` escaped and line breaks removed.
    Markdown,
    /// Charts carry an inline SVG.
    Html,
}

pub fn document(doc: &Document, target: Target) -> Value {
    let annex = doc.annex.as_ref().map(|a| {
        context! { title => a.title.clone(), subtitle => a.subtitle.clone(), sections => sections(&a.sections, target) }
    });
    context! {
        doc => context! {
            letterhead => letterhead(&doc.letterhead),
            title => doc.title.clone(),
            subject => doc.subject.clone(),
            sections => sections(&doc.sections, target),
            closing => doc.closing.clone(),
            countersignature => doc.countersignature.as_ref().map(signature),
            witness => doc.witness.as_ref().map(signature),
            annex => annex,
        }
    }
}

fn sections(list: &[Section], target: Target) -> Vec<Value> {
    flatten_sections(list)
        .into_iter()
        .map(|flat| {
            let s = flat.section;
            let blocks: Vec<Value> = s.blocks.iter().map(|b| block(b, target)).collect();
            context! {
                level => flat.level,
                number => s.number.clone(),
                title => s.title.clone(),
                heading => s.heading(),
                blocks => blocks,
            }
        })
        .collect()
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

fn block(block: &Block, target: Target) -> Value {
    match block {
        Block::Paragraph(text) => context! { type => "paragraph", text => text.clone() },
        Block::Note(text) => context! { type => "note", text => text.clone() },
        Block::Centered(text) => context! { type => "centered", text => text.clone() },
        Block::Bullets(items) => context! { type => "bullets", items => items.clone() },
        Block::Table(t) => table(t, target),
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

fn table(t: &Table, target: Target) -> Value {
    // Laid out on a page: columns empty in every row left out, widths from content (percent of the text width).
    let (t, widths) = match target {
        Target::Html => {
            let t = widths::without_empty_columns(t);
            // Printed on A4 with the DOCX's margins (`templates/report.html.j2`: 165 mm of text).
            let fitted = widths::fit_twips(&widths::needs(&t), widths::A4_TEXT_WIDTH);
            let total: f64 = fitted.iter().sum();
            (t, Some(fitted.iter().map(|w| format!("{:.1}%", w / total * 100.0)).collect::<Vec<_>>()))
        }
        Target::Markdown => (Cow::Borrowed(t), None),
    };
    let t = t.as_ref();
    let row = |cells: &Vec<crate::report::document::Cell>| -> Vec<Value> {
        row_cells(t, cells).map(|(text, align)| cell_value(&text, align, target)).collect()
    };
    let rows: Vec<Vec<Value>> = t.rows.iter().map(row).collect();
    context! {
        type => "table",
        id => t.id.clone(),
        title => t.title.clone(),
        columns => columns(&t.columns, target),
        rows => rows,
        total => t.total.as_ref().map(row),
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
