//! The catalogue workbook's layout, shared by `criteria export` (which writes it) and `criteria import` (which reads
//! it back): sheet names, columns, and how a rubric is written in one cell.

use crate::domain::catalogue::{Level, NodeKind, Rubric, Threshold};
use crate::domain::text::fold;
use crate::import::value::parse_points;

pub const NODES_SHEET: &str = "Tiêu chí";
pub const HEAD_SHEET: &str = "Thông tin";
pub const BANDS_SHEET: &str = "Xếp loại";

/// A column: the TOML key it holds (also accepted as its header), its Vietnamese header, its width in characters.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    pub width: f64,
}

const fn column(key: &'static str, header: &'static str, width: f64) -> Column {
    Column { key, header, width }
}

/// The node sheet, one row per node. `rubric_type` is not a TOML key: it says how the `rubric` cell is read.
pub const NODE_COLUMNS: [Column; 11] = [
    column("code", "Mã", 10.0),
    column("parent", "Mục cha", 9.0),
    column("title", "Nội dung", 70.0),
    column("max_points", "Điểm tối đa", 9.0),
    column("kind", "Loại", 10.0),
    column("unit", "Đơn vị phụ trách", 11.0),
    column("evidence", "Tài liệu kiểm chứng (mỗi dòng một tài liệu)", 45.0),
    column("rubric_type", "Kiểu thang chấm", 11.0),
    column("rubric", "Thang chấm (mỗi dòng một mức)", 50.0),
    column("note", "Ghi chú", 25.0),
    column("replaces", "Thay cho mã (năm trước)", 11.0),
];

pub const BAND_COLUMNS: [Column; 4] = [
    column("code", "Mã mức", 12.0),
    column("name", "Mức xếp loại", 40.0),
    column("min", "Từ điểm (tính cả)", 14.0),
    column("max", "Đến dưới điểm (mức cao nhất: tính cả)", 18.0),
];

/// The header sheet: key (column A), label (column B), value (column C).
pub const HEAD_ROWS: [(&str, &str); 8] = [
    ("id", "Mã bộ tiêu chí (chữ thường, không dấu)"),
    ("version", "Phiên bản (tăng lên mỗi khi sửa)"),
    ("title", "Tên bộ tiêu chí"),
    ("description", "Mô tả"),
    ("legal_basis", "Căn cứ (mỗi dòng một văn bản)"),
    ("basis", "Căn cứ xếp loại"),
    ("top_band_cap_percent", "Tỷ lệ tối đa được xếp mức cao nhất (%)"),
    (
        "top_band_cap_base",
        "Tỷ lệ đó tính trên: tot (số được xếp mức thứ hai, “Hoàn thành tốt nhiệm vụ”) hoặc tot-tro-len (từ mức thứ hai trở lên); để trống: tot",
    ),
];

pub const LEVELS: &str = "theo mức";
pub const RATIO: &str = "theo tỷ lệ";

pub fn position(columns: &[Column], key: &str) -> usize {
    columns.iter().position(|c| c.key == key).unwrap_or(usize::MAX)
}

/// Whether a header cell names this column (its Vietnamese header or its key, any case or accents).
pub fn names(column: &Column, header: &str) -> bool {
    let folded = fold(header);
    folded == fold(column.header) || folded == fold(column.key)
}

/// `0,5` — points as a Vietnamese reader writes them.
pub fn points_text(x: f64) -> String {
    crate::domain::catalogue_toml::number(x).trim_end_matches(".0").replace('.', ",")
}

pub fn kind_text(kind: NodeKind) -> &'static str {
    kind.label()
}

pub fn parse_kind(text: &str) -> Result<NodeKind, String> {
    match fold(text).as_str() {
        "" | "dinh ky" | "periodic" => Ok(NodeKind::Periodic),
        "dot xuat" | "adhoc" => Ok(NodeKind::Adhoc),
        _ => Err("cần «định kỳ» hoặc «đột xuất»".into()),
    }
}

