//! `cchc init`: create or upgrade the database, load the catalogue and the ward's settings.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::Args;

use crate::context::Context;
use crate::domain::catalogue::{DEFAULT_FILE_NAME, DEFAULT_TOML};
use crate::domain::catalogue_parse;
use crate::domain::text::nfc;
use crate::store::{Store, catalogues, maintenance, settings};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Tệp bộ tiêu chí TOML (mặc định: bộ tiêu chí mặc định năm 2026 có sẵn)
    #[arg(long, value_name = "TỆP")]
    pub catalogue: Option<PathBuf>,
    /// Tên phường, dùng trên mọi báo cáo, giấy tờ (ví dụ: Sông Lam)
    #[arg(long, value_name = "TÊN")]
    pub ward: Option<String>,
    /// Tên tỉnh (ví dụ: Nghệ An)
    #[arg(long, value_name = "TÊN")]
    pub province: Option<String>,
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<()> {
    let existed = ctx.db_path.exists();
    let empty = std::fs::metadata(&ctx.db_path).map(|m| m.len() == 0).unwrap_or(true);
    let leftovers = maintenance::leftovers_note(&ctx.db_path);
    if empty && !leftovers.is_empty() {
        bail!(
            "chưa có cơ sở dữ liệu «{}» (hoặc tệp rỗng), nhưng có dấu vết của một lần khôi phục: `cchc init` không tạo \
             cơ sở dữ liệu mới ở đây.{leftovers} Nếu thật sự muốn bắt đầu lại từ đầu, hãy chuyển các tệp đó sang thư \
             mục khác trước.",
            ctx.db_path.display()
        );
    }
    let (file_name, content) = match &args.catalogue {
        Some(path) => super::criteria::read_source(path)?,
        None => (DEFAULT_FILE_NAME.to_owned(), DEFAULT_TOML.to_owned()),
    };
    let catalogue = catalogue_parse::parse(&file_name, &content)?;
    let mut store = Store::create(&ctx.db_path, &ctx.actor, ctx.now)
        .with_context(|| format!("Không tạo được cơ sở dữ liệu «{}»", ctx.db_path.display()))?;
    let changed = store.write(|tx| -> Result<bool> {
        let mut changed = !existed;
        // On an existing database `init` only adds what is missing: a setting already made is changed on purpose,
        // with `config set` (which says so), never by re-running the set-up with a differently spelled name.
        for (key, label, value) in [("ward", "--ward", &args.ward), ("province", "--province", &args.province)] {
            let Some(value) = value else { continue };
            let Some(current) = settings::get(tx, key)? else {
                changed = true;
                continue;
            };
            let value = nfc(value.trim());
            if current != value {
                bail!(
                    "cơ sở dữ liệu «{}» đã có, với {key} = «{current}»; `cchc init` không đổi thiết lập của cơ sở dữ \
                     liệu đã có ({label} «{value}» bị từ chối, không có gì thay đổi). Nếu muốn đổi, hãy dùng: \
                     cchc config set {key} \"{value}\"",
                    ctx.db_path.display()
                );
            }
        }
        let keep_active = existed && args.catalogue.is_none() && settings::get(tx, "catalogue_hash")?.is_some();
        if !keep_active {
            changed = true;
            catalogues::load(tx, &file_name, &catalogue)?;
        }
        if let Some(ward) = &args.ward {
            settings::set(tx, "ward", &nfc(ward.trim()))?;
        }
        if let Some(province) = &args.province {
            settings::set(tx, "province", &nfc(province.trim()))?;
        }
        Ok(changed)
    })?;
    if !changed {
        ctx.info(format!(
            "Cơ sở dữ liệu «{}» đã có, với đúng các thiết lập này: không có gì thay đổi. Xem thiết lập: cchc \
             config list; bước tiếp theo: nạp đơn vị (cchc unit import TỆP).",
            ctx.db_path.display()
        ));
        return Ok(());
    }
    let verb = if existed { "Đã cập nhật" } else { "Đã tạo" };
    ctx.info(format!(
        "{verb} cơ sở dữ liệu «{}» với bộ tiêu chí {} phiên bản {} ({} nội dung chấm điểm).",
        ctx.db_path.display(),
        catalogue.id,
        catalogue.version,
        catalogue.leaves().count()
    ));
    Ok(())
}
