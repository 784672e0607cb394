//! Numbers that agree (issue 12, points 8–10): every unit's and field's result on 100 in the round and year
//! reports, recomputed from the database with SQL of this test's own and rounded once, as the reports must; self
//! points set against appraised points over the same items; one ward total in every report.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::common::Ward;
use crate::reports::fixture::fixture;

/// Two decimals, half away from zero: how a figure is shown, once.
fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn close(shown: &Value, want: f64, what: &str) {
    let got = shown.as_f64().unwrap_or_else(|| panic!("{what}: no number in {shown}"));
    assert!((got - r2(want)).abs() < 1e-9, "{what}: the report shows {got}, the database gives {want} → {}", r2(want));
}

/// Points and maximum summed by SQL (unrounded).
#[derive(Debug, Default, Clone, Copy)]
struct Sum {
    points: f64,
    max: f64,
}

impl Sum {
    fn ratio(self) -> f64 {
        self.points / self.max
    }
}

/// Every leaf of the catalogue with its maximum, field and kind, as `cchc criteria list` gives them, in a table
/// the SQL below joins.
fn load_maxima(ward: &Ward, conn: &Connection) -> HashMap<String, f64> {
    conn.execute_batch("CREATE TEMP TABLE maxima (code TEXT PRIMARY KEY, max REAL, field TEXT, kind TEXT)").unwrap();
    let mut fields = HashMap::new();
    for c in ward.json(&["criteria", "list"]).as_array().expect("criteria").iter() {
        let (code, kind) = (c["code"].as_str().unwrap_or(""), c["kind"].as_str().unwrap_or(""));
        let max = c["max_points"].as_f64().unwrap_or(0.0);
        if code.matches('.').count() == 1 {
            fields.insert(code.to_owned(), max);
        }
        if kind == "periodic" || kind == "adhoc" {
            let field: Vec<&str> = code.split('.').take(2).collect();
            conn.execute("INSERT INTO maxima VALUES (?1, ?2, ?3, ?4)", params![code, max, field.join("."), kind])
                .unwrap();
        }
    }
    fields
}

/// The scores a round counts: items of its kind, not marked not applicable.
const COUNTED: &str = "FROM scores s JOIN maxima m ON m.code = s.criterion JOIN rounds r ON r.id = s.round_id
    WHERE s.not_applicable = 0 AND m.kind = CASE r.kind WHEN 'dot-xuat' THEN 'adhoc' ELSE 'periodic' END";

fn sums(conn: &Connection, key: &str) -> HashMap<(String, String), Sum> {
    let sql = format!("SELECT s.round_id, {key}, SUM(s.points), SUM(m.max) {COUNTED} GROUP BY 1, 2");
    let mut stmt = conn.prepare(&sql).unwrap();
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), Sum { points: r.get(2)?, max: r.get(3)? })));
    rows.unwrap().map(Result::unwrap).collect()
}

