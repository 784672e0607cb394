//! A national-scale database for the benchmarks: N units (communes) with five officials each and every item
//! assigned, Đợt 1, Đợt 2 and one ad-hoc round per 100 units, every unit's self-report and appraised score for
//! every item of its rounds, about six findings per unit and round with their remediation history, and the audit
//! entries the commands would have written. Deterministic from the seed.
//!
//! Rows go straight into a database `cchc init` created (so the schema is the real one), through one prepared
//! statement per table, in one transaction: the commands would take minutes to enter the same data one by one.
//! Shares the random source, unit names and self-report text with the CSV generator (`generator.rs`, its
//! sibling wherever this file is included: `cchc-gen-scale` includes both by path).

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, Transaction, params};

use super::generator::{self, Leaf, Rng};
use cchc::bench::fold;

#[path = "scale_findings.rs"]
mod findings;
#[path = "scale_scores.rs"]
mod scores;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub units: usize,
    pub seed: u64,
    pub year: i32,
}

/// How many rows of each kind were written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub units: usize,
    pub officials: usize,
    pub assignments: usize,
    pub rounds: usize,
    pub selfreport_items: usize,
    pub scores: usize,
    pub findings: usize,
    pub events: usize,
}

/// Officials of every unit, by position; fields and topics are assigned to one of them (`ANSWERS`).
const POSITIONS: [&str; 5] = [
    "Chủ tịch UBND",
    "Phó Chủ tịch UBND",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hoá - Xã hội",
];
/// (code prefix, index into `POSITIONS`): who answers for a field or an ad-hoc topic.
const ANSWERS: &[(&str, usize)] = &[
    ("1.1.", 0),
    ("1.2.", 3),
    ("1.3.", 2),
    ("1.4.", 4),
    ("1.5.", 4),
    ("1.6.", 1),
    ("1.7.", 2),
    ("2.1", 4),
    ("2.2", 0),
];
const FAMILY: &[&str] =
    &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quang", "Thanh", "Xuân", "Thị Thu"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Lan", "Linh", "Long",
    "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Tuấn", "Vân", "Yến", "Đạt",
];
const TEAM_ROLES: [&str; 3] = ["truong-doan", "thanh-vien", "thu-ky"];
const ADHOC: &[(&str, &str)] = &[
    ("Kỷ luật, kỷ cương hành chính", "Theo chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số {n}/UBND-NC"),
    (
        "Giải quyết hồ sơ đất đai theo phản ánh của người dân",
        "Phản ánh của công dân qua đường dây nóng, phiếu tiếp nhận số {n}/PTN",
    ),
    ("Thái độ phục vụ tại Bộ phận một cửa", "Đơn phản ánh của tổ chức, số {n}/ĐPA"),
];
/// Fills the database: `conn` must hold a fresh `cchc init` (the active catalogue, nothing else).
pub fn generate(conn: &mut Connection, p: &Params) -> rusqlite::Result<Counts> {
    let (hash, content): (String, String) = conn.query_row(
        "SELECT hash, content FROM catalogues WHERE hash = (SELECT value FROM settings WHERE key = 'catalogue_hash')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let periodic = generator::leaves(&content, "periodic");
    let adhoc = generator::leaves(&content, "adhoc");
    // Foreign keys hold by construction (every row refers to rows written before it); checking them row by row
    // would only slow the generator down. The pragma applies between transactions.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let tx = conn.transaction()?;
    let mut g = Gen { tx: &tx, rng: Rng::new(p.seed), p: *p, counts: Counts::default() };
    g.directory(&periodic, &adhoc)?;
    let rounds = g.rounds(&hash)?;
    for round in &rounds {
        let leaves = if round.adhoc { &adhoc } else { &periodic };
        scores::write(&mut g, round, leaves)?;
        findings::write(&mut g, round, leaves)?;
    }
    let counts = g.counts;
    tx.commit()?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(counts)
}

/// The generator's state while it writes.
pub(super) struct Gen<'t> {
    pub tx: &'t Transaction<'t>,
    pub rng: Rng,
    pub p: Params,
    pub counts: Counts,
}

/// A round as generated: what the later tables need of it.
pub(super) struct GenRound {
    pub id: String,
    pub adhoc: bool,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: NaiveDate,
    /// Unit indexes the round covers.
    pub units: Vec<usize>,
    /// The round after it (id, start), where its findings' remediation is verified.
    pub next: Option<(String, NaiveDate)>,
}

pub(super) fn official_code(unit: usize, position: usize) -> String {
    format!("CB{:06}", unit * POSITIONS.len() + position + 1)
}

/// Who answers for an item at a unit.
pub(super) fn answering(unit: usize, criterion: &str) -> String {
    let position = ANSWERS.iter().find(|(prefix, _)| criterion.starts_with(prefix)).map_or(0, |a| a.1);
    official_code(unit, position)
}

pub(super) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

