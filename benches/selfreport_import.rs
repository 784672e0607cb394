//! Benchmark of `cchc selfreport import` against the sqlite3 shell's raw `.import` of the same file.
//!
//!   cargo bench --bench selfreport_import [-- --units 7400 --seed 2026 --runs 3 --tsv FILE]
//!
//! Generates (deterministically) a province of `--units` units with every periodic item assigned, and one self-report
//! CSV of every item for every unit; prepares a database with the release binary; then, `--runs` times, times the
//! baseline script (`/work/shared/bench/sqlite3-import-baseline.sh`, or `$CCHC_BASELINE`) and the import on a fresh
//! copy of that database, both under `/usr/bin/time -v` for the peak resident memory. Prints the medians with their
//! spread (fastest–slowest run) and the ratio; `--tsv FILE` also writes every run's figures there (for
//! `scripts/bench.sh`).

#[path = "support/generator.rs"]
mod generator;

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CCHC: &str = env!("CARGO_BIN_EXE_cchc");
const CATALOGUE: &str = include_str!("../criteria/mac-dinh-2026.toml");
const DEFAULT_BASELINE: &str = "/work/shared/bench/sqlite3-import-baseline.sh";

struct Options {
    units: usize,
    seed: u64,
    runs: usize,
    dir: PathBuf,
    tsv: Option<PathBuf>,
}

fn options() -> Options {
    let mut o = Options {
        units: 7400,
        seed: 2026,
        runs: 3,
        dir: PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-selfreport"),
        tsv: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--units" => o.units = value().parse().expect("--units N"),
            "--seed" => o.seed = value().parse().expect("--seed N"),
            "--runs" => o.runs = value().parse().expect("--runs N"),
            "--dir" => o.dir = PathBuf::from(value()),
            "--tsv" => o.tsv = Some(PathBuf::from(value())),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    o
}

fn main() {
    let o = options();
    std::fs::create_dir_all(&o.dir).expect("bench dir");
    let leaves = generator::periodic_leaves(CATALOGUE);
    let csv = o.dir.join("selfreports.csv");
    let rows = generate(&o, &leaves, &csv);
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "{rows} dòng, {} đơn vị × {} nội dung, {:.1} MB: {}",
        o.units,
        leaves.len(),
        size as f64 / 1e6,
        csv.display()
    );
    let base = prepare(&o);

    let baseline = std::env::var("CCHC_BASELINE").unwrap_or_else(|_| DEFAULT_BASELINE.to_owned());
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for run in 0..o.runs {
        let db = o.dir.join("baseline.db");
        let t = timed(Command::new("sh").arg(&baseline).arg(&csv).arg(&db));
        eprintln!("lần {}: sqlite3 .import {:.2} s, {} MiB", run + 1, t.0.as_secs_f64(), t.1 / 1024);
        theirs.push(t);
        let db = fresh_copy(&base, &o.dir.join("run.db"));
        let t = timed(cchc(&db).args(["selfreport", "import", "2026-dot1"]).arg(&csv));
        eprintln!("lần {}: cchc selfreport import {:.2} s, {} MiB", run + 1, t.0.as_secs_f64(), t.1 / 1024);
        ours.push(t);
    }
    let (ours_t, ours_m) = median(&ours);
    let (theirs_t, theirs_m) = median(&theirs);
    println!("| tệp | sqlite3 .import | cchc selfreport import | tỉ lệ | bộ nhớ đỉnh cchc | bộ nhớ đỉnh sqlite3 |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| {rows} dòng, {:.0} MB | {:.2} s ({}) | {:.2} s ({}) | {:.2}× | {:.1} MiB | {:.1} MiB |",
        size as f64 / 1e6,
        theirs_t.as_secs_f64(),
        spread(&theirs),
        ours_t.as_secs_f64(),
        spread(&ours),
        ours_t.as_secs_f64() / theirs_t.as_secs_f64(),
        ours_m as f64 / 1024.0,
        theirs_m as f64 / 1024.0
    );
    if let Some(path) = &o.tsv {
        // One line per run and program: seconds, peak KiB.
        let mut lines = String::new();
        for (name, runs) in [("cchc", &ours), ("sqlite3", &theirs)] {
            for (time, kib) in runs {
                lines.push_str(&format!("{name}\t{:.4}\t{kib}\n", time.as_secs_f64()));
            }
        }
        std::fs::write(path, lines).expect("write --tsv file");
    }
}

