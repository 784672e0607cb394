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

/// A code as stored: NFKC, so that a full-width «ＶＰ» typed with a Vietnamese input method is the code VP.
pub fn code_form(s: &str) -> String {
    s.trim().nfkc().collect::<String>().trim().to_owned()
}

/// A character that changes how text shows or matches without being seen: bidi embedding, override and isolate
/// controls (a name that reads backwards in every report) and zero-width characters (a name nobody can type). Names
/// and codes holding one are refused. `None` when the text is clean. (Control characters: [`control_char`].)
pub fn hidden_char(s: &str) -> Option<String> {
    let c = s.chars().find(|&c| {
        matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
    })?;
    let what = match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => "ký tự ẩn đổi chiều chữ",
        _ => "ký tự ẩn độ rộng 0",
    };
    Some(format!("có {what} U+{:04X}; hãy gõ lại (hoặc dán dạng chữ thường, không định dạng)", u32::from(c)))
}

/// A cell that a spreadsheet would run as a formula gets a leading quote.
/// Text that already begins with quotes before = + - @ gets one more, so that [`restore_formula`] gives it back whole.
pub fn neutralise_formula(s: &str) -> String {
    if needs_guard(s) { format!("'{s}") } else { s.to_owned() }
}

/// Exactly the reverse of [`neutralise_formula`]: the leading quote it added comes off, any other text stays.
pub fn restore_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => s,
    }
}