pub(super) fn plus(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

pub(super) fn at(day: NaiveDate, hour: usize) -> String {
    format!("{day}T{:02}:{:02}:00", 7 + hour % 10, (hour * 7) % 60)
}

impl Gen<'_> {
    pub fn person(&mut self) -> String {
        format!("{} {} {}", self.rng.pick(FAMILY), self.rng.pick(MIDDLE), self.rng.pick(GIVEN))
    }

    pub fn audit(
        &mut self,
        at: &str,
        action: &str,
        entity: &str,
        id: &str,
        round: Option<&str>,
        new: &str,
    ) -> rusqlite::Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, round_id, old_value, new_value)
             VALUES (?1, 'thư ký', ?2, ?3, ?4, ?5, NULL, ?6)",
        )?;
        stmt.execute(params![at, action, entity, id, round, new])?;
        Ok(())
    }

    /// Units, their officials, and every item of the catalogue assigned to one of them.
    fn directory(&mut self, periodic: &[Leaf], adhoc: &[Leaf]) -> rusqlite::Result<()> {
        let mut unit = self.tx.prepare("INSERT INTO units (code, name, kind, name_folded) VALUES (?1, ?2, ?3, ?4)")?;
        let mut official = self.tx.prepare(
            "INSERT INTO officials (code, name, position, unit_code, name_folded) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for n in 0..self.p.units {
            let (code, name) = (generator::unit_code(n), generator::unit_name(&mut self.rng));
            let kind = if name.contains("phường") { "ubnd-phuong" } else { "ubnd-xa" };
            unit.execute(params![code, name, kind, fold(&name)])?;
            for (i, position) in POSITIONS.iter().enumerate() {
                let name = self.person();
                official.execute(params![official_code(n, i), name, position, code, fold(&name)])?;
            }
        }
        self.counts.units = self.p.units;
        self.counts.officials = self.p.units * POSITIONS.len();
        // Item by item: the table's key order, so each insert appends to the B-tree.
        let mut assign =
            self.tx.prepare("INSERT INTO assignments (criterion, unit_code, official_code) VALUES (?1, ?2, ?3)")?;
        let mut codes: Vec<&str> = periodic.iter().chain(adhoc).map(|l| l.code.as_str()).collect();
        codes.sort_unstable();
        for criterion in codes {
            for n in 0..self.p.units {
                assign.execute(params![criterion, generator::unit_code(n), answering(n, criterion)])?;
            }
        }
        self.counts.assignments = self.p.units * (periodic.len() + adhoc.len());
        let import = format!(r#"{{"rows":{}}}"#, self.p.units);
        for entity in ["unit", "official", "assignment"] {
            self.audit(&at(date(self.p.year, 1, 15), 1), "import", entity, "tệp", None, &import)?;
        }
        Ok(())
    }

    /// Đợt 1, Đợt 2 (plan dates) and one ad-hoc round per 100 units, each over a few units, spread over the year.
    fn rounds(&mut self, hash: &str) -> rusqlite::Result<Vec<GenRound>> {
        let year = self.p.year;
        let all: Vec<usize> = (0..self.p.units).collect();
        let mut rounds = vec![
            GenRound {
                id: format!("{year}-dot1"),
                adhoc: false,
                start: date(year, 7, 1),
                end: date(year, 7, 10),
                due: date(year, 6, 26),
                units: all.clone(),
                next: Some((format!("{year}-dot2"), date(year, 10, 20))),
            },
            GenRound {
                id: format!("{year}-dot2"),
                adhoc: false,
                start: date(year, 10, 20),
                end: date(year, 10, 25),
                due: date(year, 10, 15),
                units: all,
                next: None,
            },
        ];
        let adhoc_count = self.p.units.div_ceil(100).max(1);
        let mut round = self.tx.prepare(
            "INSERT INTO rounds (id, kind, year, seq, start_date, end_date, selfreport_due, topic, reason, status,
                 catalogue_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'closed', ?10, ?11)",
        )?;
        let mut scope = self.tx.prepare("INSERT INTO round_units (round_id, unit_code) VALUES (?1, ?2)")?;
        let mut team =
            self.tx.prepare("INSERT INTO round_team (round_id, name, role, unit_code) VALUES (?1, ?2, ?3, NULL)")?;
        for (kind, r) in [("dot1", &rounds[0]), ("dot2", &rounds[1])] {
            let created = at(date(year, 6, 1), 0);
            round.execute(params![
                r.id,
                kind,
                year,
                1,
                r.start.to_string(),
                r.end.to_string(),
                r.due.to_string(),
                None::<String>,
                None::<String>,
                hash,
                created
            ])?;
        }
        for seq in 1..=adhoc_count {
            // Spread over February–December, clear of the periodic rounds' dates.
            let start = plus(date(year, 2, 1), (seq as u64 * 307 / adhoc_count as u64) % 300);
            let (topic, why) = *self.rng.pick(ADHOC);
            let reason = why.replace("{n}", &(100 + self.rng.below(900)).to_string());
            let mut units: Vec<usize> = (0..3).map(|_| self.rng.below(self.p.units)).collect();
            units.sort_unstable();
            units.dedup();
            let id = format!("{year}-dx{seq}");
            round.execute(params![
                id,
                "dot-xuat",
                year,
                seq as i64,
                start.to_string(),
                plus(start, 2).to_string(),
                start.to_string(),
                topic,
                reason,
                hash,
                at(start, seq)
            ])?;
            for &n in &units {
                scope.execute(params![id, generator::unit_code(n)])?;
            }
            rounds.push(GenRound { id, adhoc: true, start, end: plus(start, 2), due: start, units, next: None });
        }
        for r in &rounds {
            for role in TEAM_ROLES {
                let name = self.person();
                team.execute(params![r.id, name, role])?;
            }
            self.audit(&at(r.start, 0), "add", "round", &r.id, Some(&r.id), r#"{"status":"planned"}"#)?;
            self.audit(&at(r.end, 9), "status", "round", &r.id, Some(&r.id), r#"{"status":"closed"}"#)?;
        }
        self.counts.rounds = rounds.len();
        Ok(rounds)
    }
}