/// Self points against appraised points of the items that have both: (self, appraised, count) by round and key.
fn compared(conn: &Connection, key: &str) -> HashMap<(String, String), (Sum, Sum, i64)> {
    let sql = format!(
        "SELECT s.round_id, {key}, SUM(i.self_points), SUM(s.points), SUM(m.max), COUNT(*)
         FROM selfreports x JOIN selfreport_items i ON i.selfreport_id = x.id
         JOIN scores s ON s.round_id = x.round_id AND s.unit_code = x.unit_code AND s.criterion = i.criterion
         JOIN maxima m ON m.code = s.criterion JOIN rounds r ON r.id = s.round_id
         WHERE x.is_current = 1 AND i.self_points IS NOT NULL AND s.not_applicable = 0
           AND m.kind = CASE r.kind WHEN 'dot-xuat' THEN 'adhoc' ELSE 'periodic' END
         GROUP BY 1, 2"
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    let rows = stmt.query_map([], |r| {
        let max: f64 = r.get(4)?;
        Ok(((r.get(0)?, r.get(1)?), (Sum { points: r.get(2)?, max }, Sum { points: r.get(3)?, max }, r.get(5)?)))
    });
    rows.unwrap().map(Result::unwrap).collect()
}

/// The fixture, with a self point the team never scored (its score taken away) and one on an item the team
/// marked not applicable: neither may enter the comparison of self against appraised points.
fn ward_with_uncompared_self_points() -> Ward {
    let ward = fixture();
    let conn = Connection::open(ward.db()).unwrap();
    let pick = "SELECT x.unit_code, i.criterion FROM selfreports x JOIN selfreport_items i ON i.selfreport_id = x.id
        JOIN scores s ON s.round_id = x.round_id AND s.unit_code = x.unit_code AND s.criterion = i.criterion
        WHERE x.round_id = '2026-dot2' AND x.is_current = 1 AND i.self_points IS NOT NULL AND s.not_applicable = 0
        ORDER BY x.unit_code, i.criterion LIMIT 2";
    let picked: Vec<(String, String)> = conn
        .prepare(pick)
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(picked.len(), 2, "the fixture has self points to play with");
    let (gone, na) = (&picked[0], &picked[1]);
    conn.execute(
        "DELETE FROM scores WHERE round_id = '2026-dot2' AND unit_code = ?1 AND criterion = ?2",
        params![gone.0, gone.1],
    )
    .unwrap();
    conn.execute(
        "UPDATE scores SET not_applicable = 1, points = NULL WHERE round_id = '2026-dot2' AND unit_code = ?1 AND criterion = ?2",
        params![na.0, na.1],
    )
    .unwrap();
    ward
}

#[test]
fn every_result_on_100_is_the_databases_rounded_once() {
    let ward = ward_with_uncompared_self_points();
    let conn = Connection::open(ward.db()).unwrap();
    let field_max = load_maxima(&ward, &conn);
    let (units, fields, ward_sums) = (sums(&conn, "s.unit_code"), sums(&conn, "m.field"), sums(&conn, "''"));
    let (units_compared, ward_compared) = (compared(&conn, "s.unit_code"), compared(&conn, "''"));
    let key = |round: &str, k: &str| (round.to_owned(), k.to_owned());

    for round in ["2026-dot1", "2026-dot2", "2026-dx1"] {
        let report = ward.json(&["report", "round", round]);
        let md = ward.ok(&["report", "round", round, "--format", "md"]);
        let ward_total = ward_sums[&key(round, "")];
        close(&report["ward"]["appraised_score"], 100.0 * ward_total.ratio(), &format!("{round} ward"));
        for u in report["units"].as_array().expect("units") {
            let code = u["code"].as_str().unwrap_or("");
            let t = &u["totals"];
            match units.get(&key(round, code)) {
                Some(sum) => close(&t["appraised_score"], 100.0 * sum.ratio(), &format!("{round} {code}")),
                None => assert!(t["appraised_score"].is_null(), "{round} {code}: no score in the database"),
            }
            match units_compared.get(&key(round, code)) {
                Some((own, same, n)) => {
                    close(&t["self_score"], 100.0 * own.ratio(), &format!("{round} {code} self"));
                    close(&t["appraised_compared"], 100.0 * same.ratio(), &format!("{round} {code} same items"));
                    close(
                        &t["difference"],
                        100.0 * (same.ratio() - own.ratio()),
                        &format!("{round} {code} difference"),
                    );
                    assert_eq!(t["items_compared"], *n, "{round} {code}: items compared");
                }
                None => assert!(t["self_score"].is_null(), "{round} {code}: nothing to compare"),
            }
        }
        for f in report["fields"].as_array().expect("fields") {
            let code = f["code"].as_str().unwrap_or("");
            let Some(sum) = fields.get(&key(round, code)) else { continue };
            close(&f["totals"]["appraised_score"], 100.0 * sum.ratio(), &format!("{round} field {code} on 100"));
            close(&f["appraised_points"], sum.ratio() * field_max[code], &format!("{round} field {code} points"));
            // The share achieved, to one decimal, from the points (not from the score already rounded).
            let share = format!("{:.1}\u{a0}%", (sum.ratio() * 1000.0).round() / 10.0).replace('.', ",");
            let row = md.lines().find(|l| l.starts_with(&format!("| {code} |"))).unwrap_or_default();
            assert!(row.ends_with(&format!("| {share} |")), "{round} field {code}: {row} should end with {share}");
        }
        if let Some((own, _, n)) = ward_compared.get(&key(round, "")) {
            close(&report["ward"]["self_score"], 100.0 * own.ratio(), &format!("{round} ward self"));
            assert_eq!(report["ward"]["items_compared"], *n);
        }
    }

    let year = ward.json(&["report", "year", "2026"]);
    let (d1, d2) = ("2026-dot1", "2026-dot2");
    let mut basis: Vec<(f64, &str)> = Vec::new();
    for u in year["units"].as_array().expect("units") {
        let code = u["code"].as_str().unwrap_or("");
        let (a, b) = (units.get(&key(d1, code)), units.get(&key(d2, code)));
        if let Some(a) = a {
            close(&u["dot1"], 100.0 * a.ratio(), &format!("year {code} Đợt 1"));
        }
        if let Some(b) = b {
            close(&u["dot2"], 100.0 * b.ratio(), &format!("year {code} Đợt 2"));
            basis.push((100.0 * b.ratio(), code));
        }
        if let (Some(a), Some(b)) = (a, b) {
            close(&u["change"], 100.0 * (b.ratio() - a.ratio()), &format!("year {code} change"));
        }
    }
    // Competition ranking on the results shown (equal to two decimals share a rank).
    for u in year["units"].as_array().expect("units") {
        let code = u["code"].as_str().unwrap_or("");
        let Some((own, _)) = basis.iter().find(|(_, c)| *c == code) else { continue };
        let better = basis.iter().filter(|(s, _)| r2(*s) > r2(*own)).count() as u64;
        assert_eq!(u["rank"].as_u64(), Some(better + 1), "year {code}: rank");
    }
    for f in year["fields"].as_array().expect("fields") {
        let code = f["code"].as_str().unwrap_or("");
        let max = field_max[code];
        let (a, b) = (fields.get(&key(d1, code)), fields.get(&key(d2, code)));
        if let Some(a) = a {
            close(&f["dot1"], a.ratio() * max, &format!("year field {code} Đợt 1"));
            close(&f["dot1_score"], 100.0 * a.ratio(), &format!("year field {code} Đợt 1 on 100"));
        }
        if let Some(b) = b {
            close(&f["dot2_score"], 100.0 * b.ratio(), &format!("year field {code} Đợt 2 on 100"));
        }
        if let (Some(a), Some(b)) = (a, b) {
            close(&f["change"], (b.ratio() - a.ratio()) * max, &format!("year field {code} change"));
        }
    }
    for r in year["rounds"].as_array().expect("rounds") {
        let id = r["round"]["id"].as_str().unwrap_or("");
        close(&r["ward"]["appraised_score"], 100.0 * ward_sums[&key(id, "")].ratio(), &format!("year {id} ward"));
    }
}

#[test]
fn the_ward_total_is_the_same_in_the_round_year_and_self_assessment_reports() {
    let ward = fixture();
    let round = ward.json(&["report", "round", "2026-dot2"]);
    let year = ward.json(&["report", "year", "2026"]);
    let own = ward.json(&["report", "selfassessment", "2026"]);
    let dot2 = year["rounds"].as_array().and_then(|rs| rs.iter().find(|r| r["round"]["id"] == "2026-dot2"));
    let dot2 = dot2.expect("Đợt 2 in the year report");
    assert_eq!(round["ward"]["appraised_score"], dot2["ward"]["appraised_score"]);
    assert_eq!(round["ward"]["appraised_score"], own["total"]["appraised_score"]);
    assert_eq!(round["ward"]["self_score"], own["total"]["self_score"]);
    // Each says how it is computed, in the same words.
    let definition = "điểm toàn phường = tổng điểm thẩm định của mọi nội dung được chấm ở mọi đơn vị";
    for args in
        [&["report", "round", "2026-dot2"][..], &["report", "year", "2026"], &["report", "selfassessment", "2026"]]
    {
        let md = ward.ok(&[args, &["--format", "md"][..]].concat()).to_lowercase();
        assert!(md.contains(definition), "{args:?} states the ward total's definition");
    }
}

#[test]
fn self_points_are_compared_on_the_items_that_have_both_and_say_how_many() {
    let ward = ward_with_uncompared_self_points();
    let conn = Connection::open(ward.db()).unwrap();
    let self_points: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM selfreports x JOIN selfreport_items i ON i.selfreport_id = x.id
             WHERE x.round_id = '2026-dot2' AND x.is_current = 1 AND i.self_points IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let report = ward.json(&["report", "round", "2026-dot2"]);
    let t = &report["ward"];
    let (assessed, compared) = (t["items_assessed"].as_i64().unwrap_or(0), t["items_compared"].as_i64().unwrap_or(0));
    // The item the team did not score and the one it marked not applicable are left out of the comparison.
    assert!(compared > 0 && compared + 2 <= self_points && compared <= assessed, "{t}, {self_points} self points");
    let md = ward.ok(&["report", "round", "2026-dot2", "--format", "md"]);
    let sentence = md.lines().find(|l| l.contains("Điểm toàn phường (thang 100)")).unwrap_or_default();
    let said = if compared == assessed {
        format!("trên cùng {compared} nội dung đó")
    } else {
        format!("trên {compared} nội dung có cả điểm tự chấm và điểm thẩm định")
    };
    assert!(sentence.contains(&said), "{sentence}");
}