/// The first control character other than tab and line breaks (C0, DEL, or C1), if any: files (by every reader)
/// and typed values (by `cli::parse`) holding one are refused. A byte scan without early exit (vectorised) settles
/// almost every field, cheap enough for a 500,000-row file; only a field with a byte below 0x20, DEL, or 0xC2
/// (which leads U+0080–U+00BF, the C1 controls among them) is looked at by character.
pub fn control_char(text: &str) -> Option<char> {
    let suspect = text.as_bytes().iter().fold(false, |seen, &b| seen | (b < 0x20) | (b == 0x7F) | (b == 0xC2));
    if !suspect {
        return None;
    }
    text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The refusal of a value typed on the command line (`what`: «tùy chọn --name») holding a control character (an
/// escape sequence or a bell pasted from a terminal): which one, where, and what to do. `None` when the text is clean.
pub fn typed_control(what: &str, text: &str) -> Option<String> {
    let c = control_char(text)?;
    let position = text.chars().position(|x| x == c).unwrap_or_default();
    let before: Vec<char> = text.chars().take(position).collect();
    let after = match before.len() {
        0 => String::new(),
        n => format!(" (ngay sau «{}»)", before[n.saturating_sub(20)..].iter().collect::<String>()),
    };
    Some(format!(
        "{what} có ký tự điều khiển {} ở ký tự thứ {}{after}: ký tự này không in ra được (thường lọt vào khi dán từ \
         cửa sổ lệnh hay một chương trình khác), nên lệnh không chạy và không có gì thay đổi; hãy gõ lại giá trị \
         không có ký tự đó rồi chạy lại lệnh",
        control_name(c),
        position + 1
    ))
}

/// `ESC (U+001B)`: the name people meet in manuals, where the character has a short one.
fn control_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI", "DLE",
        "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    let code = u32::from(c);
    let name = C0.get(code as usize).copied().or((code == 0x7F).then_some("DEL"));
    match name {
        Some(name) => format!("{name} (U+{code:04X})"),
        None => format!("U+{code:04X}"),
    }
}

/// Text the CSV export guards: a formula, or a formula behind quotes (whose first quote the import would take off).
fn needs_guard(s: &str) -> bool {
    looks_like_formula(s.trim_start_matches('\''))
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

    /// Characters above U+0300 outside the Vietnamese block may change under NFC, so the fast path must not take
    /// them: the Ångström sign (E2 lead) and Greek with oxia (E1 lead outside U+1E00–U+1EFF), alone or in pairs.
    #[test]
    fn nfc_composes_what_the_fast_path_leaves_to_the_full_check() {
        assert_eq!(nfc("\u{212B}"), "\u{C5}");
        assert_eq!(nfc("\u{212B}\u{212B} x"), "\u{C5}\u{C5} x");
        assert_eq!(nfc("\u{1F71}"), "\u{3AC}");
        assert_eq!(nfc("Đề \u{1F71}\u{1F71}"), "Đề \u{3AC}\u{3AC}");
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_gets_a_leading_quote_and_loses_it_on_import() {
        for formula in ["=SUM(A1:A3)", "+84 912", "-5", "@A1", "\tx", "\rx", "'=1"] {
            assert!(looks_like_formula(formula.trim_start_matches('\'')), "{formula:?}");
            assert_eq!(neutralise_formula(formula), format!("'{formula}"));
            assert_eq!(restore_formula(&format!("'{formula}")), formula);
        }
        for text in ["Điểm 2,5", "1.1.1", "a=b", " =x", "'quoted", ""] {
            assert_eq!(neutralise_formula(text), text, "{text:?}");
        }
        assert!(!looks_like_formula("'=1"), "a quoted formula is text");
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

    #[test]
    fn the_formula_guard_round_trips() {
        for text in ["- Tổ công tác", "=1+1", "+84", "@A", "'quoted", "'", "Điểm", "''- x", "'- x", ""] {
            assert_eq!(restore_formula(&neutralise_formula(text)), text, "{text:?}");
        }
        assert_eq!(restore_formula("'abc"), "'abc");
    }

    #[test]
    fn codes_are_nfkc_and_hidden_characters_are_named() {
        assert_eq!(code_form(" ＶＰ "), "VP");
        assert_eq!(code_form("KT"), "KT");
        assert!(hidden_char("Phòng Văn hoá - Xã hội").is_none());
        for bad in ["VP\u{202E}", "Văn\u{200B}phòng", "a\u{2066}b", "\u{FEFF}VP"] {
            assert!(hidden_char(bad).is_some(), "{bad:?}");
        }
        assert!(hidden_char("\u{202E}x").is_some_and(|m| m.contains("U+202E") && m.contains("đổi chiều")));
    }

    #[test]
    fn control_characters_but_not_line_breaks() {
        assert_eq!(control_char("Đã thực hiện\tđầy đủ\r\n"), None);
        assert_eq!(control_char("a\u{7}b"), Some('\u{7}'));
        assert_eq!(control_char("\u{1b}[31m"), Some('\u{1b}'));
        assert_eq!(control_char("x\u{0b}"), Some('\u{0b}'));
        assert_eq!(control_char("x\u{85}"), Some('\u{85}'));
        assert_eq!(control_char("Đủ ế ỗ"), None);
    }

    /// The byte scan that lets clean text through must flag a field of nothing but controls, and a control that
    /// comes twice.
    #[test]
    fn a_control_character_is_found_alone_or_repeated() {
        assert_eq!(control_char("\u{7f}"), Some('\u{7f}'));
        assert_eq!(control_char("\u{7f}\u{7f}"), Some('\u{7f}'));
        assert_eq!(control_char("\u{7}\u{7}"), Some('\u{7}'));
        assert_eq!(control_char("\u{85}\u{85}"), Some('\u{85}'));
        assert_eq!(control_char("\u{a0}\u{85}"), Some('\u{85}'), "after a no-break space, also led by 0xC2");
        assert_eq!(control_char("\u{a0}\u{a0} x"), None, "no-break spaces are not controls");
    }

    #[test]
    fn a_typed_control_character_is_named_with_its_position() {
        assert_eq!(typed_control("tùy chọn --name", "Phòng Kinh tế\tmới\r\n"), None);
        let message = typed_control("tùy chọn --name", "Phòng \u{1b}[2J").unwrap();
        assert!(
            message.starts_with("tùy chọn --name có ký tự điều khiển ESC (U+001B) ở ký tự thứ 7 (ngay sau «Phòng »):")
        );
        assert!(message.contains("không có gì thay đổi; hãy gõ lại giá trị"), "{message}");
        assert!(typed_control("x", "\u{7}").unwrap().starts_with("x có ký tự điều khiển BEL (U+0007) ở ký tự thứ 1:"));
        let long = format!("{}\u{0b}", "Đ".repeat(30));
        assert!(
            typed_control("x", &long)
                .unwrap()
                .contains(&format!("VT (U+000B) ở ký tự thứ 31 (ngay sau «{}»)", "Đ".repeat(20)))
        );
        assert!(typed_control("x", "a\u{7f}").unwrap().contains("DEL (U+007F) ở ký tự thứ 2"));
        assert!(typed_control("x", "a\u{85}").unwrap().contains("U+0085 ở ký tự thứ 2"));
    }
}
