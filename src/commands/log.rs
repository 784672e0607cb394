//! `cchc log`: the audit log — who changed what, when, from which value to which.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::commands::args::parse_date;
use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
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
    ("selfreport", "báo cáo tự kiểm tra"),
    ("score", "điểm"),
    ("finding", "kết luận"),
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
];

fn label<'a>(table: &[(&'a str, &'a str)], key: &'a str) -> &'a str {
    table.iter().find(|(k, _)| *k == key).map_or(key, |(_, l)| *l)
}

/// Longest old/new value shown in the terminal table; JSON and CSV keep them whole.
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
    let table = format == ListFormat::Table;
    let mut listing = Listing::new(vec![
        col("id", "STT"),
        col("at", "Thời điểm"),
        col("actor", "Người thực hiện"),
        col("action", "Thao tác"),
        col("entity", "Đối tượng"),
        col("entity_id", "Mã"),
        col("round", "Đợt"),
        col("old_value", "Giá trị cũ"),
        col("new_value", "Giá trị mới"),
    ]);
    for e in entries {
        let shown = |v: Option<String>| {
            let v = v.unwrap_or_default();
            if table && v.chars().count() > SHOWN_VALUE {
                format!("{}…", v.chars().take(SHOWN_VALUE - 1).collect::<String>())
            } else {
                v
            }
        };
        let at = if table { date::format_timestamp(&e.at) } else { e.at.clone() };
        let (action, entity) = if table {
            (label(ACTIONS, &e.action).to_owned(), label(ENTITIES, &e.entity).to_owned())
        } else {
            (e.action.clone(), e.entity.clone())
        };
        listing.push(vec![
            Value::Integer(e.id),
            at.into(),
            e.actor.into(),
            action.into(),
            entity.into(),
            e.entity_id.into(),
            Value::from(e.round_id),
            shown(e.old_value).into(),
            shown(e.new_value).into(),
        ]);
    }
    listing.emit(ctx, format)
}
