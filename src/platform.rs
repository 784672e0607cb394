//! What a Windows office PC needs from a console program: UTF-8 in `cmd.exe` and PowerShell, and a window that
//! stays open when the program is started by a double-click in Explorer. Elsewhere these are no-ops.

use std::io::IsTerminal as _;

/// The console code page for UTF-8.
#[cfg(windows)]
const UTF8: u32 = 65001;

/// Sets the console's input and output code pages to UTF-8. Rust writes to a console window in UTF-16 anyway, but
/// what reads our bytes through a pipe or a redirect (`| more`, `| Out-File` in PowerShell, `| findstr`) decodes
/// them with the console's code page, which is 1258 or 437 on a Vietnamese or English Windows by default.
pub fn prepare_console() {
    #[cfg(windows)]
    // SAFETY: plain Win32 calls with a constant argument; without a console they fail harmlessly.
    unsafe {
        use windows_sys::Win32::System::Console::{SetConsoleCP, SetConsoleOutputCP};
        SetConsoleOutputCP(UTF8);
        SetConsoleCP(UTF8);
    }
}

/// How many processes share this console (0 when there is none, or off Windows).
fn console_processes() -> u32 {
    #[cfg(windows)]
    {
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds `ids.len()` process ids; the call writes at most that many.
        unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) }
    }
    #[cfg(not(windows))]
    0
}

/// What to say before waiting for Enter, if anything. A console that holds this process alone was opened for it by
/// Explorer (a double-click, or a file dropped on `cchc.exe`) and closes the moment the program ends; from
/// `cmd.exe` or PowerShell the shell shares it. With nobody at the keyboard (input redirected) there is no wait.
pub fn pause_message(args: usize, console_processes: u32, input_is_console: bool) -> Option<&'static str> {
    if console_processes != 1 || !input_is_console {
        return None;
    }
    Some(if args <= 1 {
        "\ncchc là chương trình dòng lệnh. Hãy mở cmd hoặc PowerShell trong thư mục này (trong Explorer: gõ cmd \
         vào thanh địa chỉ rồi nhấn Enter) và gõ lệnh, ví dụ: cchc demo\n\nNhấn Enter để đóng cửa sổ này."
    } else {
        "\nNhấn Enter để đóng cửa sổ này."
    })
}

/// Keeps a window Explorer opened for this process on screen until the user presses Enter.
pub fn pause_if_own_window() {
    let args = std::env::args_os().count();
    if let Some(message) = pause_message(args, console_processes(), std::io::stdin().is_terminal()) {
        eprintln!("{message}");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn a_double_click_shows_the_help_and_waits() {
        let message = pause_message(1, 1, true).unwrap();
        assert!(message.contains("cchc demo") && message.ends_with("Nhấn Enter để đóng cửa sổ này."), "{message}");
    }

    #[test]
    fn a_file_dropped_on_the_program_waits_without_the_hint() {
        assert_eq!(pause_message(2, 1, true), Some("\nNhấn Enter để đóng cửa sổ này."));
    }

    #[test]
    fn from_a_shell_or_a_script_nothing_waits() {
        // cmd.exe or PowerShell shares the console; 0 is no console at all (a pipe, a service, Linux).
        assert_eq!(pause_message(1, 2, true), None);
        assert_eq!(pause_message(1, 0, true), None);
        // Input from a file or a pipe: nobody can press Enter.
        assert_eq!(pause_message(1, 1, false), None);
    }

    /// The path of the secretary: Vietnamese letters, spaces and brackets. Messages name the file by its
    /// name (what the secretary sees in Explorer) and the import chooses the reader by its extension.
    #[test]
    fn a_windows_path_with_vietnamese_letters_and_spaces_keeps_its_name() {
        let name = "Báo cáo tự kiểm tra (bản cuối).xlsx";
        let folder = Path::new("Users").join("Thư ký");
        let path = folder.join(name);
        assert_eq!(crate::import::display_name(&path), name);
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("xlsx"));
        // Joined paths use the platform's separator: a backslash in messages on Windows, never a built-in '/'.
        let shown = path.display().to_string();
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(shown, format!("Users{sep}Thư ký{sep}{name}"));
    }
}
