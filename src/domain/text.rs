//! Text normalisation shared by imports, storage and matching.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Unicode NFC. Borrows when the text is already NFC, which is the common
/// case on the import hot path.
pub fn nfc(s: &str) -> Cow<'_, str> {
    // `is_ascii` is vectorised and covers most fields (codes, numbers); `stable_letters` covers Vietnamese text.
    if s.is_ascii() || stable_letters(s.as_bytes()) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// True when the UTF-8 text holds only characters below U+0300 or in Latin Extended Additional (U+1E00–U+1EFF,
/// the precomposed Vietnamese letters): all are NFC and none combines with its neighbours, so such text is NFC.
/// A byte scan, much faster than the general quick check on the import hot path.
fn stable_letters(bytes: &[u8]) -> bool {
    // On valid UTF-8, bytes below 0xCC are ASCII, continuation bytes and the leads of U+0080–U+02FF; 0xE1 then
    // 0xB8–0xBB leads U+1E00–U+1EFF. Folds without early exit, so that they compile to vector code.
    let other_lead = bytes.iter().fold(false, |bad, &b| bad | (b >= 0xCC && b != 0xE1));
    let next = bytes.get(1..).unwrap_or_default();
    let other_e1 = bytes.iter().zip(next).fold(false, |bad, (&a, &b)| bad | (a == 0xE1 && !(0xB8..=0xBB).contains(&b)));
    !other_lead && !other_e1 && bytes.last() != Some(&0xE1)
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

/// A cell that a spreadsheet would run as a formula gets a leading quote.
pub fn neutralise_formula(s: &str) -> String {
    if looks_like_formula(s) { format!("'{s}") } else { s.to_owned() }
}

/// Whether a spreadsheet would read this text as a formula (or DDE payload).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
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
    fn vietnamese_letters_take_the_fast_path_and_marks_do_not() {
        assert!(stable_letters("Điểm tự chấm: Đã ban hành kế hoạch, ỹ ỷ ơ ư ă â đ".as_bytes()));
        assert!(!stable_letters("Vie\u{0323}\u{0302}t".as_bytes()));
        assert!(!stable_letters("a\u{0301}".as_bytes()));
        assert!(!stable_letters("“trích dẫn”".as_bytes()));
        assert!(matches!(nfc("“trích dẫn”"), Cow::Borrowed(_)));
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
