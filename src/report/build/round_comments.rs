//! "Nhận xét của Đoàn kiểm tra" under the fields: each field's result and its own notes, each note said once; a
//! note the team made on several items ("Hồ sơ, tài liệu kiểm chứng chưa đầy đủ") is said once for the whole
//! round with where, never once per item.

use crate::domain::number::{percent, points};
use crate::report::model::round::FieldResult;

use super::prose;

/// A note on at least this many items is said once for the round, after the fields.
const COMMON: usize = 3;

/// One bullet a field's result, one each of its own notes (at most `MAX_LISTED`), then one a note common to
/// several items.
pub fn comments(fields: &[FieldResult]) -> Vec<String> {
    let all: Vec<(&str, &str)> = fields.iter().flat_map(|f| f.comments.iter().map(|c| split(c))).collect();
    let mut common: Vec<(&str, Vec<&str>)> = Vec::new();
    for (place, note) in &all {
        match common.iter_mut().find(|(n, _)| n == note) {
            Some((_, places)) => places.push(place),
            None => common.push((note, vec![place])),
        }
    }
    common.retain(|(_, places)| places.len() >= COMMON);
    let is_common = |note: &str| common.iter().any(|(n, _)| *n == note);
    let mut out = Vec::new();
    for f in fields {
        let result = match (f.appraised_points, f.totals.ratio) {
            (Some(p), Some(ratio)) => format!("đạt {}/{} điểm ({})", points(p), points(f.max), percent(ratio)),
            _ => "chưa có điểm thẩm định".to_owned(),
        };
        out.push(format!("{}. {}: {result}.", f.code, f.title.trim_end_matches('.')));
        let own: Vec<String> = f
            .comments
            .iter()
            .map(|c| split(c))
            .filter(|(_, note)| !is_common(note))
            .map(|(place, note)| if place.is_empty() { format!("{note}.") } else { format!("{place}: {note}.") })
            .collect();
        if own.len() > prose::MAX_LISTED {
            out.extend(own[..3].iter().cloned());
            out.push(format!("Và {} nhận xét khác của lĩnh vực {}.", own.len() - 3, f.code));
        } else {
            out.extend(own);
        }
    }
    out.extend(common.iter().map(|(note, places)| {
        // Unit and code only: the titles of a dozen items would bury the note.
        let short: Vec<String> = places
            .iter()
            .map(|p| {
                let unit = p.split(" – ").next().unwrap_or_default();
                let code = p.rsplit_once('(').map_or("", |(_, c)| c.trim_end_matches(')'));
                format!("{unit} ({code})")
            })
            .collect();
        format!("Nhận xét {} ở {} nội dung: {}.", prose::quoted(note), places.len(), prose::listed(&short, "nội dung"))
    }));
    out
}

/// "Unit – Title (code): note" into the place and the note (without its full stop).
fn split(comment: &str) -> (&str, &str) {
    let (place, note) = match comment.split_once("): ") {
        Some((p, _)) => (&comment[..p.len() + 1], &comment[p.len() + 3..]),
        None => ("", comment),
    };
    (place, note.trim().trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::Totals;

    fn field(code: &str, comments: &[&str]) -> FieldResult {
        FieldResult {
            code: code.into(),
            title: "Lĩnh vực.".into(),
            max: 10.0,
            self_points: None,
            appraised_points: Some(9.0),
            totals: Totals { ratio: Some(0.9), ..Totals::default() },
            comments: comments.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    #[test]
    fn a_note_on_many_items_is_said_once() {
        let same = |unit: &str, code: &str| format!("{unit} – Tên ({code}): Hồ sơ chưa đầy đủ.");
        let f1 = field("1.1", &[&same("A", "1.1.1"), &same("B", "1.1.2"), "C – Tên (1.1.3): Tốt."]);
        let f2 = field("1.2", &[&same("A", "1.2.1"), &same("A", "1.2.2"), &same("B", "1.2.3"), &same("C", "1.2.4")]);
        let got = comments(&[f1, f2]);
        assert_eq!(got[0], "1.1. Lĩnh vực: đạt 9/10 điểm (90,0\u{a0}%).");
        assert_eq!(got[1], "C – Tên (1.1.3): Tốt.");
        assert_eq!(got[2], "1.2. Lĩnh vực: đạt 9/10 điểm (90,0\u{a0}%).");
        assert_eq!(
            got[3],
            "Nhận xét “Hồ sơ chưa đầy đủ” ở 6 nội dung: A (1.1.1), B (1.1.2), A (1.2.1) và 3 nội dung khác."
        );
        assert_eq!(got.iter().filter(|c| c.contains("Hồ sơ chưa đầy đủ")).count(), 1);
    }
}
