//! Self-reports (báo cáo tự kiểm tra): deadlines, points from what a unit reports, and the identity of a content.

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::catalogue::Rubric;
use super::scoring::{EPS, within_max};

/// Whether a self-report came in by the round's deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    OnTime,
    Late { days: i64 },
}

impl Timeliness {
    pub fn of(received: NaiveDate, due: NaiveDate) -> Timeliness {
        let days = (received - due).num_days();
        if days > 0 { Timeliness::Late { days } } else { Timeliness::OnTime }
    }

    pub fn label(self) -> String {
        match self {
            Timeliness::OnTime => "đúng hạn".to_owned(),
            Timeliness::Late { days } => format!("muộn {days} ngày"),
        }
    }

    /// Machine name for JSON/CSV.
    pub fn code(self) -> &'static str {
        match self {
            Timeliness::OnTime => "on_time",
            Timeliness::Late { .. } => "late",
        }
    }

    pub fn days_late(self) -> i64 {
        match self {
            Timeliness::OnTime => 0,
            Timeliness::Late { days } => days,
        }
    }
}

/// The self points of one item, settled from what the unit wrote and what its figure earns under the rubric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settled {
    /// What is stored: the points written, else the rubric's, else nothing.
    pub points: Option<f64>,
    /// The rubric's points for the figure, when the item has a ratio rubric and a figure was given.
    pub from_rubric: Option<f64>,
}

impl Settled {
    /// Points written that differ from what the figure earns: shown as a warning, the written points are kept.
    pub fn disagreement(&self, given: Option<f64>) -> Option<f64> {
        match (given, self.from_rubric) {
            (Some(g), Some(r)) if (g - r).abs() > EPS => Some(r),
            _ => None,
        }
    }
}

/// Settles the points of an item worth `max`: written points must lie in 0 … max (the error carries `max`);
/// when none are written, a ratio rubric computes them from the figure's percentage.
pub fn settle_points(
    max: f64,
    rubric: Option<&Rubric>,
    given: Option<f64>,
    percent: Option<f64>,
) -> Result<Settled, f64> {
    if given.is_some_and(|g| g < 0.0 || !within_max(g, max)) {
        return Err(max);
    }
    let from_rubric = percent.and_then(|p| rubric?.points_for_percent(p)).map(|p| p.min(max));
    Ok(Settled { points: given.or(from_rubric), from_rubric })
}

/// One reported item, as it enters the content hash.
#[derive(Debug, Clone, Copy)]
pub struct ItemContent<'a> {
    pub criterion: &'a str,
    pub points: Option<f64>,
    pub figure: &'a str,
    pub result: &'a str,
    pub evidence: &'a str,
    pub proposal: &'a str,
}

/// Identity of a unit's self-report content. Each row's canonical form (fields length-prefixed, text NFC) is
/// hashed with SHA-256 and the digests are added modulo 2^256, so the result does not depend on row order: it is a
/// function of the rows sorted by criterion (criteria are unique within a unit's report), and the same content
/// in any order, file type or encoding gives the same hash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentHash {
    sum: [u64; 4],
    rows: u64,
}

