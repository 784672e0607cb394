//! Deterministic generator of a large ward (or province) for import benchmarks and tests: units, assignments and
//! self-report CSV files with realistic Vietnamese text, the same bytes for the same seed on every machine.
//!
//! Shared (`#[path]`-included) by `benches/selfreport_import.rs`, `benches/hot_paths.rs` and `cchc-gen-scale`; the
//! benchmarks cannot reach the program's private modules, so it depends only on `std` and `toml` and reads the
//! catalogue TOML itself.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{self, Write};

/// SplitMix64: tiny, fast and identical everywhere, which is all a data generator needs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// An assessable item of the catalogue, as much as the generator needs.
#[derive(Debug, Clone)]
pub struct Leaf {
    pub code: String,
    pub max_points: f64,
    /// `(at_least %, points)` for ratio rubrics, best first.
    pub thresholds: Vec<(f64, f64)>,
    /// `(label, points)` for level rubrics.
    pub levels: Vec<(String, f64)>,
    pub evidence: Vec<String>,
}

impl Leaf {
    /// What a ratio rubric gives for a percentage: the points of the highest threshold reached (`None` without one).
    pub fn points_for_percent(&self, percent: f64) -> Option<f64> {
        self.thresholds.iter().filter(|t| percent + 1e-9 >= t.0).map(|t| t.1).reduce(f64::max)
    }
}

/// The periodic leaves of a catalogue TOML, in file order.
pub fn periodic_leaves(toml_text: &str) -> Vec<Leaf> {
    leaves(toml_text, "periodic")
}

