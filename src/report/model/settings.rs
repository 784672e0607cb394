//! The letterhead settings reports are printed with (`cchc config set …`), with defaults derived from the ward.

use serde::Serialize;

/// Every key `cchc config set` accepts, with what it means.
pub const KEYS: &[(&str, &str)] = &[
    ("ward", "Tên phường, không kèm chữ «phường» (nơi ban hành, dòng ngày tháng)"),
    ("province", "Tên tỉnh, không kèm chữ «tỉnh»"),
    ("issuing_body", "Tên cơ quan ban hành ở góc trên bên trái"),
    ("signer_name", "Họ tên người ký"),
    ("signer_title", "Chức vụ người ký, ví dụ: PHÓ CHỦ TỊCH"),
    ("signer_delegation", "Dòng ký thay, ví dụ: KT. CHỦ TỊCH (để trống nếu Chủ tịch ký)"),
    ("signer_authority", "Dòng thẩm quyền, ví dụ: TM. ỦY BAN NHÂN DÂN"),
    ("recipients", "Nơi nhận, các mục cách nhau bởi dấu ;"),
    ("report_number", "Số văn bản (để trống để điền tay), ví dụ: 125 hoặc 125/BC-UBND"),
];

/// Effective values: stored ones, else the defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportSettings {
    pub ward: String,
    pub province: String,
    pub issuing_body: String,
    pub signer_name: String,
    pub signer_title: String,
    pub signer_delegation: String,
    pub signer_authority: String,
    pub recipients: Vec<String>,
    pub report_number: String,
}

impl ReportSettings {
    /// From the `settings` table's rows (other keys are ignored).
    pub fn resolve(stored: &[(String, String)]) -> Self {
        let get = |key: &str| stored.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let ward = get("ward").unwrap_or_default();
        let province = get("province").unwrap_or_default();
        let defaults = Defaults { ward: &ward, province: &province };
        let value = |key: &str| get(key).unwrap_or_else(|| defaults.value(key));
        Self {
            issuing_body: value("issuing_body"),
            signer_name: value("signer_name"),
            signer_title: value("signer_title"),
            signer_delegation: value("signer_delegation"),
            signer_authority: value("signer_authority"),
            recipients: split_recipients(&value("recipients")),
            report_number: value("report_number"),
            ward,
            province,
        }
    }

    /// Every key with its effective value and whether that value is the default (for `config list`).
    pub fn entries(stored: &[(String, String)]) -> Vec<(&'static str, String, bool)> {
        let resolved = Self::resolve(stored);
        KEYS.iter()
            .map(|(key, _)| {
                let value = match *key {
                    "ward" => resolved.ward.clone(),
                    "province" => resolved.province.clone(),
                    "issuing_body" => resolved.issuing_body.clone(),
                    "signer_name" => resolved.signer_name.clone(),
                    "signer_title" => resolved.signer_title.clone(),
                    "signer_delegation" => resolved.signer_delegation.clone(),
                    "signer_authority" => resolved.signer_authority.clone(),
                    "recipients" => resolved.recipients.join("; "),
                    _ => resolved.report_number.clone(),
                };
                (*key, value, !stored.iter().any(|(k, _)| k == key))
            })
            .collect()
    }

    /// "Lưu: …" from the configured recipients, for documents with their own list of recipients.
    pub fn filing_line(&self) -> String {
        self.recipients.iter().find(|r| r.starts_with("Lưu")).cloned().unwrap_or_else(|| "Lưu: VT".to_owned())
    }
}

struct Defaults<'a> {
    ward: &'a str,
    province: &'a str,
}

impl Defaults<'_> {
    fn value(&self, key: &str) -> String {
        match key {
            // Two lines, as UBND letterheads print it; one line would not fit the left column.
            "issuing_body" if !self.ward.is_empty() => format!("ỦY BAN NHÂN DÂN\nPHƯỜNG {}", self.ward.to_uppercase()),
            "issuing_body" => "ỦY BAN NHÂN DÂN".to_owned(),
            "signer_title" => "PHÓ CHỦ TỊCH".to_owned(),
            "signer_delegation" => "KT. CHỦ TỊCH".to_owned(),
            "signer_authority" => "TM. ỦY BAN NHÂN DÂN".to_owned(),
            "recipients" => {
                let home = if self.province.is_empty() { String::new() } else { format!(" tỉnh {}", self.province) };
                format!(
                    "Sở Nội vụ{home} (báo cáo); Chủ tịch, các PCT UBND phường; Các phòng, cơ quan, đơn vị trên địa bàn phường; Lưu: VT"
                )
            }
            _ => String::new(),
        }
    }
}

/// "a; b;; c" → ["a", "b", "c"].
pub fn split_recipients(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn defaults_come_from_the_ward() {
        let s = ReportSettings::resolve(&stored(&[("ward", "Thành Sen"), ("province", "Hà Tĩnh")]));
        assert_eq!(s.issuing_body, "ỦY BAN NHÂN DÂN\nPHƯỜNG THÀNH SEN");
        assert_eq!(s.recipients[0], "Sở Nội vụ tỉnh Hà Tĩnh (báo cáo)");
        assert_eq!(s.filing_line(), "Lưu: VT");
        assert_eq!(
            (s.signer_authority.as_str(), s.signer_delegation.as_str()),
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
        );
    }

    #[test]
    fn stored_values_win_and_an_empty_one_clears_a_line() {
        let s = ReportSettings::resolve(&stored(&[
            ("signer_delegation", ""),
            ("signer_title", "CHỦ TỊCH"),
            ("recipients", " Sở Nội vụ ;; Lưu: VT, VHXH ;"),
        ]));
        assert_eq!(s.signer_delegation, "");
        assert_eq!(s.recipients, ["Sở Nội vụ", "Lưu: VT, VHXH"]);
        assert_eq!(s.filing_line(), "Lưu: VT, VHXH");
        let entries = ReportSettings::entries(&stored(&[("signer_title", "CHỦ TỊCH")]));
        assert!(entries.iter().any(|(k, v, default)| *k == "signer_title" && v == "CHỦ TỊCH" && !default));
        assert!(entries.iter().any(|(k, _, default)| *k == "signer_authority" && *default));
    }
}
