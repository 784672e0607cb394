//! Ctrl-C: a Vietnamese word on what was kept, and exit code 130 (128 + SIGINT, as shells report it).
//!
//! The program stops at once rather than at a flag polled by the long loops: every write is one SQLite transaction,
//! and a transaction not committed when the process ends is rolled back by SQLite itself the next time the file is
//! opened, so stopping mid-import can only leave "nothing written". What it may leave is a large `-wal` file beside
//! the database, which the next open checkpoints (`store::wal`). A polled flag would reach the same state later, and
//! only in the loops that poll it.

/// What the secretary reads after pressing Ctrl-C.
pub const MESSAGE: &str = "\nĐã dừng (Ctrl-C): chưa ghi gì vào cơ sở dữ liệu — phần đang ghi dở bị bỏ, mọi lệnh đã \
                           chạy xong trước đó vẫn giữ nguyên. Chạy lại lệnh khi cần.\n";

/// The exit code after Ctrl-C.
pub const EXIT_CODE: i32 = 130;

/// Installs the handler; from then on Ctrl-C (Ctrl-Break on Windows) prints `MESSAGE` and ends with 130.
pub fn install() {
    #[cfg(unix)]
    {
        extern "C" fn on_interrupt(_: libc::c_int) {
            // Only async-signal-safe calls here: write(2) and _exit(2).
            // SAFETY: the buffer is a static string of the given length.
            unsafe {
                libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
                libc::_exit(EXIT_CODE);
            }
        }
        // SAFETY: the handler calls only async-signal-safe functions.
        unsafe {
            libc::signal(libc::SIGINT, on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t);
        }
    }
    #[cfg(windows)]
    {
        /// Windows runs the handler on a thread of its own: ordinary calls are fine.
        unsafe extern "system" fn on_control(kind: u32) -> i32 {
            const CTRL_C: u32 = 0;
            const CTRL_BREAK: u32 = 1;
            if kind == CTRL_C || kind == CTRL_BREAK {
                eprint!("{MESSAGE}");
                std::process::exit(EXIT_CODE);
            }
            0
        }
        // SAFETY: registers a handler with the signature Windows expects.
        unsafe {
            windows_sys::Win32::System::Console::SetConsoleCtrlHandler(Some(on_control), 1);
        }
    }
}