/// The leaves of one kind (`periodic`, `adhoc`) of a catalogue TOML, in file order.
pub fn leaves(toml_text: &str, kind: &str) -> Vec<Leaf> {
    let doc: toml::Table = toml_text.parse().expect("catalogue TOML");
    let nodes = doc["nodes"].as_array().expect("nodes");
    let code_of = |n: &toml::Value| n["code"].as_str().unwrap_or_default().to_owned();
    let parents: std::collections::HashSet<String> =
        nodes.iter().filter_map(|n| code_of(n).rsplit_once('.').map(|(p, _)| p.to_owned())).collect();
    let num = |v: &toml::Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)).unwrap_or(0.0);
    nodes
        .iter()
        .filter(|n| n.get("kind").and_then(|k| k.as_str()) == Some(kind) && !parents.contains(&code_of(n)))
        .map(|n| {
            let rubric = n.get("rubric");
            let list =
                |key: &str| rubric.and_then(|r| r.get(key)).and_then(|l| l.as_array()).cloned().unwrap_or_default();
            Leaf {
                code: code_of(n),
                max_points: n.get("max_points").map(num).unwrap_or(0.0),
                thresholds: list("thresholds").iter().map(|t| (num(&t["at_least"]), num(&t["points"]))).collect(),
                levels: list("levels")
                    .iter()
                    .map(|l| (l["label"].as_str().unwrap_or_default().to_owned(), num(&l["points"])))
                    .collect(),
                evidence: n
                    .get("evidence")
                    .and_then(|e| e.as_array())
                    .map(|e| e.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

const SYLLABLES: &[&str] = &[
    "An",
    "Bình",
    "Cẩm",
    "Đức",
    "Hà",
    "Hoà",
    "Hồng",
    "Hương",
    "Kỳ",
    "Lộc",
    "Mỹ",
    "Nam",
    "Phú",
    "Quang",
    "Sơn",
    "Tân",
    "Thạch",
    "Thành",
    "Thiên",
    "Tiến",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Yên",
    "Lĩnh",
    "Nghi",
    "Cương",
    "Gián",
    "Khánh",
    "Long",
    "Phúc",
    "Thịnh",
    "Hưng",
    "Đồng",
    "Trường",
    "Việt",
];

/// Unit code `DV00001`… (the nth unit, 0-based).
pub fn unit_code(n: usize) -> String {
    format!("DV{:05}", n + 1)
}

pub fn unit_name(rng: &mut Rng) -> String {
    let kind = if rng.chance(30) { "phường" } else { "xã" };
    format!("UBND {kind} {} {}", rng.pick(SYLLABLES), rng.pick(SYLLABLES))
}

/// `units.csv` of `count` units.
pub fn write_units(out: &mut impl Write, count: usize, seed: u64) -> io::Result<()> {
    let mut rng = Rng::new(seed ^ 0x756E_6974);
    writeln!(out, "ma_don_vi,ten_don_vi,loai")?;
    for n in 0..count {
        writeln!(out, "{},{},to-chuc-hanh-chinh", unit_code(n), unit_name(&mut rng))?;
    }
    Ok(())
}

/// `assignments.csv`: every leaf assigned to every unit (each commune answers for every item).
pub fn write_assignments(out: &mut impl Write, count: usize, leaves: &[Leaf]) -> io::Result<()> {
    writeln!(out, "ma_tieu_chi,ma_don_vi")?;
    for n in 0..count {
        let unit = unit_code(n);
        for leaf in leaves {
            writeln!(out, "{},{unit}", leaf.code)?;
        }
    }
    Ok(())
}

const DONE: &[&str] = &[
    "Đã ban hành kế hoạch, triển khai đúng tiến độ",
    "Thực hiện nghiêm túc, đôn đốc kịp thời",
    "Hoàn thành đúng hạn, hồ sơ đầy đủ",
    "Đã rà soát, công khai trên Trang thông tin điện tử",
    "Triển khai đồng bộ, người dân hài lòng",
    "Thực hiện thường xuyên, báo cáo định kỳ",
];
const SHORT: &[&str] = &[
    "Một số hồ sơ còn chậm cập nhật",
    "Chưa số hoá hết tài liệu giai đoạn trước",
    "Nhân lực kiêm nhiệm nhiều việc",
    "Đường truyền còn chập chờn vào giờ cao điểm",
];
const ASK: &[&str] = &[
    "Đề nghị UBND phường bố trí kinh phí nâng cấp trang thiết bị công nghệ thông tin",
    "Đề nghị tổ chức tập huấn nghiệp vụ lưu trữ số cho công chức",
    "Kiến nghị tỉnh sớm hoàn thiện kết nối liên thông các hệ thống dùng chung",
    "Đề nghị bổ sung biên chế cho bộ phận một cửa",
];
const DOCS: &[&str] = &["KH-UBND", "BC-UBND", "QĐ-UBND", "TB-UBND", "CV-VP"];

/// Points as a Vietnamese office writes them: decimal comma.
fn points(p: f64) -> String {
    let text = format!("{p}");
    text.replace('.', ",")
}

/// Appends CSV fields, comma-separated, each quoted when it must be.
fn fields(line: &mut String, values: &[&str]) {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        if value.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&value.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(value);
        }
    }
}

/// The self-report template's header cells.
pub const SELFREPORT_COLUMNS: [&str; 8] = [
    "STT",
    "Mã đơn vị",
    "Mã tiêu chí",
    "Điểm tự chấm",
    "Số liệu",
    "Kết quả thực hiện",
    "Tài liệu kiểm chứng",
    "Khó khăn, vướng mắc, đề xuất",
];

/// One unit's row for one leaf: (points, figure, result, evidence, proposal).
pub fn item(rng: &mut Rng, leaf: &Leaf) -> (String, String, String, String, String) {
    let (mut pts, figure) = if leaf.thresholds.is_empty() {
        let level = if leaf.levels.is_empty() || rng.chance(70) { 0 } else { rng.below(leaf.levels.len()) };
        (leaf.levels.get(level).map_or(leaf.max_points, |l| l.1), String::new())
    } else {
        let den = 20 + rng.below(400);
        let num = den - rng.below(den / 5 + 1);
        let (pct, figure) = if rng.chance(80) {
            (num as f64 * 100.0 / den as f64, format!("{num}/{den}"))
        } else {
            let pct = (num * 100 / den) as f64;
            (pct, format!("{pct}%"))
        };
        (leaf.points_for_percent(pct).unwrap_or(0.0).max(0.0), figure)
    };
    pts = pts.min(leaf.max_points);
    // Ratio items often leave the points to the rubric.
    let points_text = if !figure.is_empty() && rng.chance(30) { String::new() } else { points(pts) };
    let mut result = String::from(*rng.pick(DONE));
    if pts < leaf.max_points {
        let _ = write!(result, "; {}", rng.pick(SHORT).to_lowercase());
    }
    let doc = format!(
        "số {}/{} ngày {:02}/{:02}/2026",
        1 + rng.below(250),
        rng.pick(DOCS),
        1 + rng.below(28),
        1 + rng.below(6)
    );
    let evidence = match leaf.evidence.first() {
        Some(_) if rng.chance(40) => format!("{} ({doc})", rng.pick(&leaf.evidence)),
        _ => format!("Văn bản {doc}"),
    };
    let proposal = if rng.chance(12) { String::from(*rng.pick(ASK)) } else { String::new() };
    (points_text, figure, result, evidence, proposal)
}

/// A self-report CSV of `count` units (every periodic leaf each), grouped by unit; returns the row count.
pub fn write_selfreports(out: &mut impl Write, count: usize, leaves: &[Leaf], seed: u64) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut line = String::with_capacity(512);
    fields(&mut line, &SELFREPORT_COLUMNS);
    writeln!(out, "{line}")?;
    let mut rows = 0u64;
    for n in 0..count {
        let unit = unit_code(n);
        for leaf in leaves {
            rows += 1;
            let (pts, figure, result, evidence, proposal) = item(&mut rng, leaf);
            line.clear();
            let _ = write!(line, "{rows},{unit},{},", leaf.code);
            fields(&mut line, &[&pts, &figure, &result, &evidence, &proposal]);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(rows)
}
