//! The audit log as a non-programmer reads it: field names in Vietnamese, values as words, dates dd/mm/yyyy, and
//! for a change only what changed ("điểm: 1,5 → 2"). `cchc log --format json` keeps the raw record instead.

use serde_json::{Map, Value};

use crate::domain::directory::unit_kind_label;
use crate::domain::finding::{FindingKind, FindingStatus};
use crate::domain::round::{RoundKind, RoundStatus, role_label};
use crate::domain::schedule::Session;
use crate::domain::{date, number};

/// Stored field names (serde names of the domain types) and how a reader calls them.
const FIELDS: &[(&str, &str)] = &[
    ("round_id", "đợt"),
    ("unit_code", "đơn vị"),
    ("official_code", "cán bộ"),
    ("criterion", "tiêu chí"),
    ("points", "điểm"),
    ("not_applicable", "không áp dụng"),
    ("note", "ghi chú"),
    ("code", "mã"),
    ("id", "mã"),
    ("name", "tên"),
    ("kind", "loại"),
    ("position", "chức vụ"),
    ("seq", "số thứ tự"),
    ("text", "nội dung"),
    ("recommendation", "kiến nghị"),
    ("due", "hạn"),
    ("status", "trạng thái"),
    ("source", "nguồn"),
    ("created_at", "thời điểm tạo"),
    ("finding_id", "kết luận"),
    ("at", "thời điểm"),
    ("evidence", "tài liệu kiểm chứng"),
    ("actor", "người thực hiện"),
    ("year", "năm"),
    ("start", "từ ngày"),
    ("end", "đến ngày"),
    ("selfreport_due", "hạn nộp báo cáo tự kiểm tra"),
    ("topic", "chủ đề"),
    ("reason", "lý do"),
    ("catalogue_hash", "mã kiểm tra bộ tiêu chí"),
    ("role", "vai trò"),
    ("date", "ngày"),
    ("session", "buổi"),
    ("place", "địa điểm"),
    ("received", "ngày nhận"),
    ("revision", "lần nộp"),
    ("version", "phiên bản"),
    ("title", "tên"),
    ("round", "đợt"),
    ("units", "đơn vị"),
    ("file", "tệp"),
    ("received_on", "ngày nhận"),
    ("items", "số nội dung"),
    ("day", "ngày"),
    ("checked_in", "ghi nhận lúc"),
    ("answered_on", "ngày trả lời"),
    ("answer", "trả lời"),
    ("repeats", "nhắc lại kiến nghị"),
    ("category", "loại cán bộ"),
    ("addressed_to", "gửi tới"),
    ("confirmed_draft", "dự thảo đã xác nhận"),
];

/// Fingerprints that only a program checks: kept in `--format json`, left out of what people read.
const HIDDEN: &[&str] = &["catalogue_hash", "content_hash"];

/// Fields in the order of `FIELDS` (who and what first, then the values), others after them.
fn in_order<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    let mut keys: Vec<&String> = keys.collect();
    keys.sort_by_key(|k| (FIELDS.iter().position(|(f, _)| f == k).unwrap_or(FIELDS.len()), *k));
    keys.dedup();
    keys
}

fn field(key: &str) -> String {
    FIELDS.iter().find(|(k, _)| *k == key).map_or_else(|| key.replace('_', " "), |(_, v)| (*v).to_owned())
}

/// A stored value in words: codes of kinds and states by their names, dates dd/mm/yyyy, numbers with a comma.
fn word(key: &str, value: &Value) -> String {
    match value {
        Value::Null => "(trống)".to_owned(),
        Value::Bool(true) => "có".to_owned(),
        Value::Bool(false) => "không".to_owned(),
        Value::Number(n) => {
            n.as_i64().map_or_else(|| n.as_f64().map(number::points).unwrap_or_default(), |i| i.to_string())
        }
        Value::String(s) if s.trim().is_empty() => "(trống)".to_owned(),
        Value::String(s) => text_word(key, s),
        Value::Array(items) => items.iter().map(|v| word(key, v)).collect::<Vec<_>>().join(", "),
        Value::Object(map) => fields(map).join("; "),
    }
}

