//! `cchc log`: the audit log — who changed what, when, from which value to which.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::commands::args::parse_date;
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::commands::log_text;
use crate::context::Context;
use crate::domain::date;
use crate::domain::text::fold;
use crate::store::audit::{self, Filter};
use crate::store::rounds;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Chỉ các thay đổi thuộc đợt này
    #[arg(long, value_name = "ĐỢT")]
    pub round: Option<String>,
    /// Chỉ loại đối tượng này, ví dụ score (điểm), finding (kết luận), round (đợt), assignment (phân công)
    #[arg(long, value_name = "ĐỐI_TƯỢNG")]
    pub entity: Option<String>,
    /// Từ ngày dd/mm/yyyy
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    #[command(flatten)]
    pub output: FormatArg,
}

/// Entity keys stored in the log and their Vietnamese names; `--entity` accepts either.
const ENTITIES: &[(&str, &str)] = &[
    ("catalogue", "bộ tiêu chí"),
    ("unit", "đơn vị"),
    ("official", "cán bộ"),
    ("assignment", "phân công"),
    ("round", "đợt"),
    ("team", "đoàn kiểm tra"),
    ("decision", "quyết định thành lập đoàn"),
    ("selfreport", "báo cáo tự kiểm tra"),
    ("score", "điểm"),
    ("finding", "kết luận"),
    ("schedule", "lịch kiểm tra"),
    ("report_text", "phần đánh giá của báo cáo"),
    ("setting", "thiết lập"),
    ("evidence", "tệp kiểm chứng"),
    ("clarification", "giải trình"),
    ("sample", "mẫu hồ sơ"),
    ("sample_file", "hồ sơ trong mẫu"),
];

const ACTIONS: &[(&str, &str)] = &[
    ("load", "nạp"),
    ("add", "thêm"),
    ("create", "tạo"),
    ("update", "sửa"),
    ("set", "ghi"),
    ("unset", "xoá"),
    ("start", "bắt đầu"),
    ("close", "kết thúc"),
    ("reopen", "mở lại"),
    ("status", "cập nhật khắc phục"),
    ("import", "nhập"),
    ("answer", "trả lời kiến nghị"),
    ("remove", "gỡ"),
    ("ask", "yêu cầu giải trình"),
    ("respond", "ghi ý kiến giải trình"),
    ("draw", "bốc mẫu"),
    ("record", "ghi kết quả"),
    ("link", "liên kết kiến nghị nhắc lại"),
];

fn label<'a>(table: &[(&'a str, &'a str)], key: &'a str) -> &'a str {
    table.iter().find(|(k, _)| *k == key).map_or(key, |(_, l)| *l)
}

/// Longest change shown in the terminal table; CSV keeps it whole.
const SHOWN_VALUE: usize = 100;

pub fn run(ctx: &Context, args: LogArgs) -> Result<()> {
    let store = ctx.store()?;
    let round = args.round.as_deref().map(|r| rounds::get(&store.conn, r)).transpose()?;
    let entity = args.entity.as_deref().map(|e| {
        let folded = fold(e);
        ENTITIES.iter().find(|(_, l)| fold(l) == folded).map_or_else(|| e.trim().to_owned(), |(k, _)| (*k).to_owned())
    });
    let filter =
        Filter { round_id: round.as_ref().map(|r| r.id.as_str()), entity: entity.as_deref(), since: args.since };
    let entries = audit::list(&store.conn, &filter)?;
    if entries.is_empty() {
        // The names only, not every entry of the log.
        let kinds = audit::entities(&store.conn)?;
        ctx.info(format!("Nhật ký không có mục nào khớp. Các loại đối tượng đã ghi: {}.", kinds.join(", ")));
    }
    let format = args.output.format;
    // JSON keeps the raw record for programs; the table and CSV are for people.
    let readable = format != ListFormat::Json;
    let table = format == ListFormat::Table;
    let mut columns = vec![
        col("id", "STT"),
        col("at", "Thời điểm"),
        col("actor", "Người thực hiện"),
        col("action", "Thao tác"),
        col("entity", "Đối tượng"),
        col("entity_id", "Mã"),
        col("round", "Đợt"),
    ];
    if readable {
        columns.push(col("change", "Thay đổi"));
    } else {
        columns.extend([col("old_value", "Giá trị cũ"), col("new_value", "Giá trị mới")]);
    }
    let mut listing = Listing::new(columns);
    for e in entries {
        let mut row: Vec<Value> = vec![Value::Integer(e.id)];
        if readable {
            let change = log_text::describe(e.old_value.as_deref(), e.new_value.as_deref());
            let change = if table && change.chars().count() > SHOWN_VALUE {
                format!("{}…", change.chars().take(SHOWN_VALUE - 1).collect::<String>())
            } else {
                change
            };
            row.extend([
                date::format_timestamp(&e.at).into(),
                e.actor.into(),
                label(ACTIONS, &e.action).into(),
                label(ENTITIES, &e.entity).into(),
                e.entity_id.into(),
                Value::from(e.round_id),
                change.into(),
            ]);
        } else {
            row.extend([
                e.at.into(),
                e.actor.into(),
                e.action.into(),
                e.entity.into(),
                e.entity_id.into(),
                Value::from(e.round_id),
                Value::from(e.old_value),
                Value::from(e.new_value),
            ]);
        }
        listing.push(row);
    }
    listing.emit(ctx, format)
}
