//! The inspection part of `cchc demo`: appraised scores, findings and their remediation across Đợt 1 and Đợt 2,
//! and an ad-hoc round from a citizen's complaint — run through the same commands the team uses.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::Datelike;

use crate::commands::directory_import::ImportArgs;
use crate::commands::finding::{self, AddArgs, FindingCommand, UpdateArgs};
use crate::commands::listing::{FormatArg, ListFormat};
use crate::commands::round::{self, IdArgs, NewArgs, RoundCommand};
use crate::commands::score::{self, ItemArgs, ScoreCommand, ScoreImportArgs, SetArgs};
use crate::context::Context;
use crate::domain::catalogue::NodeKind;
use crate::domain::finding::{FindingKind, FindingStatus};
use crate::domain::round::{RoundKind, RoundStatus};
use crate::import::Encoding;
use crate::store::{assignments, rounds, schedule};

const DOT1: &str = "2026-dot1";
const DOT2: &str = "2026-dot2";
/// The units with assigned items in the example ward; all of them are appraised in both rounds.
const UNITS: &[&str] = &["VP", "KT", "VHXH", "TTPVHCC", "TTDVC"];
/// Items with nothing to assess this year ("nếu có" in the plan): marked not applicable.
const NOT_APPLICABLE: &[(&str, &str)] = &[("VHXH", "1.1.3"), ("VP", "1.2.10")];

/// A finding the demo's team records on the unit's inspection day.
struct Found {
    unit: &'static str,
    criterion: &'static str,
    kind: FindingKind,
    text: &'static str,
    recommend: &'static str,
    due: Option<&'static str>,
}

/// Đợt 1's findings; the third (KT's violation) is remedied and verified, the fourth stays in progress.
const DOT1_FOUND: &[Found] = &[
    Found {
        unit: "VP",
        criterion: "1.7.1.3",
        kind: FindingKind::DienHinh,
        text: "Triển khai Nền tảng họp trực tuyến đến tất cả các phòng, đơn vị; giao ban hằng tuần tổ chức trực tuyến, tiết kiệm thời gian và chi phí.",
        recommend: "Giới thiệu cách làm để các đơn vị sự nghiệp công lập áp dụng.",
        due: None,
    },
    // Left open on purpose: due 30/09/2026, so it is overdue in the follow-up.
    Found {
        unit: "TTPVHCC",
        criterion: "1.3.7",
        kind: FindingKind::HanChe,
        text: "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 62%, thấp hơn chỉ tiêu 80% của tỉnh; thanh toán trực tuyến đạt 35%.",
        recommend: "Bố trí công chức hướng dẫn người dân nộp hồ sơ trực tuyến tại quầy; báo cáo kết quả về Phòng Văn hoá - Xã hội.",
        due: Some("30/09/2026"),
    },
    Found {
        unit: "KT",
        criterion: "1.6.1.5",
        kind: FindingKind::ViPham,
        text: "Chưa công khai dự toán ngân sách năm 2026 đúng thời hạn quy định (chậm 25 ngày).",
        recommend: "Công khai dự toán theo đúng quy định; lưu đầy đủ hồ sơ công khai tài chính.",
        due: Some("31/08/2026"),
    },
    Found {
        unit: "VHXH",
        criterion: "1.5.4",
        kind: FindingKind::HanChe,
        text: "Kế hoạch đào tạo, bồi dưỡng năm 2026 mới hoàn thành 40% tại thời điểm kiểm tra.",
        recommend: "Đẩy nhanh tiến độ, hoàn thành kế hoạch đào tạo, bồi dưỡng trước ngày 15/12/2026.",
        due: Some("15/12/2026"),
    },
    Found {
        unit: "VP",
        criterion: "1.1.5",
        kind: FindingKind::KienNghi,
        text: "Đề nghị UBND phường bố trí kinh phí số hóa tài liệu lưu trữ giấy hình thành trước ngày 01/7/2025.",
        recommend: "Giao Phòng Kinh tế, Hạ tầng và Đô thị tham mưu bố trí kinh phí trong dự toán năm 2027.",
        due: Some("31/12/2026"),
    },
];