fn text_word(key: &str, s: &str) -> String {
    let named = match key {
        "kind" => s
            .parse::<FindingKind>()
            .map(|k| k.label().to_owned())
            .or_else(|_| s.parse::<RoundKind>().map(|k| k.label().to_owned()))
            .ok()
            .or_else(|| unit_kind_label(s).map(str::to_owned)),
        "status" => s
            .parse::<FindingStatus>()
            .map(|k| k.label().to_owned())
            .or_else(|_| s.parse::<RoundStatus>().map(|k| k.label().to_owned()))
            .ok(),
        "session" => s.parse::<Session>().map(|k| k.label().to_owned()).ok(),
        "role" => Some(role_label(s).to_owned()),
        _ => None,
    };
    if let Some(named) = named {
        return named;
    }
    if let Ok(day) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return date::format(day);
    }
    if s.get(..19).is_some_and(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").is_ok()) {
        return date::format_timestamp(s);
    }
    s.to_owned()
}

fn fields(map: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for key in in_order(map.keys()).into_iter().filter(|k| !HIDDEN.contains(&k.as_str())) {
        match &map[key.as_str()] {
            // A record wrapped in another ({"round": {…}, "units": […]}) reads as one list of fields.
            Value::Object(inner) => out.extend(fields(inner)),
            value if is_empty(value) => {}
            value => out.push(format!("{}: {}", field(key), word(key, value))),
        }
    }
    out
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// What an entry changed, in words: every field of what was created or removed, and of an update only the fields
/// that changed ("điểm: 1,5 → 2; ghi chú: (trống) → Đã khắc phục").
pub fn describe(old: Option<&str>, new: Option<&str>) -> String {
    let parse = |v: Option<&str>| {
        v.filter(|s| !s.is_empty()).map(|s| serde_json::from_str::<Value>(s).unwrap_or(Value::String(s.to_owned())))
    };
    match (parse(old), parse(new)) {
        (None, None) => String::new(),
        (None, Some(new)) => word("", &new),
        (Some(old), None) => format!("{} → (đã xoá)", word("", &old)),
        (Some(Value::Object(old)), Some(Value::Object(new))) => {
            let changed: Vec<String> = in_order(new.keys().chain(old.keys()))
                .into_iter()
                .filter(|k| !HIDDEN.contains(&k.as_str()))
                .filter_map(|k| {
                    let (was, now) = (old.get(k).unwrap_or(&Value::Null), new.get(k).unwrap_or(&Value::Null));
                    (was != now && !(is_empty(was) && is_empty(now)))
                        .then(|| format!("{}: {} → {}", field(k), word(k, was), word(k, now)))
                })
                .collect();
            if changed.is_empty() { "(không đổi)".to_owned() } else { changed.join("; ") }
        }
        (Some(old), Some(new)) => format!("{} → {}", word("", &old), word("", &new)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_shows_only_what_changed_in_words() {
        let old = r#"{"round_id":"2026-dot1","unit_code":"VP","criterion":"1.1.5","points":1.5,"not_applicable":false,"note":""}"#;
        let new = r#"{"round_id":"2026-dot1","unit_code":"VP","criterion":"1.1.5","points":null,"not_applicable":true,"note":"Không có hồ sơ"}"#;
        assert_eq!(
            describe(Some(old), Some(new)),
            "điểm: 1,5 → (trống); không áp dụng: không → có; ghi chú: (trống) → Không có hồ sơ"
        );
    }

    #[test]
    fn codes_and_dates_become_words() {
        let new = r#"{"id":"2026-dot1-F07","kind":"han-che","due":"2026-09-30","status":"dang-khac-phuc"}"#;
        let text = describe(None, Some(new));
        assert!(text.contains("hạn: 30/09/2026"), "{text}");
        assert!(!text.contains("han-che") && !text.contains("dang-khac-phuc"), "{text}");
        let text = describe(Some(r#"{"code":"VP","name":"Văn phòng","kind":"co-quan-chuyen-mon"}"#), None);
        assert_eq!(text, "mã: VP; tên: Văn phòng; loại: Cơ quan chuyên môn → (đã xoá)");
        // Text that starts like a timestamp but is not one, with letters of more than one byte at the cut.
        assert_eq!(describe(None, Some(r#"{"name":"Trạm Y tế phường Thành Sen"}"#)), "tên: Trạm Y tế phường Thành Sen");
        // A wrapped record, its fingerprint and an empty list.
        let round =
            r#"{"round":{"catalogue_hash":"efc2","id":"2026-dot1","kind":"dot1","start":"2026-07-01"},"units":[]}"#;
        assert_eq!(describe(None, Some(round)), "mã: 2026-dot1; loại: Đợt 1 (6 tháng); từ ngày: 01/07/2026");
    }
}
