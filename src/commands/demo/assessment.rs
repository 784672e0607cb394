//! The demo's last steps: answers to some of the units' proposals, the secretary's own text for one assessment
//! section of the Đợt 2 report, and Đợt 2 closed — so that every section of the reports has content.

use anyhow::{Context as _, Result};
use chrono::Datelike;

use crate::commands::finding_answer::{self, AnswerArgs};
use crate::commands::finding_link::{self, LinkArgs};
use crate::commands::listing::{FormatArg, ListFormat};
use crate::commands::report_text::{self, SetArgs, TextCommand};
use crate::commands::round::{self, IdArgs, RoundCommand};
use crate::context::Context;
use crate::domain::assessment::{Level, TextSection};
use crate::domain::finding::FindingKind;
use crate::store::findings::{self, Filter};

/// (round, unit, item, level, answer, date): proposals the ward or the province answered.
const ANSWERS: &[(&str, &str, &str, Level, &str, &str)] = &[
    (
        "2026-dot1",
        "VP",
        "1.1.5",
        Level::Phuong,
        "UBND phường giao Phòng Kinh tế, Hạ tầng và Đô thị bố trí kinh phí số hóa trong dự toán năm 2027 (Thông báo số 95/TB-UBND).",
        "25/07/2026",
    ),
    (
        "2026-dot1",
        "KT",
        "1.6.1.1",
        Level::Tinh,
        "Sở Tài chính đã bổ sung vốn cho dự án chuyển tiếp tại Quyết định số 1420/QĐ-UBND của UBND tỉnh.",
        "12/09/2026",
    ),
];

const KIEN_NGHI: &str = "Đề nghị Chủ tịch UBND phường chỉ đạo Trung tâm Phục vụ hành chính công hoàn thành chỉ tiêu hồ sơ trực tuyến toàn trình trước ngày 31/12/2026.
Đề nghị UBND phường đề xuất với Sở Nội vụ, Sở Khoa học và Công nghệ nâng cấp chức năng thanh toán trực tuyến trên Cổng dịch vụ công của tỉnh.
Đề nghị Chủ tịch UBND phường giao Phòng Văn hoá - Xã hội theo dõi, tổng hợp kết quả khắc phục, báo cáo Chủ tịch UBND phường trước ngày 15/01/2027.";

/// The Đợt 2 proposals (unit, item) the secretary links to the same unit's Đợt 1 request.
const REPEATS: [(&str, &str); 2] = [("TTPVHCC", "1.3.7"), ("VHXH", "1.7.1.1")];

/// The id of a unit's proposal on an item in a round.
fn proposal(ctx: &Context, round: &str, unit: &str, criterion: &str) -> Result<String> {
    let filter = Filter { round_id: Some(round), kind: Some(FindingKind::KienNghi), ..Filter::default() };
    findings::list(&ctx.store()?.conn, &filter)?
        .into_iter()
        .find(|f| f.unit_code == unit && f.criterion.as_deref() == Some(criterion))
        .map(|f| f.id)
        .with_context(|| format!("không tìm thấy kiến nghị của {unit} về nội dung {criterion} trong đợt {round}"))
}

pub fn demo(ctx: &Context) -> Result<()> {
    // The secretary says which Đợt 2 requests repeat a Đợt 1 request: the centre's on online payment and VHXH's on
    // the one-stop desk's connection. The demo links these two only (no other proposal is a repeat, whatever its item).
    let on_the_day = super::inspection::on(ctx, 24, 10);
    for (unit, criterion) in REPEATS {
        let link = LinkArgs {
            id: proposal(ctx, "2026-dot2", unit, criterion)?,
            repeats: Some(proposal(ctx, "2026-dot1", unit, criterion)?),
            none: false,
        };
        finding_link::link(&on_the_day, &mut ctx.store()?, &link)?;
    }
    for (round, unit, criterion, level, text, on) in ANSWERS {
        let id = proposal(ctx, round, unit, criterion)?;
        let args = AnswerArgs {
            id,
            text: Some((*text).to_owned()),
            date: Some(crate::domain::date::parse(on).map_err(anyhow::Error::msg)?),
            level: Some(*level),
        };
        let answered = super::inspection::on(ctx, args.date.map_or(1, |d| d.day()), args.date.map_or(1, |d| d.month()));
        finding_answer::answer(&answered, &mut ctx.store()?, args)?;
    }
    let set =
        SetArgs { scope: "2026-dot2".into(), section: TextSection::KienNghi, text: Some(KIEN_NGHI.into()), file: None };
    let last_day = super::inspection::on(ctx, 25, 10);
    report_text::run(&last_day, &mut ctx.store()?, TextCommand::Set(set))?;
    let close = IdArgs { round: "2026-dot2".into(), output: FormatArg { format: ListFormat::Table } };
    round::run(&last_day, RoundCommand::Close(close))
}
