//! The one place an operating-system error becomes words: what happened to which file, and what to do next.
//! Every command that opens or writes a file goes through here, so none of the system's English text reaches the
//! person at the terminal.

use std::io;
use std::path::Path;

/// What was being done to the file, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Write,
}

/// The causes a person can act on; everything else is `Other` with the system's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    NotFound,
    PermissionDenied,
    /// Windows: another program (Excel, Word) holds the file open.
    InUse,
    DiskFull,
    ReadOnly,
    Other(Option<i32>),
}

impl Cause {
    /// From the error's kind and raw code; `windows` says how to read the raw code (a parameter, so the Windows
    /// codes are tested on every system).
    pub fn of(kind: io::ErrorKind, raw: Option<i32>, windows: bool) -> Cause {
        // ERROR_SHARING_VIOLATION 32, ERROR_LOCK_VIOLATION 33, ERROR_HANDLE_DISK_FULL 39, ERROR_DISK_FULL 112,
        // ERROR_WRITE_PROTECT 19; on Unix ENOSPC 28, EDQUOT 122, EROFS 30.
        match (windows, raw) {
            (true, Some(32 | 33)) => return Cause::InUse,
            (true, Some(39 | 112)) | (false, Some(28 | 122)) => return Cause::DiskFull,
            (true, Some(19)) | (false, Some(30)) => return Cause::ReadOnly,
            _ => {}
        }
        match kind {
            io::ErrorKind::NotFound => Cause::NotFound,
            io::ErrorKind::PermissionDenied => Cause::PermissionDenied,
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Cause::DiskFull,
            io::ErrorKind::ReadOnlyFilesystem => Cause::ReadOnly,
            _ => Cause::Other(raw),
        }
    }

    pub fn of_error(err: &io::Error) -> Cause {
        Cause::of(err.kind(), err.raw_os_error(), cfg!(windows))
    }
}

/// The folder a path is in, as a person would type it ("." for a bare file name).
pub fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The Vietnamese sentence for `cause` while doing `action` to `path`.
pub fn describe(cause: Cause, path: &Path, action: Action) -> String {
    let file = path.display();
    let dir = folder(path).display();
    let verb = match action {
        Action::Read => "đọc",
        Action::Write => "ghi",
    };
    match (cause, action) {
        (Cause::NotFound, Action::Write) => format!(
            "không ghi được «{file}»: thư mục «{dir}» chưa có. Hãy tạo thư mục trước (mkdir \"{dir}\") hoặc chọn \
             thư mục khác, rồi chạy lại."
        ),
        (Cause::NotFound, Action::Read) => {
            format!("không có tệp «{file}»: hãy kiểm tra tên tệp và thư mục (tên có dấu cách thì đặt trong ngoặc kép).")
        }
        (Cause::PermissionDenied, _) => format!(
            "không có quyền {verb} «{file}» (thư mục «{dir}»): hãy chọn thư mục khác, hoặc nhờ người quản trị máy cấp \
             quyền; nếu tệp đang mở trong chương trình khác, đóng tệp rồi chạy lại."
        ),
        (Cause::InUse, _) => format!("tệp «{file}» đang mở trong Excel/Word: đóng tệp rồi chạy lại."),
        (Cause::DiskFull, _) => format!(
            "ổ đĩa chứa thư mục «{dir}» đã đầy: không {verb} được «{file}». Hãy giải phóng chỗ trống (hoặc chọn \
             thư mục trên ổ khác) rồi chạy lại; tệp đã có không bị thay đổi."
        ),
        (Cause::ReadOnly, _) => format!(
            "thư mục «{dir}» chỉ cho đọc (ổ chỉ đọc hoặc thẻ nhớ khoá ghi): không {verb} được «{file}». Hãy chọn \
             thư mục khác rồi chạy lại."
        ),
        (Cause::Other(code), _) => {
            let code = code.map(|c| format!(" (mã lỗi hệ thống {c})")).unwrap_or_default();
            format!("không {verb} được «{file}»{code}: hãy kiểm tra tệp và thư mục «{dir}» rồi chạy lại.")
        }
    }
}

/// `err` in a few words, for a message that has already named the file.
pub fn reason(err: &io::Error) -> String {
    match Cause::of_error(err) {
        Cause::NotFound => "không có tệp hoặc thư mục này".into(),
        Cause::PermissionDenied => "không có quyền truy cập tệp hoặc thư mục này".into(),
        Cause::InUse => "tệp đang mở trong Excel/Word: đóng tệp rồi chạy lại".into(),
        Cause::DiskFull => "ổ đĩa đã đầy: hãy giải phóng chỗ trống rồi chạy lại".into(),
        Cause::ReadOnly => "ổ đĩa chỉ cho đọc: hãy chọn thư mục khác".into(),
        Cause::Other(code) => match code {
            Some(code) => format!("lỗi hệ thống số {code}"),
            None => "lỗi hệ thống".into(),
        },
    }
}

/// `err` explained for `path`.
pub fn explain(err: &io::Error, path: &Path, action: Action) -> String {
    describe(Cause::of_error(err), path, action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_lock_codes_say_the_file_is_open_in_excel_or_word() {
        for code in [32, 33] {
            let cause = Cause::of(io::ErrorKind::Other, Some(code), true);
            assert_eq!(cause, Cause::InUse);
            let text = describe(cause, Path::new("bao-cao.docx"), Action::Write);
            assert_eq!(text, "tệp «bao-cao.docx» đang mở trong Excel/Word: đóng tệp rồi chạy lại.");
        }
        // The same numbers on Unix are other errors (EPIPE, EDOM).
        assert_eq!(Cause::of(io::ErrorKind::Other, Some(32), false), Cause::Other(Some(32)));
    }

    #[test]
    fn full_disks_and_read_only_media_on_both_systems() {
        assert_eq!(Cause::of(io::ErrorKind::Other, Some(28), false), Cause::DiskFull);
        assert_eq!(Cause::of(io::ErrorKind::Other, Some(112), true), Cause::DiskFull);
        assert_eq!(Cause::of(io::ErrorKind::Other, Some(39), true), Cause::DiskFull);
        assert_eq!(Cause::of(io::ErrorKind::Other, Some(30), false), Cause::ReadOnly);
        assert_eq!(Cause::of(io::ErrorKind::Other, Some(19), true), Cause::ReadOnly);
        let text = describe(Cause::DiskFull, Path::new("/mnt/usb/bao-cao.docx"), Action::Write);
        assert!(text.contains("«/mnt/usb» đã đầy") && text.contains("«/mnt/usb/bao-cao.docx»"), "{text}");
    }

    #[test]
    fn a_missing_output_folder_says_how_to_create_it() {
        let err = io::Error::from_raw_os_error(if cfg!(windows) { 3 } else { 2 });
        let text = explain(&err, Path::new("bao cao/nam.docx"), Action::Write);
        assert!(text.contains("thư mục «bao cao» chưa có") && text.contains("mkdir \"bao cao\""), "{text}");
    }

    #[test]
    fn no_message_carries_english_os_text() {
        let causes = [
            Cause::NotFound,
            Cause::PermissionDenied,
            Cause::InUse,
            Cause::DiskFull,
            Cause::ReadOnly,
            Cause::Other(Some(5)),
        ];
        for cause in causes {
            for action in [Action::Read, Action::Write] {
                let text = describe(cause, Path::new("x.csv"), action);
                for english in ["os error", "No such file", "unable to open", "Permission denied"] {
                    assert!(!text.contains(english), "{text}");
                }
            }
        }
    }
}
