//! What every command needs besides its own arguments: where the database is, who acts, and what time it is.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::{Local, NaiveDate, NaiveDateTime};

use crate::messages;
use crate::store::{Store, catalogues};

#[derive(Clone)]
pub struct Context {
    pub db_path: PathBuf,
    pub actor: String,
    pub now: NaiveDateTime,
    /// Set while the demo replays a secretary's commands: what they print for the person or a script (ids,
    /// listings, confirmations) is not the demo's own output. Warnings still show.
    pub replaying: bool,
}

impl Context {
    /// From the global options: the database path and the `--by` flag; the clock and the fallbacks for the actor
    /// come from the environment (CCHC_USER, USER, USERNAME on Windows, LOGNAME, then the home folder's name).
    pub fn new(db_path: PathBuf, actor_flag: Option<&str>) -> Result<Self> {
        Ok(Self { db_path, actor: actor(actor_flag), now: clock()?, replaying: false })
    }

    /// Writes data to stdout (nothing while replaying).
    pub fn print_data(&self, text: &str) -> Result<()> {
        if self.replaying { Ok(()) } else { messages::print_data(text) }
    }

    /// A message for the person at the terminal (nothing while replaying).
    pub fn info(&self, message: impl AsRef<str>) {
        if !self.replaying {
            messages::info(message);
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// Opens the existing database; a missing one is an error that says to run `cchc init`.
    pub fn store(&self) -> Result<Store> {
        if !self.db_path.exists() {
            bail!(
                "Chưa có cơ sở dữ liệu «{}». Hãy chạy `cchc init` trước (hoặc chỉ đúng tệp bằng --db hay biến CCHC_DB).{}",
                self.db_path.display(),
                crate::store::maintenance::leftovers_note(&self.db_path)
            );
        }
        let store = Store::open(&self.db_path, &self.actor, self.now)
            .with_context(|| format!("Không mở được cơ sở dữ liệu «{}»", self.db_path.display()))?;
        // Catalogues loaded before their parsed form was kept get it now, once. Only speed depends on it: a
        // database that is busy or read-only is left as it is.
        let _ = catalogues::parsed::fill(&store.conn);
        Ok(store)
    }
}

fn actor(flag: Option<&str>) -> String {
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    flag.map(str::to_owned)
        .or_else(|| from_env("CCHC_USER"))
        .or_else(|| from_env("USER"))
        .or_else(|| from_env("USERNAME"))
        .or_else(|| from_env("LOGNAME"))
        // Without any of these (a service, a bare shell), the account's home folder is named after it.
        .or_else(|| {
            let home = from_env("HOME").or_else(|| from_env("USERPROFILE"))?;
            std::path::Path::new(&home).file_name()?.to_str().map(str::to_owned)
        })
        .map(|name| crate::domain::text::nfc(name.trim()).into_owned())
        .unwrap_or_else(|| "không rõ".to_owned())
}

/// `CCHC_NOW` pins the clock (tests, demos of a past year): `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
fn clock() -> Result<NaiveDateTime> {
    let Ok(pinned) = std::env::var("CCHC_NOW") else {
        return Ok(Local::now().naive_local().with_nanosecond_zero());
    };
    let parsed = NaiveDateTime::parse_from_str(&pinned, "%Y-%m-%dT%H:%M:%S").or_else(|_| {
        NaiveDate::parse_from_str(&pinned, "%Y-%m-%d").map(|d| d.and_hms_opt(8, 0, 0).unwrap_or_default())
    });
    parsed.with_context(|| {
        format!("Biến CCHC_NOW = «{pinned}» không hợp lệ: cần dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM:SS.")
    })
}

trait NoNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl NoNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}
