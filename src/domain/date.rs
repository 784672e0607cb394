//! Dates as Vietnamese offices write them: dd/mm/yyyy.

use chrono::NaiveDate;

/// Parses `dd/mm/yyyy` (also `d/m/yyyy`); the error says what was expected.
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('/').collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [d, m, y] if [d, m].iter().all(|p| (1..=2).contains(&p.len())) && y.len() == 4 => {
            parts.iter().map(|p| if p.bytes().all(|b| b.is_ascii_digit()) { p.parse().ok() } else { None }).collect()
        }
        _ => None,
    };
    let Some([day, month, year]) = numbers.as_deref().map(|n| [n[0], n[1], n[2]]) else {
        return Err(format!("ngày «{text}» không đúng dạng dd/mm/yyyy (ví dụ 05/07/2026)"));
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| format!("ngày «{text}» không tồn tại (tháng {month} năm {year} không có ngày {day})"))
}

pub fn format(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A stored timestamp (`2026-11-28T09:00:00`) as `28/11/2026 09:00`; text that is not one is shown as it is.
pub fn format_timestamp(stamp: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_dates() {
        assert_eq!(parse("05/07/2026"), Ok(NaiveDate::from_ymd_opt(2026, 7, 5).unwrap()));
        assert_eq!(parse("5/7/2026"), Ok(NaiveDate::from_ymd_opt(2026, 7, 5).unwrap()));
        assert_eq!(format(NaiveDate::from_ymd_opt(2026, 7, 5).unwrap()), "05/07/2026");
        assert_eq!(format_timestamp("2026-11-28T09:00:00"), "28/11/2026 09:00");
        assert_eq!(format_timestamp("hôm qua"), "hôm qua");
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in ["2026-07-05", "31/02/2026", "5/7/26", "aa/bb/cccc", "", "1/1/2026/1", "٣/1/2026", "005/07/2026"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        for no_such_day in ["31/02/2026", "29/02/2026", "00/01/2026", "01/13/2026"] {
            assert!(parse(no_such_day).unwrap_err().contains("không tồn tại"), "{no_such_day}");
        }
        assert_eq!(parse(" 29/02/2028 "), Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()));
        assert!(parse("31/02/2026").unwrap_err().contains("không tồn tại"));
    }
}
