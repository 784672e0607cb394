//! `evidence import ĐỢT THƯ_MỤC`: the folder a unit (or every unit) hands over. Each file is placed on an item by
//! its name (`1.1.5 Kế hoạch.pdf`, `1.1.5-2.jpg`), by the sub-folder it sits in (`1.1.5/…`, as `evidence
//! extract` writes), or by a `danh-sach.csv|xlsx` (Mã tiêu chí, Tệp, Ghi chú). All or nothing: every file that
//! cannot be placed is named and nothing is written.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;

use super::intake::{Incoming, Target, attach, item_target, size_text};
use crate::context::Context;
use crate::import::{ColumnSpec, Encoding, Row, TableReader};
use crate::store::{Store, evidence, rounds};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Mã đợt, ví dụ 2026-dot1
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    /// Thư mục: mỗi đơn vị một thư mục con mang mã đơn vị (hoặc thư mục của một đơn vị, với --unit)
    #[arg(value_name = "THƯ_MỤC")]
    pub folder: PathBuf,
    /// Thư mục là của đơn vị này (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ")]
    pub unit: Option<String>,
    /// Chỉ kiểm tra và cho biết sẽ nhập gì, không ghi
    #[arg(long)]
    pub dry_run: bool,
}

const LISTS: [&str; 2] = ["danh-sach.csv", "danh-sach.xlsx"];
const LIST_COLUMNS: [ColumnSpec; 3] = [
    ColumnSpec::required("ma_tieu_chi", "Mã tiêu chí"),
    ColumnSpec::required("tep", "Tệp"),
    ColumnSpec::optional("ghi_chu", "Ghi chú"),
];

/// One file placed on a unit's item.
struct Placed {
    path: PathBuf,
    unit: String,
    item: String,
    note: String,
}

pub fn import(ctx: &Context, store: &mut Store, args: &ImportArgs) -> Result<()> {
    let round = rounds::get(&store.conn, &args.round)?;
    round.ensure_open()?;
    let units: Vec<(String, PathBuf)> = match &args.unit {
        Some(unit) => vec![(unit.clone(), args.folder.clone())],
        None => entries(&args.folder)?.into_iter().filter(|p| p.is_dir()).map(|p| (file_name(&p), p)).collect(),
    };
    let mut placed = Vec::new();
    let mut problems = Vec::new();
    let mut targets: Vec<Target> = Vec::new();
    for (unit, folder) in &units {
        let before = placed.len();
        match place_unit(folder, unit, &mut placed) {
            Ok(unplaced) => problems.extend(unplaced),
            Err(e) => problems.push(format!("{e:#}")),
        }
        for p in &placed[before..] {
            match item_target(store, &round.id, &p.unit, &p.item) {
                Ok(t) => targets.push(t),
                Err(e) => problems.push(format!("«{}»: {e:#}", p.path.display())),
            }
        }
    }
    if !problems.is_empty() {
        bail!("không nhập tệp nào; hãy sửa rồi chạy lại:\n  - {}", problems.join("\n  - "));
    }
    if placed.is_empty() {
        bail!("thư mục «{}» không có tệp nào để nhập", args.folder.display());
    }
    let max = evidence::max_size(&store.conn)?;
    let today = ctx.today();
    let attached = store.transaction(!args.dry_run, |tx| {
        rounds::ensure_open_in(tx, &round.id)?;
        let mut all = Vec::new();
        for (p, target) in placed.iter().zip(&targets) {
            let name = file_name(&p.path);
            let file = Incoming { path: &p.path, name: &name, received_on: today, note: &p.note, clarification: None };
            all.push(attach(tx, target, &file, max)?);
        }
        anyhow::Ok(all)
    })?;
    let added: Vec<_> = attached.iter().filter_map(|a| a.row.as_ref()).collect();
    let size: u64 = added.iter().map(|r| r.size).sum();
    let verb = if args.dry_run { "Sẽ nhập" } else { "Đã nhập" };
    ctx.info(format!(
        "{verb} {} tệp kiểm chứng ({}) của {} đơn vị vào đợt {}; {} tệp đã có từ trước.{}",
        added.len(),
        size_text(size),
        units.len(),
        round.id,
        attached.len() - added.len(),
        if args.dry_run { " (--dry-run: chưa ghi gì)" } else { "" }
    ));
    Ok(())
}

