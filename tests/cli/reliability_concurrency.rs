//! Concurrent use: eight processes writing scores and findings to one database at once, and a reader listing the
//! scores meanwhile. Every write either succeeds (after waiting its turn) or fails saying the database is busy;
//! nothing is lost, nothing is half-seen, and `cchc check` passes afterwards.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rusqlite::Connection;

use crate::common::Ward;
use crate::reliability_corpus::ward_with_round;
use crate::reliability_crash::{Lcg, add_units, appraisal, periodic_items, rows_noted};

const WRITERS: usize = 8;
/// Each writer alternates a score import (all items of its own unit) and a finding.
const ATTEMPTS: usize = 6;
const BUSY: &str = "cơ sở dữ liệu đang bận";

#[derive(Debug)]
enum Attempt {
    /// A score import whose rows carry this note.
    Scores(String),
    /// A finding with this text; its id when it was written.
    Finding(String, Option<String>),
}

struct Outcome {
    attempt: Attempt,
    succeeded: bool,
}

/// Runs one writer's attempts in order. Writers 0–3 wait as long as the default allows; writers 4–7 give up after
/// 20 ms, so the busy path is taken too. Each attempt runs on its own clock, some behind the others, as on office
/// PCs whose clocks differ or commands that waited for a lock.
fn writer(ward: &Ward, k: usize, unit: &str, items: &[(String, f64)], seed: u64) -> Vec<Outcome> {
    let mut rng = Lcg(seed);
    let mut outcomes = Vec::new();
    for j in 0..ATTEMPTS {
        let clock = format!("2026-11-28T09:{:02}:{:02}", rng.below(3), rng.below(60));
        let (args, attempt) = if j % 2 == 0 {
            let note = format!("w{k} lần {j}");
            let file = ward.write(&format!("w{k}-{j}.csv"), appraisal(&[unit.to_owned()], items, &note));
            let args = vec!["score".into(), "import".into(), "2026-dot1".into(), file.display().to_string()];
            (args, Attempt::Scores(note))
        } else {
            let text = format!("w{k} kết luận {j}");
            let args = ["finding", "add", "2026-dot1", "--unit", unit, "--kind", "han-che", "--text", &text];
            (args.iter().map(|a| (*a).to_owned()).collect(), Attempt::Finding(text, None))
        };
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut cmd = ward.std_cmd(&argv);
        cmd.env("CCHC_NOW", clock);
        if k >= WRITERS / 2 {
            cmd.env("CCHC_BUSY_TIMEOUT", "0.02");
        }
        let out: Output = cmd.stdin(Stdio::null()).output().expect("run writer");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "writer {k}: {stderr}");
        let succeeded = out.status.success();
        if !succeeded {
            assert!(
                out.status.code() == Some(3) && stderr.contains(BUSY) && k >= WRITERS / 2,
                "writer {k} attempt {j} failed for another reason than a busy database: {stderr}"
            );
        }
        let attempt = match attempt {
            Attempt::Finding(text, _) if succeeded => {
                Attempt::Finding(text, Some(String::from_utf8_lossy(&out.stdout).trim().to_owned()))
            }
            other => other,
        };
        outcomes.push(Outcome { attempt, succeeded });
    }
    outcomes
}

/// What a reader may see of a writer's unit: no scores yet, or every item from one and the same import.
fn consistent(listing: &serde_json::Value, units: &[String], items: usize) -> Result<(), String> {
    let rows = listing.as_array().ok_or("not a JSON array")?;
    for unit in units {
        let notes: Vec<&str> =
            rows.iter().filter(|r| r["unit"] == unit.as_str()).map(|r| r["note"].as_str().unwrap_or("")).collect();
        let first = notes.first().copied().unwrap_or("");
        if !(notes.is_empty() || notes.len() == items && notes.iter().all(|n| *n == first)) {
            return Err(format!("{unit}: {} rows, notes {notes:?}", notes.len()));
        }
    }
    Ok(())
}

