//! `cchc selfreport import`: every file checked in full, good rows inserted as they are read (the reader runs on
//! its own thread, the database writer on this one), all in one transaction that is rolled back on any problem.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::commands::args::parse_date;
use crate::context::Context;
use crate::domain::date;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::round::RoundStatus;
use crate::domain::schedule::{Slot, due_for};
use crate::domain::selfreport::Timeliness;
use crate::import::selfreport::read::{Batch, Observer, Outcome as ReadOutcome, Sink, Stopped, read_all};
use crate::import::selfreport::{ProblemList, Rules, UnitDone};
use crate::import::{Encoding, Rejected, display_name};
use crate::messages;
use crate::messages::warn;
use crate::store::assignments;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::selfreports::{Opened, Outcome, Writer};
use crate::store::{Tx, catalogues, findings, schedule, units};

/// Batches in flight between the reader and the writer: enough to keep both busy, few enough to bound memory.
const IN_FLIGHT: usize = 4;
/// Warnings printed in full; the rest are counted.
const WARNINGS_SHOWN: usize = 20;
/// Up to this many units, each new revision gets a line of its own.
const UNITS_LISTED: usize = 20;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Tệp CSV, XLSX hoặc ODS (một hoặc nhiều tệp, nhập cùng một lần: tất cả hoặc không gì cả)
    #[arg(required = true, value_name = "TỆP")]
    pub files: Vec<PathBuf>,
    /// Đơn vị của cả tệp (mã hoặc tên), khi tệp không có cột Mã đơn vị
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Bảng mã của tệp CSV: auto, utf-8, utf-16, windows-1258, tcvn3, vni, viscii
    #[arg(long, default_value = "auto", value_name = "BẢNG_MÃ")]
    pub encoding: Encoding,
    /// Chỉ kiểm tra và cho biết sẽ thay đổi gì, không ghi
    #[arg(long)]
    pub dry_run: bool,
    /// Từ chối cả những nội dung không được phân công cho đơn vị, và tệp thiếu nội dung được phân công (mặc định
    /// chỉ cảnh báo)
    #[arg(long)]
    pub strict: bool,
    /// Vẫn nhập khi tệp là mẫu báo cáo của một đợt khác (mặc định: từ chối)
    #[arg(long)]
    pub allow_other_round: bool,
    /// Ngày nhận báo cáo dd/mm/yyyy (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub received: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let round = rounds::get(&store.conn, &args.round)?;
    round.ensure_open()?;
    let catalogue = catalogues::get(&store.conn, &round.catalogue_hash)?;
    let scope = rounds::scope(&store.conn, &round.id)?;
    let codes = units::list(&store.conn)?.into_iter().map(|u| u.code).collect();
    let mut rules = Rules::new(&round.id, round.kind != RoundKind::DotXuat, &catalogue, codes, &scope);
    if let Some(query) = &args.unit {
        let (code, _) = resolve(&store.conn, Directory::Units, query)?;
        match rules.unit(&code) {
            Some(unit) if rules.in_scope(unit) => rules.fixed_unit = Some(unit),
            _ => bail!(
                "đơn vị {code} không thuộc phạm vi kiểm tra của đợt {} (xem `cchc round show {}`)",
                round.id,
                round.id
            ),
        }
    }
    rules.strict = args.strict;
    rules.allow_other_round = args.allow_other_round;
    assignments::for_each(&store.conn, |unit, criterion, _| rules.assign(unit, criterion))?;
    let received = args.received.unwrap_or_else(|| ctx.today());
    if received > ctx.today() {
        warn(format!(
            "ngày nhận {} ở sau ngày hôm nay ({}); hãy kiểm tra lại --received",
            date::format(received),
            date::format(ctx.today())
        ));
    }

    let progress = Progress::new(ctx);
    // Foreign keys hold by construction in this transaction: each item goes into a revision row inserted just
    // before it, for a round and units read from the database. Checked row by row they would make SQLite keep a
    // statement journal for every multi-row insert, a third of the writer's time. (Tests run
    // `PRAGMA foreign_key_check` after imports.) The pragma only applies between transactions.
    store.conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = store.transaction(!args.dry_run, |tx| {
        // The round may have been closed since it was read above.
        rounds::ensure_open_in(tx, &round.id)?;
        let summary = pipeline(tx, &rules, &args, received, &progress)?;
        // Nothing new: roll back, so that the file stays as it was to the byte.
        if summary.created.is_empty() && !args.dry_run {
            return Err(anyhow::Error::new(NothingChanged(summary)));
        }
        Ok(summary)
    });
    store.conn.pragma_update(None, "foreign_keys", "ON")?;
    progress.bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(err) => match err.downcast::<NothingChanged>() {
            Ok(NothingChanged(summary)) => summary,
            Err(err) => return Err(err),
        },
    };
    let slots = schedule::list(&store.conn, &round.id)?;
    report(ctx, &summary, (&round, &slots), &rules, received, args.dry_run);
    Ok(())
}

