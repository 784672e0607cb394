//! DOCX laid out as a Vietnamese administrative document (NĐ 30/2020/NĐ-CP):
//! A4, margins 20/20/30/15 mm, Times New Roman 14 pt, quốc hiệu and tiêu ngữ,
//! số/ký hiệu, place and date, "Nơi nhận:" and the signature block.

use std::fmt::{self, Write};
use std::io::{Cursor, Write as _};
use std::iter;

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use crate::report::document::{Block, Cell, Chart, Document, Letterhead, Section, Signature, Table};

use super::WriteError;
use super::common::{Align, chart_caption, chart_rows, flatten_sections, row_cells};
use super::docx_xml::{self as x, Jc, Para, Row, Run};
use super::widths;
use sink::Sink;

#[path = "docx_sink.rs"]
mod sink;

/// Text width of an A4 page with 30 mm + 15 mm side margins, in twips.
const TEXT_WIDTH: u32 = widths::A4_TEXT_WIDTH;
/// Left and right columns of the header and footer tables.
const HEAD_LEFT: u32 = 3600;
const FOOT_LEFT: u32 = 4300;
/// Font sizes in half-points.
const SZ_TABLE: u32 = 24;
const SZ_HEAD: u32 = 26;

pub fn render_docx(doc: &Document) -> Result<Vec<u8>, WriteError> {
    let lh = &doc.letterhead;
    let title = format!("{} {}", doc.title, doc.subject);
    let created = lh.date.map(|d| d.format("%Y-%m-%d").to_string());
    // `None` is the main part: written into its entry as it is produced, because it grows with the document
    // (hundreds of MB for a national report) while its compressed form is a few MB.
    let parts = [
        ("[Content_Types].xml", Some(x::content_types())),
        ("_rels/.rels", Some(x::package_rels())),
        ("word/_rels/document.xml.rels", Some(x::document_rels())),
        ("word/document.xml", None),
        ("word/styles.xml", Some(x::styles())),
        ("word/settings.xml", Some(x::settings())),
        ("word/header1.xml", Some(x::header())),
        ("docProps/core.xml", Some(x::core(&title, &lh.issuing_body, created.as_deref()))),
        ("docProps/app.xml", Some(x::app())),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (name, content) in parts {
        zip.start_file(name, options)?;
        match content {
            Some(content) => zip.write_all(content.as_bytes())?,
            None => {
                let mut sink = Sink::new(&mut zip);
                let written = x::document(&mut sink, |out| body(out, doc));
                sink.finish(written)?;
            }
        }
    }
    Ok(zip.finish()?.into_inner())
}

fn body(out: &mut dyn Write, doc: &Document) -> fmt::Result {
    // A letter (công văn) has no type name: its subject ("V/v …") stands under the number.
    let letter = doc.title.trim().is_empty();
    header(out, &doc.letterhead, letter.then_some(doc.subject.as_str()))?;
    if !letter {
        Para { jc: Jc::Center, before: 360, keep_next: true, ..Para::default() }
            .write(out, &[Run::new(&doc.title).bold()])?;
        Para { jc: Jc::Center, keep_next: true, ..Para::default() }.write(out, &[Run::new(&doc.subject).bold()])?;
        // NĐ 30: a rule 1/3 to 1/2 as long as the subject line, centred under it.
        let subject_chars = u32::try_from(doc.subject.chars().count().min(66)).unwrap_or(66);
        x::short_rule(TEXT_WIDTH, (subject_chars * 140 / 3).clamp(1200, TEXT_WIDTH / 2)).write(out, &[])?;
    }
    sections_xml(out, &doc.sections)?;
    if let Some(closing) = &doc.closing {
        // The signature never stands alone on a page: the closing paragraph keeps with it, in one piece.
        Para { keep_next: true, keep_lines: true, ..Para::body() }.write(out, &[Run::new(closing)])?;
    }
    footer(out, &doc.letterhead, doc.countersignature.as_ref(), doc.witness.as_ref())?;
    if let Some(annex) = &doc.annex {
        out.write_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#)?;
        Para { jc: Jc::Center, keep_next: true, ..Para::default() }.write(out, &[Run::new(&annex.title).bold()])?;
        Para { jc: Jc::Center, keep_next: true, after: 240, ..Para::default() }
            .write(out, &[Run::new(&annex.subtitle).italic()])?;
        sections_xml(out, &annex.sections)?;
    }
    // A document must not end with a table; this paragraph is 1 pt high, so that a signature block ending near
    // the foot of a page does not push it onto a blank page of its own.
    Para { mark_size: Some(2), line: Some(20), exact_line: true, ..Para::default() }.write(out, &[])
}

/// Headings and blocks of sections, depth-first.
fn sections_xml(out: &mut dyn Write, sections: &[Section]) -> fmt::Result {
    for flat in flatten_sections(sections) {
        let level = flat.level.min(3);
        let heading = flat.section.heading();
        let style = match level {
            1 => "Heading1",
            2 => "Heading2",
            _ => "Heading3",
        };
        let run = if level >= 3 { Run::new(&heading).bold().italic() } else { Run::new(&heading).bold() };
        if !heading.is_empty() {
            Para { style: Some(style), keep_next: true, ..Para::body() }.write(out, &[run])?;
        }
        for block in &flat.section.blocks {
            block_xml(out, block)?;
        }
    }
    Ok(())
}

fn centered(runs: &[Run<'_>]) -> String {
    Para::new(Jc::Center).xml(runs)
}

/// Two borderless columns: issuing body / quốc hiệu, then số (and a letter's "V/v …") / place and date.
fn header(out: &mut dyn Write, lh: &Letterhead, letter_subject: Option<&str>) -> fmt::Result {
    let mut left = String::new();
    if let Some(parent) = &lh.parent_body {
        left += &centered(&[Run::new(parent).size(SZ_HEAD)]);
    }
    left += &centered(&[Run::new(&lh.issuing_body).bold().size(SZ_HEAD)]);
    left += &x::short_rule(HEAD_LEFT, 1200).xml(&[]);
    let right = centered(&[Run::new("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold().size(SZ_TABLE)])
        + &centered(&[Run::new("Độc lập - Tự do - Hạnh phúc").bold().underline().size(SZ_HEAD)]);
    let spaced = |run: Run<'_>| Para { jc: Jc::Center, before: 120, ..Para::default() }.xml(&[run]);
    let mut number = spaced(Run::new(lh.number.trim()).size(SZ_HEAD));
    if let Some(subject) = letter_subject {
        number += &Para { jc: Jc::Center, before: 60, ..Para::default() }.xml(&[Run::new(subject).size(SZ_TABLE)]);
    }
    let date_line = lh.date_line();
    let date = spaced(Run::new(&date_line).italic());
    let rows = [Row { header: false, cells: vec![left, right] }, Row { header: false, cells: vec![number, date] }];
    x::table(out, &[HEAD_LEFT, TEXT_WIDTH - HEAD_LEFT], false, rows)
}

/// "Nơi nhận:" (or a second signature) at the left, the signature block at the right, and under it a third
/// signature of the same side (the minutes' Thư ký under the Trưởng đoàn), in the same row so it stays with them.
fn footer(
    out: &mut dyn Write,
    lh: &Letterhead,
    countersignature: Option<&Signature>,
    witness: Option<&Signature>,
) -> fmt::Result {
    let left = match countersignature {
        Some(sig) => signature(sig),
        None => {
            let mut left =
                Para { before: 240, ..Para::default() }.xml(&[Run::new("Nơi nhận:").bold().italic().size(SZ_TABLE)]);
            for line in lh.recipient_lines() {
                left += &Para::default().xml(&[Run::new(&line).size(22)]);
            }
            left
        }
    };
    let mut right = signature(&lh.signature);
    if let Some(witness) = witness {
        right += &signature(witness);
    }
    let rows = [Row { header: false, cells: vec![left, right] }];
    x::table(out, &[FOOT_LEFT, TEXT_WIDTH - FOOT_LEFT], false, rows)
}

/// Bold lines, the blank signing space, then the name.
fn signature(sig: &Signature) -> String {
    let mut right = String::new();
    for (i, line) in sig.lines().into_iter().enumerate() {
        let before = if i == 0 { 240 } else { 0 };
        right += &Para { jc: Jc::Center, before, ..Para::default() }.xml(&[Run::new(line).bold()]);
    }
    for _ in 0..4 {
        right += &centered(&[]);
    }
    right += &centered(&[Run::new(&sig.name).bold()]);
    right
}

fn block_xml(out: &mut dyn Write, block: &Block) -> fmt::Result {
    match block {
        Block::Paragraph(text) => Para::body().write(out, &[Run::new(text)]),
        Block::Note(text) => Para::body().write(out, &[Run::new(text).italic()]),
        Block::Centered(text) => Para { jc: Jc::Center, before: 120, keep_next: true, ..Para::default() }
            .write(out, &[Run::new(text).bold()]),
        Block::Bullets(items) => items.iter().try_for_each(|i| Para::body().write(out, &[Run::new(&format!("- {i}"))])),
        Block::Table(table) => table_xml(out, table),
        Block::Chart(chart) => chart_xml(out, chart),
    }
}

fn caption(out: &mut dyn Write, text: &str) -> fmt::Result {
    Para { jc: Jc::Center, before: 120, after: 60, keep_next: true, ..Para::default() }
        .write(out, &[Run::new(text).bold()])
}

/// A cell's paragraph; `keep_next` holds its row on the page of the next one.
fn cell_para(text: &str, align: Align, bold: bool, keep_next: bool) -> String {
    let jc = match align {
        Align::Left => Jc::Left,
        Align::Center => Jc::Center,
        Align::Right => Jc::Right,
    };
    let run = Run::new(text).size(SZ_TABLE);
    Para { jc, keep_next, ..Para::default() }.xml(&[if bold { run.bold() } else { run }])
}

fn table_xml(out: &mut dyn Write, t: &Table) -> fmt::Result {
    let t = widths::without_empty_columns(t);
    let needs = widths::needs(&t);
    let widths = twips(&needs);
    // Only the header row repeats on each page; a table that fits in a third of a page is kept on one (every row
    // but the last keeps with the next, Word's way; LibreOffice too), a longer one starts where it is.
    let keep = widths::keep_on_a4(&needs);
    let header =
        Row { header: true, cells: t.columns.iter().map(|c| cell_para(&c.title, Align::Center, true, true)).collect() };
    let body_rows = t.rows.len() + usize::from(t.total.is_some());
    let row = |n: usize, cells: &Vec<Cell>, bold: bool| Row {
        header: false,
        cells: row_cells(&t, cells)
            .map(|(text, align)| cell_para(&text, align, bold, keep && n + 1 < body_rows))
            .collect(),
    };
    let rows = iter::once(header)
        .chain(t.rows.iter().enumerate().map(|(n, r)| row(n, r, false)))
        .chain(t.total.iter().map(|r| row(body_rows - 1, r, true)));
    caption(out, &t.title)?;
    x::table(out, &widths, true, rows)
}

/// Column widths in twips over the page's text width.
fn twips(needs: &[widths::Need]) -> Vec<u32> {
    if needs.is_empty() {
        return vec![TEXT_WIDTH];
    }
    // Twips of an A4 text width: small positive values.
    widths::fit_twips(needs, TEXT_WIDTH).iter().map(|w| w.floor().max(200.0) as u32).collect()
}

/// Charts are shown as a small table of their values.
fn chart_xml(out: &mut dyn Write, chart: &Chart) -> fmt::Result {
    let title = chart_caption(chart);
    caption(out, &title)?;
    if chart.is_empty() {
        return Para::new(Jc::Center).write(out, &[Run::new("Không có dữ liệu.").italic()]);
    }
    let (header, rows) = chart_rows(chart);
    let needs = widths::chart_needs(&header, &rows);
    let keep = widths::keep_on_a4(&needs);
    let header = Row { header: true, cells: header.iter().map(|h| cell_para(h, Align::Center, true, true)).collect() };
    let body = rows.iter().enumerate().map(|(n, r)| Row {
        header: false,
        cells: r
            .iter()
            .enumerate()
            .map(|(j, text)| cell_para(text, Align::of_chart_column(j), false, keep && n + 1 < rows.len()))
            .collect(),
    });
    x::table(out, &twips(&needs), true, iter::once(header).chain(body))
}

#[cfg(test)]
#[path = "docx_tests.rs"]
mod tests;
