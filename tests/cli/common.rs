//! A scratch ward for each test: its own folder and database, a pinned clock and a fixed environment.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/thanh-sen");

pub struct Ward {
    pub dir: TempDir,
}

impl Ward {
    /// An empty folder, no database yet.
    pub fn empty() -> Ward {
        Ward { dir: tempfile::tempdir().expect("tempdir") }
    }

    /// A database with the default catalogue.
    pub fn new() -> Ward {
        let ward = Ward::empty();
        ward.ok(&["init"]);
        ward
    }

    /// The example ward: units, officials and assignments imported.
    pub fn example() -> Ward {
        let ward = Ward::new();
        for (cmd, file) in [("unit", "units.csv"), ("official", "officials.csv"), ("assign", "assignments.csv")] {
            ward.ok(&[cmd, "import", &format!("{EXAMPLES}/{file}")]);
        }
        ward
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("cchc.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, content).expect("write fixture");
        path
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        Command::from_std(self.std_cmd(args))
    }

    /// The same command as a plain `std::process::Command`, for tests that spawn, wait, or kill it themselves.
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        self.std_cmd_of("cchc", args)
    }

    /// A command of another program of the package (`cchc-gen-scale`), in the same environment.
    pub fn std_cmd_of(&self, program: &str, args: &[&str]) -> std::process::Command {
        use assert_cmd::cargo::CommandCargoExt;
        let mut cmd = std::process::Command::cargo_bin(program).expect("binary");
        cmd.current_dir(self.dir.path())
            .env_clear()
            .env("CCHC_DB", self.db())
            .env("CCHC_NOW", "2026-11-28T09:00:00")
            .env("CCHC_USER", "thư ký")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "200")
            .args(args);
        cmd
    }

    /// Runs a command that must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run");
        assert!(
            out.status.success(),
            "cchc {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs a command that must fail with `code`; returns stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(code),
            "cchc {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).expect("utf-8 stderr").replace(&self.dir.path().display().to_string(), "[DIR]")
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_str(&self.ok(&all)).expect("json output")
    }

    /// The whole database as SQL text, to prove a failed command changed nothing.
    pub fn dump(&self) -> String {
        dump(&self.db())
    }
}

pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut out = String::new();
    let mut tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
    let names: Vec<String> = tables.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for name in names {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..columns).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                Ok(cells.join("|"))
            })
            .unwrap();
        out.push_str(&format!("-- {name}\n"));
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// The parts of a ZIP package (DOCX, XLSX) as text, by name, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP package");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("a text part");
            (name, text)
        })
        .collect()
}
