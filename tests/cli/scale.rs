//! The national-scale generator behind the benchmarks (`cchc-gen-scale`, a program beside `cchc`), on a few units: it
//! works, it is deterministic, and the year report read from it agrees with the results computed in SQL from its
//! stored scores. The benchmarks themselves (scripts/bench.sh, `cargo bench`) never run in the tests.

use std::collections::HashMap;

use crate::common::Ward;

fn generated(seed: &str) -> Ward {
    generated_units("5", seed)
}

fn generated_units(units: &str, seed: &str) -> Ward {
    let ward = Ward::empty();
    let out = ward.db().display().to_string();
    let done =
        ward.std_cmd_of("cchc-gen-scale", &["--units", units, "--seed", seed, "--out", &out]).output().expect("run");
    assert!(done.status.success(), "cchc-gen-scale: {}", String::from_utf8_lossy(&done.stderr));
    ward
}

/// The 100-point results of a round computed here from the stored scores, apart from cchc's scoring code: per unit
/// and per responsible official, the points given over the maximum of the items given points (N/A and
/// unappraised items left out), times 100, rounded half away from zero to two decimals.
fn results_by_sql(ward: &Ward, round: &str) -> (HashMap<String, f64>, HashMap<String, f64>) {
    let max: HashMap<String, f64> = ward
        .json(&["criteria", "list", "--leaves"])
        .as_array()
        .expect("leaves")
        .iter()
        .map(|l| (l["code"].as_str().unwrap().to_owned(), l["max_points"].as_f64().unwrap()))
        .collect();
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    let by = |sql: &str| -> HashMap<String, f64> {
        let mut sums: HashMap<String, (f64, f64)> = HashMap::new();
        let mut stmt = conn.prepare(sql).unwrap();
        let rows =
            stmt.query_map([round], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))).unwrap();
        for row in rows {
            let (key, criterion, points): (String, String, f64) = row.unwrap();
            let sum = sums.entry(key).or_default();
            sum.0 += points;
            sum.1 += max[&criterion];
        }
        sums.into_iter().map(|(k, (p, m))| (k, ((p / m) * 100.0 * 100.0).round() / 100.0)).collect()
    };
    let given = "s.round_id = ?1 AND s.not_applicable = 0 AND s.points IS NOT NULL";
    let units = by(&format!("SELECT s.unit_code, s.criterion, s.points FROM scores s WHERE {given}"));
    let officials = by(&format!(
        "SELECT a.official_code, s.criterion, s.points FROM scores s \
         JOIN assignments a ON a.unit_code = s.unit_code AND a.criterion = s.criterion \
         WHERE {given} AND a.official_code IS NOT NULL"
    ));
    (units, officials)
}

#[test]
fn a_small_national_database_is_deterministic_and_the_year_report_agrees_with_the_score_listings() {
    let ward = generated("7");
    assert_eq!(ward.dump(), generated("7").dump(), "same seed, same database");
    assert_ne!(ward.dump(), generated("8").dump(), "another seed, other data");
    assert_eq!(ward.json(&["unit", "list"]).as_array().map(Vec::len), Some(5));
    assert_eq!(ward.json(&["official", "list"]).as_array().map(Vec::len), Some(25));
    let rounds = ward.json(&["round", "list"]);
    let ids: Vec<&str> = rounds.as_array().expect("rounds").iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["2026-dx1", "2026-dot1", "2026-dot2"], "Đợt 1, Đợt 2 and one ad-hoc round per 100 units");

    let year = ward.json(&["report", "year", "2026"]);
    assert_eq!(year["basis_round"], "2026-dot2");
    let (units, officials) = results_by_sql(&ward, "2026-dot2");
    let reported = year["units"].as_array().expect("units");
    assert_eq!(reported.len(), 5);
    for unit in reported {
        let code = unit["code"].as_str().expect("code");
        assert_eq!(unit["dot2"].as_f64(), units.get(code).copied(), "{code}: year report and the stored scores");
    }
    let proposed = year["officials"].as_array().expect("officials");
    assert_eq!(proposed.len(), 25);
    for official in proposed {
        let code = official["code"].as_str().expect("code");
        assert_eq!(official["totals"]["appraised_score"].as_f64(), officials.get(code).copied(), "{code}");
    }
    let findings = year["remediation"]["findings"].as_array().expect("findings");
    assert!(findings.len() > 20, "about six findings per unit and round: {}", findings.len());
    assert!(findings.iter().all(|f| f["unit_name"].as_str().is_some_and(|n| n.starts_with("UBND "))));
    ward.ok(&["report", "year", "2026", "-o", "nam.xlsx"]);
}

#[test]
fn gen_scale_is_not_part_of_cchc_and_refuses_to_overwrite() {
    let ward = generated("7");
    assert!(!ward.ok(&["--help"]).contains("gen-scale"));
    let out = ward.db().display().to_string();
    ward.fails(2, &["gen-scale", "--units", "5", "--out", &out]);
    let refused = ward.std_cmd_of("cchc-gen-scale", &["--units", "5", "--out", &out]).output().expect("run");
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("đã có"), "{err}");
}

