use super::syllable::{is_syllable, score};
use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/legacy");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn decoded(legacy: Legacy, bytes: &[u8]) -> String {
    let mut out = String::new();
    legacy.decode_into(bytes, &mut out);
    nfc(&out).into_owned()
}

#[test]
fn tables_read_back_what_iconv_and_the_vni_table_wrote() {
    for stem in ["units", "text"] {
        let want = String::from_utf8(fixture(&format!("{stem}-utf8.csv"))).unwrap();
        for legacy in Legacy::ALL {
            let bytes = fixture(&format!("{stem}-{}.csv", legacy.option()));
            assert_eq!(decoded(legacy, &bytes), want, "{stem} in {}", legacy.label());
            let mut streamed = String::new();
            LegacyReader::new(bytes.as_slice(), legacy).read_to_string(&mut streamed).unwrap();
            assert_eq!(nfc(&streamed), want);
        }
    }
}

#[test]
fn the_guess_names_the_encoding_the_text_spells() {
    for stem in ["units", "text"] {
        for legacy in Legacy::ALL {
            let bytes = fixture(&format!("{stem}-{}.csv", legacy.option()));
            assert_eq!(guess(&bytes), Guess::Legacy(legacy), "{stem} in {}", legacy.label());
        }
        assert_eq!(guess(&fixture(&format!("{stem}-windows-1258.csv"))), Guess::Windows1258, "{stem}");
    }
    assert_eq!(guess(b"ma_don_vi,ten_don_vi\nKT,Kinh te\n"), Guess::Windows1258);
}

#[test]
fn syllables() {
    for w in ["Đã", "thực", "hiện", "nghiêng", "quá", "gì", "người", "Ủy", "phường", "TTPVHCC"] {
        assert!(is_syllable(w) || w.is_ascii(), "{w}");
    }
    for w in ["hiÖn", "Çy", "ñ", "thñc", "hi®n", "aăâ", "Vieät"] {
        assert!(!is_syllable(w), "{w}");
    }
    assert_eq!(score("KT, Kinh te"), 1.0);
    assert!(score("§· thùc hiÖn ®Çy ®ñ") < 0.5);
}
