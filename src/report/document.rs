//! Format-neutral report document.
//!
//! Report builders fill a [`Document`]; the writers in [`super::write`] turn it
//! into a terminal table, Markdown, HTML, DOCX, XLSX, CSV or JSON. Everything
//! here is plain data: no formatting decisions except the few helpers that
//! every writer shares (heading text, the place/date line, recipient lines).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A whole report: letterhead, title, subject, body and closing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub letterhead: Letterhead,
    /// Document type, e.g. "BÁO CÁO", "THÔNG BÁO".
    pub title: String,
    /// Summary of the content (trích yếu), e.g. "Kết quả kiểm tra cải cách hành chính Đợt 1 năm 2026".
    pub subject: String,
    pub sections: Vec<Section>,
    /// Closing paragraph, e.g. "Trên đây là báo cáo …./.".
    pub closing: Option<String>,
    /// A second signature at the left, in place of "Nơi nhận:" (minutes: the inspected unit's head beside the
    /// team leader).
    pub countersignature: Option<Signature>,
    /// A third signature, centred under the other two (minutes: the team's Thư ký).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub witness: Option<Signature>,
    /// A phụ lục after the signatures, on a page of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annex: Option<Annex>,
}

/// A phụ lục: its title lines ("PHỤ LỤC", what it lists) and its sections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annex {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

/// Header and footer of a Vietnamese administrative document (NĐ 30/2020/NĐ-CP).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Letterhead {
    /// Superior body, e.g. "UBND TỈNH HÀ TĨNH"; `None` for a ward after 2025.
    pub parent_body: Option<String>,
    /// Issuing body, e.g. "ỦY BAN NHÂN DÂN PHƯỜNG THÀNH SEN".
    pub issuing_body: String,
    /// Number and symbol, e.g. "Số:      /BC-UBND".
    pub number: String,
    /// Place name for the date line, e.g. "Thành Sen".
    pub place: String,
    /// Signing date; `None` leaves day and month blank to be filled by hand.
    pub date: Option<NaiveDate>,
    /// Month printed when `date` is `None` and the month is already known
    /// ("ngày    tháng 6 năm 2026").
    pub month: Option<u32>,
    pub year: i32,
    /// "Nơi nhận:" items, without trailing punctuation (it is added when rendered).
    pub recipients: Vec<String>,
    pub signature: Signature,
}

/// Signature block: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    /// Collective authority, e.g. "TM. ỦY BAN NHÂN DÂN".
    pub authority: Option<String>,
    /// Delegation, e.g. "KT. CHỦ TỊCH".
    pub delegation: Option<String>,
    /// Position of the signer, e.g. "PHÓ CHỦ TỊCH".
    pub title: String,
    pub name: String,
}

/// A numbered section ("I", "1", "1.1", "a") with its content and subsections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub number: String,
    pub title: String,
    pub blocks: Vec<Block>,
    pub subsections: Vec<Section>,
}

/// One piece of section content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "content", rename_all = "snake_case")]
pub enum Block {
    Paragraph(String),
    Bullets(Vec<String>),
    Table(Table),
    Chart(Chart),
    /// Italic remark.
    Note(String),
    /// A bold line centred on the page ("QUYẾT ĐỊNH:", "Kính gửi: …").
    Centered(String),
}

/// A table's rows and its total row.
pub type TableRows = (Vec<Vec<Cell>>, Option<Vec<Cell>>);

/// A data table; `id` names its CSV block / XLSX sheet in machine terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub id: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub total: Option<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    pub kind: ColumnKind,
    /// Preferred width in characters (XLSX); a relative weight elsewhere.
    pub width: Option<f64>,
    /// Written only in the machine formats (CSV, XLSX, JSON): internal ids stay out of documents sent outside.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub machine_only: bool,
}

/// How the cells of a column are formatted and aligned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ColumnKind {
    Text,
    Number {
        decimals: u8,
    },
    Integer,
    Date,
    /// A ratio (0.75) shown as a percentage with one decimal ("75,0%").
    Percent,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(f64),
    Integer(i64),
    Date(NaiveDate),
    Empty,
}

