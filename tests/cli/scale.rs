//! The national-scale generator behind the benchmarks (`cchc-gen-scale`, a program beside `cchc`), on a few units: it
//! works, it is deterministic, and the year report read from it agrees with the score listings. The benchmarks
//! themselves (scripts/bench.sh, `cargo bench`) never run in the tests.

use std::collections::HashMap;

use crate::common::Ward;

fn generated(seed: &str) -> Ward {
    let ward = Ward::empty();
    let out = ward.db().display().to_string();
    let done =
        ward.std_cmd_of("cchc-gen-scale", &["--units", "5", "--seed", seed, "--out", &out]).output().expect("run");
    assert!(done.status.success(), "cchc-gen-scale: {}", String::from_utf8_lossy(&done.stderr));
    ward
}

/// `code` → 100-point score, from a `score summary --format json` listing.
fn scores(rows: &serde_json::Value) -> HashMap<String, f64> {
    let rows = rows.as_array().expect("rows");
    rows.iter()
        .filter_map(|r| {
            let key = r["code"].as_str().filter(|c| !c.is_empty()).or(r["unit"].as_str())?;
            Some((key.to_owned(), r["score100"].as_f64()?))
        })
        .collect()
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
    let units = scores(&ward.json(&["score", "summary", "2026-dot2"]));
    for unit in year["units"].as_array().expect("units") {
        let code = unit["code"].as_str().expect("code");
        assert_eq!(unit["dot2"].as_f64(), units.get(code).copied(), "{code}: year report and score summary");
    }
    let officials = scores(&ward.json(&["score", "summary", "2026-dot2", "--per", "can-bo"]));
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
    for args in [["report", "year", "2026", "--format", "json"], ["report", "year", "2026", "--format", "md"]] {
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
