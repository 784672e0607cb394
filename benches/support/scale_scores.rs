//! Self-reports (periodic rounds only: an ad-hoc inspection is not announced) and appraised scores of a round.

use rusqlite::params;

use super::generator::{self, Leaf};
use super::{Gen, GenRound, at, plus};
use cchc::bench::parse_points;

const SCORE_NOTES: &[&str] = &[
    "Hồ sơ kiểm chứng chưa đầy đủ",
    "Số liệu tự chấm chưa khớp với báo cáo",
    "Thực hiện chậm so với kế hoạch",
    "Chưa có văn bản triển khai",
];
const NOT_APPLICABLE: &str = "Không phát sinh trong kỳ";

/// Every unit of the round: its self-report (one revision, a corrected second one for a few), then the team's
/// score for every item, which mostly confirms the self points.
pub fn write(g: &mut Gen, round: &GenRound, leaves: &[Leaf]) -> rusqlite::Result<()> {
    let tx = g.tx;
    let mut report = tx.prepare(
        "INSERT INTO selfreports (round_id, unit_code, revision, content_hash, file_name, received_on, imported_at,
             is_current)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut item = tx.prepare(
        "INSERT INTO selfreport_items (selfreport_id, criterion, self_points, figure, figure_pct, result, evidence,
             proposal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut score = tx.prepare(
        "INSERT INTO scores (round_id, unit_code, criterion, points, not_applicable, note, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let scored_at = at(round.end, 3);
    let mut own: Vec<Option<f64>> = vec![None; leaves.len()];
    for &n in &round.units {
        let unit = generator::unit_code(n);
        if !round.adhoc {
            let revisions: i64 = if g.rng.chance(3) { 2 } else { 1 };
            for revision in 1..=revisions {
                let received = if g.rng.chance(4) {
                    plus(round.due, 1 + g.rng.below(6) as u64)
                } else {
                    round.due.checked_sub_days(chrono::Days::new(g.rng.below(5) as u64)).unwrap_or(round.due)
                };
                let hash = format!("{:016x}{:016x}", g.rng.next_u64(), g.rng.next_u64());
                let file = format!("tu-kiem-tra-{unit}.xlsx");
                report.execute(params![
                    round.id,
                    unit,
                    revision,
                    hash,
                    file,
                    received.to_string(),
                    at(received, revision as usize),
                    i64::from(revision == revisions)
                ])?;
                let id = tx.last_insert_rowid();
                for (leaf, own) in leaves.iter().zip(own.iter_mut()) {
                    let (points, figure, result, evidence, proposal) = generator::item(&mut g.rng, leaf);
                    let percent = percent(&figure);
                    *own = parse_points(&points).ok().flatten().or_else(|| leaf.points_for_percent(percent?));
                    let figure = Some(figure).filter(|f| !f.is_empty());
                    item.execute(params![id, leaf.code, *own, figure, percent, result, evidence, proposal])?;
                    g.counts.selfreport_items += 1;
                }
                let new = format!(r#"{{"revision":{revision},"items":{}}}"#, leaves.len());
                g.audit(&at(received, 2), "import", "selfreport", &unit, Some(&round.id), &new)?;
            }
        }
        for (leaf, own) in leaves.iter().zip(&own) {
            let base = match own {
                Some(points) => *points,
                None => leaf.levels.get(g.rng.below(leaf.levels.len().max(1))).map_or(leaf.max_points, |l| l.1),
            };
            let (points, note) = if g.rng.chance(1) {
                (None, NOT_APPLICABLE.to_owned())
            } else if g.rng.chance(12) && base > 0.0 {
                let cut = 0.5 * (1 + g.rng.below(2)) as f64;
                (Some((base - cut).max(0.0)), (*g.rng.pick(SCORE_NOTES)).to_owned())
            } else {
                (Some(base), String::new())
            };
            score.execute(params![round.id, unit, leaf.code, points, i64::from(points.is_none()), note, scored_at])?;
            g.counts.scores += 1;
        }
        let new = format!(r#"{{"scores":{}}}"#, leaves.len());
        g.audit(&scored_at, "import", "score", &unit, Some(&round.id), &new)?;
    }
    Ok(())
}

/// The percentage a figure (`95/100` or `95%`) reports.
fn percent(figure: &str) -> Option<f64> {
    if let Some(pct) = figure.strip_suffix('%') {
        return pct.parse().ok();
    }
    let (num, den) = figure.split_once('/')?;
    let (num, den): (f64, f64) = (num.parse().ok()?, den.parse().ok()?);
    Some(num * 100.0 / den)
}