/// Places the files of one unit's folder; returns the files that could not be placed, one message each.
fn place_unit(folder: &Path, unit: &str, placed: &mut Vec<Placed>) -> Result<Vec<String>> {
    if let Some(list) = LISTS.iter().map(|l| folder.join(l)).find(|p| p.is_file()) {
        return place_by_list(folder, &list, unit, placed);
    }
    let mut unplaced = Vec::new();
    for entry in entries(folder)? {
        let name = file_name(&entry);
        if entry.is_dir() {
            let item = code_prefix(&name);
            for inner in entries(&entry)? {
                if item.is_empty() || inner.is_dir() {
                    unplaced.push(format!("«{}»: không rõ thuộc nội dung nào", inner.display()));
                } else {
                    placed.push(Placed { path: inner, unit: unit.to_owned(), item: item.clone(), note: String::new() });
                }
            }
            continue;
        }
        let item = code_prefix(&name);
        if item.is_empty() {
            unplaced.push(format!(
                "«{}»: tên tệp không bắt đầu bằng mã tiêu chí (ví dụ «1.1.5 Kế hoạch.pdf»); hãy đổi tên hoặc dùng danh-sach.csv",
                entry.display()
            ));
        } else {
            placed.push(Placed { path: entry, unit: unit.to_owned(), item, note: String::new() });
        }
    }
    Ok(unplaced)
}

fn place_by_list(folder: &Path, list: &Path, unit: &str, placed: &mut Vec<Placed>) -> Result<Vec<String>> {
    let mut reader = TableReader::open(list, Encoding::Auto, &LIST_COLUMNS)?;
    let mut row = Row::new();
    let mut problems = Vec::new();
    let mut listed = Vec::new();
    while reader.next_row(&mut row)? {
        let (item, file) = (row.get("ma_tieu_chi").unwrap_or(""), row.get("tep").unwrap_or(""));
        let at = format!("«{}» dòng {}", list.display(), row.line);
        let inside = Path::new(file).components().all(|c| matches!(c, Component::Normal(_)));
        if file.is_empty() || !inside {
            problems.push(format!(
                "{at}: tệp «{file}» phải là tên tệp trong thư mục của đơn vị (không có «..» hay đường dẫn tuyệt đối)"
            ));
            continue;
        }
        let path = folder.join(file);
        if !path.is_file() {
            problems.push(format!("{at}: không có tệp «{file}» trong «{}»", folder.display()));
            continue;
        }
        listed.push(path.clone());
        let note = row.get("ghi_chu").unwrap_or("").to_owned();
        placed.push(Placed { path, unit: unit.to_owned(), item: item.to_owned(), note });
    }
    for entry in entries(folder)? {
        if entry.is_file() && !LISTS.contains(&file_name(&entry).as_str()) && !listed.contains(&entry) {
            problems.push(format!("«{}»: không có trong {}", entry.display(), file_name(list)));
        }
    }
    Ok(problems)
}

/// The item code a name begins with: `1.1.5 Kế hoạch.pdf`, `1.1.5-2.jpg`, `1.1.5.pdf` → `1.1.5`; none → "".
fn code_prefix(name: &str) -> String {
    let prefix: String = name.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let code = prefix.trim_end_matches('.');
    if code.contains('.') { code.to_owned() } else { String::new() }
}

/// A folder's entries in name order (hidden files and the office's lock files left out).
fn entries(folder: &Path) -> Result<Vec<PathBuf>> {
    let read = std::fs::read_dir(folder).with_context(|| format!("Không đọc được thư mục «{}»", folder.display()))?;
    let mut all = Vec::new();
    for entry in read {
        let path = entry.with_context(|| format!("Không đọc được thư mục «{}»", folder.display()))?.path();
        let name = file_name(&path);
        if !name.starts_with('.') && !name.starts_with("~$") && name != "Thumbs.db" && name != "desktop.ini" {
            all.push(path);
        }
    }
    all.sort();
    Ok(all)
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_item_code_is_read_from_the_start_of_a_name() {
        assert_eq!(super::code_prefix("1.1.5 Kế hoạch số hóa.pdf"), "1.1.5");
        assert_eq!(super::code_prefix("1.1.5-2.jpg"), "1.1.5");
        assert_eq!(super::code_prefix("1.1.5.pdf"), "1.1.5");
        assert_eq!(super::code_prefix("Kế hoạch.pdf"), "");
        assert_eq!(super::code_prefix("2026.pdf"), "");
    }
}