#[derive(Debug, thiserror::Error)]
#[error("không có gì thay đổi")]
struct NothingChanged(Summary);

#[derive(Debug, Default)]
struct Summary {
    rows: u64,
    files: usize,
    /// (unit, revision, replaced revision)
    created: Vec<(u32, i64, Option<i64>)>,
    /// (unit, current revision)
    unchanged: Vec<(u32, i64)>,
    warnings: ProblemList,
    /// Kiến nghị findings created from the units' proposals.
    proposals: usize,
}

enum Event {
    Batch(Batch),
    FileDone(usize, Vec<UnitDone>),
}

struct ChannelSink {
    events: SyncSender<Event>,
    spare: Receiver<Batch>,
}

impl Sink for ChannelSink {
    fn batch(&mut self, batch: Batch) -> Result<Batch, Stopped> {
        self.events.send(Event::Batch(batch)).map_err(|_| Stopped)?;
        Ok(self.spare.try_recv().unwrap_or_default())
    }

    fn file_done(&mut self, file: usize, units: Vec<UnitDone>) -> Result<(), Stopped> {
        self.events.send(Event::FileDone(file, units)).map_err(|_| Stopped)
    }
}

/// Reads on a scoped thread while this one writes; problems found by the reader win over the writer's results.
fn pipeline(tx: &Tx, rules: &Rules, args: &ImportArgs, received: NaiveDate, progress: &Progress) -> Result<Summary> {
    let mut writer = Writer::new(tx, &rules.round_id, received)?;
    let names: Vec<String> = args.files.iter().map(|p| display_name(p)).collect();
    std::thread::scope(|scope| {
        let (events, incoming) = mpsc::sync_channel(IN_FLIGHT);
        let (spare_out, spare) = mpsc::channel();
        let reader = scope.spawn(move || {
            let mut sink = ChannelSink { events, spare };
            read_all(rules, &args.files, args.encoding, &mut sink, progress)
        });
        let written = write_all(&mut writer, rules, &names, incoming, spare_out);
        let read: ReadOutcome =
            reader.join().map_err(|_| anyhow!("lỗi nội bộ khi đọc tệp; chưa ghi gì vào cơ sở dữ liệu"))?;
        if !read.rejected.is_empty() {
            return Err(anyhow::Error::new(Rejections(read.rejected)));
        }
        let mut summary = written?;
        writer.check_links()?;
        // Difficulties and proposals become kiến nghị findings when the team starts the round (`round start`);
        // a report that arrives while the round is under way gets them at once.
        if !summary.created.is_empty() && rounds::get(tx, &rules.round_id)?.status == RoundStatus::InProgress {
            summary.proposals = findings::sync_proposals(tx, &rules.round_id)?;
        }
        summary.rows = read.rows;
        summary.files = args.files.len();
        summary.warnings = read.warnings;
        Ok(summary)
    })
}

/// Inserts every batch, opening each unit's revision at its first row and closing it when its file is done.
fn write_all(
    writer: &mut Writer,
    rules: &Rules,
    names: &[String],
    incoming: Receiver<Event>,
    spare: Sender<Batch>,
) -> Result<Summary> {
    let mut open: Vec<Option<Opened>> = vec![None; rules.unit_count()];
    let mut summary = Summary::default();
    for event in incoming {
        match event {
            Event::Batch(mut batch) => {
                let name = names.get(batch.file).map_or("", String::as_str);
                let mut items = Vec::with_capacity(batch.len());
                for item in batch.iter() {
                    let Some(slot) = open.get_mut(item.unit as usize) else { continue };
                    let opened = match *slot {
                        Some(opened) => opened,
                        None => *slot.insert(writer.open(rules.unit_code(item.unit), name)?),
                    };
                    items.push((opened.id, item.to_new(rules.criterion(item.leaf))));
                }
                writer.insert(&items)?;
                batch.clear();
                // The reader may be done already; the batch is then simply dropped.
                let _ = spare.send(batch);
            }
            Event::FileDone(file, units) => {
                let name = names.get(file).map_or("", String::as_str);
                for done in units {
                    let Some(opened) = open.get_mut(done.unit as usize).and_then(Option::take) else { continue };
                    match writer.close(opened, rules.unit_code(done.unit), name, &done.hash, done.rows)? {
                        Outcome::New { revision, replaced } => summary.created.push((done.unit, revision, replaced)),
                        Outcome::Unchanged { revision } => summary.unchanged.push((done.unit, revision)),
                    }
                }
            }
        }
    }
    Ok(summary)
}

