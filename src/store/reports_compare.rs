//! What the year report reads to compare a year with the one before: the appraised scores of each year's basis
//! round (Đợt 2, else Đợt 1) with the catalogue it pinned, and the findings still open when the year began.

use rusqlite::{Connection, params};

use super::{StoreError, catalogues, findings, rounds};
use crate::domain::finding::Finding;
use crate::domain::round::RoundKind;
use crate::domain::scoring::Mark;
use crate::domain::year_basis::YearBasis;

type Result<T> = std::result::Result<T, StoreError>;

/// The round a year's results rest on, as the year report chooses it: Đợt 2 when it has scores, else Đợt 1.
pub fn basis(conn: &Connection, year: i32) -> Result<Option<YearBasis>> {
    let of_year = rounds::list(conn, Some(year))?;
    for kind in [RoundKind::Dot2, RoundKind::Dot1] {
        let Some(round) = of_year.iter().find(|r| r.kind == kind) else { continue };
        let mut stmt =
            conn.prepare("SELECT unit_code, criterion, points, not_applicable FROM scores WHERE round_id = ?1")?;
        let marks: Vec<(String, String, Mark)> = stmt
            .query_map([&round.id], |r| Ok((r.get(0)?, r.get(1)?, Mark::stored(r.get(2)?, r.get(3)?))))?
            .collect::<std::result::Result<_, _>>()?;
        if !marks.is_empty() {
            let catalogue = catalogues::get(conn, &round.catalogue_hash)?;
            return Ok(Some(YearBasis { round: round.clone(), catalogue, marks }));
        }
    }
    Ok(None)
}

/// Shortcomings and violations of earlier years (not good practices, not proposals: those are answered, not
/// remediated) not verified as remediated before `year` began: they carry into it, under their own ids.
pub fn carried_into_year(conn: &Connection, year: i32) -> Result<Vec<Finding>> {
    let sql = format!(
        // From the earlier years' rounds to their findings: a scan of every finding otherwise, for none in a first year.
        "{} WHERE f.round_id IN (SELECT id FROM rounds WHERE year < ?1) AND f.kind NOT IN ('dien-hinh', 'kien-nghi')
            AND NOT EXISTS (SELECT 1 FROM finding_events e WHERE e.finding_id = f.id AND e.status = 'da-xac-minh'
            AND e.at < ?2) {}",
        findings::COLUMNS,
        findings::ORDER
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![year, format!("{year:04}-01-01")], findings::row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
