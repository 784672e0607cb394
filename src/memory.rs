//! A memory budget for a person's own template (`--template`). Fuel bounds the steps and the output cap the text
//! written, but a string that doubles (`{% set s = s ~ s %}` forty times) reaches gigabytes in a few dozen steps,
//! inside minijinja, where no hook sees it. So the binary counts what is allocated while such a template runs
//! (`Counting`, its global allocator), and stops the program, in Vietnamese, once that passes `BUDGET`: the render
//! comes before any file is written, and a report only reads the database, so stopping there loses nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};

/// What a template may hold at once, beyond what the program held when it started: the output itself is capped at
/// 64 MB (`report::write::limits`), so a real template stays far below.
pub const BUDGET: isize = 512 * 1024 * 1024;

/// What the secretary reads when a template passes the budget.
pub const MESSAGE: &str = "Lỗi: mẫu (--template) dùng quá 512 MB bộ nhớ khi chạy (có thể một vòng lặp hay macro tự \
                           nhân đôi văn bản): đã dừng, không ghi tệp nào. Hãy sửa mẫu cho gọn lại.\n";

/// The exit code then: an ordinary error, as for the other limits of a template.
const EXIT_CODE: i32 = 1;

static COUNTING: AtomicBool = AtomicBool::new(false);
static USED: AtomicIsize = AtomicIsize::new(0);

/// Gives back to the system the memory the program has freed. glibc keeps freed memory in the arena of the thread
/// that allocated it: the other core's sums and review rows, let go once a national report is built, would stay
/// resident through its writing, where this thread cannot reuse them. Elsewhere (Windows, musl) nothing to do.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer; it only returns free pages of the heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The system allocator, counting while `within_budget` runs (the `cchc` binary's `#[global_allocator]`).
pub struct Counting;

// SAFETY: every call is passed on to `System` unchanged; the counting only reads and adds atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size() as isize);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        grow(-(layout.size() as isize));
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grow(new_size as isize - layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Counts `by` bytes while a budget runs; past it, stops before the memory is taken.
fn grow(by: isize) {
    if !COUNTING.load(Relaxed) {
        return;
    }
    if USED.fetch_add(by, Relaxed) + by > BUDGET {
        COUNTING.store(false, Relaxed);
        stop();
    }
}

/// Ends the program from inside the allocator: nothing here may allocate.
fn stop() -> ! {
    #[cfg(unix)]
    // SAFETY: write(2) of a static buffer of its own length, then _exit(2).
    unsafe {
        libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
        libc::_exit(EXIT_CODE)
    }
    #[cfg(not(unix))]
    {
        use std::io::Write;
        let _ = std::io::stderr().write_all(MESSAGE.as_bytes());
        std::process::exit(EXIT_CODE)
    }
}

/// Runs `f` with the budget (in the `cchc` binary; elsewhere `f` just runs).
pub fn within_budget<T>(f: impl FnOnce() -> T) -> T {
    /// Ends the count however `f` ends.
    struct Done;
    impl Drop for Done {
        fn drop(&mut self) {
            COUNTING.store(false, Relaxed);
        }
    }
    USED.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let _done = Done;
    f()
}