const COMPLAINT_FOUND: Found = Found {
    unit: "TTPVHCC",
    criterion: "2.2",
    kind: FindingKind::ViPham,
    text: "Không gửi thư xin lỗi người dân khi hồ sơ đăng ký hộ kinh doanh trễ hẹn 7 ngày; trạng thái hồ sơ trên Hệ thống thông tin giải quyết TTHC của tỉnh không được cập nhật.",
    recommend: "Gửi thư xin lỗi; rà soát quy trình tiếp nhận, luân chuyển hồ sơ; cập nhật đầy đủ trạng thái hồ sơ trên Hệ thống.",
    due: Some("15/12/2026"),
};

const DOT2_FOUND: &[Found] = &[
    Found {
        unit: "TTPVHCC",
        criterion: "1.3.8",
        kind: FindingKind::DienHinh,
        text: "Lấy ý kiến hài lòng qua mã QR tại quầy; tỷ lệ hài lòng đạt 98%.",
        recommend: "Nhân rộng hình thức đánh giá bằng mã QR tại Trạm Y tế và các trường học.",
        due: None,
    },
    Found {
        unit: "VP",
        criterion: "1.7.1.5",
        kind: FindingKind::HanChe,
        text: "Trang thông tin điện tử chưa cập nhật đầy đủ văn bản chỉ đạo, điều hành quý III/2026.",
        recommend: "Cập nhật đầy đủ, kịp thời; phân công biên tập viên phụ trách.",
        due: Some("31/12/2026"),
    },
];

/// The demo's context on a day of the plan's year, at 09:00: each event is recorded on the day it happens.
pub fn on(ctx: &Context, day: u32, month: u32) -> Context {
    let at = chrono::NaiveDate::from_ymd_opt(2026, month, day).and_then(|d| d.and_hms_opt(9, 0, 0));
    Context { now: at.unwrap_or(ctx.now), ..ctx.clone() }
}

pub fn demo(ctx: &Context, inputs: &Path) -> Result<()> {
    let folder = ctx.db_path.parent().unwrap_or(Path::new(".")).join("tep-mau");
    std::fs::create_dir_all(&folder).with_context(|| format!("Không tạo được thư mục «{}»", folder.display()))?;

    // Đợt 1 (01–10/07): the team scores each unit and records what it found on the unit's inspection day.
    let inspected = on(ctx, 10, 7);
    start(&on(ctx, 1, 7), DOT1)?;
    let found = appraise(&inspected, &folder, DOT1, 0, DOT1_FOUND)?;
    let (verified, in_progress) = (&found[2], &found[3]);
    round::run(&inspected, RoundCommand::Close(id_args(DOT1)))?;
    let (july, late_july) = (on(ctx, 20, 7), on(ctx, 31, 7));
    update(&july, verified, FindingStatus::DangKhacPhuc, "Đã xây dựng lại lịch công khai tài chính.", "", None)?;
    update(&late_july, in_progress, FindingStatus::DangKhacPhuc, "Đã mở 2 lớp bồi dưỡng trong tháng 7.", "", None)?;
    update(
        &on(ctx, 21, 8),
        verified,
        FindingStatus::DaKhacPhuc,
        "Đã công khai dự toán, quyết toán theo quy định.",
        "Quyết định công khai số 215/QĐ-UBND ngày 20/08/2026",
        None,
    )?;

    super::decide(ctx, DOT2, "251/QĐ-UBND", 9, 10)?;
    super::selfreports::demo(ctx, inputs, DOT2)?;
    super::evidence::dot2(&on(ctx, 16, 10), inputs)?;
    // Đợt 2 (20–25/10): scores on the inspection days, the remediation verified on the first.
    let first_day = on(ctx, 20, 10);
    start(&first_day, DOT2)?;
    update(
        &first_day,
        verified,
        FindingStatus::DaXacMinh,
        "Đoàn kiểm tra đã đối chiếu hồ sơ công khai.",
        "",
        Some(DOT2),
    )?;
    appraise(&on(ctx, 24, 10), &folder, DOT2, 1, DOT2_FOUND)?;
    super::assessment::demo(ctx)?;
    // The citizen's complaint of 03/11 starts its own ad-hoc round: it is no part of Đợt 2.
    ad_hoc_round(ctx)
}

