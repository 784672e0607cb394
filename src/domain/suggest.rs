//! The one "có phải «…»?" suggestion: the known value closest to one that names nothing.

use super::text::fold;

/// How close a candidate must be to be suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cutoff {
    /// A likely typo in a file: equal after folding (case, accents, spacing), or within one edit (transpositions
    /// count as one) per three characters of the value, at most three.
    Typo,
    /// A code typed on the command line: within two edits ignoring case, or one per three bytes of the candidate
    /// when it is longer.
    Edits,
}

/// The candidate closest to `value` within `cutoff`; of equally close ones, the first. Never `value` itself.
pub fn nearest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>, cutoff: Cutoff) -> Option<&'a str> {
    let value_folded = fold(value);
    let value_lower = value.to_lowercase();
    let value_len = value.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for cand in candidates {
        let close = match cutoff {
            Cutoff::Typo => {
                if cand == value {
                    continue;
                }
                let d = if fold(cand) == value_folded { 0 } else { strsim::damerau_levenshtein(value, cand) };
                (d <= (value_len / 3).clamp(1, 3) && d < value_len.max(1)).then_some(d)
            }
            Cutoff::Edits => {
                let d = strsim::levenshtein(&cand.to_lowercase(), &value_lower);
                (d <= 2.max(cand.len() / 3)).then_some(d)
            }
        };
        if let Some(d) = close
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// The hint for a value that names nothing known: `có phải «…»?` with the nearest candidate, when one is close.
pub fn did_you_mean<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(value, candidates, Cutoff::Typo).map(|n| format!("có phải «{n}»?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_only() {
        let codes = ["1.3.9", "1.3.1", "1.1.1", "2.1"];
        assert_eq!(nearest("1.3.99", codes.iter().copied(), Cutoff::Typo), Some("1.3.9"));
        assert_eq!(nearest("9.9.9.9.9", codes.iter().copied(), Cutoff::Typo), None);
        assert_eq!(nearest("", codes.iter().copied(), Cutoff::Typo), None);
        let units = ["Phòng Văn hoá - Xã hội", "Văn phòng HĐND và UBND"];
        assert_eq!(
            nearest("phong van hoa xa hoi", units.iter().copied(), Cutoff::Typo),
            Some("Phòng Văn hoá - Xã hội")
        );
        assert_eq!(nearest("xyz", units.iter().copied(), Cutoff::Typo), None);
    }

    #[test]
    fn edits_ignore_case_and_prefer_the_first_of_equals() {
        let codes = ["VP", "VHXH", "KT"];
        assert_eq!(nearest("vhx", codes, Cutoff::Edits), Some("VHXH"));
        assert_eq!(nearest("vp", codes, Cutoff::Edits), Some("VP"));
        assert_eq!(nearest("ABCDEFG", codes, Cutoff::Edits), None);
    }
}

#[cfg(test)]
#[path = "suggest_tests.rs"]
mod boundary_tests;
