//! Pieces every report document shares: letterhead from settings, point columns, finding tables, empty notes.

use chrono::{Datelike, NaiveDate};

use crate::domain::date;
use crate::domain::number;
use crate::report::document::{Block, Cell, Chart, ChartKind, Column, Letterhead, Series, Signature, Table};
use crate::report::model::settings::{DocKind, ReportSettings};
use crate::report::model::year::ItemLoss;
use crate::report::model::{FindingView, RoundInfo, Totals};

/// What a document needs besides its model: the letterhead settings and the signing date (`--date`).
pub struct Frame<'a> {
    pub settings: &'a ReportSettings,
    pub date: Option<NaiveDate>,
}

impl Frame<'_> {
    /// `symbol` is the number's suffix ("BC-UBND", "TB-UBND"). Without a signing date day and month are left
    /// blank, to be filled in when signed.
    pub fn letterhead(&self, symbol: &str, year: i32, recipients: Vec<String>) -> Letterhead {
        let s = self.settings;
        let number = match s.report_number.trim() {
            "" => format!("Số:       /{symbol}"),
            n if n.contains('/') => format!("Số: {n}"),
            n => format!("Số: {n}/{symbol}"),
        };
        let line = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        Letterhead {
            parent_body: None,
            issuing_body: s.issuing_body.clone(),
            number,
            place: s.ward.clone(),
            date: self.date,
            month: None,
            year,
            recipients,
            signature: Signature {
                authority: line(&s.signer_authority),
                delegation: line(&s.signer_delegation),
                title: s.signer_title.clone(),
                name: s.signer_name.clone(),
            },
        }
    }

    /// The letterhead of a kind of document, signed and addressed as `cchc config` sets for that kind;
    /// `recipients` are its own default list.
    pub fn letterhead_for(
        &self,
        kind: DocKind,
        symbol: &str,
        year: i32,
        leader: Option<&str>,
        recipients: Vec<String>,
    ) -> Letterhead {
        let signer = self.settings.signer(kind, leader);
        let mut lh = self.letterhead(symbol, year, signer.recipients.unwrap_or(recipients));
        let line = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        lh.signature = Signature {
            authority: line(&signer.authority),
            delegation: line(&signer.delegation),
            title: signer.title,
            name: signer.name,
        };
        lh
    }

    /// "Kế hoạch số 146/KH-UBND ngày 15/01/2026 của UBND phường Thành Sen về kiểm tra cải cách hành chính năm
    /// 2026", from `cchc config` (plan_number, plan_date). What is not set is a visible gap when `gaps` (a paper
    /// sent out, which the văn thư must not number with a blank citation), else left out.
    pub fn plan(&self, year: i32, gaps: bool) -> String {
        let part = |value: &str, label: &str, gap: &str| match (value.trim(), gaps) {
            ("", true) => format!(" {label} {}", super::prose::placeholder(gap)),
            ("", false) => String::new(),
            (v, _) => format!(" {label} {v}"),
        };
        format!(
            "Kế hoạch{}{} của UBND {} về kiểm tra cải cách hành chính năm {year}",
            part(&self.settings.plan_number, "số", "số Kế hoạch: chưa ghi, cchc config set plan_number"),
            part(&self.settings.plan_date, "ngày", "ngày Kế hoạch: chưa ghi, cchc config set plan_date"),
            self.ward()
        )
    }

    /// "phường Thành Sen" (or "phường" when the ward is not set).
    pub fn ward(&self) -> String {
        format!("phường {}", self.settings.ward).trim_end().to_owned()
    }
}

/// "từ ngày 01/07/2026 đến ngày 10/07/2026", or "ngày 15/09/2026" for a one-day round.
pub fn period(round: &RoundInfo) -> String {
    if round.start == round.end {
        format!("ngày {}", date::format(round.start))
    } else {
        format!("từ ngày {} đến ngày {}", date::format(round.start), date::format(round.end))
    }
}

/// "01/07 – 10/07/2026" (the year once when both dates share it), or one date.
pub fn span(round: &RoundInfo) -> String {
    match (round.start == round.end, round.start.year() == round.end.year()) {
        (true, _) => date::format(round.start),
        (false, true) => format!("{} – {}", round.start.format("%d/%m"), date::format(round.end)),
        (false, false) => format!("{} – {}", date::format(round.start), date::format(round.end)),
    }
}

/// "Kế hoạch" from "kế hoạch", for a table cell.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

pub const NO_APPRAISAL: &str = "Chưa có điểm thẩm định.";

