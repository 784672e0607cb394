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
    ("round_signer_authority", "Báo cáo đợt: dòng thẩm quyền (mặc định trống: Đoàn kiểm tra báo cáo Chủ tịch)"),
    ("round_signer_delegation", "Báo cáo đợt: dòng ký thay (mặc định trống)"),
    ("round_signer_title", "Báo cáo đợt: chức danh người ký (mặc định: TRƯỞNG ĐOÀN)"),
    ("round_signer_name", "Báo cáo đợt: họ tên người ký (mặc định: Trưởng đoàn của đợt)"),
    ("round_recipients", "Báo cáo đợt: nơi nhận, các mục cách nhau bởi dấu ;"),
    ("unit_signer_authority", "Thông báo đơn vị: dòng thẩm quyền (mặc định: như signer_authority)"),
    ("unit_signer_delegation", "Thông báo đơn vị: dòng ký thay (mặc định: như signer_delegation)"),
    ("unit_signer_title", "Thông báo đơn vị: chức danh người ký (mặc định: như signer_title)"),
    ("unit_signer_name", "Thông báo đơn vị: họ tên người ký (mặc định: như signer_name)"),
    ("unit_recipients", "Thông báo đơn vị: nơi nhận (mặc định: đơn vị được kiểm tra, Chủ tịch, các PCT, lưu)"),
    ("year_signer_authority", "Báo cáo năm: dòng thẩm quyền (mặc định: như signer_authority)"),
    ("year_signer_delegation", "Báo cáo năm: dòng ký thay (mặc định: như signer_delegation)"),
    ("year_signer_title", "Báo cáo năm: chức danh người ký (mặc định: như signer_title)"),
    ("year_signer_name", "Báo cáo năm: họ tên người ký (mặc định: như signer_name)"),
    ("year_recipients", "Báo cáo năm: nơi nhận (mặc định: như recipients)"),
    ("plan_number", "Số, ký hiệu Kế hoạch kiểm tra cải cách hành chính của năm, ví dụ: 146/KH-UBND"),
    ("plan_date", "Ngày ban hành Kế hoạch kiểm tra, dd/mm/yyyy"),
];

/// The documents whose signer and recipients are set apart (`round_…`, `unit_…`, `year_…` keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// The inspection team's report on a round, to the Chairman: signed by the Trưởng đoàn.
    Round,
    /// The notice to one unit: signed for the ward.
    Unit,
    /// The year report: signed for the ward.
    Year,
}

impl DocKind {
    fn prefix(self) -> &'static str {
        match self {
            Self::Round => "round_",
            Self::Unit => "unit_",
            Self::Year => "year_",
        }
    }
}

/// Who signs a document and whom it goes to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signer {
    pub authority: String,
    pub delegation: String,
    pub title: String,
    pub name: String,
    /// `None`: the document's own default list.
    pub recipients: Option<Vec<String>>,
}

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
    /// The year's inspection plan the reports cite (số, ký hiệu and date as written); empty when not set.
    pub plan_number: String,
    pub plan_date: String,
    /// The `round_…`, `unit_…` and `year_…` keys that are set.
    pub per_kind: Vec<(String, String)>,
}

impl ReportSettings {
    /// The signer and recipients of a kind of document: its own keys, else the round report's defaults (the team
    /// leader `leader`, signing for the team) or the ward's signer.
    pub fn signer(&self, kind: DocKind, leader: Option<&str>) -> Signer {
        let own = |key: &str| {
            let key = format!("{}{key}", kind.prefix());
            self.per_kind.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
        };
        let (authority, delegation, title, name) = match kind {
            DocKind::Round => {
                (String::new(), String::new(), "TRƯỞNG ĐOÀN".to_owned(), leader.unwrap_or_default().to_owned())
            }
            DocKind::Unit | DocKind::Year => (
                self.signer_authority.clone(),
                self.signer_delegation.clone(),
                self.signer_title.clone(),
                self.signer_name.clone(),
            ),
        };
        Signer {
            authority: own("signer_authority").unwrap_or(authority),
            delegation: own("signer_delegation").unwrap_or(delegation),
            title: own("signer_title").unwrap_or(title),
            name: own("signer_name").unwrap_or(name),
            recipients: own("recipients").map(|r| split_recipients(&r)),
        }
    }

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
            plan_number: value("plan_number"),
            plan_date: value("plan_date"),
            per_kind: stored
                .iter()
                .filter(|(k, _)| ["round_", "unit_", "year_"].iter().any(|p| k.starts_with(p)))
                .filter(|(k, _)| KEYS.iter().any(|(key, _)| key == k))
                .cloned()
                .collect(),
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
                    "report_number" => resolved.report_number.clone(),
                    "plan_number" => resolved.plan_number.clone(),
                    "plan_date" => resolved.plan_date.clone(),
                    other => {
                        resolved.per_kind.iter().find(|(k, _)| k == other).map(|(_, v)| v.clone()).unwrap_or_default()
                    }
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
