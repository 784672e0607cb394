//! A progress bar for imports that shows itself only once the import has taken about 2 s, and only on a terminal:
//! a short import stays quiet, a long one says how far it is.

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long an import runs before its bar appears.
const QUIET: Duration = Duration::from_secs(2);

pub struct LateBar {
    bar: ProgressBar,
    start: Instant,
    /// False once it is known the bar never shows (stderr is not a terminal).
    may_show: Cell<bool>,
    shown: Cell<bool>,
}

impl LateBar {
    pub fn new() -> LateBar {
        LateBar {
            bar: ProgressBar::hidden(),
            start: Instant::now(),
            may_show: Cell::new(std::io::stderr().is_terminal()),
            shown: Cell::new(false),
        }
    }

    /// Bytes read so far of `total`.
    pub fn update(&self, done: u64, total: u64) {
        if !self.shown.get() {
            if !self.may_show.get() || self.start.elapsed() < QUIET {
                return;
            }
            if let Ok(style) = ProgressStyle::with_template("Đang đọc [{bar:30}] {bytes}/{total_bytes} ({eta})") {
                self.bar.set_style(style.progress_chars("=> "));
            }
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown.set(true);
        }
        self.bar.set_length(total);
        self.bar.set_position(done);
    }

    /// Clears the bar before the summary is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A refused file leaves no bar above its message.
impl Drop for LateBar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

impl Default for LateBar {
    fn default() -> Self {
        LateBar::new()
    }
}
