use super::*;

#[test]
fn kinds_are_told_by_content_and_executables_are_refused_whatever_their_name() {
    assert_eq!(sniff(b"%PDF-1.4\n"), Ok(FileKind::Pdf));
    assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(FileKind::Jpeg));
    assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(FileKind::Png));
    assert_eq!(sniff(b"II*\0...."), Ok(FileKind::Tiff));
    assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Ok(FileKind::Ole));
    assert_eq!(sniff("Báo cáo số 12/BC-UBND".as_bytes()), Ok(FileKind::Txt));
    assert_eq!(sniff(b"MZ\x90\0"), Err(Refused::Executable));
    assert_eq!(sniff(b"\x7fELF\x02"), Err(Refused::Executable));
    assert_eq!(sniff(b"#!/bin/sh\n"), Err(Refused::Executable));
    assert_eq!(sniff(b""), Err(Refused::Empty));
    assert_eq!(sniff(b"text\0with nul"), Err(Refused::NotText));
    assert_eq!(sniff(b"PK\x03\x04 a bare zip"), Err(Refused::Unknown));
    let mut odt = b"PK\x03\x04".to_vec();
    odt.resize(30, 0);
    odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
    assert_eq!(sniff(&odt), Ok(FileKind::Odf));
    let docx = b"PK\x03\x04\x14\0\0\0\x08\0\0\0!\0[Content_Types].xml";
    assert_eq!(sniff(docx), Ok(FileKind::Ooxml));
}

#[test]
fn text_is_checked_across_chunk_boundaries() {
    let text = "Kế hoạch số hóa".as_bytes();
    let cut = text.iter().position(|&b| b >= 0x80).unwrap() + 1; // inside «ế»
    let mut check = Utf8Check::default();
    assert!(check.push(&text[..cut]) && !check.finish());
    assert!(check.push(&text[cut..]) && check.finish());
    let mut bad = Utf8Check::default();
    assert!(!bad.push(&[b'a', 0xC3, b'b']));
}

#[test]
fn names_are_made_safe() {
    assert_eq!(safe_name("../../etc/passwd"), "passwd");
    assert_eq!(safe_name("..\\..\\boot.ini"), "boot.ini");
    assert_eq!(safe_name(".."), "tep");
    assert_eq!(safe_name(".hidden.pdf"), "_hidden.pdf");
    assert_eq!(safe_name("CON.pdf"), "_CON.pdf");
    assert_eq!(safe_name("com1"), "_com1");
    assert_eq!(safe_name("Kế hoạch: số 1?.pdf. "), "Kế hoạch_ số 1_.pdf");
    assert_eq!(safe_name("a\u{1}b\tc.txt"), "a_b_c.txt");
    let long = format!("{}.pdf", "ư".repeat(300));
    let capped = safe_name(&long);
    assert_eq!(capped.chars().count(), NAME_CAP);
    assert!(capped.ends_with(".pdf"));
}

#[test]
fn backing() {
    let mut item = ItemEvidence {
        unit_code: "VP".into(),
        criterion: "1.1.1".into(),
        self_points: Some(2.0),
        citation: String::new(),
        files: vec![],
    };
    assert_eq!(item.backing(), Backing::Nothing);
    item.citation = "KH số 12/KH-UBND".into();
    assert_eq!(item.backing(), Backing::CitationOnly);
    item.files = vec!["ke-hoach.pdf".into()];
    assert_eq!(item.backing(), Backing::Files);
}

#[test]
fn backing_by_unit_counts_only_items_claiming_points() {
    let item = |unit: &str, code: &str, points: Option<f64>, citation: &str, files: &[&str]| ItemEvidence {
        unit_code: unit.into(),
        criterion: code.into(),
        self_points: points,
        citation: citation.into(),
        files: files.iter().map(|f| (*f).to_owned()).collect(),
    };
    let items = [
        item("KT", "1.1.1", Some(2.0), "", &["a.pdf"]),
        item("KT", "1.1.2", Some(1.0), "KH 12", &[]),
        item("KT", "1.1.3", Some(0.5), "", &[]),
        item("KT", "1.1.4", Some(0.0), "", &[]),
        item("KT", "1.1.5", None, "", &[]),
        item("VP", "1.2.1", Some(0.0), "", &[]),
        item("VH", "1.3.1", Some(1.0), "", &[]),
    ];
    let units = backing_by_unit(&items);
    assert_eq!(
        units,
        vec![
            UnitBacking {
                unit_code: "KT".into(),
                claimed: 3,
                with_files: 1,
                citation_only: 1,
                without: vec!["1.1.3".into()]
            },
            UnitBacking {
                unit_code: "VH".into(),
                claimed: 1,
                with_files: 0,
                citation_only: 0,
                without: vec!["1.3.1".into()]
            },
        ]
    );
}
