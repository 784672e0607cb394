//! Whether a word is a Vietnamese syllable: an initial consonant, a vowel group with at most one tone mark, and a
//! final consonant. Enough to tell a right decoding («Đã thực hiện») from a wrong one («§· thùc hiÖn»).

use unicode_normalization::UnicodeNormalization;

const INITIALS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "",
];
const FINALS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];
/// The vowel groups a syllable can have, without tone marks.
const NUCLEI: [&str; 55] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia",
    "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu",
    "ươ", "yê", "iêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu", "uơi",
];
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The share of words with a letter outside ASCII that are Vietnamese syllables (1 when there is none).
pub fn score(text: &str) -> f64 {
    let (mut words, mut good) = (0u32, 0u32);
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_ascii() {
            continue;
        }
        words += 1;
        good += u32::from(is_syllable(word));
    }
    if words == 0 { 1.0 } else { f64::from(good) / f64::from(words) }
}

pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let mut tones = 0;
    let bare: String = lower
        .nfd()
        .filter(|c| {
            let tone = TONES.contains(c);
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    if tones > 1 || bare.chars().count() > 7 {
        return false;
    }
    INITIALS
        .iter()
        .filter_map(|i| bare.strip_prefix(i))
        .any(|rest| FINALS.iter().filter_map(|f| rest.strip_suffix(f)).any(|vowels| NUCLEI.contains(&vowels)))
}
