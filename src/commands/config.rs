//! `cchc config set|list`: the ward's settings printed on reports (letterhead, signer, recipients), and those of the
//! papers: the working-day calendar (holidays, swaps, which way a deadline moves), the drafting unit, the decision.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::context::Context;
use crate::domain::calendar::{self, Direction};
use crate::domain::suggest::{Cutoff, nearest};
use crate::domain::text::nfc;
use crate::report::model::settings::{KEYS, ReportSettings, split_recipients};
use crate::store::evidence;
use crate::store::settings::{self, PAPER_KEYS};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Đặt một thiết lập in trên báo cáo, ví dụ: cchc config set signer_name "Trần Thị Thủy Nga"
    Set(SetArgs),
    /// Các thiết lập báo cáo và giá trị đang dùng (kể cả giá trị mặc định)
    List(FormatArg),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Tên thiết lập: ward, province, issuing_body, signer_name, signer_title, signer_delegation,
    /// signer_authority, recipients, report_number
    #[arg(value_name = "KHÓA")]
    pub key: String,
    /// Giá trị (để "" để bỏ trống dòng đó; recipients: các mục cách nhau bởi dấu ;)
    #[arg(value_name = "GIÁ_TRỊ")]
    pub value: String,
}

pub fn run(ctx: &Context, cmd: ConfigCommand) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        ConfigCommand::Set(args) => {
            let key = args.key.trim();
            if key == evidence::MAX_MB_KEY && args.value.trim().parse::<u64>().map_or(true, |mb| mb == 0) {
                bail!(
                    "{key} là số MB tối đa mỗi tệp kiểm chứng, một số nguyên dương, ví dụ 100; không phải «{}»",
                    args.value
                );
            }
            let known = |k: &str| KEYS.iter().chain(&PAPER_KEYS).any(|(known, _)| *known == k);
            if key != evidence::MAX_MB_KEY && !known(key) {
                let keys: Vec<&str> =
                    KEYS.iter().chain(&PAPER_KEYS).map(|(k, _)| *k).chain([evidence::MAX_MB_KEY]).collect();
                let hint = nearest(key, keys.iter().copied(), Cutoff::Typo)
                    .map(|k| format!(" Có phải «{k}»?"))
                    .unwrap_or_default();
                bail!("không có thiết lập «{key}».{hint} Các thiết lập: {}.", keys.join(", "));
            }
            let value = nfc(args.value.trim()).into_owned();
            let value = match key {
                "recipients" => split_recipients(&value).join("; "),
                "holidays" | "swapped_workdays" => calendar::parse_dates(&value)
                    .map(|days| calendar::format_dates(&days))
                    .map_err(|e| anyhow::anyhow!("{key}: {e}; ghi các ngày dd/mm/yyyy cách nhau bởi dấu ;"))?,
                "deadline_direction" => {
                    Direction::parse(&value).map_err(|e| anyhow::anyhow!("deadline_direction: {e}"))?;
                    value
                }
                _ => value,
            };
            let changed = store.write(|tx| settings::set(tx, key, &value))?;
            if changed {
                ctx.info(format!("Đã đặt {key} = «{value}»."));
            } else {
                ctx.info(format!("{key} đã là «{value}»: không có gì thay đổi."));
            }
            Ok(())
        }
        ConfigCommand::List(out) => {
            let stored = settings::all(&store.conn)?;
            let mut listing = Listing::new(vec![
                col("key", "Khóa"),
                col("value", "Giá trị"),
                col("source", "Nguồn"),
                col("description", "Ý nghĩa"),
            ]);
            let report = ReportSettings::entries(&stored).into_iter().map(|(key, value, is_default)| {
                (key, value, is_default, KEYS.iter().find(|(k, _)| *k == key).map_or("", |(_, d)| *d))
            });
            let papers = PAPER_KEYS.iter().map(|(key, description)| {
                let value = stored.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
                (*key, value.clone().unwrap_or_default(), value.is_none(), *description)
            });
            for (key, value, is_default, description) in report.chain(papers) {
                let source = match (out.format, is_default) {
                    (ListFormat::Table, true) => "mặc định",
                    (ListFormat::Table, false) => "đã đặt",
                    (_, true) => "default",
                    (_, false) => "set",
                };
                listing.push(vec![key.into(), Value::Text(value), source.into(), description.into()]);
            }
            let max = stored.iter().find(|(k, _)| k == evidence::MAX_MB_KEY).map(|(_, v)| v.clone());
            let source = match (out.format, max.is_none()) {
                (ListFormat::Table, true) => "mặc định",
                (ListFormat::Table, false) => "đã đặt",
                (_, true) => "default",
                (_, false) => "set",
            };
            let max = max.unwrap_or_else(|| evidence::DEFAULT_MAX_MB.to_string());
            let description = "Dung lượng tối đa mỗi tệp kiểm chứng, MB (cchc evidence)";
            listing.push(vec![evidence::MAX_MB_KEY.into(), Value::Text(max), source.into(), description.into()]);
            listing.emit(ctx, out.format)
        }
    }
}
