//! WordprocessingML building blocks: runs, paragraphs, tables, and the fixed
//! package parts. Sizes are in half-points (`sz`) and twips (1/20 pt).

use std::borrow::Cow;
use std::fmt::{self, Write};

use super::common::xml_escape;

pub const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// A run of text with character formatting.
#[derive(Debug, Clone, Default)]
pub struct Run<'a> {
    pub text: &'a str,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Font size in half-points (28 = 14 pt); `None` = document default.
    pub size: Option<u32>,
}

impl<'a> Run<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text, ..Self::default() }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    pub fn underline(mut self) -> Self {
        self.underline = true;
        self
    }
    pub fn size(mut self, half_points: u32) -> Self {
        self.size = Some(half_points);
        self
    }

    /// `<w:r>` elements; line breaks become `<w:br/>`, tabs `<w:tab/>`.
    pub fn write(&self, out: &mut dyn Write) -> fmt::Result {
        out.write_str("<w:r><w:rPr>")?;
        if self.bold {
            out.write_str("<w:b/><w:bCs/>")?;
        }
        if self.italic {
            out.write_str("<w:i/><w:iCs/>")?;
        }
        if let Some(sz) = self.size {
            write!(out, r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>"#)?;
        }
        if self.underline {
            out.write_str(r#"<w:u w:val="single"/>"#)?;
        }
        out.write_str("</w:rPr>")?;
        // Most text has no carriage return: no copy of it then.
        let text: Cow<'_, str> = if self.text.contains('\r') {
            Cow::Owned(self.text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(self.text)
        };
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_str("<w:br/>")?;
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    out.write_str("<w:tab/>")?;
                }
                if !part.is_empty() {
                    write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, xml_escape(part))?;
                }
            }
        }
        out.write_str("</w:r>")
    }
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Jc {
    #[default]
    Left,
    Center,
    Right,
    Both,
}

impl Jc {
    fn name(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Center => "center",
            Self::Right => "right",
            Self::Both => "both",
        }
    }
}

/// Paragraph properties.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub style: Option<&'static str>,
    pub jc: Jc,
    pub keep_next: bool,
    /// Keep the paragraph's lines on one page.
    pub keep_lines: bool,
    /// Space before/after in twips.
    pub before: u32,
    pub after: u32,
    /// Line spacing in 240ths of a line (240 = single); `None` = default.
    pub line: Option<u32>,
    /// `line` is an exact height in twips rather than a share of a line.
    pub exact_line: bool,
    pub first_line: u32,
    /// Left/right indentation in twips.
    pub indent: (u32, u32),
    /// Draw a rule under the paragraph (used on an empty, tiny paragraph for
    /// the short lines under the issuing body and the subject).
    pub rule: bool,
    /// Size of the paragraph mark (matters for empty paragraphs).
    pub mark_size: Option<u32>,
}

impl Para {
    pub fn new(jc: Jc) -> Self {
        Self { jc, ..Self::default() }
    }
    /// A justified body paragraph with a 1 cm first-line indent and 6 pt before.
    pub fn body() -> Self {
        Self { jc: Jc::Both, before: 120, line: Some(288), first_line: 567, ..Self::default() }
    }

