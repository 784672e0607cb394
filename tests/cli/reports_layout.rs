//! Layout of the reports people print (issue 12, points 11–12), read back from the DOCX and HTML the commands
//! write: widths from content, no column empty in every row, header rows repeated, small tables and the signature
//! kept on one page.

use std::collections::HashMap;

use crate::common::{Ward, unzip};
use crate::reports::fixture::fixture;

/// Text of the XML or HTML between tags, entities left as they are (the tests look for plain words).
fn text_of(markup: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in markup.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Pieces of `text` between each `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open).skip(1).map(|piece| piece.split(close).next().unwrap_or("")).collect()
}

/// A bordered (data) table of a DOCX: its column widths, and each row's cells as (text, paragraph properties).
struct DocxTable {
    widths: Vec<u32>,
    rows: Vec<Vec<(String, String)>>,
    header_repeats: bool,
}

fn docx_tables(ward: &Ward, args: &[&str]) -> (String, Vec<DocxTable>) {
    ward.ok(&[args, &["-o", "bc.docx"][..]].concat());
    let parts: HashMap<String, String> =
        unzip(&std::fs::read(ward.path("bc.docx")).expect("docx")).into_iter().collect();
    let doc = parts["word/document.xml"].clone();
    let tables = between(&doc, "<w:tbl>", "</w:tbl>")
        .into_iter()
        .filter(|t| t.contains(r#"w:val="single" w:sz="4""#))
        .map(|t| DocxTable {
            widths: between(t, r#"<w:gridCol w:w=""#, "\"").iter().map(|w| w.parse().unwrap_or(0)).collect(),
            rows: between(t, "<w:tr>", "</w:tr>")
                .iter()
                .map(|row| {
                    between(row, "<w:tc>", "</w:tc>")
                        .iter()
                        .map(|cell| (text_of(cell), between(cell, "<w:pPr>", "</w:pPr>").concat()))
                        .collect()
                })
                .collect(),
            header_repeats: between(t, "<w:tr>", "</w:tr>").first().is_some_and(|r| r.contains("<w:tblHeader/>")),
        })
        .collect();
    (doc, tables)
}

#[test]
fn docx_widths_come_from_content_and_empty_columns_are_left_out() {
    let ward = fixture();
    let (_, tables) = docx_tables(&ward, &["report", "year", "2026"]);
    let remediation = tables
        .iter()
        .find(|t| t.rows[0].iter().any(|(h, _)| h == "Nội dung") && t.rows[0].iter().any(|(h, _)| h == "Thời hạn"))
        .expect("the remediation table");
    let column = |title: &str| remediation.rows[0].iter().position(|(h, _)| h == title).expect(title);
    let (content, due) = (remediation.widths[column("Nội dung")], remediation.widths[column("Thời hạn")]);
    assert_eq!(
        remediation.widths.iter().max(),
        Some(&content),
        "the text column gets the room: {:?}",
        remediation.widths
    );
    // A date (dd/mm/yyyy, 12 pt) and the cell's margins take about 1,250 twips; it gets no more than it needs.
    assert!((1250..=1450).contains(&due), "the date column is narrow: {:?}", remediation.widths);

    // Ad-hoc rounds ask for no self-report: the self-points columns are empty in every row, and left out.
    let md = ward.ok(&["report", "round", "2026-dx1", "--format", "md"]);
    assert!(md.contains("| Điểm tự chấm |"), "the Markdown keeps every column");
    for report in [&["report", "round", "2026-dx1"][..], &["report", "year", "2026"], &["report", "followup"]] {
        let (_, tables) = docx_tables(&ward, report);
        for t in &tables {
            assert_eq!(t.widths.len(), t.rows[0].len(), "{report:?}: one width per column");
            if t.rows.len() < 2 {
                continue;
            }
            for (i, (title, _)) in t.rows[0].iter().enumerate() {
                let used = t.rows[1..].iter().any(|r| r.get(i).is_some_and(|(text, _)| !text.is_empty()));
                assert!(used, "{report:?}: column «{title}» is empty in every row");
            }
        }
    }
}

#[test]
fn docx_keeps_headers_small_tables_and_the_signature_together() {
    let ward = fixture();
    for report in
        [&["report", "round", "2026-dot2"][..], &["report", "year", "2026"], &["report", "selfassessment", "2026"]]
    {
        let (doc, tables) = docx_tables(&ward, report);
        let mut kept = 0;
        for t in &tables {
            assert!(t.header_repeats, "{report:?}: the header row repeats on every page");
            let body = &t.rows[1..];
            let keeps: Vec<bool> =
                body.iter().map(|row| row.iter().all(|(_, ppr)| ppr.contains("<w:keepNext/>"))).collect();
            // A small table keeps every row but the last with the next (not split across pages); a long one keeps
            // none, and starts where it is with its header repeated, rather than leaving half a page blank.
            let whole = keeps.iter().enumerate().all(|(n, k)| *k == (n + 1 < body.len()));
            let split = keeps.iter().all(|k| !k);
            assert!(whole || split, "{report:?}: a table of {} rows: {keeps:?}", body.len());
            if body.len() > 12 {
                assert!(split, "{report:?}: a table of {} rows is not kept on one page", body.len());
            }
            kept += usize::from(whole && body.len() > 1);
        }
        assert!(kept > 0 || report[1] != "year", "{report:?}: small tables (the bands) are kept together");
        // The closing paragraph keeps with the signature block that follows it, in one piece.
        let closing = doc.split("<w:p>").find(|p| p.contains("Trên đây là")).expect("closing paragraph");
        assert!(closing.contains("<w:keepNext/><w:keepLines/>"), "{report:?}: {closing}");
        let after = doc.split("Trên đây là").nth(1).unwrap_or("");
        assert!(
            after.find("<w:tbl>").is_some_and(|t| Some(t) < after.find("Nơi nhận:")),
            "{report:?}: the signature block comes next"
        );
    }
}

#[test]
fn html_prints_like_the_docx() {
    let ward = fixture();
    ward.ok(&["report", "round", "2026-dx1", "-o", "bc.html"]);
    let html = std::fs::read_to_string(ward.path("bc.html")).expect("html");
    assert!(html.contains("table.data thead { display: table-header-group; }"));
    assert!(html.contains("table.data.keep { page-break-inside: avoid; break-inside: avoid; }"));
    assert!(html.contains("div.closing { page-break-inside: avoid; break-inside: avoid; }"));
    let closing = between(&html, "<div class=\"closing\">", "</div>").concat();
    assert!(closing.contains("Trên đây là") && closing.contains("Nơi nhận:"), "the signature keeps with the closing");
    let tables = between(&html, "<table class=\"data", "</table>");
    assert!(!tables.is_empty());
    for t in tables {
        let rows = between(t, "<tr", "</tr>");
        let header: Vec<String> = between(rows[0], "<th>", "</th>").iter().map(|h| text_of(h)).collect();
        assert!(!header.contains(&"Điểm tự chấm".to_owned()), "no column empty in every row: {header:?}");
        let widths = between(t, "<col style=\"width: ", "%\"");
        assert_eq!(widths.len(), header.len(), "a width per column: {t}");
        let total: f64 = widths.iter().map(|w| w.parse::<f64>().unwrap_or(0.0)).sum();
        assert!((total - 100.0).abs() < 0.5, "the widths fill the line: {widths:?}");
        let body = rows.len() - 1;
        if body > 12 {
            assert!(!t.starts_with(" keep\""), "a table of {body} rows is not kept: {}", &t[..40.min(t.len())]);
        }
    }
}
