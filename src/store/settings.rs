//! Ward settings (name, province, signer, recipients) used on reports, and the working-day calendar.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Tx};
use crate::domain::calendar::{self, Calendar, Direction};
use crate::store::audit::Change;

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn all(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sets a value, logging the change; setting the same value again writes nothing.
pub fn set(tx: &Tx, key: &str, value: &str) -> Result<bool, StoreError> {
    let old = get(tx, key)?;
    if old.as_deref() == Some(value) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    let change = Change { action: "set", entity: "setting", entity_id: key, round_id: None };
    tx.audit(change, old.as_ref(), Some(&value))?;
    Ok(true)
}

/// The keys of the papers and the working-day calendar `cchc config` takes besides the report settings, with what
/// each means.
pub const PAPER_KEYS: [(&str, &str); 4] = [
    (
        "holidays",
        "Ngày nghỉ lễ, Tết theo từng năm ngoài các ngày lễ dương lịch cố định (Tết Nguyên đán, Giỗ Tổ Hùng Vương, ngày nghỉ bù, nghỉ hoán đổi), dd/mm/yyyy cách nhau bởi ;",
    ),
    ("swapped_workdays", "Thứ Bảy, Chủ nhật phải đi làm do hoán đổi ngày nghỉ, dd/mm/yyyy cách nhau bởi ;"),
    (
        "deadline_direction",
        "Hạn rơi vào ngày nghỉ: truoc (lùi về ngày làm việc liền trước, mặc định) hoặc sau (sang ngày làm việc liền sau, Điều 148 Bộ luật Dân sự 2015)",
    ),
    ("drafting_unit", "Ký hiệu đơn vị soạn thảo công văn, ví dụ VHXH (Số: …/UBND-VHXH)"),
];

/// The ward's working-day calendar. Values were checked when set; a value edited by hand that does not read is
/// left out rather than stopping every command.
pub fn calendar(conn: &Connection) -> Result<Calendar, StoreError> {
    let dates = |key: &str| -> Result<_, StoreError> {
        Ok(get(conn, key)?.and_then(|v| calendar::parse_dates(&v).ok()).unwrap_or_default())
    };
    Ok(Calendar {
        holidays: dates("holidays")?,
        workdays: dates("swapped_workdays")?,
        direction: get(conn, "deadline_direction")?.and_then(|v| Direction::parse(&v).ok()).unwrap_or_default(),
    })
}
