//! Timing of a self-report-sized file. Run in release:
//! `cargo test --release -- --ignored --nocapture bench_`

use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

use super::encoding_tests::to_cp1258;
use super::*;

const ROWS: usize = 510_000;

/// The self-report's own columns: the benchmark reads what the import reads.
const SPECS: &[ColumnSpec] = selfreport::COLUMNS;

fn line(i: usize) -> String {
    format!(
        "{i},UBND-{:04},1.{}.{},{},{}/100,\"Đã ban hành kế hoạch, triển khai đúng tiến độ\",\
         Kế hoạch số {}/KH-UBND ngày 05/07/2026,Không có vướng mắc,{}\n",
        i % 3400,
        i % 7 + 1,
        i % 9 + 1,
        if i.is_multiple_of(2) { "\"7,5\"" } else { "8" },
        i % 101,
        i % 500,
        i % 10
    )
}

/// Peak resident memory since the last reset, in MiB (Linux only).
fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// CPU time of this thread (Linux only); wall time suffers on a busy machine.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn time_read(path: &std::path::Path, enc: Encoding) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let cpu = cpu_time();
    let start = Instant::now();
    let mut r = TableReader::open(path, enc, SPECS).unwrap();
    let mut row = Row::new();
    let (mut n, mut bytes) = (0u64, 0usize);
    while r.next_row(&mut row).unwrap() {
        n += 1;
        for spec in SPECS {
            bytes += row.get(spec.key).map_or(0, str::len);
        }
    }
    let took = start.elapsed();
    let cpu = cpu_time().zip(cpu).map(|(b, a)| b.saturating_sub(a));
    let size = r.progress().1 as f64 / 1e6;
    eprintln!(
        "{}: {n} rows, {size:.1} MB in {took:.2?} wall, {cpu:.2?} CPU ({:.0} MB/s), \
         peak RSS {:?} MiB, {bytes} value bytes",
        r.encoding_used(),
        size / took.as_secs_f64(),
        peak_mib()
    );
    assert_eq!(n, ROWS as u64);
}

fn generate(utf8: &std::path::Path, cp: &std::path::Path) {
    let header = "STT,Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Số liệu,Kết quả thực hiện,\
                  Tài liệu kiểm chứng,\"Khó khăn, vướng mắc, đề xuất\",Ghi chú\n";
    let mut w8 = BufWriter::new(std::fs::File::create(utf8).unwrap());
    let mut wc = BufWriter::new(std::fs::File::create(cp).unwrap());
    w8.write_all(header.as_bytes()).unwrap();
    wc.write_all(&to_cp1258(header)).unwrap();
    for i in 0..ROWS {
        let l = line(i);
        w8.write_all(l.as_bytes()).unwrap();
        wc.write_all(&to_cp1258(&l)).unwrap();
    }
    w8.flush().unwrap();
    wc.flush().unwrap();
}

/// The generated files: (UTF-8, Windows-1258). CCHC_BENCH_DIR keeps them
/// between runs (for profiling).
fn files() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("CCHC_BENCH_DIR").map_or(tmp.path().to_owned(), Into::into);
    let utf8 = dir.join("big.csv");
    let cp = dir.join("big-1258.csv");
    if !utf8.exists() || !cp.exists() {
        generate(&utf8, &cp);
    }
    (tmp, utf8, cp)
}

#[test]
#[ignore = "timing; run in release"]
fn bench_read_utf8() {
    let (_tmp, utf8, _) = files();
    time_read(&utf8, Encoding::Auto);
    time_read(&utf8, Encoding::Utf8);
}

#[test]
#[ignore = "timing; run in release"]
fn bench_read_windows_1258() {
    let (_tmp, _, cp) = files();
    time_read(&cp, Encoding::Auto);
    time_read(&cp, Encoding::Windows1258);
}

#[test]
#[ignore = "timing; run in release"]
fn bench_read_xlsx() {
    const XLSX_ROWS: u32 = 100_000;
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("CCHC_BENCH_DIR").map_or(tmp.path().to_owned(), Into::into);
    let path = dir.join("big.xlsx");
    if !path.exists() {
        write_xlsx(&path, XLSX_ROWS);
    }
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = Instant::now();
    // The sheet holds only the first three columns (and a result, not read).
    let specs = SPECS.get(..3).unwrap();
    let mut reader = TableReader::open(&path, Encoding::Auto, specs).unwrap();
    let mut row = Row::new();
    let mut n = 0u64;
    while reader.next_row(&mut row).unwrap() {
        n += u64::from(row.get("diem_tu_cham").is_some());
    }
    eprintln!(
        "XLSX: {n} rows, {:.1} MB file in {:.2?}, peak RSS {:?} MiB",
        reader.progress().1 as f64 / 1e6,
        start.elapsed(),
        peak_mib()
    );
    assert_eq!(n, u64::from(XLSX_ROWS));
}

fn write_xlsx(path: &std::path::Path, rows: u32) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = ["STT", "Mã đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Kết quả thực hiện"];
    for (c, h) in (0u16..).zip(header) {
        sheet.write_string(0, c, h).unwrap();
    }
    for r in 1..=rows {
        sheet.write_number(r, 0, r).unwrap();
        sheet.write_string(r, 1, format!("UBND-{:04}", r % 3400)).unwrap();
        sheet.write_string(r, 2, format!("1.{}.{}", r % 7 + 1, r % 9 + 1)).unwrap();
        sheet.write_number(r, 3, f64::from(r % 20) / 2.0).unwrap();
        sheet.write_string(r, 4, "Đã ban hành kế hoạch, triển khai đúng tiến độ").unwrap();
    }
    book.save(path).unwrap();
}