/// A bar chart; HTML draws it, the other writers show its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub title: String,
    pub kind: ChartKind,
    /// What a category is: the header over the categories' names in a chart's table ("Lĩnh vực", "Đơn vị").
    pub category: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Axis maximum (e.g. the maximum score); `<= 0` means "from the data".
    pub max: f64,
    /// Unit of the values, e.g. "điểm".
    pub unit: String,
    /// Decimals every value is shown with (scores keep theirs); `None`: as few as show every value exactly.
    pub decimals: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// One bar per category (first series).
    Bars,
    /// One bar per series in each category, with a legend.
    GroupedBars,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl Document {
    pub fn new(letterhead: Letterhead, title: impl Into<String>, subject: impl Into<String>) -> Self {
        Self {
            letterhead,
            title: title.into(),
            subject: subject.into(),
            sections: Vec::new(),
            closing: None,
            countersignature: None,
            witness: None,
            annex: None,
        }
    }

    /// All tables, depth-first in document order.
    pub fn tables(&self) -> Vec<&Table> {
        fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Table>) {
            for section in sections {
                for block in &section.blocks {
                    if let Block::Table(table) = block {
                        out.push(table);
                    }
                }
                walk(&section.subsections, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }

    /// The tables' rows and total rows, in the order of [`Document::tables`], taken out: a writer that is done with
    /// the rest lets each row go as it writes it.
    pub fn take_rows(&mut self) -> Vec<TableRows> {
        fn walk(sections: &mut [Section], out: &mut Vec<TableRows>) {
            for section in sections {
                for block in &mut section.blocks {
                    if let Block::Table(table) = block {
                        out.push((std::mem::take(&mut table.rows), table.total.take()));
                    }
                }
                walk(&mut section.subsections, out);
            }
        }
        let mut out = Vec::new();
        walk(&mut self.sections, &mut out);
        out
    }
}

impl Letterhead {
    /// "Thành Sen, ngày 05 tháng 02 năm 2026"; blanks for an unknown day/month.
    /// Days below 10 and months 1–2 get a leading zero (NĐ 30/2020/NĐ-CP).
    pub fn date_line(&self) -> String {
        const BLANK: &str = "    ";
        let month = |m: u32| {
            if m < 3 { format!("{m:02}") } else { m.to_string() }
        };
        let (day, month, year) = match self.date {
            Some(d) => (format!("{:02}", d.day()), month(d.month()), d.year()),
            None => (BLANK.into(), self.month.map_or(BLANK.into(), month), self.year),
        };
        match self.place.trim() {
            "" => format!("ngày {day} tháng {month} năm {year}"),
            place => format!("{place}, ngày {day} tháng {month} năm {year}"),
        }
    }

    /// Recipient lines "- Sở Nội vụ;" … "- Lưu: VT, VHXH." (the last ends with a full stop).
    pub fn recipient_lines(&self) -> Vec<String> {
        let count = self.recipients.len();
        self.recipients
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let item = item.trim().trim_start_matches("- ").trim_end_matches([';', '.', ',']);
                let end = if i + 1 == count { '.' } else { ';' };
                format!("- {item}{end}")
            })
            .collect()
    }
}

impl Signature {
    /// Bold lines above the blank signing space.
    pub fn lines(&self) -> Vec<&str> {
        [self.authority.as_deref(), self.delegation.as_deref(), Some(self.title.as_str())]
            .into_iter()
            .flatten()
            .filter(|line| !line.trim().is_empty())
            .collect()
    }
}

impl Section {
    pub fn new(number: impl Into<String>, title: impl Into<String>) -> Self {
        Self { number: number.into(), title: title.into(), blocks: Vec::new(), subsections: Vec::new() }
    }

    pub fn with_block(mut self, block: Block) -> Self {
        self.blocks.push(block);
        self
    }

    pub fn with_subsection(mut self, section: Section) -> Self {
        self.subsections.push(section);
        self
    }

