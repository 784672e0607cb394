//! Micro-benchmarks of the hot paths of an import and a report: header matching, number and date parsing, NFC and
//! accent folding, rubric evaluation, and one self-report row's validation.
//!
//!   cargo bench --bench hot_paths            # all; a name filters: cargo bench --bench hot_paths -- text
//!
//! The row data come from the benchmarks' generator (`support/generator.rs`), one unit's report of every item.

#[path = "support/generator.rs"]
mod generator;

use std::hint::black_box;

use cchc::bench::{self, Rubric};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_normalization::UnicodeNormalization;

const SENTENCE: &str = "Đã ban hành kế hoạch, triển khai đúng tiến độ; một số hồ sơ còn chậm cập nhật";
const UNIT_NAME: &str = "UBND phường Thành Sen (Hà Tĩnh)";

fn header(c: &mut Criterion) {
    let cells = generator::SELFREPORT_COLUMNS;
    assert_eq!(bench::match_selfreport_header(cells.iter().copied()), 7, "every column but STT");
    c.bench_function("header/selfreport 8 columns", |b| {
        b.iter(|| bench::match_selfreport_header(black_box(&cells).iter().copied()))
    });
}

fn parsing(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    g.bench_function("points 7,5", |b| b.iter(|| bench::parse_points(black_box("7,5"))));
    g.bench_function("figure 96/100", |b| b.iter(|| bench::parse_figure(black_box("96/100"))));
    g.bench_function("figure 95%", |b| b.iter(|| bench::parse_figure(black_box("95%"))));
    g.bench_function("date 05/07/2026", |b| b.iter(|| bench::parse_date(black_box("05/07/2026"))));
    g.finish();
}

fn text(c: &mut Criterion) {
    let decomposed: String = SENTENCE.nfd().collect();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(SENTENCE.len() as u64));
    g.bench_function("nfc of NFC text", |b| b.iter(|| bench::nfc(black_box(SENTENCE)).len()));
    g.bench_function("nfc of NFD text", |b| b.iter(|| bench::nfc(black_box(&decomposed)).len()));
    g.bench_function("fold", |b| b.iter(|| bench::fold(black_box(SENTENCE))));
    g.throughput(Throughput::Bytes(UNIT_NAME.len() as u64));
    g.bench_function("fold unit name", |b| b.iter(|| bench::fold(black_box(UNIT_NAME))));
    g.finish();
}

fn rubric(c: &mut Criterion) {
    let catalogue = bench::default_catalogue();
    let ratio = catalogue
        .leaves()
        .find_map(|n| n.rubric.as_ref().filter(|r| matches!(r, Rubric::Ratio { .. })))
        .expect("a ratio rubric in the default catalogue");
    c.bench_function("rubric/points for 96%", |b| b.iter(|| ratio.points_for_percent(black_box(96.0))));
}

fn row(c: &mut Criterion) {
    let catalogue = bench::default_catalogue();
    let leaves = generator::periodic_leaves(include_str!("../criteria/mac-dinh-2026.toml"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tu-kiem-tra.csv");
    let mut csv = Vec::new();
    generator::write_selfreports(&mut csv, 1, &leaves, 2026).expect("generate");
    std::fs::write(&path, csv).expect("write");
    let (columns, rows) = bench::read_selfreport(&path).expect("read");
    let rules = bench::selfreport_rules(&catalogue, vec![generator::unit_code(0)]);
    assert_eq!(bench::check_selfreport(&rules, &columns, &rows), rows.len(), "every generated row is good");
    let mut g = c.benchmark_group("row");
    g.throughput(Throughput::Elements(rows.len() as u64));
    g.bench_function("selfreport validation (one unit's file)", |b| {
        b.iter(|| bench::check_selfreport(&rules, &columns, black_box(&rows)))
    });
    g.finish();
}

criterion_group!(benches, header, parsing, text, rubric, row);
criterion_main!(benches);
