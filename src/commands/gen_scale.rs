//! `cchc gen-scale` (hidden from `--help`): builds a national-scale database for the benchmarks
//! (`scripts/bench.sh`, BENCHMARKS.md). The generator lives with the benchmarks under `benches/support/`; it is
//! included here so that the script needs nothing but the release binary.

#[path = "../../benches/support/generator.rs"]
mod generator;
#[path = "../../benches/support/scale.rs"]
mod scale;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::Args;

use crate::commands::init::{self, InitArgs};
use crate::context::Context;

#[derive(Debug, Args)]
pub struct GenScaleArgs {
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

pub fn run(ctx: &Context, args: GenScaleArgs) -> Result<()> {
    if args.out.exists() {
        bail!("tệp «{}» đã có; hãy chọn tên khác hoặc xoá tệp cũ trước", args.out.display());
    }
    let started = Instant::now();
    let target =
        Context { db_path: args.out.clone(), actor: ctx.actor.clone(), now: ctx.now, replaying: ctx.replaying };
    init::run(&target, InitArgs { catalogue: None, ward: None, province: None })?;
    let mut store = target.store()?;
    let params = scale::Params { units: args.units as usize, seed: args.seed, year: args.year };
    let counts = scale::generate(&mut store.conn, &params)
        .with_context(|| format!("không sinh được dữ liệu vào «{}»", args.out.display()))?;
    ctx.info(format!(
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
    ));
    Ok(())
}
