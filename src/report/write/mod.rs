//! Report writers: one pure function of a [`Document`] per output format.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::str::FromStr;

use crate::report::document::Document;

mod common;
pub mod csv;
pub mod docx;
mod docx_xml;
pub mod html;
pub mod json;
mod limits;
pub mod markdown;
mod shown;
mod svg;
pub mod table;
mod view;
mod widths;
pub mod xlsx;

#[cfg(test)]
pub(crate) mod sample;

pub use self::common::xml_escape;
pub use self::csv::write_csv;
pub use self::docx::render_docx;
pub use self::html::write_html;
pub use self::json::write_json;
pub use self::markdown::write_markdown;
pub use self::table::write_table;
pub use self::xlsx::render_xlsx;

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Html,
    Docx,
    Xlsx,
    Csv,
    Json,
}

impl Format {
    /// The format for an output file name, from its extension (case-insensitive).
    pub fn from_extension(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "docx" => Some(Self::Docx),
            "xlsx" => Some(Self::Xlsx),
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            "txt" => Some(Self::Table),
            _ => None,
        }
    }

    /// Usual file extension (without dot).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Table => "txt",
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    /// What the written file holds, for the one writer of files (`crate::files`).
    pub fn kind(self) -> crate::files::Kind {
        match self {
            Self::Docx => crate::files::Kind::Docx,
            Self::Xlsx => crate::files::Kind::Xlsx,
            text => crate::files::Kind::Text(text.extension()),
        }
    }

    /// Whether the output is binary (must not be written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Self::Docx | Self::Xlsx)
    }
}

impl FromStr for Format {
    type Err = WriteError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" => Ok(Self::Table),
            "md" | "markdown" => Ok(Self::Markdown),
            "html" => Ok(Self::Html),
            "docx" => Ok(Self::Docx),
            "xlsx" => Ok(Self::Xlsx),
            "csv" => Ok(Self::Csv),
            "json" => Ok(Self::Json),
            _ => Err(WriteError::UnknownFormat(s.to_string())),
        }
    }
}

/// Options that only some writers use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Template source replacing the built-in one (Markdown and HTML).
    pub template: Option<String>,
    /// Terminal width for the table writer; `None` = no wrapping.
    pub width: Option<u16>,
    /// Terminal styling (bold headers) for the table writer.
    pub color: bool,
}

impl RenderOptions {
    /// Options for printing to standard output: styling only on a terminal and
    /// when `NO_COLOR` is unset or empty (<https://no-color.org>).
    pub fn for_stdout(width: Option<u16>) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { template: None, width, color: !no_color && std::io::stdout().is_terminal() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("định dạng không hỗ trợ: «{0}» (dùng table, md, html, docx, xlsx, csv hoặc json)")]
    UnknownFormat(String),
    #[error("lỗi mẫu báo cáo: {0:#}")]
    Template(#[from] minijinja::Error),
    #[error("mẫu báo cáo bị dừng: {0}")]
    Limit(String),
    #[error("lỗi ghi tệp Excel: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("lỗi ghi tệp DOCX: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("lỗi ghi CSV: {0}")]
    Csv(String),
    #[error("lỗi ghi JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The reason, in Vietnamese, is said from the error underneath (`messages::print_error`).
    #[error("lỗi ghi dữ liệu")]
    Io(#[from] std::io::Error),
}

impl From<::csv::Error> for WriteError {
    /// A failed write (a full disk, a closed pipe) as the io::Error it is, so that it is said and recognised as one.
    fn from(e: ::csv::Error) -> Self {
        let text = e.to_string();
        match e.into_kind() {
            ::csv::ErrorKind::Io(e) => Self::Io(e),
            _ => Self::Csv(text),
        }
    }
}

/// Render a document in the given format, every number rounded as it is shown (`shown`). The document is taken,
/// not copied: a national year report's tables are most of the memory a report uses.
pub fn render(doc: Document, format: Format, opts: &RenderOptions) -> Result<Vec<u8>, WriteError> {
    let mut out = Vec::new();
    render_to(doc, format, opts, &mut out)?;
    Ok(out)
}

/// `render` into `out`: the text formats are written as they are made, never held whole (a national year report
/// is tens of megabytes of them); DOCX and XLSX, compressed to a few, are written once made.
pub fn render_to(doc: Document, format: Format, opts: &RenderOptions, out: &mut dyn Write) -> Result<(), WriteError> {
    let doc = match format {
        Format::Xlsx | Format::Csv | Format::Json => shown::document(doc),
        _ => shown::document(doc.for_people()),
    };
    let template = opts.template.as_deref();
    match format {
        Format::Table => write_table(&doc, opts.width, opts.color, out)?,
        Format::Markdown => write_markdown(doc, template, out)?,
        Format::Html => write_html(doc, template, out)?,
        Format::Docx => out.write_all(&render_docx(&doc)?)?,
        Format::Xlsx => out.write_all(&render_xlsx(doc)?)?,
        Format::Csv => write_csv(&doc, out)?,
        Format::Json => write_json(&doc, out)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse() {
        assert_eq!("md".parse::<Format>().ok(), Some(Format::Markdown));
        assert_eq!("Markdown".parse::<Format>().ok(), Some(Format::Markdown));
        assert_eq!("xlsx".parse::<Format>().ok(), Some(Format::Xlsx));
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!(Format::from_extension(Path::new("bc.DOCX")), Some(Format::Docx));
        assert_eq!(Format::from_extension(Path::new("bc")), None);
    }

    #[test]
    fn every_format_renders_the_sample() {
        let doc = sample::sample();
        for format in
            [Format::Table, Format::Markdown, Format::Html, Format::Docx, Format::Xlsx, Format::Csv, Format::Json]
        {
            let bytes = render(doc.clone(), format, &RenderOptions::default());
            assert!(bytes.is_ok_and(|b| !b.is_empty()), "{format:?}");
        }
    }
}
