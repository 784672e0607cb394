//! Crash safety: an import killed with SIGKILL at random moments leaves a sound database in which the file's rows
//! are wholly in or wholly absent, and the next import succeeds.

use std::process::Stdio;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::common::Ward;
use crate::reliability_corpus::ward_with_round;

/// The self-report import is the one the issue names: twenty kills; the appraisal import gets ten.
const SELFREPORT_KILLS: u64 = 20;
const SCORE_KILLS: u64 = 10;
const SEED: u64 = 0x5eed_0007;
/// Units in the large file: with the 69 periodic items, 40 units (2,760 rows) make an import of 0.2–0.3 s in a
/// debug build, long enough to be killed in the middle of reading, checking or writing, short enough to do twenty
/// times.
const UNITS: usize = 40;
/// The self-report importer is faster: more units for a comparable window.
const SELFREPORT_UNITS: usize = 120;

/// A small deterministic generator for the kill delays (no extra crate; a fixed seed makes a failure replayable).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// The round's periodic items and their maximum points.
pub fn periodic_items(ward: &Ward) -> Vec<(String, f64)> {
    let leaves = ward.json(&["criteria", "list", "--leaves"]);
    leaves
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "periodic")
        .map(|l| (l["code"].as_str().unwrap().to_owned(), l["max_points"].as_f64().unwrap()))
        .collect()
}

/// Adds units `{prefix}000…` and returns their codes.
pub fn add_units(ward: &Ward, prefix: &str, count: usize) -> Vec<String> {
    let codes: Vec<String> = (0..count).map(|i| format!("{prefix}{i:03}")).collect();
    let mut csv = String::from("ma_don_vi,ten_don_vi\n");
    for code in &codes {
        csv.push_str(&format!("{code},Đơn vị thử {code}\n"));
    }
    let path = ward.write(&format!("units-{prefix}.csv"), csv);
    ward.ok(&["unit", "import", &path.display().to_string()]);
    codes
}

/// An appraisal file scoring every item of every unit, each row noted `note`.
pub fn appraisal(units: &[String], items: &[(String, f64)], note: &str) -> String {
    let mut csv = String::from("ma_don_vi,ma_tieu_chi,diem_tham_dinh,nhan_xet\n");
    for unit in units {
        for (code, max) in items {
            csv.push_str(&format!("{unit},{code},{},{note}\n", max / 2.0));
        }
    }
    csv
}

/// (scores, audit entries) carrying this note.
pub fn rows_noted(conn: &Connection, note: &str) -> (i64, i64) {
    let scores = conn.query_row("SELECT count(*) FROM scores WHERE note = ?1", [note], |r| r.get(0)).unwrap();
    let audit = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'score' AND json_extract(new_value, '$.note') = ?1",
            [note],
            |r| r.get(0),
        )
        .unwrap();
    (scores, audit)
}

/// One importer under test: how to write its file for a tag, run it, and count what a tagged import left.
struct Importer<'a> {
    name: &'static str,
    command: &'static [&'static str],
    /// The file of `units`, every row carrying `tag`.
    file: &'a dyn Fn(&[String], &str) -> String,
    /// (rows, audit entries) that the import tagged `tag`, from the file named `file`, left in the database.
    count: &'a dyn Fn(&Connection, &str, &str) -> (i64, i64),
    /// What a whole import of `n` units leaves.
    whole: &'a dyn Fn(usize) -> (i64, i64),
}

/// Whether another process is inside a write transaction: this connection cannot take the write lock at once.
/// Taking and dropping it costs a writer that asks at that instant one retry of its busy handler (a millisecond).
pub fn writing(probe: &Connection) -> bool {
    match probe.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            probe.execute_batch("ROLLBACK").expect("rollback the probe");
            false
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy => true,
        Err(e) => panic!("lock probe: {e}"),
    }
}

/// A connection for `writing`: told "busy" at once rather than waiting.
pub fn lock_probe(ward: &Ward) -> Connection {
    let probe = Connection::open(ward.db()).unwrap();
    probe.busy_timeout(Duration::ZERO).unwrap();
    probe
}

/// What the kills of one importer showed.
struct Kills {
    /// Imports found wholly in, and wholly absent, after their kill.
    whole: u64,
    absent: u64,
    /// Kills that landed while the import held the write lock (seen by `writing` just before the kill).
    during_write: u64,
    /// How long a whole import took here, and how long it held the write lock (ms).
    window: u64,
    write: u64,
}