#[test]
fn eight_writers_and_a_reader_lose_nothing_and_see_whole_imports() {
    let ward = ward_with_round();
    let units = add_units(&ward, "W", WRITERS);
    let items = periodic_items(&ward);
    let audit_before: i64 =
        Connection::open(ward.db()).unwrap().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    let done = AtomicBool::new(false);
    let (outcomes, reads) = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                let out = ward.cmd(&["score", "list", "2026-dot1", "--format", "json"]).output().expect("reader");
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "a reader failed during the writes: {stderr}");
                let listing: serde_json::Value = serde_json::from_slice(&out.stdout).expect("whole JSON");
                if let Err(torn) = consistent(&listing, &units, items.len()) {
                    panic!("the reader saw part of an import: {torn}");
                }
                reads += 1;
                std::thread::sleep(Duration::from_millis(5));
            }
            reads
        });
        let writers: Vec<_> = (0..WRITERS)
            .map(|k| {
                let (ward, unit, items) = (&ward, &units[k], &items);
                s.spawn(move || writer(ward, k, unit, items, 0x0c0c_u64 + k as u64))
            })
            .collect();
        let outcomes: Vec<Outcome> = writers.into_iter().flat_map(|w| w.join().expect("writer thread")).collect();
        done.store(true, Ordering::Relaxed);
        (outcomes, reader.join().expect("reader thread"))
    });

    let conn = Connection::open(ward.db()).unwrap();
    let succeeded = outcomes.iter().filter(|o| o.succeeded).count();
    let busy = outcomes.len() - succeeded;
    assert_eq!(outcomes.len(), WRITERS * ATTEMPTS);
    // No lost write: every success is stored with its audit entries, every busy failure left nothing.
    let mut expected_audit = 0;
    for o in &outcomes {
        match &o.attempt {
            Attempt::Scores(note) => {
                let (_, audit) = rows_noted(&conn, note);
                let want = if o.succeeded { items.len() as i64 } else { 0 };
                assert_eq!(audit, want, "audit entries of «{note}» (succeeded: {})", o.succeeded);
                expected_audit += want;
            }
            Attempt::Finding(text, id) => {
                let stored: Vec<String> = conn
                    .prepare("SELECT id FROM findings WHERE text = ?1")
                    .unwrap()
                    .query_map([text], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                assert_eq!(stored, id.iter().cloned().collect::<Vec<_>>(), "finding «{text}»");
                if let Some(id) = id {
                    let logged: i64 = conn
                        .query_row(
                            "SELECT count(*) FROM audit_log WHERE entity = 'finding' AND entity_id = ?1",
                            [id],
                            |r| r.get(0),
                        )
                        .unwrap();
                    assert_eq!(logged, 1, "audit entry of {id}");
                    expected_audit += 1;
                }
            }
        }
    }
    let audit_after: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert_eq!(audit_after - audit_before, expected_audit, "audit entries beyond the successful writes");
    // Each unit holds the scores of its writer's last successful import.
    let mut last: HashMap<usize, &str> = HashMap::new();
    for (i, o) in outcomes.iter().enumerate() {
        if let (Attempt::Scores(note), true) = (&o.attempt, o.succeeded) {
            last.insert(i / ATTEMPTS, note);
        }
    }
    for (k, note) in &last {
        let (scores, _) = rows_noted(&conn, note);
        assert_eq!(scores, items.len() as i64, "writer {k}'s last import «{note}»");
    }
    drop(conn);
    assert!(succeeded >= WRITERS / 2 * ATTEMPTS, "the patient writers all succeed");
    assert!(reads > 0, "the reader read during the writes");
    ward.ok(&["check"]);
    eprintln!(
        "concurrent use: {WRITERS} writers, {} attempts: {succeeded} succeeded, {busy} refused as busy; {reads} consistent reads",
        outcomes.len()
    );
}