/// Starts a round unless an earlier step of the demo already did.
fn start(ctx: &Context, id: &str) -> Result<()> {
    let status = rounds::get(&ctx.store()?.conn, id)?.status;
    if status == RoundStatus::Planned {
        round::run(ctx, RoundCommand::Start(id_args(id)))?;
    }
    Ok(())
}

fn id_args(id: &str) -> IdArgs {
    IdArgs { round: id.to_owned(), output: FormatArg { format: ListFormat::Table } }
}

/// The team's work in a round, unit by unit in the order of their inspection days (`fallback`'s day for a unit
/// without a slot): the appraisal of the unit's assigned items written as the file a secretary would import
/// (`;`-separated, decimal commas) and imported, then what it found there. `progress` lifts Đợt 2's points a
/// little above Đợt 1's. Returns the findings' ids in the order of `found`.
fn appraise(fallback: &Context, folder: &Path, round_id: &str, progress: u32, found: &[Found]) -> Result<Vec<String>> {
    let slots = schedule::list(&fallback.store()?.conn, round_id)?;
    let day_of = |unit: &str| match slots.iter().find(|s| s.unit_code == unit) {
        Some(slot) => on(fallback, slot.day.day(), slot.day.month()),
        None => fallback.clone(),
    };
    let mut days: Vec<(Context, &str)> = UNITS.iter().map(|unit| (day_of(unit), *unit)).collect();
    days.sort_by_key(|(day, _)| day.now);
    let mut ids = vec![String::new(); found.len()];
    let mut whole = String::from(APPRAISAL_HEADER);
    for (day, unit) in days {
        let rows = appraisal_rows(&day, round_id, unit, progress)?;
        whole.push_str(&rows);
        let file = write_sample(
            &day,
            folder,
            &format!("tham-dinh-{round_id}-{unit}.csv"),
            format!("{APPRAISAL_HEADER}{rows}"),
        )?;
        let file = ImportArgs { file, encoding: Encoding::Auto, dry_run: false };
        score::run(&day, ScoreCommand::Import(ScoreImportArgs { round: round_id.to_owned(), file }))?;
        for (i, f) in found.iter().enumerate().filter(|(_, f)| f.unit == unit) {
            ids[i] = add_finding(&day, round_id, f)?;
        }
    }
    // The round's whole sheet too, as the README's walkthrough imports it in one go.
    write_sample(fallback, folder, &format!("tham-dinh-{round_id}.csv"), whole)?;
    Ok(ids)
}

const APPRAISAL_HEADER: &str = "Mã đơn vị;Mã tiêu chí;Điểm thẩm định;Nhận xét\n";

fn write_sample(ctx: &Context, folder: &Path, name: &str, content: String) -> Result<PathBuf> {
    let path = folder.join(name);
    super::write_file(ctx, &path, content.as_bytes())?;
    Ok(path)
}

/// The appraisal rows of `unit`'s assigned periodic items.
fn appraisal_rows(ctx: &Context, round_id: &str, unit: &str, progress: u32) -> Result<String> {
    let store = ctx.store()?;
    let (_, catalogue) = rounds::get_with_catalogue(&store.conn, round_id)?;
    let mut csv = String::new();
    for a in assignments::list(&store.conn, Some(unit), None)? {
        let Some(node) = catalogue.get(&a.criterion).filter(|n| n.is_leaf && n.kind == NodeKind::Periodic) else {
            continue;
        };
        if NOT_APPLICABLE.contains(&(unit, node.code.as_str())) {
            csv.push_str(&format!("{unit};{};N/A;Trong kỳ không phát sinh\n", node.code));
            continue;
        }
        let points = demo_points(unit, &node.code, node.max_points, progress);
        let note = if points < node.max_points * 0.75 {
            "Hồ sơ, tài liệu kiểm chứng chưa đầy đủ"
        } else {
            ""
        };
        csv.push_str(&format!("{unit};{};{};{note}\n", node.code, crate::domain::number::points(points)));
    }
    Ok(csv)
}

