//! What a file is, from its first bytes: a workbook, text to read as CSV, or something else named for the user.

use std::path::Path;

use super::ImportError;

pub(super) enum Kind {
    Csv,
    /// XLSX or ODS, told apart by the archive's content.
    Workbook,
}

/// How the bytes decide the format: a ZIP is a workbook (XLSX or ODS) whatever its name; a `.xlsx` or `.ods`
/// name with other content is refused rather than read as text.
pub(super) fn classify(path: &Path, magic: &[u8], file: &str) -> Result<Kind, ImportError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if magic.starts_with(ZIP) {
        return Ok(Kind::Workbook);
    }
    // Documents people pick by mistake: named by what they are, not read as damaged text.
    let document = [
        (&b"%PDF"[..], "tài liệu PDF"),
        (b"{\\rtf", "văn bản RTF"),
        (b"\x89PNG", "ảnh PNG"),
        (b"\xFF\xD8\xFF", "ảnh JPEG"),
    ];
    if let Some((_, what)) = document.iter().find(|(m, _)| magic.starts_with(m)) {
        return Err(ImportError::NotATable { file: file.to_owned(), what });
    }
    if magic.starts_with(OLE) && ext == "doc" {
        return Err(ImportError::NotATable { file: file.to_owned(), what: "văn bản Word cũ (.doc)" });
    }
    if magic.starts_with(OLE) || ext == "xls" {
        return Err(ImportError::excel(
            file,
            "đây là tệp Excel cũ (.xls) hoặc tệp Excel có đặt mật khẩu; hãy mở bằng Excel, bỏ \
             mật khẩu nếu có, rồi lưu lại dạng .xlsx hoặc «CSV UTF-8»",
        ));
    }
    if ext == "ods" {
        return Err(ImportError::Ods {
            file: file.to_owned(),
            reason: "nội dung không phải định dạng .ods (có thể tệp bị hỏng hoặc bị đổi đuôi); hãy mở bằng \
                     LibreOffice rồi lưu lại"
                .to_owned(),
        });
    }
    if matches!(ext.as_str(), "xlsx" | "xlsm") {
        return Err(ImportError::excel(
            file,
            "nội dung không phải định dạng .xlsx (có thể tệp bị hỏng hoặc bị đổi đuôi); hãy \
             mở bằng Excel rồi lưu lại",
        ));
    }
    Ok(Kind::Csv)
}