/// A round closed while an import is under way gets none of that file: the round is checked again inside the
/// import's own write. The overlap is certain, not left to timing: a second connection holds the write lock while
/// the import finds the round open, reads its file and warns (just before it writes); the import is then stopped
/// while it waits for the lock, the round closed, and the import let go.
#[test]
fn a_round_closed_during_an_import_receives_nothing_after_it_closed() {
    let ward = ward_with_round();
    let units = add_units(&ward, "C", 60);
    let items = periodic_items(&ward);
    let file = ward.write("diem.csv", appraisal(&units, &items, "trong lúc đóng"));
    ward.ok(&["round", "start", "2026-dot1"]);
    let mut holder = Connection::open(ward.db()).unwrap();
    let lock = holder.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
    let mut import = ward
        .std_cmd(&["score", "import", "2026-dot1", &file.display().to_string()])
        .env("CCHC_BUSY_TIMEOUT", "120")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn import");
    let mut stderr = BufReader::new(import.stderr.take().expect("stderr"));
    let mut said = String::new();
    // The units have no assignments: the import warns after checking the round and reading the file.
    while !said.contains("chưa được phân công") {
        assert!(stderr.read_line(&mut said).expect("read stderr") > 0, "the import ended before its write: {said}");
    }
    signal(import.id(), "-STOP");
    drop(lock);
    ward.ok(&["round", "close", "2026-dot1"]);
    signal(import.id(), "-CONT");
    stderr.read_to_string(&mut said).expect("read stderr");
    let status = import.wait().expect("import");
    assert!(!status.success() && said.contains("đã kết thúc"), "the import must be refused: {said}");
    let conn = Connection::open(ward.db()).unwrap();
    let closed_at: i64 = conn
        .query_row("SELECT id FROM audit_log WHERE entity = 'round' AND action = 'close'", [], |r| r.get(0))
        .unwrap();
    let after_close: i64 = conn
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'score' AND id > ?1", [closed_at], |r| r.get(0))
        .unwrap();
    assert_eq!(after_close, 0, "scores written into the round after it was closed");
    assert_eq!(rows_noted(&conn, "trong lúc đóng"), (0, 0));
}

/// Sends `kill SIGNAL` to a process (stopping and continuing one is outside the standard library).
fn signal(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill").args([signal, &pid.to_string()]).status().expect("kill");
    assert!(status.success(), "kill {signal} {pid}");
}

/// A writer that cannot get its turn in time says so, and writes nothing.
#[test]
fn a_writer_kept_waiting_too_long_says_the_database_is_busy() {
    let ward = ward_with_round();
    let before = ward.dump();
    let mut holder = Connection::open(ward.db()).unwrap();
    let lock = holder.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
    let out = ward
        .cmd(&["score", "set", "2026-dot1", "VHXH", "1.1.1", "1"])
        .env("CCHC_BUSY_TIMEOUT", "0.1")
        .output()
        .expect("run");
    drop(lock);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "exit code 3: busy after the wait; {stderr}");
    assert!(stderr.contains(BUSY) && stderr.contains("chạy lại"), "{stderr}");
    assert_eq!(ward.dump(), before);
}

/// The morning after cchc is upgraded, several people open the same old database at once: one upgrades it, the
/// others wait and find it upgraded (each migration runs once).
#[test]
fn commands_opening_an_old_database_at_once_upgrade_it_once() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema/v1.db");
    for attempt in 0..10 {
        let ward = Ward::empty();
        std::fs::copy(fixture, ward.db()).unwrap();
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let mut cmd = ward.std_cmd(&["unit", "list", "--format", "json"]);
                cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn")
            })
            .collect();
        for opener in openers {
            let out = opener.wait_with_output().expect("wait");
            assert!(out.status.success(), "attempt {attempt}: {}", String::from_utf8_lossy(&out.stderr));
        }
        assert!(ward.ok(&["check"]).contains("đạt"), "attempt {attempt}");
    }
}
