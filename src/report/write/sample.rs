//! A sample round report used by the writer tests.

use std::io::{Cursor, Read};

use chrono::NaiveDate;

use crate::report::document::{
    Block, Cell, Chart, ChartKind, Column, Document, Letterhead, Section, Series, Signature, Table,
};

fn date(y: i32, m: u32, d: u32) -> Cell {
    Cell::date(NaiveDate::from_ymd_opt(y, m, d))
}

pub fn letterhead() -> Letterhead {
    Letterhead {
        parent_body: None,
        issuing_body: "ỦY BAN NHÂN DÂN PHƯỜNG THÀNH SEN".into(),
        number: "Số:        /BC-UBND".into(),
        place: "Thành Sen".into(),
        date: NaiveDate::from_ymd_opt(2026, 7, 15),
        month: None,
        year: 2026,
        recipients: vec![
            "Chủ tịch, các PCT UBND phường".into(),
            "Các phòng, cơ quan, đơn vị trên địa bàn phường".into(),
            "Lưu: VT, VHXH".into(),
        ],
        signature: Signature {
            authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
            delegation: Some("KT. CHỦ TỊCH".into()),
            title: "PHÓ CHỦ TỊCH".into(),
            name: "Trần Thị Thủy Nga".into(),
        },
    }
}

pub fn scores_table() -> Table {
    let mut table = Table::new(
        "theo_linh_vuc",
        "Điểm kiểm tra theo lĩnh vực",
        vec![
            Column::integer("STT").with_width(5.0),
            Column::text("Lĩnh vực").with_width(40.0),
            Column::number("Điểm tối đa", 1),
            Column::number("Điểm thẩm định", 1),
            Column::percent("Tỷ lệ"),
            Column::date("Ngày kiểm tra"),
            Column::text("Ghi chú"),
        ],
    );
    table.push_row(vec![
        Cell::Integer(1),
        Cell::text("Công tác chỉ đạo, điều hành"),
        Cell::Number(10.0),
        Cell::Number(8.5),
        Cell::Number(0.85),
        date(2026, 7, 1),
        Cell::Empty,
    ]);
    table.push_row(vec![
        Cell::Integer(2),
        Cell::text("Cải cách thể chế | văn bản QPPL"),
        Cell::Number(7.0),
        Cell::Number(6.25),
        Cell::Number(0.892_857),
        date(2026, 7, 2),
        Cell::text("=1+1"),
    ]);
    table.push_row(vec![
        Cell::Integer(3),
        Cell::text("Cải cách thủ tục hành chính"),
        Cell::Number(12.0),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::text("Chưa thẩm định"),
    ]);
    table.total = Some(vec![
        Cell::Empty,
        Cell::text("Tổng cộng"),
        Cell::Number(29.0),
        Cell::Number(14.75),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]);
    table
}

pub fn scores_chart() -> Chart {
    Chart {
        title: "Điểm theo lĩnh vực: Đợt 1 và Đợt 2".into(),
        kind: ChartKind::GroupedBars,
        category: "Lĩnh vực".into(),
        categories: vec![
            "Công tác chỉ đạo, điều hành".into(),
            "Cải cách thể chế".into(),
            "Cải cách thủ tục hành chính".into(),
        ],
        series: vec![
            Series { name: "Đợt 1".into(), values: vec![Some(8.5), Some(6.25), None] },
            Series { name: "Đợt 2".into(), values: vec![Some(9.0), Some(6.5), Some(10.0)] },
        ],
        max: 12.0,
        unit: "điểm".into(),
        decimals: None,
    }
}

