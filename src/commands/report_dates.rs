//! `--as-of` and `--date` of the reports: the day a report's figures are measured to, and the day it is signed.

use chrono::NaiveDate;
use clap::Args;

use crate::commands::args::parse_date;
use crate::domain::round::{Round, RoundStatus};

/// The day a report is as of, and the day it is signed.
#[derive(Debug, Default, Args)]
pub struct DateArgs {
    /// Số liệu tính đến hết ngày này, dd/mm/yyyy (mặc định: đợt: ngày cuối đợt, hoặc hôm nay khi đợt chưa kết
    /// thúc; năm: 31/12, hoặc hôm nay nếu sớm hơn); không có gì ghi sau ngày này được đưa vào
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Ngày ký ghi trên dòng địa danh, ngày tháng dd/mm/yyyy (mặc định: để trống, điền khi ký)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

impl DateArgs {
    /// A round's report: as of its last day once it is over, else today.
    pub fn for_round(&self, today: NaiveDate, round: &Round) -> NaiveDate {
        self.as_of.unwrap_or(if round.status == RoundStatus::Closed || today > round.end { round.end } else { today })
    }

    /// A year's report: as of 31/12, or today if earlier.
    pub fn for_year(&self, today: NaiveDate, year: i32) -> NaiveDate {
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
        self.as_of.unwrap_or(end.min(today))
    }
}