/// Plausible, repeatable points: a share of the maximum picked from the codes, on the catalogue's 0,5 step.
fn demo_points(unit: &str, code: &str, max: f64, progress: u32) -> f64 {
    const SHARES: [f64; 6] = [1.0, 0.75, 1.0, 0.5, 0.875, 1.0];
    let seed = unit.bytes().chain(code.bytes()).fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let index = (seed as usize) % SHARES.len();
    let share = (SHARES[index] + 0.25 * f64::from(progress)).min(1.0);
    ((max * share) * 2.0).floor() / 2.0
}

fn add_finding(ctx: &Context, round: &str, f: &Found) -> Result<String> {
    let args = AddArgs {
        round: round.to_owned(),
        unit: f.unit.to_owned(),
        criterion: Some(f.criterion.to_owned()),
        official: None,
        kind: f.kind,
        text: f.text.to_owned(),
        recommend: Some(f.recommend.to_owned()),
        due: f.due.map(crate::domain::date::parse).transpose().map_err(anyhow::Error::msg)?,
        repeats: None,
    };
    finding::add(ctx, &mut ctx.store()?, args)
}

fn update(
    ctx: &Context,
    id: &str,
    status: FindingStatus,
    note: &str,
    evidence: &str,
    round: Option<&str>,
) -> Result<()> {
    let args = UpdateArgs {
        id: id.to_owned(),
        status,
        note: Some(note.to_owned()),
        evidence: Some(evidence.to_owned()),
        round: round.map(str::to_owned),
    };
    finding::run(ctx, FindingCommand::Update(args))
}

/// An ad-hoc check of a citizen's complaint (topic 2.2), decided on 03/11 and held 16–17/11: its appraisal and
/// what it found.
fn ad_hoc_round(ctx: &Context) -> Result<()> {
    const REASON: &str = "Phản ánh của bà Trần Thị M., tổ dân phố 5, ngày 03/11/2026 (phiếu tiếp nhận số 125/PA-TTPVHCC): hồ sơ đăng ký hộ kinh doanh trễ hẹn 7 ngày, không nhận được thư xin lỗi";
    let new = NewArgs {
        kind: RoundKind::DotXuat,
        year: Some(2026),
        from: Some(crate::domain::date::parse("16/11/2026").map_err(anyhow::Error::msg)?),
        to: Some(crate::domain::date::parse("17/11/2026").map_err(anyhow::Error::msg)?),
        due: None,
        topic: Some("Các nội dung khác theo phản ánh, kiến nghị của người dân, tổ chức (mục III.2)".into()),
        reason: Some(REASON.into()),
        units: vec!["TTPVHCC".into()],
        from_finding: None,
        catalogue: None,
    };
    round::run(&on(ctx, 3, 11), RoundCommand::New(new))?;
    let id = rounds::list(&ctx.store()?.conn, Some(2026))?
        .into_iter()
        .find(|r| r.kind == RoundKind::DotXuat)
        .map(|r| r.id)
        .context("không tìm thấy đợt đột xuất vừa tạo")?;
    super::add_team(&on(ctx, 3, 11), &id)?;
    super::decide(ctx, &id, "287/QĐ-UBND", 10, 11)?;
    let ctx = &on(ctx, 16, 11);
    start(ctx, &id)?;
    let set = SetArgs {
        item: ItemArgs { round: id.clone(), unit: "TTPVHCC".into(), criterion: "2.2".into() },
        points: Some("6,5".into()),
        na: false,
        note: Some("Hồ sơ trễ hẹn có phần nguyên nhân khách quan; chưa gửi thư xin lỗi theo quy định.".into()),
    };
    score::run(ctx, ScoreCommand::Set(set))?;
    add_finding(ctx, &id, &COMPLAINT_FOUND)?;
    round::run(&on(ctx, 17, 11), RoundCommand::Close(id_args(&id)))
}
