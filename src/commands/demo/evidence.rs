//! The paper trail of `cchc demo`, mostly in Đợt 1, as the units' self-reports come in: evidence files the demo writes itself (a one-page PDF and a small PNG,
//! nothing fetched), one clarification asked and answered, one sample of case files drawn and its findings recorded.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;

use crate::commands::clarify::{self, AnswerArgs, AskArgs};
use crate::commands::evidence::{self, AddArgs};
use crate::commands::sample::{self, DrawArgs, RecordArgs};
use crate::commands::score::ItemArgs;
use crate::context::Context;
use crate::store::samples::{self as stored, Key};

const DOT1: &str = "2026-dot1";

/// A 2×2 RGB image (PNG signature, IHDR, one zlib-compressed IDAT, IEND; CRCs computed when it was made).
const PNG: [u8; 79] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A, 0x73, 0x00, 0x00, 0x00, 0x16, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x38, 0x21, 0x27, 0x27, 0x57, 0x71, 0x82, 0x41, 0x6E, 0x81, 0xCD, 0x87, 0x13,
    0x1A, 0x00, 0x21, 0xD8, 0x05, 0x3D, 0x96, 0x28, 0xCD, 0xBD, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// A valid one-page PDF showing `line` (ASCII: the standard Helvetica font has no Vietnamese letters), with the
/// cross-reference table's offsets computed as it is written.
fn pdf(line: &str) -> Vec<u8> {
    let text = format!("BT /F1 14 Tf 72 760 Td ({line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in (1..).zip(&objects) {
        offsets.push(out.len());
        out.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out.extend_from_slice(trailer.as_bytes());
    out
}

fn write(ctx: &Context, folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = folder.join(name);
    super::write_file(ctx, &path, bytes)?;
    Ok(path)
}

fn day(d: u32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, m, d)
}

/// Attaches `file` to a unit's item, received on `received`.
fn add(
    ctx: &Context,
    round: &str,
    (unit, item): (&str, &str),
    file: PathBuf,
    received: Option<NaiveDate>,
) -> Result<()> {
    let args = AddArgs {
        item: ItemArgs { round: round.into(), unit: unit.into(), criterion: item.into() },
        files: vec![file],
        received,
        note: None,
    };
    evidence::run(ctx, evidence::EvidenceCommand::Add(args))
}

/// Đợt 2: the year's report on digitisation, sent with VP's self-report, which the self-assessment table lists.
pub fn dot2(ctx: &Context, folder: &Path) -> Result<()> {
    let report = write(
        ctx,
        folder,
        "Báo cáo số hóa tài liệu năm 2026.pdf",
        &pdf("Bao cao ket qua so hoa tai lieu luu tru nam 2026 - Van phong HDND va UBND"),
    )?;
    add(ctx, "2026-dot2", ("VP", "1.1.5"), report, day(13, 10))
}

pub fn demo(ctx: &Context, folder: &Path) -> Result<()> {
    let plan = write(
        ctx,
        folder,
        "1.1.5 Ke hoach so hoa.pdf",
        &pdf("Ke hoach so hoa tai lieu luu tru nam 2026 - Van phong HDND va UBND"),
    )?;
    let photo = write(ctx, folder, "1.3.3 Quay mot cua.png", &PNG)?;
    add(ctx, DOT1, ("VP", "1.1.5"), plan, day(25, 6))?;
    add(ctx, DOT1, ("TTPVHCC", "1.3.3"), photo, day(25, 6))?;

    let ask = AskArgs {
        round: DOT1.into(),
        unit: "VP".into(),
        item: Some("1.1.5".into()),
        text: "Đề nghị giải trình tiến độ số hóa tài liệu lưu trữ giấy hình thành trước ngày 01/7/2025.".into(),
        due: day(30, 6),
        on: day(26, 6),
    };
    let mut store = ctx.store()?;
    let id = clarify::ask(ctx, &mut store, &ask)?;
    let minutes = write(ctx, folder, "Bien ban so hoa.pdf", &pdf("Bien ban kiem tra tien do so hoa, ngay 28/06/2026"))?;
    let answer = AnswerArgs {
        id,
        text: "Đã số hóa 1.250/2.000 hồ sơ; phần còn lại hoàn thành trong quý III theo biên bản kèm theo.".into(),
        files: vec![minutes],
        on: day(29, 6),
    };
    clarify::answer(ctx, &mut store, &answer)?;

    let mut list = String::from("STT,Mã hồ sơ,Thủ tục,Ngày hẹn trả\n");
    for i in 1..=40 {
        let procedure = if i % 3 == 0 { "Chứng thực bản sao" } else { "Đăng ký khai sinh" };
        list.push_str(&format!("{i},HS-2026-{i:04},{procedure},{:02}/09/2026\n", 1 + i % 28));
    }
    let from = write(ctx, folder, "ho-so-tthc-TTPVHCC.csv", list.as_bytes())?;
    let item = || ItemArgs { round: DOT1.into(), unit: "TTPVHCC".into(), criterion: "1.3.3".into() };
    sample::run(ctx, sample::SampleCommand::Draw(DrawArgs { item: item(), from, n: 5, seed: None }))?;
    let key = Key { round_id: DOT1, unit_code: "TTPVHCC", criterion: "1.3.3" };
    let drawn = stored::get(&store.conn, &key)?.map(|s| s.files).unwrap_or_default();
    for (n, file) in drawn.iter().enumerate() {
        let late = n == 2;
        let record = RecordArgs {
            item: item(),
            code: file.code.clone(),
            dat: !late,
            khong_dat: late,
            note: late.then(|| "Trả kết quả trễ hẹn 2 ngày, chưa có thư xin lỗi.".into()),
        };
        sample::run(ctx, sample::SampleCommand::Record(record))?;
    }
    Ok(())
}
