//! The self-report part of `cchc demo`: the example ward's units send their reports, some late, one corrected.

use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::commands::selfreport::import;
use crate::context::Context;
use crate::import::Encoding;

/// One self-report of the example ward: the file, the day it was imported and, when it came by post, the day it
/// was received.
struct DemoFile {
    round: &'static str,
    name: &'static str,
    bytes: &'static [u8],
    imported: (i32, u32, u32),
    received: Option<&'static str>,
}

macro_rules! demo_file {
    ($round:literal, $name:literal, $imported:expr, $received:expr) => {
        DemoFile {
            round: $round,
            name: $name,
            bytes: include_bytes!(concat!("../../../examples/thanh-sen/tu-kiem-tra/", $name)),
            imported: $imported,
            received: $received,
        }
    };
}

/// Đợt 1 is due 26/06/2026 and Đợt 2 15/10/2026: VHXH's Đợt 1 report and TTPVHCC's Đợt 2 report come in late;
/// VP corrects its Đợt 1 report once (a second revision).
const DEMO_FILES: &[DemoFile] = &[
    demo_file!("2026-dot1", "vp-dot1.csv", (2026, 6, 22), None),
    demo_file!("2026-dot1", "vp-dot1-sua.csv", (2026, 6, 24), None),
    demo_file!("2026-dot1", "ttpvhcc-dot1.xlsx", (2026, 6, 25), None),
    demo_file!("2026-dot1", "kt-dot1.csv", (2026, 6, 26), None),
    demo_file!("2026-dot1", "vhxh-dot1.csv", (2026, 6, 30), Some("29/06/2026")),
    demo_file!("2026-dot2", "vp-dot2-windows-1258.csv", (2026, 10, 13), None),
    demo_file!("2026-dot2", "kt-dot2-utf16.txt", (2026, 10, 14), None),
    demo_file!("2026-dot2", "vhxh-dot2.csv", (2026, 10, 15), None),
    demo_file!("2026-dot2", "ttpvhcc-dot2.csv", (2026, 10, 19), Some("16/10/2026")),
];

/// Imports the example ward's self-reports into the demo database, each on the day it arrived, after the rounds
/// have been created; the files are written to `inputs` so the user can open them.
/// Imports the demo's self-reports for `round`, each on the day it came in.
pub fn demo(ctx: &Context, inputs: &Path, round: &str) -> Result<()> {
    let folder = inputs.join("tu-kiem-tra");
    std::fs::create_dir_all(&folder).with_context(|| format!("Không tạo được thư mục «{}»", folder.display()))?;
    for file in DEMO_FILES.iter().filter(|f| f.round == round) {
        let path = folder.join(file.name);
        super::write_file(ctx, &path, file.bytes)?;
        let (y, m, d) = file.imported;
        let day = NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or(ctx.now);
        let on_the_day =
            Context { db_path: ctx.db_path.clone(), actor: ctx.actor.clone(), now: day, replaying: ctx.replaying };
        let received = file.received.map(crate::domain::date::parse).transpose().map_err(anyhow::Error::msg)?;
        let args = import::ImportArgs {
            round: file.round.to_owned(),
            files: vec![path],
            unit: None,
            encoding: Encoding::Auto,
            dry_run: false,
            strict: false,
            allow_other_round: false,
            received,
        };
        import::run(&on_the_day, args)?;
    }
    Ok(())
}
