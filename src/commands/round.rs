//! `cchc round new|list|show|start|close|reopen|team`: inspection rounds.

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use crate::commands::args::parse_date;
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::commands::{finding, round_schedule, round_team};
use crate::context::Context;
use crate::domain::date;
use crate::domain::finding::FindingKind;
use crate::domain::round::Round;
use crate::domain::round::{RoundKind, RoundStatus, role_label};
use crate::domain::text::nfc;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds::{self, NewRound};
use crate::store::{Store, StoreError, catalogues, findings, settings};

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Tạo đợt kiểm tra (ngày mặc định theo kế hoạch)
    New(NewArgs),
    /// Danh sách các đợt
    List(ListArgs),
    /// Thông tin một đợt: thời gian, hạn tự kiểm tra, phạm vi, đoàn kiểm tra
    Show(IdArgs),
    /// Bắt đầu kiểm tra (kế hoạch → đang kiểm tra)
    Start(IdArgs),
    /// Kết thúc đợt: sau đó chỉ được xem
    Close(IdArgs),
    /// Mở lại đợt đã kết thúc (phải nêu lý do, được ghi nhật ký)
    Reopen(ReopenArgs),
    /// Đoàn kiểm tra của đợt
    Team(round_team::TeamArgs),
    /// Lịch kiểm tra từng đơn vị (hạn nộp báo cáo tự kiểm tra là 5 ngày trước ngày kiểm tra)
    Schedule(round_schedule::ScheduleArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Loại đợt
    #[arg(long, value_enum, value_name = "LOẠI")]
    pub kind: RoundKind,
    /// Năm (mặc định: năm nay)
    #[arg(long, value_name = "NĂM")]
    pub year: Option<i32>,
    /// Ngày bắt đầu dd/mm/yyyy (mặc định theo kế hoạch)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Ngày kết thúc dd/mm/yyyy
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Hạn nộp báo cáo tự kiểm tra dd/mm/yyyy (mặc định: 5 ngày trước ngày bắt đầu)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Chủ đề (đợt đột xuất), ví dụ "Kỷ luật, kỷ cương hành chính"
    #[arg(long, allow_hyphen_values = true, value_name = "CHỦ_ĐỀ")]
    pub topic: Option<String>,
    /// Lý do (đợt đột xuất), ví dụ phản ánh của ai, ngày nào, số văn bản
    #[arg(long, allow_hyphen_values = true, value_name = "LÝ_DO")]
    pub reason: Option<String>,
    /// Chỉ kiểm tra các đơn vị này (mã hoặc tên, cách nhau bởi dấu phẩy)
    #[arg(long, value_name = "ĐƠN_VỊ,…", value_delimiter = ',')]
    pub units: Vec<String>,
    /// Đợt đột xuất theo một kiến nghị đã ghi (mã kết luận, ví dụ 2026-dot2-F05): lấy làm lý do và đơn vị
    #[arg(long, value_name = "MÃ_KẾT_LUẬN")]
    pub from_finding: Option<String>,
    /// Bộ tiêu chí của đợt (MÃ@PHIÊN_BẢN, xem `criteria versions`); mặc định: phiên bản nạp sau cùng
    #[arg(long, value_name = "MÃ@PHIÊN_BẢN")]
    pub catalogue: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Chỉ các đợt của năm này
    #[arg(long, value_name = "NĂM")]
    pub year: Option<i32>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// Mã đợt
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Lý do mở lại (bắt buộc)
    #[arg(long, allow_hyphen_values = true, value_name = "LÝ_DO")]
    pub reason: String,
}

