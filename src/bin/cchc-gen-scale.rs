//! `cchc-gen-scale`: builds a national-scale database for the benchmarks (`scripts/bench.sh`, BENCHMARKS.md). It is
//! a program of its own, beside `cchc`, so that the shipped binary carries no benchmark code; the generator lives
//! with the benchmarks under `benches/support/` and reaches the library through `cchc::bench`.

#[path = "../../benches/support/generator.rs"]
mod generator;
#[path = "../../benches/support/scale.rs"]
mod scale;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::Parser;

/// Sinh cơ sở dữ liệu quy mô toàn quốc để đo hiệu năng (scripts/bench.sh)
#[derive(Debug, Parser)]
#[command(name = "cchc-gen-scale")]
struct Args {
    /// Số đơn vị (cấp xã)
    #[arg(long, default_value_t = 3400, value_parser = clap::value_parser!(u32).range(1..=100_000), value_name = "SỐ")]
    pub units: u32,
    /// Hạt giống sinh dữ liệu: cùng hạt giống, cùng dữ liệu
    #[arg(long, default_value_t = 2026, value_name = "SỐ")]
    pub seed: u64,
    /// Năm của các đợt kiểm tra
    #[arg(long, default_value_t = 2026, value_name = "NĂM")]
    pub year: i32,
    /// Tệp cơ sở dữ liệu sẽ tạo (chưa được tồn tại)
    #[arg(long, value_name = "TỆP")]
    pub out: PathBuf,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Lỗi: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  {cause}");
            }
            ExitCode::from(1)
        }
    }
}

fn run(args: Args) -> Result<()> {
    if args.out.exists() {
        bail!("tệp «{}» đã có; hãy chọn tên khác hoặc xoá tệp cũ trước", args.out.display());
    }
    let started = Instant::now();
    let mut conn = cchc::bench::init_database(&args.out)?;
    let params = scale::Params { units: args.units as usize, seed: args.seed, year: args.year };
    let counts = scale::generate(&mut conn, &params)
        .with_context(|| format!("không sinh được dữ liệu vào «{}»", args.out.display()))?;
    eprintln!(
        "Đã sinh {} đơn vị, {} cán bộ, {} phân công, {} đợt, {} nội dung tự kiểm tra, {} điểm thẩm định, \
         {} kết luận, {} bước khắc phục trong {:.1} giây.",
        counts.units,
        counts.officials,
        counts.assignments,
        counts.rounds,
        counts.selfreport_items,
        counts.scores,
        counts.findings,
        counts.events,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
