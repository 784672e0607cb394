//! `cchc selfreport template`: the form a unit fills, as XLSX (styled, protected, validated) or CSV (UTF-8 with BOM).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, Format, FormatAlign, FormatBorder, Note, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use crate::context::Context;
use crate::domain::catalogue::{Node, NodeKind, Rubric};
use crate::domain::date;
use crate::domain::number::points;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::schedule::due_for;
use crate::import::selfreport::{COLUMNS, TEMPLATE_ONLY, round_mark};
use crate::messages;
use crate::store::lookup::{Directory, resolve};
use crate::store::rounds;
use crate::store::{assignments, schedule};

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Đơn vị (mã hoặc tên): chỉ các nội dung được phân công cho đơn vị; bỏ trống thì gồm mọi nội dung
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Tệp mẫu cần tạo: .xlsx (Excel) hoặc .csv
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    pub output: PathBuf,
}

/// The form's columns: the template's own (STT, Nội dung, Điểm tối đa) around the import's columns.
fn headers() -> Vec<&'static str> {
    let label = |key: &'static str| COLUMNS.iter().find(|c| c.key == key).map_or(key, |c| c.label);
    let [stt, title, max] = [TEMPLATE_ONLY[0], TEMPLATE_ONLY[1], TEMPLATE_ONLY[2]];
    vec![
        stt,
        label("ma_don_vi"),
        label("ma_tieu_chi"),
        title,
        max,
        label("diem_tu_cham"),
        label("so_lieu"),
        label("ket_qua"),
        label("tai_lieu_kiem_chung"),
        label("kho_khan_de_xuat"),
    ]
}

/// Widths (in characters) that fit Vietnamese text; the long ones wrap.
const WIDTHS: [f64; 10] = [5.0, 10.0, 10.0, 60.0, 8.0, 9.0, 11.0, 45.0, 40.0, 35.0];
const FIRST_INPUT: u16 = 5;
const HEADER_ROW: u32 = 2;

struct Form<'a> {
    round: &'a Round,
    unit: Option<(String, String)>,
    items: Vec<&'a Node>,
    due: NaiveDate,
}

pub fn run(ctx: &Context, args: TemplateArgs) -> Result<()> {
    let store = ctx.store()?;
    let (round, catalogue) = rounds::get_with_catalogue(&store.conn, &args.round)?;
    let in_round = |n: &&Node| round.kind == RoundKind::DotXuat || n.kind == NodeKind::Periodic;
    let mut items: Vec<&Node> = catalogue.leaves().filter(in_round).collect();
    let unit = args.unit.as_deref().map(|u| resolve(&store.conn, Directory::Units, u)).transpose()?;
    if let Some((code, _)) = &unit {
        let assigned: Vec<String> =
            assignments::list(&store.conn, Some(code), None)?.into_iter().map(|a| a.criterion).collect();
        let mine: Vec<&Node> = items.iter().copied().filter(|n| assigned.contains(&n.code)).collect();
        if mine.is_empty() {
            messages::warn(format!(
                "đơn vị {code} chưa được phân công nội dung nào của đợt {}; mẫu gồm mọi nội dung",
                round.id
            ));
        } else {
            items = mine;
        }
    }
    // A unit's form carries its own deadline: five days before its inspection slot, else the round's.
    let due = match &unit {
        Some((code, _)) => due_for(&schedule::list(&store.conn, &round.id)?, &round.id, code, round.selfreport_due),
        None => round.selfreport_due,
    };
    let form = Form { round: &round, unit, items, due };
    let ext = args.output.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" => {
            refuse_filled(&args.output)?;
            let bytes = write_xlsx(&form, ctx.today()).map_err(|e| anyhow::anyhow!("{e}"))?;
            crate::files::write(&ctx.db_path, &args.output, crate::files::Kind::Xlsx, &bytes)?
        }
        "csv" => crate::files::write(&ctx.db_path, &args.output, crate::files::Kind::Text("csv"), &write_csv(&form)?)?,
        _ => bail!(
            "tệp mẫu phải có đuôi .xlsx hoặc .csv (ví dụ -o mau-tu-kiem-tra.xlsx), không phải «{}»",
            args.output.display()
        ),
    }
    ctx.info(format!(
        "Đã tạo mẫu báo cáo tự kiểm tra «{}»: {} nội dung, hạn nộp {}.",
        args.output.display(),
        form.items.len(),
        date::format(form.due)
    ));
    Ok(())
}

/// The title row, which also tells the import the template's round.
fn title_text(round: &Round) -> String {
    format!(
        "BÁO CÁO TỰ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH — {} ({})",
        round.title().to_uppercase(),
        round_mark::mark(&round.id)
    )
}