pub fn run(ctx: &Context, cmd: RoundCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        RoundCommand::New(args) => new(ctx, &mut store, args),
        RoundCommand::List(args) => list(ctx, &store, args),
        RoundCommand::Show(args) => show(ctx, &store, &args),
        RoundCommand::Start(args) => {
            let round = rounds::get(&store.conn, &args.round)?;
            if round.status == RoundStatus::Closed {
                bail!(
                    "đợt {} đã kết thúc; muốn làm tiếp hãy dùng `cchc round reopen {} --reason \"…\"`",
                    round.id,
                    round.id
                );
            }
            // The units' proposals become kien-nghi findings in the same transaction as the start.
            let (round, proposals) = store.write(|tx| -> Result<(Round, usize), StoreError> {
                let round = rounds::set_status(tx, &round.id, RoundStatus::InProgress, None)?;
                let added = findings::sync_proposals(tx, &round.id)?;
                Ok((round, added))
            })?;
            ctx.info(format!("Đợt {} chuyển sang «{}».", round.id, round.status.label()));
            if proposals > 0 {
                ctx.info(format!(
                    "Đã ghi {proposals} khó khăn, đề xuất từ báo cáo tự kiểm tra thành kết luận loại kiến nghị \
                     (`cchc finding list --round {} --kind kien-nghi`).",
                    round.id
                ));
            }
            finding::announce_carry_over(ctx, &store, &round, ctx.today())
        }
        RoundCommand::Close(args) => move_to(ctx, &mut store, &args.round, RoundStatus::Closed, None),
        RoundCommand::Reopen(args) => {
            if args.reason.trim().is_empty() {
                bail!("cần nêu lý do mở lại đợt (--reason \"…\")");
            }
            let round = rounds::get(&store.conn, &args.round)?;
            if round.status != RoundStatus::Closed {
                bail!("đợt {} chưa kết thúc nên không cần mở lại", round.id);
            }
            move_to(ctx, &mut store, &args.round, RoundStatus::InProgress, Some(args.reason.trim()))
        }
        RoundCommand::Team(args) => round_team::run(ctx, &mut store, args),
        RoundCommand::Schedule(args) => round_schedule::run(ctx, &mut store, args),
    }
}

fn new(ctx: &Context, store: &mut Store, args: NewArgs) -> Result<()> {
    let year = args.year.unwrap_or_else(|| ctx.today().year());
    let (from, to) = match (args.from, args.to, args.kind.default_dates(year)) {
        (Some(from), Some(to), _) => (from, to),
        (Some(from), None, _) => (from, from),
        (None, Some(to), Some((from, _))) => (from, to),
        (None, None, Some(dates)) => dates,
        (None, _, None) => bail!("đợt đột xuất cần ngày bắt đầu: --from dd/mm/yyyy (và --to nếu kéo dài nhiều ngày)"),
    };
    if to < from {
        bail!("ngày kết thúc {} trước ngày bắt đầu {}", date::format(to), date::format(from));
    }
    if args.kind == RoundKind::DotXuat && args.topic.as_deref().is_none_or(|t| t.trim().is_empty()) {
        bail!("đợt đột xuất cần nêu chủ đề: --topic \"…\" (ví dụ «Kỷ luật, kỷ cương hành chính»)");
    }
    let mut units = Vec::new();
    for unit in args.units.iter().filter(|u| !u.trim().is_empty()) {
        units.push(resolve(&store.conn, Directory::Units, unit)?.0);
    }
    let (hash, _) = match &args.catalogue {
        Some(spec) => catalogues::find(&store.conn, spec)?,
        None => catalogues::active(&store.conn)?,
    };
    let clean = |s: Option<String>| s.map(|s| nfc(s.trim()).into_owned()).filter(|s| !s.is_empty());
    let mut reason = clean(args.reason);
    if let Some(id) = &args.from_finding {
        let cause = finding_as_reason(store, args.kind, id)?;
        reason = Some(match reason {
            Some(given) => format!("{given}. {}", cause.0),
            None => cause.0,
        });
        if units.is_empty() {
            units.push(cause.1);
        }
    }
    let new = NewRound {
        kind: args.kind,
        year,
        start: from,
        end: to,
        selfreport_due: match args.due {
            Some(due) => due,
            None => settings::calendar(&store.conn)?.selfreport_due(from),
        },
        topic: clean(args.topic),
        reason,
        units,
        catalogue_hash: hash,
    };
    let round = store.write(|tx| rounds::create(tx, &new))?;
    // Ad-hoc rounds ask for no self-report (plan, section IV.1.c), so their deadline is not announced.
    let due = match round.kind {
        RoundKind::DotXuat => String::new(),
        _ => format!(", hạn nộp báo cáo tự kiểm tra {}", date::format(round.selfreport_due)),
    };
    ctx.info(format!("Đã tạo đợt {}: {} – {}{due}.", round.id, date::format(round.start), date::format(round.end)));
    ctx.print_data(&format!("{}\n", round.id))
}

