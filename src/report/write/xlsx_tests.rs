use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::*;
use crate::report::write::sample::{sample, scores_table, unzip};

fn workbook(doc: &Document) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = match render_xlsx(doc.clone()) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    };
    match open_workbook_from_rs(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn sheets_header_and_typed_cells() {
    let mut wb = workbook(&sample());
    assert_eq!(wb.sheet_names(), ["Thông tin", "Điểm kiểm tra theo lĩnh vực"]);
    let Ok(range) = wb.worksheet_range("Điểm kiểm tra theo lĩnh vực") else { panic!("no sheet") };
    let header: Vec<String> = (0..7).map(|c| range.get((0, c)).map_or(String::new(), |d| d.to_string())).collect();
    assert_eq!(header, ["STT", "Lĩnh vực", "Điểm tối đa", "Điểm thẩm định", "Tỷ lệ", "Ngày kiểm tra", "Ghi chú"]);
    assert_eq!(range.get((1, 3)), Some(&Data::Float(8.5)));
    assert_eq!(range.get((1, 0)), Some(&Data::Float(1.0)));
    assert!(matches!(range.get((1, 5)), Some(Data::DateTime(_))));
    assert_eq!(range.get((2, 6)), Some(&Data::String("=1+1".into())));
    assert_eq!(range.get((4, 1)), Some(&Data::String("Tổng cộng".into())));
    let Ok(formulas) = wb.worksheet_formula("Điểm kiểm tra theo lĩnh vực") else { panic!("no formulas") };
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "a formula was written");
    let Ok(info) = wb.worksheet_range("Thông tin") else { panic!("no info sheet") };
    let text: Vec<String> = info.rows().filter_map(|r| r.first().map(|d| d.to_string())).collect();
    assert!(text.contains(&"ỦY BAN NHÂN DÂN PHƯỜNG THÀNH SEN".to_string()));
    assert!(text.contains(&"Trần Thị Thủy Nga".to_string()));
}

#[test]
fn sheet_names_are_legal_and_unique() {
    let taken = vec!["Thông tin".to_string()];
    assert_eq!(sheet_name("a/b:c*d?[e]\\f", 1, &taken), "abcdef");
    assert_eq!(sheet_name("thông tin", 1, &taken), "thông tin (2)");
    assert_eq!(sheet_name("  ", 3, &taken), "Bảng 3");
    let long = "Kết quả thực hiện các nhiệm vụ do UBND, Chủ tịch UBND tỉnh giao";
    let first = sheet_name(long, 1, &taken);
    assert!(first.chars().count() <= 31 && first.starts_with("Kết quả thực hiện các nhiệm vụ"));
    let second = sheet_name(long, 2, std::slice::from_ref(&first));
    assert!(second.ends_with(" (2)") && second.chars().count() <= 31, "{second}");

    let mut doc = sample();
    let mut twin = scores_table();
    twin.title = "Điểm kiểm tra theo lĩnh vực".into();
    doc.sections[0].blocks.push(Block::Table(twin));
    let wb = workbook(&doc);
    assert_eq!(wb.sheet_names(), ["Thông tin", "Điểm kiểm tra theo lĩnh vực", "Điểm kiểm tra theo lĩnh vực (2)"]);
}

#[test]
fn a_big_table_written_on_its_own_thread_comes_out_whole_and_the_file_the_same_every_time() {
    let mut doc = sample();
    let mut big = scores_table();
    big.title = "Bảng lớn".into();
    let rows = big.rows.clone();
    while big.rows.len() * big.columns.len() <= CELLS_FOR_A_THREAD {
        big.rows.extend(rows.iter().cloned());
    }
    let count = big.rows.len();
    doc.sections[0].blocks.push(Block::Table(big));
    let Ok(first) = render_xlsx(doc.clone()) else { panic!("not written") };
    for _ in 0..3 {
        let Ok(again) = render_xlsx(doc.clone()) else { panic!("not written") };
        assert!(unzip(&first) == unzip(&again), "two runs give different files");
    }
    let Ok(mut wb) = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(first)) else { panic!("not an xlsx") };
    let Ok(range) = wb.worksheet_range("Bảng lớn") else { panic!("no sheet") };
    // The header, every row, then the total row.
    assert_eq!(range.height(), count + 2);
    assert_eq!(range.get((count - 1, 6)), Some(&Data::String("=1+1".into())));
    assert_eq!(range.get((count + 1, 1)), Some(&Data::String("Tổng cộng".into())));
    let Ok(small) = wb.worksheet_range("Điểm kiểm tra theo lĩnh vực") else { panic!("no sheet") };
    assert_eq!(small.get((1, 3)), Some(&Data::Float(8.5)));
}
