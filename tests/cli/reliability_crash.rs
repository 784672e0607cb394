//! Crash safety: an import killed with SIGKILL at random moments leaves a sound database in which the file's rows
//! are wholly in or wholly absent, and the next import succeeds.

use std::process::Stdio;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::common::Ward;
use crate::reliability_corpus::ward_with_round;

const KILLS: u64 = 20;
const SEED: u64 = 0x5eed_0007;
/// Units in the large file: with the 69 periodic items, 40 units (2,760 rows) make an import of 0.2–0.3 s in a
/// debug build, long enough to be killed in the middle of reading, checking or writing, short enough to do twenty
/// times.
const UNITS: usize = 40;

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

#[test]
fn an_import_killed_at_random_moments_is_all_or_nothing() {
    let ward = ward_with_round();
    let units = add_units(&ward, "K", UNITS);
    let items = periodic_items(&ward);
    let rows = (units.len() * items.len()) as i64;
    let big = ward.path("diem.csv").display().to_string();
    let small = ward.path("diem-mot-don-vi.csv").display().to_string();

    // How long an import that replaces every score takes here (as each killed one does) sets the window the kills
    // fall in.
    ward.write("diem.csv", appraisal(&units, &items, "đầu"));
    ward.ok(&["score", "import", "2026-dot1", &big]);
    ward.write("diem.csv", appraisal(&units, &items, "lần 0"));
    let started = Instant::now();
    ward.ok(&["score", "import", "2026-dot1", &big]);
    // Capped, so that a machine busy with other tests does not stretch the test: later kills land after the commit.
    let window = (started.elapsed().as_millis() as u64).min(400);

    let mut rng = Lcg(SEED);
    let (mut whole, mut absent) = (0, 0);
    for kill in 1..=KILLS {
        let note = format!("lần {kill}");
        ward.write("diem.csv", appraisal(&units, &items, &note));
        let mut child = ward
            .std_cmd(&["score", "import", "2026-dot1", &big])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn import");
        // Every other kill falls in the second half, where the rows are written; up to a fifth past the
        // calibrated time, so some land after the commit.
        let earliest = if kill % 2 == 0 { window / 2 } else { 0 };
        std::thread::sleep(Duration::from_millis(earliest + rng.below(window + window / 5 - earliest)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        let conn = Connection::open(ward.db()).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "after kill {kill}");
        match rows_noted(&conn, &note) {
            (0, 0) => absent += 1,
            (s, a) if s == rows && a == rows => whole += 1,
            partial => panic!("kill {kill}: {partial:?} of {rows} rows and audit entries: a half-written import"),
        }
        drop(conn);

        // The next import goes through: no stale lock, no damaged journal.
        let after = format!("sau lần {kill}");
        ward.write("diem-mot-don-vi.csv", appraisal(&units[..1], &items, &after));
        ward.ok(&["score", "import", "2026-dot1", &small]);
        let conn = Connection::open(ward.db()).unwrap();
        assert_eq!(rows_noted(&conn, &after), (items.len() as i64, items.len() as i64), "after kill {kill}");
    }
    // Left alone, the large import completes, and the whole record checks out.
    ward.write("diem.csv", appraisal(&units, &items, "cuối"));
    ward.ok(&["score", "import", "2026-dot1", &big]);
    assert_eq!(rows_noted(&Connection::open(ward.db()).unwrap(), "cuối"), (rows, rows));
    ward.ok(&["check"]);
    eprintln!(
        "crash safety: {KILLS} imports of {rows} rows killed within {window} ms: {whole} wholly in, {absent} wholly absent"
    );
}
