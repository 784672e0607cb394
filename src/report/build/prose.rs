//! How the drafted assessment writes what the tables show: lists cut after a few entries, ties told as ties, a
//! count that does not open a sentence, quotes “ ” in running text, and the placeholder a secretary must fill.

use crate::domain::number::{points, score};
use crate::report::model::FindingView;

/// The most entries a sentence lists; a longer list names `SHOWN` and counts the rest.
pub const MAX_LISTED: usize = 5;
const SHOWN: usize = 3;

/// "a, b và c"; past `MAX_LISTED` entries "a, b, c và 6 {rest} khác".
pub fn listed(names: &[String], rest: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        _ if names.len() > MAX_LISTED => {
            format!("{} và {} {rest} khác", names[..SHOWN].join(", "), names.len() - SHOWN)
        }
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// “Title” (code) of a field or item.
pub fn named(title: &str, code: &str) -> String {
    format!("{} ({code})", quoted(title.trim_end_matches('.')))
}

/// “text”, the quotes of running text.
pub fn quoted(text: &str) -> String {
    format!("“{}”", text.trim())
}

/// A visible gap the secretary fills before the paper is signed.
pub fn placeholder(what: &str) -> String {
    format!("[{what}]")
}

/// The entries of `values` (sorted, best first by `better`) that share the first value: the leaders of a ranking,
/// ties included.
pub fn leaders<T>(sorted: &[T], value: impl Fn(&T) -> f64) -> &[T] {
    let Some(first) = sorted.first().map(&value) else { return &[] };
    let n = sorted.iter().take_while(|x| (value(x) - first).abs() < 1e-9).count();
    &sorted[..n]
}

/// The entries that share the first value, said as one or as a tie: "lĩnh vực “A” (1.2) với 95,0 %" or
/// "3 lĩnh vực cùng đạt 95,0 %: “A” (1.2), “B” (1.3) và “C” (1.4)". `noun` names one entry ("lĩnh vực").
pub fn tie(noun: &str, verb: &str, names: &[String], shown_value: &str) -> String {
    match names {
        [one] => format!("{noun} {one} với {shown_value}"),
        _ => format!("{} {noun} cùng {verb} {shown_value}: {}", names.len(), listed(names, noun)),
    }
}

/// A unit named among the strong ones, "Tên (97,73 điểm)"; one with findings past their due date says so, so that a
/// strength never hides what it still owes: "Tên (97,73 điểm; còn 1 tồn tại quá hạn khắc phục)".
pub fn strong_unit<'f>(
    name: &str,
    code: &str,
    shown: f64,
    findings: impl IntoIterator<Item = &'f FindingView>,
) -> String {
    let overdue = findings.into_iter().filter(|f| &*f.unit_code == code && f.days_overdue.is_some()).count();
    match overdue {
        0 => format!("{name} ({} điểm)", score(shown)),
        n => format!("{name} ({} điểm; còn {n} tồn tại quá hạn khắc phục)", score(shown)),
    }
}

/// Losses grouped by the points lost, biggest first: "“A” (1.2) bị trừ 2 điểm" or, for a tie,
/// "9 nội dung cùng bị trừ 1 điểm: “A” (1.2), “B” (1.3), “C” (1.4) và 6 nội dung khác". At most `groups` groups.
pub fn loss_groups(losses: &[(String, f64)], groups: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = losses;
    while !rest.is_empty() && out.len() < groups {
        let lost = rest[0].1;
        let n = rest.iter().take_while(|(_, l)| (l - lost).abs() < 1e-9).count();
        let names: Vec<String> = rest[..n].iter().map(|(name, _)| name.clone()).collect();
        out.push(match names.as_slice() {
            [one] => format!("{one} bị trừ {} điểm", points(lost)),
            _ => format!("{n} nội dung cùng bị trừ {} điểm: {}", points(lost), listed(&names, "nội dung")),
        });
        rest = &rest[n..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("N{i}")).collect()
    }

    #[test]
    fn lists_stop_at_five() {
        assert_eq!(listed(&names(1), "nội dung"), "N1");
        assert_eq!(listed(&names(5), "nội dung"), "N1, N2, N3, N4 và N5");
        assert_eq!(listed(&names(9), "nội dung"), "N1, N2, N3 và 6 nội dung khác");
    }

    #[test]
    fn ties_are_told_as_ties() {
        let losses: Vec<(String, f64)> =
            std::iter::once(("A".to_owned(), 2.0)).chain(names(9).into_iter().map(|n| (n, 1.0))).collect();
        assert_eq!(
            loss_groups(&losses, 2),
            ["A bị trừ 2 điểm", "9 nội dung cùng bị trừ 1 điểm: N1, N2, N3 và 6 nội dung khác"]
        );
        assert_eq!(tie("lĩnh vực", "đạt", &names(1), "95,0 %"), "lĩnh vực N1 với 95,0 %");
        assert_eq!(tie("đơn vị", "đạt", &names(2), "92,00 điểm"), "2 đơn vị cùng đạt 92,00 điểm: N1 và N2");
        let sorted = [3.0, 3.0, 2.0];
        assert_eq!(leaders(&sorted, |x| *x).len(), 2);
    }

    #[test]
    fn running_text_quotes_with_curly_quotes() {
        assert_eq!(named("Cải cách thể chế.", "1.2"), "“Cải cách thể chế” (1.2)");
    }
}
