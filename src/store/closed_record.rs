//! The record of a closed round: the units, officials and assignments as they stood when it closed
//! (`migrations/0009_closed_round_record.sql`). The round's reports read it instead of the live directory, so a
//! later edit of the directory does not rewrite a report already signed.

use rusqlite::{Connection, params};

use super::round_set::{Result, rows};
use super::{Tx, assignments};
use crate::domain::directory::{AssignmentView, Official, Unit};
use crate::domain::round::RoundStatus;
use crate::domain::sources::Sources;

/// Keeps the directory as it stands now for `round`, in the transaction that closes it.
pub fn keep(tx: &Tx, round: &str) -> Result<()> {
    forget(tx, round)?;
    tx.execute(
        "INSERT INTO closed_units (round_id, seq, code, name, kind) SELECT ?1, rowid, code, name, kind FROM units",
        [round],
    )?;
    tx.execute(
        "INSERT INTO closed_officials (round_id, seq, code, name, position, unit_code, category)
         SELECT ?1, rowid, code, name, position, unit_code, category FROM officials",
        [round],
    )?;
    tx.execute(
        "INSERT INTO closed_assignments (round_id, criterion, unit_code, official_code)
         SELECT ?1, criterion, unit_code, official_code FROM assignments",
        [round],
    )?;
    Ok(())
}

/// Drops the record of a reopened round: while open, it reads the live directory again.
pub fn forget(tx: &Tx, round: &str) -> Result<()> {
    tx.execute("DELETE FROM closed_units WHERE round_id = ?1", [round])?;
    tx.execute("DELETE FROM closed_officials WHERE round_id = ?1", [round])?;
    tx.execute("DELETE FROM closed_assignments WHERE round_id = ?1", [round])?;
    Ok(())
}

/// Puts a closed round's record in place of the live directory in `src` (units, officials, assignments and the
/// units the round covers). An open round's sources are left as they are, and so are those of a round marked
/// closed without a record (only by editing the file: `round close` and the upgrade both write one).
pub fn apply(conn: &Connection, round: &str, src: &mut Sources) -> Result<()> {
    let closed = src.rounds.iter().any(|r| r.id == round && r.status == RoundStatus::Closed);
    let kept = |r: &rusqlite::Row| r.get::<_, bool>(0);
    let recorded = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM closed_units WHERE round_id = ?1)")?
        .query_row([round], kept)?;
    if !(closed && recorded) {
        return Ok(());
    }
    src.units = rows(
        conn,
        "SELECT code, name, kind FROM closed_units WHERE round_id = ?1 ORDER BY seq",
        params![round],
        |r| Ok(Unit { code: r.get(0)?, name: r.get(1)?, kind: r.get(2)? }),
    )?;
    src.officials = rows(
        conn,
        "SELECT code, name, position, unit_code, category FROM closed_officials WHERE round_id = ?1 ORDER BY seq",
        params![round],
        |r| {
            Ok(Official {
                code: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
                unit_code: r.get(3)?,
                category: r.get(4)?,
            })
        },
    )?;
    let mut kept: Vec<AssignmentView> = rows(
        conn,
        "SELECT a.criterion, a.unit_code, u.name, a.official_code, o.name FROM closed_assignments a
         JOIN closed_units u ON u.round_id = a.round_id AND u.code = a.unit_code
         LEFT JOIN closed_officials o ON o.round_id = a.round_id AND o.code = a.official_code
         WHERE a.round_id = ?1",
        params![round],
        assignments::view_row,
    )?;
    assignments::sort(&mut kept);
    src.assignments = kept;
    // A round without its own list covers every unit it knew when it closed, not one added since.
    src.scopes = rows(
        conn,
        "SELECT u.round_id, u.code FROM closed_units u WHERE u.round_id = ?1
           AND (NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = u.round_id)
                OR EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = u.round_id AND x.unit_code = u.code))
         ORDER BY u.seq",
        params![round],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(())
}