/// UTF-8 with a BOM, so that Excel on Windows shows the Vietnamese text right; a title line above the header says
/// the round (the import reads it).
fn write_csv(form: &Form) -> Result<Vec<u8>> {
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(&mut out);
        w.write_record([title_text(form.round)])?;
        w.write_record(headers())?;
        let unit = form.unit.as_ref().map_or("", |u| u.0.as_str());
        for (i, node) in form.items.iter().enumerate() {
            let stt = (i + 1).to_string();
            let max = points(node.max_points);
            w.write_record([stt.as_str(), unit, &node.code, &node.title, &max, "", "", "", "", ""])?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// A unit's returned workbook (a self-report with answers in it) is never replaced by a blank form.
fn refuse_filled(path: &Path) -> Result<()> {
    use calamine::{Reader, open_workbook_auto};
    let Ok(mut book) = open_workbook_auto(path) else { return Ok(()) };
    let Some(Ok(sheet)) = book.worksheet_range_at(0) else { return Ok(()) };
    let filled = sheet
        .rows()
        .skip(HEADER_ROW as usize + 1)
        .any(|row| row.iter().skip(FIRST_INPUT as usize).any(|cell| !cell.to_string().trim().is_empty()));
    if filled {
        bail!(
            "«{}» là bảng tự kiểm tra đã điền (có điểm, số liệu hoặc ghi chú): không ghi đè mẫu trống lên. Hãy chọn \
             tên tệp khác, ví dụ -o mau-moi.xlsx",
            path.display()
        );
    }
    Ok(())
}

fn write_xlsx(form: &Form, today: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Dated by the program's clock (CCHC_NOW pins it), not the machine's: the same form, the same file.
    if let Some(date) = crate::report::write::xlsx::excel_date(today) {
        book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    }
    let sheet = book.add_worksheet();
    sheet.set_name("Tự kiểm tra")?;
    let font = |f: Format| f.set_font_name("Times New Roman").set_font_size(12);
    let title = font(Format::new()).set_bold().set_font_size(14).set_align(FormatAlign::Center);
    let subtitle = font(Format::new()).set_italic().set_align(FormatAlign::Center).set_text_wrap();
    let header = font(Format::new())
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin);
    let cell = font(Format::new()).set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let wrapped = cell.clone().set_text_wrap();
    let input = wrapped.clone().set_unlocked().set_background_color("FFF9E5");
    let figure = input.clone().set_num_format("@"); // text, so Excel never turns 9/10 into a date

    let last = (WIDTHS.len() - 1) as u16;
    let round = form.round;
    sheet.merge_range(0, 0, 0, last, &title_text(round), &title)?;
    let unit = match &form.unit {
        Some((code, name)) => format!("Đơn vị: {code} — {name}"),
        None => "Đơn vị: ghi mã đơn vị ở cột «Mã đơn vị»".to_owned(),
    };
    let note = format!(
        "{unit} · Hạn nộp: {} · Điểm tự chấm từ 0 đến điểm tối đa; số liệu ghi dạng 96/100 hoặc 96% (để trống điểm thì tính theo thang điểm)",
        date::format(form.due)
    );
    sheet.merge_range(1, 0, 1, last, &note, &subtitle)?;
    sheet.set_row_height(1, 32)?;
    for (col, (text, width)) in (0u16..).zip(headers().into_iter().zip(WIDTHS)) {
        sheet.write_string_with_format(HEADER_ROW, col, text, &header)?;
        sheet.set_column_width(col, width)?;
    }
    for (i, node) in form.items.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &cell)?;
        match &form.unit {
            Some((code, _)) => sheet.write_string_with_format(row, 1, code, &cell)?,
            None => sheet.write_blank(row, 1, &input)?,
        };
        sheet.write_string_with_format(row, 2, &node.code, &cell)?;
        sheet.write_string_with_format(row, 3, &node.title, &wrapped)?;
        sheet.write_number_with_format(row, 4, node.max_points, &cell)?;
        for col in FIRST_INPUT..=last {
            sheet.write_blank(row, col, if col == FIRST_INPUT + 1 { &figure } else { &input })?;
        }
        hints(sheet, row, node)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    let mut options = ProtectionOptions::new();
    options.format_columns = true;
    options.format_rows = true;
    sheet.protect_with_options(&options);
    book.save_to_buffer()
}

/// The points cell only takes 0 … max; hints from the catalogue sit in notes on the figure and evidence cells.
fn hints(sheet: &mut Worksheet, row: u32, node: &Node) -> Result<(), XlsxError> {
    let max = points(node.max_points);
    let ratio = matches!(node.rubric, Some(Rubric::Ratio { .. }));
    let message = if ratio {
        format!("Từ 0 đến {max}. Để trống thì điểm được tính từ số liệu theo thang điểm.")
    } else {
        format!("Từ 0 đến {max}.")
    };
    let validation = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, node.max_points))
        .set_input_title("Điểm tự chấm")?
        .set_input_message(message)?
        .set_error_title("Điểm không hợp lệ")?
        .set_error_message(format!("Điểm tự chấm của nội dung {} phải là số từ 0 đến {max}.", node.code))?;
    sheet.add_data_validation(row, FIRST_INPUT, row, FIRST_INPUT, &validation)?;
    if ratio {
        let text = format!(
            "Ghi số liệu dạng 96/100 hoặc 96%.{}",
            node.note.as_deref().map(|n| format!("\n{n}")).unwrap_or_default()
        );
        sheet.insert_note(row, FIRST_INPUT + 1, &Note::new(text).set_author("cchc").set_width(320))?;
    }
    if !node.evidence.is_empty() {
        let list: Vec<String> = node.evidence.iter().map(|e| format!("- {e}")).collect();
        let text = format!("Gợi ý tài liệu kiểm chứng:\n{}", list.join("\n"));
        sheet.insert_note(row, FIRST_INPUT + 3, &Note::new(text).set_author("cchc").set_width(360).set_height(160))?;
    }
    Ok(())
}