/// An ad-hoc round may answer a citizen's or a unit's kien-nghi finding: its text becomes the reason, citing the
/// finding's id, and its unit the round's scope. Returns (reason, unit).
fn finding_as_reason(store: &Store, kind: RoundKind, id: &str) -> Result<(String, String)> {
    if kind != RoundKind::DotXuat {
        bail!("--from-finding chỉ dùng cho đợt đột xuất (--kind dot-xuat)");
    }
    let f = findings::get(&store.conn, id)?;
    if f.kind != FindingKind::KienNghi {
        bail!(
            "kết luận {} là «{}», không phải kiến nghị; đợt đột xuất chỉ lấy kiến nghị làm lý do",
            f.id,
            f.kind.label()
        );
    }
    Ok((crate::domain::assessment::cause_reason(&f.id, &f.round_id, &f.unit_code, &f.text), f.unit_code))
}

fn round_listing(rounds: &[Round]) -> Listing {
    let mut listing = Listing::new(vec![
        col("id", "Mã đợt"),
        col("kind", "Loại"),
        col("year", "Năm"),
        col("start", "Từ ngày"),
        col("end", "Đến ngày"),
        col("selfreport_due", "Hạn tự kiểm tra"),
        col("status", "Trạng thái"),
        col("topic", "Chủ đề"),
    ]);
    for r in rounds {
        listing.push(vec![
            r.id.clone().into(),
            r.kind.as_str().into(),
            Value::Integer(r.year.into()),
            Value::Date(Some(r.start)),
            Value::Date(Some(r.end)),
            Value::Date(Some(r.selfreport_due)),
            r.status.as_str().into(),
            Value::from(r.topic.clone()),
        ]);
    }
    listing
}

fn list(ctx: &Context, store: &Store, args: ListArgs) -> Result<()> {
    let rounds = rounds::list(&store.conn, args.year)?;
    let mut listing = round_listing(&rounds);
    if args.output.format == ListFormat::Table {
        for (row, round) in listing.rows.iter_mut().zip(&rounds) {
            row[1] = round.kind.label().into();
            row[6] = round.status.label().into();
        }
    }
    listing.emit(ctx, args.output.format)
}

fn show(ctx: &Context, store: &Store, args: &IdArgs) -> Result<()> {
    let round = rounds::get(&store.conn, &args.round)?;
    if args.output.format != ListFormat::Table {
        return round_listing(std::slice::from_ref(&round)).emit(ctx, args.output.format);
    }
    let scope = rounds::scope(&store.conn, &round.id)?;
    let team = rounds::team(&store.conn, &round.id)?;
    let catalogue = catalogues::get(&store.conn, &round.catalogue_hash)?;
    let mut text = format!(
        "{} — {}\nThời gian: {} – {}\nHạn nộp báo cáo tự kiểm tra: {}\nTrạng thái: {}\nBộ tiêu chí: {} phiên bản {} (mã băm {})\n",
        round.id,
        round.title(),
        date::format(round.start),
        date::format(round.end),
        date::format(round.selfreport_due),
        round.status.label(),
        catalogue.id,
        catalogue.version,
        &round.catalogue_hash[..12.min(round.catalogue_hash.len())]
    );
    if let Some(reason) = &round.reason {
        text.push_str(&format!("Lý do: {reason}\n"));
    }
    text.push_str(&format!("Đơn vị được kiểm tra ({}): {}\n", scope.len(), scope.join(", ")));
    text.push_str(&format!("Đoàn kiểm tra ({} người):\n", team.len()));
    for m in &team {
        let unit = m.unit_code.as_deref().map(|u| format!(" — {u}")).unwrap_or_default();
        text.push_str(&format!("  {}: {}{unit}\n", role_label(&m.role), m.name));
    }
    ctx.print_data(&text)
}

fn move_to(ctx: &Context, store: &mut Store, id: &str, to: RoundStatus, reason: Option<&str>) -> Result<()> {
    let round = store.write(|tx| rounds::set_status(tx, id.trim(), to, reason))?;
    ctx.info(format!("Đợt {} chuyển sang «{}».", round.id, round.status.label()));
    Ok(())
}