/// How the ward's total on 100 is computed: the same in the round, year and self-assessment reports.
pub const WARD_TOTAL: &str = "điểm toàn phường = tổng điểm thẩm định của mọi nội dung được chấm ở mọi đơn vị ÷ tổng điểm tối đa của các nội dung đó × 100 (nội dung không áp dụng không tính vào cả hai); điểm tự chấm tính trên cùng các nội dung đơn vị tự chấm có điểm thẩm định (điểm tính từ số liệu khi đơn vị không tự chấm không tính).";

/// What a "Số kết luận" column counts (round and year reports).
pub const FINDINGS_COUNTED: &str = "Số kết luận: số kết luận của Đoàn kiểm tra ghi trong đợt, gồm mô hình, cách làm hay, tồn tại, hạn chế, vi phạm và kiến nghị, đề xuất của đơn vị.";

/// "Điểm toàn phường (thang 100): thẩm định … trên N nội dung được chấm; tự chấm … trên M nội dung …".
pub fn score_sentence(whose: &str, t: &Totals) -> String {
    match (t.appraised_score, t.self_score) {
        (Some(a), own) => format!(
            "Điểm {whose} (thang 100): thẩm định {} trên {} nội dung được chấm{}{}.",
            number::score(a),
            t.items_assessed,
            na_clause(t.not_applicable),
            own.map(|s| self_clause(s, t)).unwrap_or_default(),
        ),
        (None, Some(s)) => format!("Điểm tự chấm {whose} (thang 100): {}. {NO_APPRAISAL}", number::score(s)),
        (None, None) => NO_APPRAISAL.to_owned(),
    }
}

/// The self score, over the items it is compared on: all the appraised ones, or those the units scored themselves
/// ("so sánh trên 8/13 nội dung đơn vị tự chấm") and the appraised score of those same items.
fn self_clause(own: f64, t: &Totals) -> String {
    if t.items_compared == t.items_assessed {
        return format!("; tự chấm {} trên cùng {} nội dung đó", number::score(own), t.items_compared);
    }
    format!(
        "; tự chấm {}, so sánh trên {}/{} nội dung đơn vị tự chấm (thẩm định trên cùng {} nội dung đó: {})",
        number::score(own),
        t.items_compared,
        t.items_assessed,
        t.items_compared,
        t.appraised_compared.map(number::score).unwrap_or_default()
    )
}

pub fn na_clause(n: usize) -> String {
    if n == 0 { String::new() } else { format!(" (không tính {n} nội dung không áp dụng)") }
}

pub fn points(title: &str) -> Column {
    Column::number(title, 2)
}

/// A column of scores on the 100-point scale.
pub fn scores(title: &str) -> Column {
    Column::number(title, number::SCORE_DECIMALS)
}

/// A bar chart of the fields' scores on the 100-point scale, one series per entry of `series`.
pub fn score_chart(title: &str, categories: Vec<String>, series: Vec<(&str, Vec<Option<f64>>)>) -> Chart {
    Chart {
        title: title.to_owned(),
        kind: if series.len() > 1 { ChartKind::GroupedBars } else { ChartKind::Bars },
        category: "Lĩnh vực".to_owned(),
        categories,
        series: series.into_iter().map(|(name, values)| Series { name: name.to_owned(), values }).collect(),
        max: 100.0,
        unit: "điểm".to_owned(),
        decimals: Some(number::SCORE_DECIMALS),
    }
}

pub fn stt() -> Column {
    Column::integer("STT").with_width(5.0)
}

/// 1-based row number.
pub fn row_number(i: usize) -> Cell {
    Cell::Integer(i64::try_from(i + 1).unwrap_or(i64::MAX))
}

pub fn count(n: impl TryInto<i64>) -> Cell {
    Cell::Integer(n.try_into().unwrap_or(i64::MAX))
}

pub fn note(text: impl Into<String>) -> Block {
    Block::Note(text.into())
}

/// A table, or the note saying why there is none.
pub fn table_or(table: Table, empty: &str) -> Block {
    if table.rows.is_empty() { note(empty) } else { Block::Table(table) }
}

/// "Vi phạm: 03 hồ sơ …" and, on a second line, the item by its title (code in brackets). The finding's id goes
/// in its own column (`id_column`), never inside the sentence.
pub fn finding_text(f: &FindingView) -> String {
    match (&f.criterion_title, &f.criterion) {
        (Some(title), code) => format!(
            "{}: {}\n(Nội dung: {})",
            f.kind_label,
            f.text,
            super::assessment_doc::item(Some(title), code.as_deref())
        ),
        _ => format!("{}: {}", f.kind_label, f.text),
    }
}