pub fn sample() -> Document {
    let mut doc = Document::new(letterhead(), "BÁO CÁO", "Kết quả kiểm tra cải cách hành chính Đợt 1 năm 2026");
    doc.sections = vec![
        Section::new("I", "KHÁI QUÁT CHUNG")
            .with_block(Block::Paragraph(
                "Thực hiện Kế hoạch số 146/KH-UBND ngày 15/01/2026 của UBND phường Thành Sen, \
                 Đoàn kiểm tra đã tiến hành kiểm tra tại 12 phòng, cơ quan, đơn vị."
                    .into(),
            ))
            .with_block(Block::Bullets(vec![
                "Thời gian: từ ngày 01/7/2026 đến ngày 10/7/2026".into(),
                "Hình thức: kiểm tra định kỳ".into(),
            ])),
        Section::new("II", "KẾT QUẢ KIỂM TRA").with_subsection(
            Section::new("1", "Kết quả theo lĩnh vực")
                .with_block(Block::Table(scores_table()))
                .with_block(Block::Note("Điểm thẩm định là điểm do Đoàn kiểm tra chấm.".into()))
                .with_block(Block::Chart(scores_chart())),
        ),
    ];
    doc.closing = Some(
        "Trên đây là báo cáo kết quả kiểm tra cải cách hành chính Đợt 1 năm 2026 của UBND phường Thành Sen./.".into(),
    );
    doc
}

/// A longer variant: superior body, blank date, a table over a page break,
/// a simple bar chart and an empty chart.
pub fn long_sample() -> Document {
    let mut doc = sample();
    doc.letterhead.parent_body = Some("UBND TỈNH HÀ TĨNH".into());
    doc.letterhead.issuing_body = "ỦY BAN NHÂN DÂN\nPHƯỜNG THÀNH SEN".into();
    doc.letterhead.date = None;
    doc.letterhead.month = Some(6);
    let mut big = scores_table();
    big.title = "Kết quả theo cán bộ, công chức phụ trách".into();
    for i in 4..60 {
        big.push_row(vec![
            Cell::Integer(i),
            Cell::text(format!("Nội dung kiểm tra số {i} về cải cách hành chính")),
            Cell::Number(5.0),
            Cell::number(Some(f64::from(u8::try_from(i % 5).unwrap_or(0)) + 0.5)),
            Cell::Number(0.5),
            date(2026, 10, 20),
            Cell::Empty,
        ]);
    }
    let mut bars = scores_chart();
    bars.kind = ChartKind::Bars;
    bars.title = "Điểm Đợt 1".into();
    let mut empty = scores_chart();
    empty.title = "Biểu đồ không có số liệu".into();
    empty.series.iter_mut().for_each(|s| s.values = vec![None; 3]);
    doc.sections.push(
        Section::new("III", "CHI TIẾT")
            .with_block(Block::Table(big))
            .with_block(Block::Chart(bars))
            .with_block(Block::Chart(empty)),
    );
    doc
}

/// Writes the sample in every format for a visual check:
/// `CCHC_SAMPLE_DIR=/tmp/out cargo test dump_sample -- --ignored`.
#[test]
#[ignore = "writes files; for manual inspection"]
fn dump_sample() {
    use crate::report::write::{Format, RenderOptions, render};
    let Some(dir) = std::env::var_os("CCHC_SAMPLE_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    for (name, doc) in [("sample", sample()), ("long", long_sample())] {
        for format in
            [Format::Table, Format::Markdown, Format::Html, Format::Docx, Format::Xlsx, Format::Csv, Format::Json]
        {
            let bytes = render(doc.clone(), format, &RenderOptions::default());
            let path = dir.join(format!("{name}.{}", format.extension()));
            assert!(bytes.is_ok_and(|b| std::fs::write(path, b).is_ok()), "{format:?}");
        }
    }
}

/// The text parts of a ZIP package (DOCX, XLSX), by name, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => panic!("not a zip: {e}"),
    };
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let Ok(mut file) = archive.by_index(i) else {
            continue;
        };
        let name = file.name().map(|n| n.to_string()).unwrap_or_default();
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            parts.push((name, text));
        }
    }
    parts
}

/// What a writer to a stream writes, as text.
pub fn written(
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), super::WriteError>,
) -> Result<String, super::WriteError> {
    let mut out = Vec::new();
    write(&mut out)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}
