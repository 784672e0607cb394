//! Text normalisation shared by imports, storage and matching.

use std::borrow::Cow;

use unicode_normalization::char::{compose, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Unicode NFC. Borrows when the text is already NFC, which is the common
/// case on the import hot path.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        let mut out = String::with_capacity(s.len());
        nfc_into(s, &mut out);
        Cow::Owned(out)
    }
}

/// Quick NFC test without allocating; `false` may also mean "maybe".
pub fn is_nfc(s: &str) -> bool {
    // `is_ascii` is vectorised and covers most fields (codes, numbers);
    // `is_stable` covers precomposed Vietnamese without table lookups.
    s.is_ascii() || all_stable(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// `s.chars().all(is_stable)` on the UTF-8 bytes, without decoding: lead
/// bytes C2–CB encode exactly U+0080–U+02FF, and E1 B8–BB starts
/// U+1E00–U+1EFF.
fn all_stable(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        i += match x {
            0..0x80 => 1,
            0xC2..0xCC => 2,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => 3,
            _ => return false,
        };
    }
    true
}

/// Appends the NFC form of `s` to `out`. Only the short stretches around
/// combining marks go through the (slow) normaliser: text may be split
/// before any stable character without changing its NFC form.
pub fn nfc_into(s: &str, out: &mut String) {
    let mut written = 0; // s[..written] is already in `out`
    let mut base = 0; // start of the current stretch (last stable char)
    let mut marks = false; // the stretch holds unstable characters
    for (i, ch) in s.char_indices() {
        if is_stable(ch) {
            if marks {
                out.push_str(s.get(written..base).unwrap_or(""));
                compose_stretch(s.get(base..i).unwrap_or(""), out);
                written = i;
                marks = false;
            }
            base = i;
        } else {
            marks = true;
        }
    }
    if marks {
        out.push_str(s.get(written..base).unwrap_or(""));
        compose_stretch(s.get(base..).unwrap_or(""), out);
    } else {
        out.push_str(s.get(written..).unwrap_or(""));
    }
}

/// NFC of a stable character followed by combining characters. The usual
/// Windows-1258 case, one letter and one tone mark, is composed directly.
fn compose_stretch(stretch: &str, out: &mut String) {
    let mut chars = stretch.chars();
    if let (Some(a), Some(m), None) = (chars.next(), chars.next(), chars.next())
        && let Some(c) = compose(a, m).filter(|&c| is_stable(c))
    {
        out.push(c);
        return;
    }
    out.extend(stretch.nfc());
}

/// Characters that are their own NFC, start a combining sequence
/// (canonical combining class 0) and never compose with what precedes
/// them: all of U+0000–U+02FF (ASCII, Latin-1, Latin Extended-A/B, IPA,
/// modifier letters) and Latin Extended Additional (precomposed Vietnamese).
/// The test `stable_ranges_are_stable` checks this against the tables.
fn is_stable(ch: char) -> bool {
    ch < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&ch)
}

/// Key for accent-, case- and spacing-insensitive matching: combining marks
/// dropped, đ → d, lowercase, every run of non-alphanumerics turned into a
/// single space, trimmed. `Điểm  tự-chấm`, `diem_tu_cham` and `DIEM TU CHAM`
/// all give `diem tu cham`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Start as if a separator was just written, so leading ones vanish.
    let mut pending_space = false;
    for ch in s.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        let ch = match ch {
            'đ' | 'Đ' => 'd',
            _ => ch,
        };
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_borrows_when_already_normalised() {
        assert!(matches!(nfc("abc"), Cow::Borrowed(_)));
        assert!(matches!(nfc("Điểm tự chấm"), Cow::Borrowed(_)));
    }

    #[test]
    fn nfc_composes_decomposed_text() {
        // "Việt" with the tone marks as separate combining characters.
        let decomposed = "Vie\u{0323}\u{0302}t";
        let n = nfc(decomposed);
        assert!(matches!(n, Cow::Owned(_)));
        assert_eq!(n, "Việt");
    }

    #[test]
    fn stable_ranges_are_stable() {
        use unicode_normalization::char::canonical_combining_class;
        let ranges = ['\0'..='\u{2FF}', '\u{1E00}'..='\u{1EFF}'];
        for ch in ranges.into_iter().flatten() {
            assert!(is_stable(ch) && all_stable(&ch.to_string()));
            assert_eq!(canonical_combining_class(ch), 0, "{ch:?}");
            assert_eq!(is_nfc_quick(std::iter::once(ch)), IsNormalized::Yes, "{ch:?}");
            // Never the second half of a composition with any stable starter.
            assert_eq!(format!("a{ch}").nfc().collect::<String>(), format!("a{ch}"));
        }
        for ch in ['\u{300}', '\u{1DFF}', '\u{1F00}', '\u{E000}', '😀'] {
            assert!(!is_stable(ch) && !all_stable(&format!("a{ch}")), "{ch:?}");
        }
    }

    #[test]
    fn nfc_into_matches_the_normaliser() {
        for s in [
            "",
            "Vie\u{0323}\u{0302}t Nam",
            "ê\u{0323} ",
            "\u{0301}leading mark",
            "a\u{0301}\u{0301}b",
            "Kế hoạch số 12/KH-UBND",
            "한국어 \u{1100}\u{1161}",
            "o\u{031B}\u{0301}c",
            "ê\u{0323}a\u{0306}\u{0323}ơ\u{0301}Đ\u{0303}",
            "a\u{0301}",
            "\u{0300}",
        ] {
            let mut out = String::from("x");
            nfc_into(s, &mut out);
            assert_eq!(out, format!("x{}", s.nfc().collect::<String>()), "{s:?}");
            assert_eq!(nfc(s), s.nfc().collect::<String>());
        }
    }

    #[test]
    fn fold_header_spellings_are_equal() {
        let want = "diem tu cham";
        for s in [
            "diem_tu_cham",
            "Điểm tự chấm",
            "DIEM TU CHAM",
            "Điểm  tự  chấm",
            " điểm-tự-chấm ",
            "ĐIỂM TỰ CHẤM",
            "Đie\u{0302}\u{0309}m tu\u{031B}\u{0323} cha\u{0302}\u{0301}m",
        ] {
            assert_eq!(fold(s), want, "{s:?}");
        }
    }

    #[test]
    fn fold_names_match_as_substring() {
        let name = fold("Phòng Văn hoá - Xã hội");
        assert_eq!(name, "phong van hoa xa hoi");
        assert!(name.contains(&fold("van hoa")));
        assert_eq!(fold("hoá"), fold("hóa"));
    }

    #[test]
    fn fold_punctuation_and_empty() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("  --__ "), "");
        assert_eq!(fold("Khó khăn, vướng mắc, đề xuất"), "kho khan vuong mac de xuat");
        assert_eq!(fold("1.3.9"), "1 3 9");
    }
}