/// Every rejected file, each with all its problems.
#[derive(Debug, thiserror::Error)]
struct Rejections(Vec<Rejected>);

impl std::fmt::Display for Rejections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, rejected) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{rejected}")?;
        }
        Ok(())
    }
}

fn report(
    ctx: &Context,
    summary: &Summary,
    (round, slots): (&Round, &[Slot]),
    rules: &Rules,
    received: NaiveDate,
    dry_run: bool,
) {
    for warning in summary.warnings.list.iter().take(WARNINGS_SHOWN) {
        warn(warning.to_string());
    }
    let more = summary.warnings.len().saturating_sub(WARNINGS_SHOWN);
    if more > 0 {
        warn(format!("… và {more} cảnh báo khác."));
    }
    if summary.created.len() <= UNITS_LISTED {
        for &(unit, revision, replaced) in &summary.created {
            // Each unit's own deadline: five days before its inspection slot, else the round's.
            let timeliness =
                Timeliness::of(received, due_for(slots, &round.id, rules.unit_code(unit), round.selfreport_due));
            let replaced = replaced.map(|r| format!(", thay bản {r}")).unwrap_or_default();
            ctx.info(format!(
                "  {}: bản {revision}{replaced}, nhận ngày {} ({})",
                rules.unit_code(unit),
                date::format(received),
                timeliness.label()
            ));
        }
    }
    if summary.unchanged.len() <= UNITS_LISTED {
        for &(unit, revision) in &summary.unchanged {
            ctx.info(format!("  {}: giống bản {revision} đã nhập, không có gì thay đổi", rules.unit_code(unit)));
        }
    }
    let lead = if dry_run { "Chạy thử (chưa ghi gì):" } else { "Đã nhập" };
    let units = summary.created.len() + summary.unchanged.len();
    if summary.created.is_empty() && !dry_run {
        ctx.info(format!(
            "Không có gì thay đổi: {} dòng của {units} đơn vị từ {} tệp giống hệt các bản đã nhập; {} cảnh báo.",
            summary.rows,
            summary.files,
            summary.warnings.len()
        ));
        return;
    }
    ctx.info(format!(
        "{lead} {} dòng của {units} đơn vị từ {} tệp vào đợt {}: {} bản mới, {} không thay đổi; {} cảnh báo.",
        summary.rows,
        summary.files,
        round.id,
        summary.created.len(),
        summary.unchanged.len(),
        summary.warnings.len()
    ));
    if summary.proposals > 0 {
        ctx.info(format!(
            "{} khó khăn, đề xuất mới của đơn vị được ghi thành kết luận loại kiến nghị (xem `cchc finding list --round {} --kind kien-nghi`).",
            summary.proposals, round.id
        ));
    }
}

/// A progress bar on stderr when it is a terminal; messages go around it.
struct Progress {
    bar: ProgressBar,
    /// The demo replaying: no messages.
    replaying: bool,
}

impl Progress {
    fn new(ctx: &Context) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: ProgressBar::hidden(), replaying: ctx.replaying };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})") {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress { bar, replaying: ctx.replaying }
    }
}

impl Observer for Progress {
    fn opened(&self, file: &str, encoding: &str, delimiter: Option<char>, total: u64) {
        let delimiter = match delimiter {
            Some(',') => ", phân cách bằng dấu phẩy",
            Some(';') => ", phân cách bằng dấu chấm phẩy",
            Some('\t') => ", phân cách bằng tab",
            _ => "",
        };
        // A workbook has a format, not an encoding.
        let kind = if matches!(encoding, "XLSX" | "ODS") { "định dạng" } else { "bảng mã" };
        let message = format!("Đọc «{file}»: {kind} {encoding}{delimiter}.");
        self.bar.set_length(total);
        self.bar.set_message(file.to_owned());
        self.bar.reset();
        if !self.replaying {
            self.bar.suspend(|| messages::info(message));
        }
    }

    fn progress(&self, done: u64, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(done);
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