/// "Title (1.3.7) −1,50; Title (1.6.1.5) tại Phòng … −0,50": the items that cost an official points, by title.
pub fn losses_text(losses: &[ItemLoss], home: &str, scored: bool) -> String {
    if !scored {
        return NO_APPRAISAL.to_owned();
    }
    if losses.is_empty() {
        return "Không bị trừ điểm".to_owned();
    }
    // The two costliest, so that the cell stays a few lines on a portrait page; the rest are counted.
    let mut shown: Vec<String> = losses
        .iter()
        .take(2)
        .map(|l| {
            let item = super::assessment_doc::item(Some(&l.title), Some(&l.criterion));
            match &*l.unit_code == home {
                true => format!("{item}: −{}", number::points(l.lost)),
                false => format!("{item} tại {}: −{}", l.unit_name, number::points(l.lost)),
            }
        })
        .collect();
    if losses.len() > 2 {
        shown.push(format!("và {} nội dung khác", losses.len() - 2));
    }
    shown.join("; ")
}

/// "Đang khắc phục, quá hạn 16 ngày": a finding's status with the days it is overdue.
pub fn status(f: &FindingView) -> String {
    match f.days_overdue {
        Some(days) => format!("{}, quá hạn {days} ngày", f.status_label),
        None => f.status_label.to_string(),
    }
}

/// The narrow column holding a finding's id.
/// Internal ids: in the machine formats only (the follow-up, where the team works by id, shows its own).
pub fn id_column() -> Column {
    Column::text("Mã").with_width(11.0).machine_only()
}

/// "Unit" and, on a second line, the responsible official.
pub fn who(f: &FindingView) -> String {
    match &f.official_name {
        Some(name) => format!("{}\n({name})", f.unit_name),
        None => f.unit_name.to_string(),
    }
}

/// Shortcomings and violations with what to do and by when.
pub fn remediation_table(id: &str, title: &str, findings: &[FindingView], with_unit: bool) -> Table {
    let mut columns = vec![stt()];
    columns.push(Column::text(if with_unit { "Đơn vị, người phụ trách" } else { "Người phụ trách" }).with_width(16.0));
    columns.extend([
        Column::text("Tồn tại, hạn chế, vi phạm").with_width(28.0),
        Column::text("Kiến nghị khắc phục").with_width(22.0),
        Column::date("Thời hạn"),
        id_column(),
    ]);
    let mut table = Table::new(id, title, columns);
    for (i, f) in findings.iter().enumerate() {
        let person = if with_unit { who(f) } else { f.official_name.as_deref().unwrap_or_default().to_owned() };
        table.push_row(vec![
            row_number(i),
            Cell::text(person),
            Cell::text(finding_text(f)),
            Cell::text(&f.recommendation),
            Cell::date(f.due_date),
            Cell::text(&f.id),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_dates() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        let round = |start, end| RoundInfo {
            id: "2026-dot1".into(),
            kind: crate::domain::round::RoundKind::Dot1,
            title: "Đợt 1 năm 2026".into(),
            year: 2026,
            start,
            end,
            selfreport_due: start,
            status: crate::domain::round::RoundStatus::Planned,
            topic: None,
            reason: None,
        };
        let two_days = round(d(7, 1), d(7, 10));
        assert_eq!(period(&two_days), "từ ngày 01/07/2026 đến ngày 10/07/2026");
        assert_eq!(span(&two_days), "01/07 – 10/07/2026");
        let one_day = round(d(9, 15), d(9, 15));
        assert_eq!((period(&one_day).as_str(), span(&one_day).as_str()), ("ngày 15/09/2026", "15/09/2026"));
    }

    #[test]
    fn number_from_settings() {
        let mut settings = ReportSettings::resolve(&[("ward".into(), "Thành Sen".into())]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        let lh = Frame { settings: &settings, date: Some(today) }.letterhead("BC-UBND", 2026, vec![]);
        assert_eq!((lh.number.as_str(), lh.date), ("Số:       /BC-UBND", Some(today)));
        assert_eq!(lh.signature.authority.as_deref(), Some("TM. ỦY BAN NHÂN DÂN"));
        settings.report_number = "125".into();
        let lh = Frame { settings: &settings, date: None }.letterhead("TB-UBND", 2025, vec![]);
        assert_eq!((lh.number.as_str(), lh.date), ("Số: 125/TB-UBND", None));
        settings.report_number = "7/BC-VHXH".into();
        assert_eq!(
            Frame { settings: &settings, date: None }.letterhead("BC-UBND", 2026, vec![]).number,
            "Số: 7/BC-VHXH"
        );
    }
}
