//! Boundary tests of the suggestion cutoffs: the edit allowance at, just within and just past each limit.

use super::*;

fn typo<'a>(value: &str, candidates: &[&'a str]) -> Option<&'a str> {
    nearest(value, candidates.iter().copied(), Cutoff::Typo)
}

fn edits<'a>(value: &str, candidates: &[&'a str]) -> Option<&'a str> {
    nearest(value, candidates.iter().copied(), Cutoff::Edits)
}

#[test]
fn typo_allows_one_edit_per_three_characters_at_least_one_at_most_three() {
    // 2 characters: one edit allowed, but never as many edits as the value has characters.
    assert_eq!(typo("ab", &["ax"]), Some("ax"));
    assert_eq!(typo("ab", &["xy"]), None);
    // 1 character: one edit would replace the whole value.
    assert_eq!(typo("a", &["b"]), None);
    // 6 characters: two edits, not three.
    assert_eq!(typo("abcdef", &["abcdxy"]), Some("abcdxy"));
    assert_eq!(typo("abcdef", &["abcxyz"]), None);
    // 5 characters: one edit (5 / 3 = 1), not two.
    assert_eq!(typo("abcde", &["abcdx"]), Some("abcdx"));
    assert_eq!(typo("abcde", &["abcxy"]), None);
    // 12 and more characters: three edits at most.
    assert_eq!(typo("abcdefghijkl", &["abcdefghixyz"]), Some("abcdefghixyz"));
    assert_eq!(typo("abcdefghijklmnop", &["abcdefghijklwxyz"]), None);
    // A transposition is one edit.
    assert_eq!(typo("abcd", &["abdc"]), Some("abdc"));
}

#[test]
fn typo_folds_case_accents_and_spacing_and_never_suggests_the_value() {
    assert_eq!(typo("VĂN PHÒNG", &["văn phòng"]), Some("văn phòng"));
    assert_eq!(typo("Văn phòng", &["Văn phòng"]), None);
    assert_eq!(typo("x", &["X"]), Some("X"), "equal after folding, even when one character long");
}

#[test]
fn the_closest_wins_and_the_first_of_equals() {
    assert_eq!(typo("abcdef", &["abcxef", "abcdxf", "abcdef1"]), Some("abcxef"));
    assert_eq!(typo("abcdef", &["abxxef", "abcdeg"]), Some("abcdeg"), "one edit beats two");
    assert_eq!(edits("vpx", &["VPA", "VPB"]), Some("VPA"));
    assert_eq!(edits("abcd", &["abxy", "abcx"]), Some("abcx"));
}

#[test]
fn edits_allow_two_or_one_per_three_bytes_of_a_longer_candidate() {
    assert_eq!(edits("ab", &["XY"]), Some("XY"), "two edits");
    assert_eq!(edits("abc", &["XYZ"]), None, "three edits of a short candidate");
    // A 9-byte candidate allows three edits, not four.
    assert_eq!(edits("abcdefxyz", &["ABCDEFGHI"]), Some("ABCDEFGHI"));
    assert_eq!(edits("abcdewxyz", &["ABCDEFGHI"]), None);
    assert_eq!(edits("KT", &["KT"]), Some("KT"), "a code typed right is its own nearest");
}

#[test]
fn did_you_mean_phrases_the_hint() {
    assert_eq!(did_you_mean("1.3.99", ["1.3.9"]), Some("có phải «1.3.9»?".to_owned()));
    assert_eq!(did_you_mean("zzz", ["1.3.9"]), None);
}