#[test]
fn a_report_piped_into_a_reader_that_stops_early_ends_quietly() {
    let ward = generated("7");
    // Every text format is written as it is made: the closed pipe reaches each writer underneath.
    for format in ["json", "md", "html", "csv", "table"] {
        let args = ["report", "year", "2026", "--format", format];
        let mut child = ward
            .std_cmd(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // Like `| head -c 10`: a few bytes read, then the pipe closed while the report is still being written.
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 10];
        std::io::Read::read_exact(&mut stdout, &mut first).expect("the report starts");
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(!stderr.contains("Lỗi"), "{args:?}: {stderr}");
    }
}

/// A report written as it is made meets a full disk midway: said in Vietnamese, with what to do.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_under_a_report_being_written_is_said_in_vietnamese() {
    let ward = generated("7");
    for format in ["json", "md", "html", "csv", "table", "docx"] {
        let full = std::fs::File::options().write(true).open("/dev/full").expect("/dev/full");
        let args = ["report", "year", "2026", "--format", format];
        let out = ward.std_cmd(&args).stdout(full).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        assert!(stderr.contains("Lỗi: ") && stderr.contains("ổ đĩa đã đầy"), "{format}: {stderr}");
        assert!(!stderr.contains("No space") && !stderr.contains("os error"), "{format}: {stderr}");
    }
}

/// The statements of a file or a log, each once, with whitespace collapsed, sorted. Transaction control and the
/// settings a connection makes when it opens (`BEGIN`, `COMMIT`, `PRAGMA`) are not the report's work.
fn statements<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut all: Vec<String> = texts
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty() && !["BEGIN", "COMMIT", "PRAGMA"].iter().any(|w| s.starts_with(w)))
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The floor the benchmark sets beside the year report (scripts/report-year-core.sql, run by the sqlite3 shell) is
/// every statement the report runs, review included, read from the report's own log of them (`CCHC_SQL_LOG`).
#[test]
fn the_benchmark_floor_runs_every_statement_of_the_year_report() {
    let ward = generated("7");
    let log = ward.path("sql.log");
    let out = ward.path("nam.json").display().to_string();
    let done = ward
        .std_cmd(&["report", "year", "2026", "--format", "json", "-o", &out])
        .env("CCHC_SQL_LOG", &log)
        .output()
        .expect("run");
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let log = std::fs::read_to_string(&log).expect("the log");
    let ran = statements(log.lines().filter_map(|l| l.split_once('\t')).map(|(_, sql)| sql));
    let file = include_str!("../../scripts/report-year-core.sql");
    // Comments and the shell's dot-commands (which set the parameters) are not statements.
    let body: Vec<&str> = file.lines().filter(|l| !l.starts_with("--") && !l.starts_with('.')).collect();
    let body = body.join("\n");
    let floor = statements(body.split(';'));
    let missing: Vec<&String> = ran.iter().filter(|s| !floor.contains(s)).collect();
    let extra: Vec<&String> = floor.iter().filter(|s| !ran.contains(s)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "scripts/report-year-core.sql is out of step with the year report.\nRun by the report, not in the file:\n{}\nIn the file, not run:\n{}",
        missing.iter().map(|s| format!("{s};")).collect::<Vec<_>>().join("\n"),
        extra.iter().map(|s| format!("{s};")).collect::<Vec<_>>().join("\n")
    );
}

/// The year report counts the review's points a round's findings a lot at a time (1,024), on both cores; `cchc
/// review` lists them with each round read whole. On rounds with more findings than a lot, the count the report
/// gives is the number of points the review lists.
#[test]
fn the_year_report_counts_the_points_the_review_lists_when_a_round_has_more_findings_than_a_lot() {
    let ward = generated_units("200", "7");
    let conn = rusqlite::Connection::open(ward.db()).unwrap();
    let largest: i64 = conn
        .query_row("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM findings GROUP BY round_id)", [], |r| r.get(0))
        .unwrap();
    assert!(largest > 1024, "a round of {largest} findings is read in one lot");
    let listed = ward.std_cmd(&["review", "2026", "--format", "json"]).output().expect("run");
    assert_eq!(listed.status.code(), Some(1), "{}", String::from_utf8_lossy(&listed.stderr));
    let points: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("json");
    let points = points.as_array().map(Vec::len).expect("a list");
    assert!(points > 100, "only {points} points to count");
    let out = ward.path("nam.json").display().to_string();
    let report = ward.std_cmd(&["report", "year", "2026", "--format", "json", "-o", &out]).output().expect("run");
    let stderr = String::from_utf8_lossy(&report.stderr);
    assert!(report.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("còn {points} điểm cần xem lại trước khi ký")),
        "{points} points listed: {stderr}"
    );
}