/// Fastest–slowest run, e.g. `1.08–1.13 s`.
fn spread(runs: &[(Duration, u64)]) -> String {
    let secs = runs.iter().map(|r| r.0.as_secs_f64());
    let (min, max) = secs.fold((f64::MAX, 0.0f64), |(lo, hi), t| (lo.min(t), hi.max(t)));
    format!("{min:.2}–{max:.2} s")
}

/// Writes the units, assignments and self-report files unless the same ones are there already.
fn generate(o: &Options, leaves: &[generator::Leaf], csv: &Path) -> u64 {
    let stamp = o.dir.join("params");
    let params = format!("units={} seed={} generator=2", o.units, o.seed);
    let rows = (o.units * leaves.len()) as u64;
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(params.as_str()) && csv.exists() {
        return rows;
    }
    let create = |name: &str| BufWriter::new(File::create(o.dir.join(name)).expect("create"));
    generator::write_units(&mut create("units.csv"), o.units, o.seed).expect("units");
    generator::write_assignments(&mut create("assignments.csv"), o.units, leaves).expect("assignments");
    let written = generator::write_selfreports(&mut create("selfreports.csv"), o.units, leaves, o.seed).expect("csv");
    assert_eq!(written, rows);
    let _ = std::fs::remove_file(o.dir.join("base.db"));
    std::fs::write(&stamp, params).expect("stamp");
    rows
}

/// The database every run starts from: catalogue, units, assignments and the round (built once, then reused).
fn prepare(o: &Options) -> PathBuf {
    let db = o.dir.join("base.db");
    if db.exists() {
        return db;
    }
    let tmp = o.dir.join("base.db.tmp");
    remove_db(&tmp);
    let started = Instant::now();
    run(cchc(&tmp).arg("init"));
    run(cchc(&tmp).args(["unit", "import"]).arg(o.dir.join("units.csv")));
    run(cchc(&tmp).args(["assign", "import"]).arg(o.dir.join("assignments.csv")));
    run(cchc(&tmp).args(["round", "new", "--kind", "dot1", "--year", "2026"]));
    eprintln!("cơ sở dữ liệu gốc: {:.1} s", started.elapsed().as_secs_f64());
    std::fs::rename(&tmp, &db).expect("rename base db");
    db
}

fn cchc(db: &Path) -> Command {
    let mut cmd = Command::new(CCHC);
    cmd.env("CCHC_DB", db).env("CCHC_NOW", "2026-06-20T09:00:00").env("CCHC_USER", "bench");
    cmd
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("run cchc");
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn fresh_copy(base: &Path, to: &Path) -> PathBuf {
    remove_db(to);
    std::fs::copy(base, to).expect("copy base db");
    to.to_owned()
}

/// Wall time (measured here) and peak resident set in KiB (from `/usr/bin/time -v`).
fn timed(cmd: &mut Command) -> (Duration, u64) {
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped.arg("-v").arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            wrapped.env(k, v);
        }
    }
    let started = Instant::now();
    let out = wrapped.output().expect("run under /usr/bin/time");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed: {stderr}");
    let rss = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    (elapsed, rss)
}

fn median(runs: &[(Duration, u64)]) -> (Duration, u64) {
    let mut times: Vec<Duration> = runs.iter().map(|r| r.0).collect();
    let mut mems: Vec<u64> = runs.iter().map(|r| r.1).collect();
    times.sort();
    mems.sort();
    (times[times.len() / 2], mems[mems.len() / 2])
}