impl ContentHash {
    pub fn add(&mut self, item: &ItemContent) {
        let mut h = Sha256::new();
        // Lengths as u32 (fields are far shorter): fewer bytes to hash on the import hot path.
        let mut field = |bytes: &[u8]| {
            h.update(u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_le_bytes());
            h.update(bytes);
        };
        field(item.criterion.as_bytes());
        match item.points {
            Some(p) => field(&p.to_bits().to_le_bytes()),
            None => field(b""),
        }
        field(item.figure.as_bytes());
        field(item.result.as_bytes());
        field(item.evidence.as_bytes());
        field(item.proposal.as_bytes());
        let digest = h.finalize();
        let mut carry = false;
        for (i, chunk) in digest.chunks_exact(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let (s, c1) = self.sum[i].overflowing_add(u64::from_le_bytes(word));
            let (s, c2) = s.overflowing_add(u64::from(carry));
            self.sum[i] = s;
            carry = c1 || c2;
        }
        self.rows += 1;
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Hex SHA-256 of the version, the row count and the sum.
    pub fn finish(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"cchc-selfreport-v1");
        h.update(self.rows.to_le_bytes());
        for word in self.sum {
            h.update(word.to_le_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::Threshold;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadline_is_inclusive() {
        let due = d(2026, 6, 26);
        assert_eq!(Timeliness::of(d(2026, 6, 26), due), Timeliness::OnTime);
        assert_eq!(Timeliness::of(d(2026, 6, 1), due), Timeliness::OnTime);
        let late = Timeliness::of(d(2026, 6, 29), due);
        assert_eq!(late, Timeliness::Late { days: 3 });
        assert_eq!((late.label(), late.code(), late.days_late()), ("muộn 3 ngày".to_owned(), "late", 3));
        assert_eq!(Timeliness::OnTime.label(), "đúng hạn");
    }

    fn ratio() -> Rubric {
        Rubric::Ratio {
            thresholds: vec![
                Threshold { at_least: 95.0, points: 2.0 },
                Threshold { at_least: 80.0, points: 1.0 },
                Threshold { at_least: 0.0, points: 0.0 },
            ],
        }
    }

    #[test]
    fn points_come_from_the_rubric_when_left_empty() {
        let r = ratio();
        let s = settle_points(2.0, Some(&r), None, Some(96.0)).unwrap();
        assert_eq!(s, Settled { points: Some(2.0), from_rubric: Some(2.0) });
        assert_eq!(s.disagreement(None), None);
        let s = settle_points(2.0, Some(&r), Some(2.0), Some(85.0)).unwrap();
        assert_eq!(s.points, Some(2.0));
        assert_eq!(s.disagreement(Some(2.0)), Some(1.0));
        let s = settle_points(2.0, None, None, Some(85.0)).unwrap();
        assert_eq!(s, Settled { points: None, from_rubric: None });
        let levels = Rubric::Levels { levels: vec![] };
        assert_eq!(settle_points(2.0, Some(&levels), None, Some(99.0)).unwrap().points, None);
    }

    #[test]
    fn points_must_lie_within_the_maximum() {
        assert_eq!(settle_points(2.0, None, Some(2.5), None), Err(2.0));
        assert_eq!(settle_points(2.0, None, Some(-0.5), None), Err(2.0));
        assert_eq!(settle_points(2.0, None, Some(2.0), None).unwrap().points, Some(2.0));
        assert_eq!(settle_points(1.5, None, Some(0.0), None).unwrap().points, Some(0.0));
    }

    fn item<'a>(criterion: &'a str, result: &'a str) -> ItemContent<'a> {
        ItemContent { criterion, points: Some(1.5), figure: "", result, evidence: "KH 12", proposal: "" }
    }

    #[test]
    fn content_hash_ignores_row_order_but_not_content() {
        let (a, b) = (item("1.1.1", "Đã xong"), item("1.1.2", "Chưa xong"));
        let mut x = ContentHash::default();
        x.add(&a);
        x.add(&b);
        let mut y = ContentHash::default();
        y.add(&b);
        y.add(&a);
        assert_eq!(x.finish(), y.finish());
        assert_eq!(x.finish().len(), 64);
        let mut z = ContentHash::default();
        z.add(&a);
        z.add(&item("1.1.2", "Chưa xong."));
        assert_ne!(x.finish(), z.finish());
        // Moving text between fields changes the hash (fields are length-prefixed).
        let mut w = ContentHash::default();
        w.add(&ItemContent { result: "Đã", evidence: " xongKH 12", ..a });
        let mut v = ContentHash::default();
        v.add(&a);
        assert_ne!(w.finish(), v.finish());
        assert_ne!(ContentHash::default().finish(), v.finish());
    }
}

#[cfg(test)]
#[path = "selfreport_tests.rs"]
mod boundary_tests;

#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    #[serde(skip)]
    pub id: i64,
    pub round_id: String,
    pub unit_code: String,
    pub revision: i64,
    pub content_hash: String,
    pub file_name: String,
    pub received_on: NaiveDate,
    pub imported_at: String,
    pub is_current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoredItem {
    pub criterion: String,
    pub self_points: Option<f64>,
    pub figure: Option<String>,
    pub figure_pct: Option<f64>,
    pub result: String,
    pub evidence: String,
    pub proposal: String,
}

/// One item to insert, borrowed from the row it was read from.
#[derive(Debug, Clone, Copy)]
pub struct NewItem<'a> {
    pub criterion: &'a str,
    pub points: Option<f64>,
    /// Computed from the figure, not written by the unit.
    pub computed: bool,
    pub figure: &'a str,
    pub percent: Option<f64>,
    pub result: &'a str,
    pub evidence: &'a str,
    pub proposal: &'a str,
}

/// One item of a unit's current self-report revision.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfItemRow {
    pub round_id: String,
    pub unit_code: String,
    pub criterion: String,
    pub self_points: Option<f64>,
    /// The program computed the self points from the figure: the unit wrote none.
    pub computed: bool,
    pub figure: Option<String>,
    pub evidence: String,
    pub proposal: String,
}

/// When a unit first sent its self-report for a round (a later corrected revision does not make it late).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptRow {
    pub round_id: String,
    pub unit_code: String,
    pub first_received: NaiveDate,
    pub revisions: i64,
}
