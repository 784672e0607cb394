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

#[test]
fn each_kind_has_a_stored_name_that_reads_back_and_a_name_people_use() {
    let stored: Vec<&str> = FileKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(stored, ["pdf", "ole", "ooxml", "odf", "jpeg", "png", "tiff", "txt"]);
    let labels: Vec<&str> = FileKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(labels, ["PDF", "DOC/XLS", "DOCX/XLSX", "ODT/ODS", "JPEG", "PNG", "TIFF", "TXT"]);
    for kind in FileKind::ALL {
        assert_eq!(kind.to_string(), kind.as_str());
        assert_eq!(kind.as_str().parse::<FileKind>(), Ok(kind));
    }
    assert_eq!("docx".parse::<FileKind>(), Err("loại tệp không rõ «docx»".to_owned()));
}

#[test]
fn a_package_late_in_its_zip_is_still_told_within_the_bytes_read() {
    // A DOCX whose `[Content_Types].xml` entry comes after 60 KB of other entries (a large embedded image first).
    let mut docx = b"PK\x03\x04".to_vec();
    docx.resize(60_000, b'x');
    docx.extend_from_slice(b"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml");
    docx.resize(200_000, b'x');
    assert_eq!(sniff(&docx[..SNIFF_LEN]), Ok(FileKind::Ooxml));
}

#[test]
fn a_zip_named_mimetype_is_a_document_only_when_it_names_an_opendocument_type() {
    let zip_with_mimetype = |mimetype: &[u8]| {
        let mut head = b"PK\x03\x04".to_vec();
        head.resize(30, 0);
        head.extend_from_slice(b"mimetype");
        head.extend_from_slice(mimetype);
        head
    };
    assert_eq!(sniff(&zip_with_mimetype(b"application/vnd.oasis.opendocument.spreadsheet")), Ok(FileKind::Odf));
    assert_eq!(sniff(&zip_with_mimetype(b"application/epub+zip")), Err(Refused::Unknown));
    // The OpenDocument type named somewhere but not in a `mimetype` entry first: a bare ZIP.
    let mut other = b"PK\x03\x04".to_vec();
    other.resize(30, 0);
    other.extend_from_slice(b"readme.txtapplication/vnd.oasis.opendocument.text");
    assert_eq!(sniff(&other), Err(Refused::Unknown));
}

#[test]
fn only_com_and_lpt_with_one_digit_are_reserved_device_names() {
    assert_eq!(safe_name("COM3.pdf"), "_COM3.pdf");
    assert_eq!(safe_name("lpt9.docx"), "_lpt9.docx");
    assert_eq!(safe_name("LPT1 .txt"), "_LPT1 .txt");
    // Five characters, a letter after COM or LPT, or four characters ending in a digit: ordinary names.
    assert_eq!(safe_name("COM12.pdf"), "COM12.pdf");
    assert_eq!(safe_name("LPT10.pdf"), "LPT10.pdf");
    assert_eq!(safe_name("COMA.pdf"), "COMA.pdf");
    assert_eq!(safe_name("BC01.pdf"), "BC01.pdf");
    assert_eq!(safe_name("CONG-VAN.pdf"), "CONG-VAN.pdf");
}

#[test]
fn an_item_claims_points_only_above_zero() {
    let item = |points| ItemEvidence {
        unit_code: "VP".into(),
        criterion: "1.1.1".into(),
        self_points: points,
        citation: String::new(),
        files: vec![],
    };
    assert!(item(Some(0.25)).claims_points());
    assert!(item(Some(2.0)).claims_points());
    assert!(!item(Some(0.0)).claims_points());
    assert!(!item(Some(-1.0)).claims_points());
    assert!(!item(None).claims_points());
}

#[test]
fn each_backing_is_labelled_as_the_check_lists_it() {
    assert_eq!(Backing::Files.label(), "có tệp kiểm chứng");
    assert_eq!(Backing::CitationOnly.label(), "có trích dẫn, chưa có tệp");
    assert_eq!(Backing::Nothing.label(), "chưa có tài liệu kiểm chứng");
}

#[test]
fn a_paper_trail_is_empty_without_files_clarifications_or_samples() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 14).unwrap();
    let cited = ItemEvidence {
        unit_code: "VP".into(),
        criterion: "1.1.1".into(),
        self_points: Some(2.0),
        citation: "KH số 12/KH-UBND".into(),
        files: vec![],
    };
    let empty = PaperTrail { as_of: day, items: vec![cited.clone()], ..PaperTrail::default() };
    assert!(empty.is_empty(), "a citation without a file leaves nothing to describe");

    let with_file = PaperTrail {
        items: vec![cited.clone(), ItemEvidence { files: vec!["ke-hoach.pdf".into()], ..cited.clone() }],
        ..empty.clone()
    };
    assert!(!with_file.is_empty());

    let question = Clarification {
        id: "2026-dot1-GT01".into(),
        round_id: "2026-dot1".into(),
        unit_code: "VP".into(),
        criterion: Some("1.1.1".into()),
        question: "Đề nghị cung cấp kế hoạch".into(),
        due: None,
        asked_on: day,
        answer: None,
    };
    assert!(!PaperTrail { clarifications: vec![question], ..empty.clone() }.is_empty());

    let sample = Sample {
        id: 1,
        round_id: "2026-dot1".into(),
        unit_code: "VP".into(),
        criterion: "1.3.2".into(),
        list_name: "ds.csv".into(),
        list_hash: "ab".into(),
        list_size: 10,
        seed: "7".into(),
        seed_given: true,
        drawn_at: "2026-09-14T08:00:00".into(),
        drawn_by: "tổ kiểm tra".into(),
        files: vec![],
    };
    assert!(!PaperTrail { samples: vec![sample], ..empty }.is_empty());
}