    /// "I. MỤC ĐÍCH", "1.1. Công tác chỉ đạo", "a) …": a full stop is added
    /// after the number unless it already ends with punctuation.
    pub fn heading(&self) -> String {
        let number = self.number.trim();
        if number.is_empty() && self.title.trim().is_empty() {
            // A section without heading: text before the first numbered one (a preamble).
            return String::new();
        }
        if number.is_empty() {
            return self.title.clone();
        }
        let sep = if number.ends_with(['.', ')', ':']) { "" } else { "." };
        format!("{number}{sep} {}", self.title)
    }
}

impl Table {
    pub fn new(id: impl Into<String>, title: impl Into<String>, columns: Vec<Column>) -> Self {
        Self { id: id.into(), title: title.into(), columns, rows: Vec::new(), total: None }
    }

    /// Keeps the columns whose `keep` is true (a column past its end is kept), in the header, every row and the total.
    pub fn retain_columns(&mut self, keep: &[bool]) {
        fn kept<T>(keep: &[bool], items: &mut Vec<T>) {
            let mut i = 0;
            items.retain(|_| {
                i += 1;
                keep.get(i - 1).copied().unwrap_or(true)
            });
        }
        self.rows.iter_mut().chain(self.total.iter_mut()).for_each(|row| kept(keep, row));
        kept(keep, &mut self.columns);
    }

    pub fn push_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

impl Column {
    pub fn new(title: impl Into<String>, kind: ColumnKind) -> Self {
        Self { title: title.into(), kind, width: None, machine_only: false }
    }
    pub fn text(title: impl Into<String>) -> Self {
        Self::new(title, ColumnKind::Text)
    }
    pub fn number(title: impl Into<String>, decimals: u8) -> Self {
        Self::new(title, ColumnKind::Number { decimals })
    }
    pub fn integer(title: impl Into<String>) -> Self {
        Self::new(title, ColumnKind::Integer)
    }
    pub fn date(title: impl Into<String>) -> Self {
        Self::new(title, ColumnKind::Date)
    }
    pub fn percent(title: impl Into<String>) -> Self {
        Self::new(title, ColumnKind::Percent)
    }
    pub fn with_width(mut self, width: f64) -> Self {
        self.width = Some(width);
        self
    }
    /// Left out of the documents people read (DOCX, HTML, MD, the screen), kept in the machine formats.
    pub fn machine_only(mut self) -> Self {
        self.machine_only = true;
        self
    }
}

impl Document {
    /// The document as people read it: the machine-only columns (internal ids) left out of every table.
    pub fn for_people(mut self) -> Document {
        fn section(s: &mut Section) {
            for block in &mut s.blocks {
                if let Block::Table(t) = block {
                    let keep: Vec<bool> = t.columns.iter().map(|c| !c.machine_only).collect();
                    t.retain_columns(&keep);
                }
            }
            s.subsections.iter_mut().for_each(section);
        }
        self.sections.iter_mut().for_each(section);
        self
    }
}

impl ColumnKind {
    /// Whether cells are right-aligned numbers.
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Number { .. } | Self::Integer | Self::Percent)
    }
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        Self::Text(value.into())
    }
    /// `None` becomes an empty cell.
    pub fn number(value: Option<f64>) -> Self {
        value.map_or(Self::Empty, Self::Number)
    }
    pub fn date(value: Option<NaiveDate>) -> Self {
        value.map_or(Self::Empty, Self::Date)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Self::Text(value.to_string())
    }
}
impl From<String> for Cell {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl Chart {
    /// The series the chart shows: the first one for `Bars`, all for `GroupedBars`.
    pub fn drawn_series(&self) -> &[Series] {
        match self.kind {
            ChartKind::Bars => &self.series[..self.series.len().min(1)],
            ChartKind::GroupedBars => &self.series,
        }
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
            || self.drawn_series().iter().all(|s| s.values.iter().all(|v| !v.is_some_and(f64::is_finite)))
    }

    /// The axis maximum: `max` when positive, else the largest value (at least 1).
    pub fn axis_max(&self) -> f64 {
        if self.max.is_finite() && self.max > 0.0 {
            return self.max;
        }
        self.drawn_series()
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .copied()
            .filter(|v| v.is_finite())
            .fold(1.0, f64::max)
    }
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;
