//! What `cchc review --date` reads: the data of a report's rounds recorded after the date its paper will carry, up
//! to the day the report is as of (a paper dated before the data it reports).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::round_set::Result;

/// One kind of record written in the window: how many, and the day of the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Later {
    /// What was recorded, as the review point names it ("điểm thẩm định").
    pub what: &'static str,
    /// Whether a report as of an earlier day leaves them out (findings, status changes, answers); a round's scores
    /// are in its report whenever they were typed in.
    pub dated: bool,
    pub count: usize,
    pub latest: NaiveDate,
}

/// Each kind: what the review point names, whether an earlier as-of leaves it out, its rows' days in the rounds.
const KINDS: [(&str, bool, &str); 4] = [
    ("điểm thẩm định", false, SCORES),
    ("kết luận kiểm tra", true, FINDINGS),
    ("thay đổi tình trạng khắc phục", true, EVENTS),
    ("trả lời kiến nghị", true, ANSWERS),
];

const SCORES: &str = "SELECT COUNT(*), MAX(on_day) FROM (SELECT substr(updated_at, 1, 10) AS on_day FROM scores
    WHERE round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)))
    WHERE on_day > ?3 AND on_day <= ?4";
const FINDINGS: &str = "SELECT COUNT(*), MAX(on_day) FROM (SELECT substr(created_at, 1, 10) AS on_day FROM findings
    WHERE round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)))
    WHERE on_day > ?3 AND on_day <= ?4";
const EVENTS: &str = "SELECT COUNT(*), MAX(on_day) FROM (SELECT substr(e.at, 1, 10) AS on_day FROM finding_events e
    JOIN findings f ON f.id = e.finding_id
    WHERE f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)))
    WHERE on_day > ?3 AND on_day <= ?4";
const ANSWERS: &str = "SELECT COUNT(*), MAX(on_day) FROM (SELECT substr(a.answered_on, 1, 10) AS on_day
    FROM proposal_answers a JOIN findings f ON f.id = a.finding_id
    WHERE f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)))
    WHERE on_day > ?3 AND on_day <= ?4";

/// The records of the rounds (`year`, or one `round` of it) dated after `after` and by `until`, by kind.
pub fn recorded_between(
    conn: &Connection,
    year: i32,
    round: Option<&str>,
    after: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Later>> {
    let (after, until) = (after.format("%Y-%m-%d").to_string(), until.format("%Y-%m-%d").to_string());
    let mut out = Vec::new();
    for (what, dated, sql) in KINDS {
        let (count, latest): (i64, Option<String>) =
            conn.prepare_cached(sql)?.query_row(params![year, round, after, until], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let latest = latest.and_then(|d| d.parse::<NaiveDate>().ok());
        if let (Ok(count @ 1..), Some(latest)) = (usize::try_from(count), latest) {
            out.push(Later { what, dated, count, latest });
        }
    }
    Ok(out)
}