    /// The paragraph as a string: the content of a table cell.
    pub fn xml(&self, runs: &[Run<'_>]) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write(&mut out, runs);
        out
    }

    pub fn write(&self, out: &mut dyn Write, runs: &[Run<'_>]) -> fmt::Result {
        out.write_str("<w:p><w:pPr>")?;
        if let Some(style) = self.style {
            write!(out, r#"<w:pStyle w:val="{style}"/>"#)?;
        }
        if self.keep_next {
            out.write_str("<w:keepNext/>")?;
        }
        if self.keep_lines {
            out.write_str("<w:keepLines/>")?;
        }
        if self.rule {
            out.write_str(r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#)?;
        }
        write!(out, r#"<w:spacing w:before="{}" w:after="{}""#, self.before, self.after)?;
        if let Some(line) = self.line {
            let rule = if self.exact_line { "exact" } else { "auto" };
            write!(out, r#" w:line="{line}" w:lineRule="{rule}""#)?;
        }
        out.write_str("/>")?;
        let (left, right) = self.indent;
        if left > 0 || right > 0 || self.first_line > 0 {
            write!(out, r#"<w:ind w:left="{left}" w:right="{right}" w:firstLine="{}"/>"#, self.first_line)?;
        }
        write!(out, r#"<w:jc w:val="{}"/>"#, self.jc.name())?;
        if let Some(sz) = self.mark_size {
            write!(out, r#"<w:rPr><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>"#)?;
        }
        out.write_str("</w:pPr>")?;
        for run in runs {
            run.write(out)?;
        }
        out.write_str("</w:p>")
    }
}

/// A short centred rule of `length` twips inside a space `width` twips wide: an empty paragraph.
pub fn short_rule(width: u32, length: u32) -> Para {
    let side = width.saturating_sub(length) / 2;
    Para {
        jc: Jc::Center,
        indent: (side, side),
        rule: true,
        mark_size: Some(4),
        line: Some(240),
        // Clear of the descenders of the line above, so the rule does not read as an underline.
        before: 60,
        ..Para::default()
    }
}

/// One table row; each cell is its inner XML (one or more paragraphs).
pub struct Row {
    pub header: bool,
    pub cells: Vec<String>,
}

/// A fixed-layout table of the given column widths (twips). Rows are written as they come, so that a long
/// table is never held whole.
pub fn table(out: &mut dyn Write, widths: &[u32], borders: bool, rows: impl IntoIterator<Item = Row>) -> fmt::Result {
    let total: u32 = widths.iter().sum();
    let border = if borders {
        r#"w:val="single" w:sz="4" w:space="0" w:color="000000""#
    } else {
        r#"w:val="none" w:sz="0" w:space="0" w:color="auto""#
    };
    write!(out, r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#)?;
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        write!(out, "<w:{side} {border}/>")?;
    }
    let margin = if borders { 80 } else { 0 };
    write!(
        out,
        r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
    )?;
    for w in widths {
        write!(out, r#"<w:gridCol w:w="{w}"/>"#)?;
    }
    out.write_str("</w:tblGrid>")?;
    for row in rows {
        out.write_str("<w:tr><w:trPr><w:cantSplit/>")?;
        if row.header {
            out.write_str("<w:tblHeader/>")?;
        }
        out.write_str("</w:trPr>")?;
        for (i, w) in widths.iter().enumerate() {
            let inner = row.cells.get(i).filter(|c| !c.is_empty()).map_or("<w:p/>", String::as_str);
            let valign = if row.header { "center" } else { "top" };
            write!(
                out,
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="{valign}"/></w:tcPr>{inner}</w:tc>"#
            )?;
        }
        out.write_str("</w:tr>")?;
    }
    out.write_str("</w:tbl>")
}

pub fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/header1.xml" ContentType="{main}.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#
    )
}

pub fn package_rels() -> String {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

pub fn document_rels() -> String {
    format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{NS_R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{NS_R}/settings" Target="settings.xml"/><Relationship Id="rId3" Type="{NS_R}/header" Target="header1.xml"/></Relationships>"#
    )
}

/// Times New Roman 14 pt everywhere; headings bold with outline levels.
pub fn styles() -> String {
    let font = "Times New Roman";
    let mut out = format!(
        r#"{XML_DECL}<w:styles xmlns:w="{NS_W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
    );
    for level in 1..=3 {
        let italic = if level == 3 { "<w:i/><w:iCs/>" } else { "" };
        let _ = write!(
            out,
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:bCs/>{italic}</w:rPr></w:style>"#,
            level - 1
        );
    }
    out.push_str(
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
    );
    out
}

pub fn settings() -> String {
    format!(
        r#"{XML_DECL}<w:settings xmlns:w="{NS_W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>"#
    )
}

/// Page number centred at the top (the first page has none: `w:titlePg`).
pub fn header() -> String {
    format!(
        r#"{XML_DECL}<w:hdr xmlns:w="{NS_W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"#
    )
}

/// Core properties; `created` is an ISO date when the document is dated.
pub fn core(title: &str, creator: &str, created: Option<&str>) -> String {
    let created = created.map_or(String::new(), |d| {
        format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{d}T00:00:00Z</dcterms:created>"#)
    });
    format!(
        r#"{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>vi-VN</dc:language>{created}</cp:coreProperties>"#,
        xml_escape(title),
        xml_escape(creator),
    )
}

pub fn app() -> String {
    format!(
        r#"{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>cchc</Application></Properties>"#
    )
}

/// The main part around its body, which `body` writes.
pub fn document(out: &mut dyn Write, body: impl FnOnce(&mut dyn Write) -> fmt::Result) -> fmt::Result {
    write!(out, r#"{XML_DECL}<w:document xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:body>"#)?;
    body(out)?;
    out.write_str(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#,
    )
}
