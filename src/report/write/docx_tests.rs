use super::*;
use crate::report::write::sample::{sample, unzip};

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts.iter().find(|(n, _)| n == name).map_or("", |(_, t)| t.as_str())
}

/// Minimal well-formedness check: every start tag is closed in order.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        if text.contains('>') {
            return Err(format!("stray '>' in text near {:?}", &text[..text.len().min(40)]));
        }
        let Some(end) = rest[start..].find('>') else {
            return Err("unterminated tag".into());
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or(""));
        }
    }
    if stack.is_empty() { Ok(()) } else { Err(format!("unclosed {stack:?}")) }
}

fn rendered(doc: &Document) -> Vec<(String, String)> {
    match render_docx(doc) {
        Ok(bytes) => unzip(&bytes),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn package_parts_exist_and_are_well_formed() {
    let parts = rendered(&sample());
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/header1.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        let text = part(&parts, name);
        assert!(!text.is_empty(), "missing {name}");
        assert_eq!(well_formed(text), Ok(()), "{name}");
    }
}

#[test]
fn page_setup_and_fonts() {
    let parts = rendered(&sample());
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(doc.contains(r#"w:top="1134" w:right="851" w:bottom="1134" w:left="1701""#));
    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains(
        r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/>"#
    ));
}

#[test]
fn letterhead_and_signature() {
    let parts = rendered(&sample());
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(doc.contains(
        r#"<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc</w:t></w:r>"#
    ));
    assert!(doc.contains(">ỦY BAN NHÂN DÂN PHƯỜNG THÀNH SEN<"));
    assert!(doc.contains(">Thành Sen, ngày 15 tháng 7 năm 2026<"));
    assert!(doc.contains(">Nơi nhận:<"));
    assert!(doc.contains(">- Lưu: VT, VHXH.<"));
    for line in ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Thủy Nga"] {
        assert!(doc.contains(&format!(">{line}<")), "{line}");
    }
    assert!(doc.contains("<w:tblHeader/>"));
    assert!(doc.contains(r#"<w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">8,5<"#));
}

#[test]
fn blank_date_is_left_to_fill_by_hand() {
    let mut doc = sample();
    doc.letterhead.date = None;
    let parts = rendered(&doc);
    assert!(part(&parts, "word/document.xml").contains(">Thành Sen, ngày      tháng      năm 2026<"));
    assert!(!part(&parts, "docProps/core.xml").contains("dcterms:created"));
}

#[test]
fn user_text_is_escaped() {
    let mut doc = sample();
    doc.sections[0].blocks.push(Block::Paragraph("a < b && c > \"d\" 'e'\u{1}\u{8}\u{FFFE} f\nnext".into()));
    doc.subject = "<w:p>".into();
    let parts = rendered(&doc);
    let xml = part(&parts, "word/document.xml");
    assert!(xml.contains("a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos; f</w:t><w:br/>"));
    assert!(xml.contains("&lt;w:p&gt;"));
    assert!(!xml.contains('\u{1}'));
    assert_eq!(well_formed(xml), Ok(()));
    assert!(part(&parts, "docProps/core.xml").contains("&lt;w:p&gt;"));
}

#[test]
fn empty_chart_and_empty_table() {
    let mut doc = sample();
    doc.sections[0].blocks.push(Block::Table(Table::new("rong", "Bảng rỗng", vec![])));
    if let Some(Block::Chart(c)) = doc.sections[1].subsections[0].blocks.last_mut() {
        c.categories.clear();
    }
    let parts = rendered(&doc);
    let xml = part(&parts, "word/document.xml");
    assert!(xml.contains("Không có dữ liệu."));
    assert_eq!(well_formed(xml), Ok(()));
}