/// Kills `kills` imports of `units`: every odd one at a random moment of the import, every even one at a random
/// moment after its write began (the write lock seen held). Each leaves the database sound, its rows wholly in or
/// absent, and an import of one unit right after succeeds.
fn kill_at_random(ward: &Ward, units: &[String], importer: &Importer, kills: u64, seed: u64) -> Kills {
    let run = |file: &str| {
        let path = ward.path(file).display().to_string();
        [importer.command, &[path.as_str()]].concat().iter().map(|a| (*a).to_owned()).collect::<Vec<String>>()
    };
    let spawn = |file: &str, tag: &str, of: &[String]| {
        ward.write(file, (importer.file)(of, tag));
        let args = run(file);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        ward.std_cmd(&argv).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn import")
    };
    let import = |file: &str, tag: &str, of: &[String]| {
        ward.write(file, (importer.file)(of, tag));
        let args = run(file);
        ward.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    };
    let probe = lock_probe(ward);
    // How long an import that replaces everything takes here (as each killed one does), and how long it holds
    // the write lock, set when the kills fall; capped, so that a machine busy with other tests does not stretch
    // the test.
    import("dau.csv", "đầu", units);
    let mut child = spawn("lan-0.csv", "lần 0", units);
    let started = Instant::now();
    let mut began = None;
    while child.try_wait().expect("wait").is_none() {
        if began.is_none() && writing(&probe) {
            began = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let took = started.elapsed();
    let window = (took.as_millis() as u64).min(400);
    let write = (took - began.unwrap_or(took)).as_millis() as u64;

    let mut rng = Lcg(seed);
    let (mut whole, mut absent, mut during_write) = (0, 0, 0);
    for kill in 1..=kills {
        let (tag, file) = (format!("lần {kill}"), format!("lan-{kill}.csv"));
        let mut child = spawn(&file, &tag, units);
        if kill % 2 == 0 {
            while !writing(&probe) && child.try_wait().expect("wait").is_none() {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(Duration::from_millis(rng.below(write * 3 / 4)));
        } else {
            // Up to a fifth past the calibrated time, so some land after the commit.
            std::thread::sleep(Duration::from_millis(rng.below(window + window / 5)));
        }
        during_write += u64::from(writing(&probe));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        let conn = Connection::open(ward.db()).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "{}: after kill {kill}", importer.name);
        let found = (importer.count)(&conn, &tag, &file);
        if found == (0, 0) {
            absent += 1;
        } else if found == (importer.whole)(units.len()) {
            whole += 1;
        } else {
            panic!("{}: kill {kill} left {found:?} rows and audit entries: a half-written import", importer.name);
        }
        drop(conn);
        // The next import goes through: no stale lock, no damaged journal.
        let (after, after_file) = (format!("sau lần {kill}"), format!("sau-{kill}.csv"));
        import(&after_file, &after, &units[..1]);
        let conn = Connection::open(ward.db()).unwrap();
        assert_eq!(
            (importer.count)(&conn, &after, &after_file),
            (importer.whole)(1),
            "{}: after kill {kill}",
            importer.name
        );
    }
    // Left alone, the large import completes, and the whole record checks out.
    import("cuoi.csv", "cuối", units);
    let conn = Connection::open(ward.db()).unwrap();
    assert_eq!((importer.count)(&conn, "cuối", "cuoi.csv"), (importer.whole)(units.len()));
    ward.ok(&["check"]);
    let kills_seen = Kills { whole, absent, during_write, window, write };
    // The scenario happened: at least a quarter of the kills (half of those aimed there) landed mid-write.
    assert!(
        during_write >= kills / 4,
        "{}: only {during_write} of {kills} kills landed while the import was writing (wanted ≥ {}); write {write} ms \
         of {window} ms",
        importer.name,
        kills / 4
    );
    kills_seen
}

#[test]
fn a_score_import_killed_at_random_moments_is_all_or_nothing() {
    let ward = ward_with_round();
    let units = add_units(&ward, "K", UNITS);
    let items = periodic_items(&ward);
    let rows = |n: usize| (n * items.len()) as i64;
    let importer = Importer {
        name: "score import",
        command: &["score", "import", "2026-dot1"],
        file: &|units, tag| appraisal(units, &items, tag),
        count: &|conn, tag, _| rows_noted(conn, tag),
        whole: &|n| (rows(n), rows(n)),
    };
    let Kills { whole, absent, during_write, window, write } =
        kill_at_random(&ward, &units, &importer, SCORE_KILLS, SEED);
    eprintln!(
        "crash safety: {SCORE_KILLS} score imports of {} rows killed within {window} ms (write {write} ms): \
         {during_write} during the write; {whole} wholly in, {absent} wholly absent",
        rows(UNITS)
    );
}

#[test]
fn a_selfreport_import_killed_at_random_moments_is_all_or_nothing() {
    let ward = ward_with_round();
    let units = add_units(&ward, "S", SELFREPORT_UNITS);
    let items = periodic_items(&ward);
    let rows = |n: usize| (n * items.len()) as i64;
    let importer = Importer {
        name: "selfreport import",
        command: &["selfreport", "import", "2026-dot1"],
        file: &|units, tag| selfreport(units, &items, tag),
        count: &|conn, tag, file| {
            let items: i64 =
                conn.query_row("SELECT count(*) FROM selfreport_items WHERE result = ?1", [tag], |r| r.get(0)).unwrap();
            let revisions: i64 = conn
                .query_row(
                    "SELECT count(*) FROM audit_log WHERE entity = 'selfreport' AND json_extract(new_value, '$.file') = ?1",
                    [file],
                    |r| r.get(0),
                )
                .unwrap();
            (items, revisions)
        },
        whole: &|n| (rows(n), n as i64),
    };
    let Kills { whole, absent, during_write, window, write } =
        kill_at_random(&ward, &units, &importer, SELFREPORT_KILLS, SEED + 1);
    eprintln!(
        "crash safety: {SELFREPORT_KILLS} self-report imports of {} rows killed within {window} ms (write {write} \
         ms): {during_write} during the write; {whole} wholly in, {absent} wholly absent",
        rows(SELFREPORT_UNITS)
    );
}

/// A self-report file: every periodic item of every unit, the result text carrying `tag` (so each file is a new
/// revision of each unit's report).
fn selfreport(units: &[String], items: &[(String, f64)], tag: &str) -> String {
    let mut csv = String::from("ma_don_vi,ma_tieu_chi,diem_tu_cham,so_lieu,ket_qua,tai_lieu_kiem_chung\n");
    for unit in units {
        for (code, max) in items {
            csv.push_str(&format!("{unit},{code},{},,{tag},Báo cáo số 1\n", max / 2.0));
        }
    }
    csv
}
