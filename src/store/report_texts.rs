//! The secretary's assessment texts of round and year reports, and the answers given to the units' proposals.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx, parsed, parsed_opt, timestamp};
use crate::domain::assessment::{Level, ProposalAnswer, StoredText, TextSection};
use crate::domain::finding::FindingKind;
use crate::store::audit::Change;

pub fn list(conn: &Connection, scope: &str) -> Result<Vec<StoredText>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT section, text, confirmed_draft, updated_at, actor FROM report_texts WHERE scope = ?1 ORDER BY section",
    )?;
    let rows = stmt.query_map([scope], |r| {
        Ok(StoredText {
            section: parsed(r, 0)?,
            text: r.get(1)?,
            confirmed_draft: r.get::<_, i64>(2)? == 1,
            updated_at: r.get(3)?,
            actor: r.get(4)?,
        })
    })?;
    let mut all: Vec<StoredText> = rows.collect::<Result<_, _>>()?;
    all.sort_by_key(|t| t.section);
    Ok(all)
}

/// Stores a section's text (audited); the same text again writes nothing. `round_id` ties the audit entry to a
/// round when the scope is one.
pub fn set(
    tx: &Tx,
    scope: &str,
    round_id: Option<&str>,
    section: TextSection,
    text: &str,
    confirmed_draft: bool,
) -> Result<bool, StoreError> {
    let old = list(tx, scope)?.into_iter().find(|t| t.section == section);
    if old.as_ref().is_some_and(|o| o.text == text && o.confirmed_draft == confirmed_draft) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO report_texts (scope, section, text, confirmed_draft, updated_at, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (scope, section) DO UPDATE SET text = excluded.text, confirmed_draft = excluded.confirmed_draft,
             updated_at = excluded.updated_at, actor = excluded.actor",
        params![scope, section.as_str(), text, i64::from(confirmed_draft), timestamp(tx.now), tx.actor],
    )?;
    let entity_id = format!("{scope}/{section}");
    let change = Change { action: "set", entity: "report_text", entity_id: &entity_id, round_id };
    let new = serde_json::json!({ "text": text, "confirmed_draft": confirmed_draft });
    let old = old.map(|o| serde_json::json!({ "text": o.text, "confirmed_draft": o.confirmed_draft }));
    tx.audit(change, old.as_ref(), Some(&new))?;
    Ok(true)
}

/// The answers recorded for the proposals of the year's rounds.
pub fn answers(conn: &Connection, year: i32) -> Result<Vec<ProposalAnswer>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.finding_id, p.addressed_to, p.answer, p.answered_on FROM proposal_answers p
         JOIN findings f ON f.id = p.finding_id JOIN rounds r ON r.id = f.round_id WHERE r.year = ?1
         ORDER BY p.finding_id",
    )?;
    let rows = stmt.query_map([year], answer_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn answer_row(r: &rusqlite::Row) -> rusqlite::Result<ProposalAnswer> {
    Ok(ProposalAnswer {
        finding_id: r.get(0)?,
        addressed_to: parsed_opt(r, 1)?,
        answer: r.get(2)?,
        answered_on: parsed_opt(r, 3)?,
    })
}

pub fn answer_of(conn: &Connection, finding_id: &str) -> Result<Option<ProposalAnswer>, StoreError> {
    let sql = "SELECT finding_id, addressed_to, answer, answered_on FROM proposal_answers WHERE finding_id = ?1";
    Ok(conn.query_row(sql, [finding_id], answer_row).optional()?)
}

/// What `finding answer` changes: the answer (with its date) and/or the level; `None` keeps what is stored.
pub struct AnswerUpdate<'a> {
    pub answer: Option<&'a str>,
    pub answered_on: Option<NaiveDate>,
    pub addressed_to: Option<Level>,
}

/// Records the answer to a proposal (a `kien-nghi` finding only), audited. Allowed after the round is closed: the
/// answer often comes later.
pub fn set_answer(tx: &Tx, finding_id: &str, update: &AnswerUpdate) -> Result<ProposalAnswer, StoreError> {
    let finding = super::findings::get(tx, finding_id)?;
    if finding.kind != FindingKind::KienNghi {
        return Err(StoreError::Conflict(format!(
            "kết luận {} là «{}», không phải kiến nghị, đề xuất: chỉ kiến nghị mới có ý kiến trả lời; tình hình khắc phục ghi bằng `cchc finding update {}`",
            finding.id,
            finding.kind.label(),
            finding.id
        )));
    }
    let old = answer_of(tx, &finding.id)?;
    let new = ProposalAnswer {
        finding_id: finding.id.clone(),
        addressed_to: update.addressed_to.or(old.as_ref().and_then(|o| o.addressed_to)),
        answer: update.answer.map(str::to_owned).or(old.as_ref().and_then(|o| o.answer.clone())),
        answered_on: match update.answer {
            Some(_) => update.answered_on.or(Some(tx.now.date())),
            None => old.as_ref().and_then(|o| o.answered_on),
        },
    };
    if old.as_ref() == Some(&new) {
        return Ok(new);
    }
    tx.execute(
        "INSERT INTO proposal_answers (finding_id, addressed_to, answer, answered_on, updated_at, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (finding_id) DO UPDATE SET addressed_to = excluded.addressed_to, answer = excluded.answer,
             answered_on = excluded.answered_on, updated_at = excluded.updated_at, actor = excluded.actor",
        params![
            new.finding_id,
            new.addressed_to.map(Level::as_str),
            new.answer,
            new.answered_on.map(|d| d.to_string()),
            timestamp(tx.now),
            tx.actor
        ],
    )?;
    let change =
        Change { action: "answer", entity: "finding", entity_id: &finding.id, round_id: Some(&finding.round_id) };
    tx.audit(change, old.as_ref(), Some(&new))?;
    Ok(new)
}
