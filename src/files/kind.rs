//! What a file holds, as its name says and as its first bytes show.

use std::io::Read;
use std::path::Path;

use super::FileError;

/// The kind of content a command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text with its usual extension: csv, json, md, html, txt, toml.
    Text(&'static str),
    Docx,
    Xlsx,
    /// A cchc database (a backup).
    Database,
    /// A file written as it is (the demo's scanned PDF or photo, an evidence file, an evidence pack): its name's
    /// extension, one of `OTHER_BINARY`.
    Sample(&'static str),
}

/// What is at the target path now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Nothing,
    Directory,
    Empty,
    Sqlite,
    Docx,
    Xlsx,
    /// Another zip (an .ods, an .odt, a .zip).
    Zip,
    Text,
    Binary,
}

const TEXT: [&str; 9] = ["csv", "tsv", "json", "md", "markdown", "html", "htm", "txt", "toml"];
const DATABASE: [&str; 5] = ["db", "sqlite", "sqlite3", "db3", "bak"];
const OTHER_BINARY: [&str; 18] = [
    "docx", "docm", "xlsx", "xlsm", "doc", "xls", "pdf", "zip", "odt", "ods", "pptx", "ppt", "png", "jpg", "jpeg",
    "tif", "tiff", "exe",
];

impl Kind {
    /// The kind a file's name promises, for files written as they are (the demo's samples, extracted evidence); a
    /// name without a known extension is text.
    pub fn of_name(path: &Path) -> Kind {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "docx" => Kind::Docx,
            "xlsx" => Kind::Xlsx,
            _ => match OTHER_BINARY.iter().find(|known| **known == ext) {
                Some(known) => Kind::Sample(known),
                None => Kind::Text(TEXT.iter().find(|known| **known == ext).copied().unwrap_or("txt")),
            },
        }
    }

    /// The usual extension, for examples in messages.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Text(ext) | Kind::Sample(ext) => ext,
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Database => "db",
        }
    }

    pub fn example(self) -> String {
        format!("ket-qua.{}", self.extension())
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Text(_) => "tệp văn bản",
            Kind::Docx => "văn bản Word (.docx)",
            Kind::Xlsx => "bảng tính Excel (.xlsx)",
            Kind::Database => "cơ sở dữ liệu",
            Kind::Sample(_) => "tệp tài liệu",
        }
    }

    /// The name must not promise another kind: CSV into `.db`, TOML into `.xlsx`, a report into `.doc`.
    pub fn check_extension(self, path: &Path) -> Result<(), FileError> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let same = |a: &str, b: &str| {
            let norm = |e: &str| {
                match e {
                    "htm" => "html",
                    "markdown" => "md",
                    other => other,
                }
                .to_owned()
            };
            norm(a) == norm(b)
        };
        let fits = match self {
            // `.txt` takes any text; an unknown extension is the person's choice.
            Kind::Text(kind) => {
                !(DATABASE.contains(&ext.as_str()) || OTHER_BINARY.contains(&ext.as_str()))
                    && (!TEXT.contains(&ext.as_str()) || ext == "txt" || same(&ext, kind))
            }
            Kind::Docx => ext == "docx",
            Kind::Xlsx => ext == "xlsx",
            Kind::Database => !(TEXT.contains(&ext.as_str()) || OTHER_BINARY.contains(&ext.as_str())),
            Kind::Sample(kind) => ext == kind,
        };
        if fits {
            return Ok(());
        }
        Err(FileError(format!(
            "tên tệp «{}» có đuôi .{ext}, nhưng nội dung ghi ra là {} (.{}): hãy đặt tên có đuôi .{}, ví dụ -o {}",
            path.display(),
            self.label(),
            self.extension(),
            self.extension(),
            self.example()
        )))
    }

    /// Replacing a file is allowed only over one of the same kind: regenerating a report is the everyday loop.
    pub fn replaces(self, found: Found) -> bool {
        matches!(
            (self, found),
            (_, Found::Empty)
                | (Kind::Text(_), Found::Text)
                | (Kind::Docx, Found::Docx)
                | (Kind::Xlsx, Found::Xlsx)
                | (Kind::Database, Found::Sqlite)
                | (Kind::Sample(_), Found::Binary | Found::Zip | Found::Text)
        )
    }
}

impl Found {
    /// Looks at the file now at `path` (its first bytes; for a zip, its list of parts).
    pub fn sniff(path: &Path) -> Found {
        let Ok(meta) = std::fs::metadata(path) else { return Found::Nothing };
        if meta.is_dir() {
            return Found::Directory;
        }
        let Ok(mut file) = std::fs::File::open(path) else { return Found::Binary };
        let mut head = Vec::with_capacity(8192);
        if (&mut file).take(8192).read_to_end(&mut head).is_err() {
            return Found::Binary;
        }
        if head.is_empty() {
            Found::Empty
        } else if head.starts_with(b"SQLite format 3\0") {
            Found::Sqlite
        } else if head.starts_with(b"PK\x03\x04") {
            match zip::ZipArchive::new(file) {
                Ok(archive) if archive.index_for_name("word/document.xml").is_some() => Found::Docx,
                Ok(archive) if archive.index_for_name("xl/workbook.xml").is_some() => Found::Xlsx,
                _ => Found::Zip,
            }
        } else if head.contains(&0) {
            Found::Binary
        } else {
            Found::Text
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Found::Sqlite => "một cơ sở dữ liệu SQLite",
            Found::Docx => "một văn bản Word",
            Found::Xlsx => "một bảng tính Excel",
            Found::Zip => "một tệp nén (zip, OpenDocument…)",
            Found::Text => "một tệp văn bản",
            Found::Nothing | Found::Directory | Found::Empty | Found::Binary => "một tệp nhị phân",
        }
    }
}