/// The rubric's kind and its lines: `2: Ban hành đầy đủ…` for levels, `từ 95%: 3` for ratio thresholds.
pub fn rubric_text(rubric: &Rubric) -> (&'static str, String) {
    match rubric {
        Rubric::Levels { levels } => {
            let lines: Vec<String> = levels.iter().map(|l| format!("{}: {}", points_text(l.points), l.label)).collect();
            (LEVELS, lines.join("\n"))
        }
        Rubric::Ratio { thresholds } => {
            let lines: Vec<String> = thresholds
                .iter()
                .map(|t| format!("từ {}%: {}", points_text(t.at_least), points_text(t.points)))
                .collect();
            (RATIO, lines.join("\n"))
        }
    }
}

/// Reads a rubric back from its kind cell and its lines; an empty kind with lines is read by the lines' shape.
pub fn parse_rubric(kind: &str, text: &str) -> Result<Option<Rubric>, String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let folded = fold(kind);
    let ratio = match folded.as_str() {
        _ if lines.is_empty() => return Ok(None),
        "theo ty le" | "ty le" | "ratio" => true,
        "theo muc" | "muc" | "levels" => false,
        "" => lines[0].to_lowercase().starts_with("từ") || lines[0].contains('%'),
        _ => return Err(format!("kiểu thang chấm «{kind}» không rõ; cần «{LEVELS}» hoặc «{RATIO}»")),
    };
    let number = |s: &str, line: &str| -> Result<f64, String> {
        let s =
            s.trim().trim_start_matches("từ").trim_start_matches("Từ").trim_end_matches("điểm").trim_end_matches('đ');
        match parse_points(s.trim().trim_end_matches('%')) {
            Ok(Some(x)) => Ok(x),
            _ => Err(format!("dòng «{line}» không đọc được số «{}»", s.trim())),
        }
    };
    let mut levels = Vec::new();
    let mut thresholds = Vec::new();
    for line in lines {
        let Some((left, right)) = line.split_once(':') else {
            let example = if ratio { "từ 95%: 3" } else { "2: Ban hành đầy đủ, kịp thời" };
            return Err(format!("dòng «{line}» thiếu dấu hai chấm; cần dạng «{example}»"));
        };
        if ratio {
            thresholds.push(Threshold { at_least: number(left, line)?, points: number(right, line)? });
        } else {
            levels.push(Level { label: right.trim().to_owned(), points: number(left, line)? });
        }
    }
    Ok(Some(if ratio { Rubric::Ratio { thresholds } } else { Rubric::Levels { levels } }))
}

/// Cell lines as a list (evidence, legal basis): blank lines and leading dashes dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().trim_start_matches(['-', '•', '+']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rubrics_round_trip_through_their_cell_text() {
        let levels = Rubric::Levels {
            levels: vec![
                Level { label: "Đầy đủ: kịp thời".into(), points: 1.5 },
                Level { label: "Không".into(), points: 0.0 },
            ],
        };
        let ratio = Rubric::Ratio {
            thresholds: vec![Threshold { at_least: 95.0, points: 3.0 }, Threshold { at_least: 0.0, points: 0.5 }],
        };
        for rubric in [levels, ratio] {
            let (kind, text) = rubric_text(&rubric);
            assert_eq!(parse_rubric(kind, &text), Ok(Some(rubric.clone())), "{text}");
            assert_eq!(parse_rubric("", &text), Ok(Some(rubric)), "{text}");
        }
        assert_eq!(rubric_text(&Rubric::Levels { levels: vec![Level { label: "A".into(), points: 0.5 }] }).1, "0,5: A");
        assert_eq!(parse_rubric(RATIO, ""), Ok(None));
        assert!(parse_rubric(LEVELS, "hai điểm").unwrap_err().contains("hai chấm"));
        assert!(parse_rubric(RATIO, "từ nhiều: 3").unwrap_err().contains("không đọc được số"));
        assert!(parse_rubric("khác", "1: A").is_err());
    }

    #[test]
    fn kinds_and_lists_read_loosely() {
        assert_eq!(parse_kind("Đột xuất"), Ok(NodeKind::Adhoc));
        assert_eq!(parse_kind(""), Ok(NodeKind::Periodic));
        assert!(parse_kind("hằng năm").is_err());
        assert_eq!(lines("- Một\n\n• Hai  \n"), vec!["Một", "Hai"]);
        assert_eq!(points_text(12.0), "12");
        assert_eq!(points_text(0.25), "0,25");
    }
}
