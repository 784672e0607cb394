//! `cchc round team ROUND add|remove|role|decision|list`: the inspection team the decision names, and that decision. A person is on a team
//! once; the team has one Trưởng đoàn (making another the leader moves the former one to thành viên, in one
//! command); a closed round refuses changes; every change is audited.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use crate::commands::args::parse_date;

use crate::commands::listing::{FormatArg, ListFormat, Listing, Value, col};
use crate::context::Context;
use crate::domain::round::{TeamMember, role_label};
use crate::domain::text::nfc;
use crate::messages;
use crate::store::lookup::{Directory, resolve};
use crate::store::{Store, officials, round_decisions, rounds, units};

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Mã đợt
    #[arg(value_name = "ĐỢT")]
    pub round: String,
    #[command(subcommand)]
    pub command: Option<TeamCommand>,
    #[command(flatten)]
    pub output: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Thêm thành viên đoàn kiểm tra (cán bộ trong danh bạ bằng --official, hoặc người ngoài với --title, --unit-name)
    Add(MemberArgs),
    /// Bỏ một thành viên khỏi đoàn kiểm tra
    Remove(WhoArgs),
    /// Đổi vai trò của một thành viên (chọn trưởng đoàn mới thì trưởng đoàn cũ thành thành viên)
    Role(RoleArgs),
    /// Ghi số, ngày quyết định thành lập đoàn kiểm tra (in trên quyết định, trích dẫn trong biên bản)
    Decision(DecisionArgs),
    /// Danh sách đoàn kiểm tra
    List(FormatArg),
}

#[derive(Debug, Args)]
pub struct DecisionArgs {
    /// Số, ký hiệu của quyết định, ví dụ 112/QĐ-UBND
    #[arg(value_name = "SỐ")]
    pub number: String,
    /// Ngày ký (dd/mm/yyyy)
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Role {
    /// Trưởng đoàn
    TruongDoan,
    /// Phó Trưởng đoàn
    PhoDoan,
    /// Thành viên
    ThanhVien,
    /// Thư ký đoàn
    ThuKy,
}

impl Role {
    fn code(self) -> &'static str {
        match self {
            Role::TruongDoan => "truong-doan",
            Role::PhoDoan => "pho-doan",
            Role::ThanhVien => "thanh-vien",
            Role::ThuKy => "thu-ky",
        }
    }
}

#[derive(Debug, Args)]
pub struct MemberArgs {
    /// Họ và tên (lấy từ danh bạ khi có --official)
    #[arg(long, value_name = "HỌ_TÊN", required_unless_present = "official")]
    pub name: Option<String>,
    /// Cán bộ trong danh bạ (mã hoặc tên): họ tên, chức vụ, đơn vị lấy từ danh bạ
    #[arg(long, value_name = "CÁN_BỘ")]
    pub official: Option<String>,
    /// Vai trò trong đoàn
    #[arg(long, value_enum, value_name = "VAI_TRÒ")]
    pub role: Role,
    /// Chức vụ (in trên quyết định), ví dụ «Phó Trưởng phòng Văn hoá - Xã hội»
    #[arg(long, allow_hyphen_values = true, value_name = "CHỨC_VỤ")]
    pub title: Option<String>,
    /// Đơn vị công tác trong danh bạ (mã hoặc tên)
    #[arg(long, value_name = "ĐƠN_VỊ", conflicts_with = "unit_name")]
    pub unit: Option<String>,
    /// Cơ quan công tác của người ngoài danh bạ, ví dụ «Công an phường Thành Sen»
    #[arg(long, allow_hyphen_values = true, value_name = "CƠ_QUAN")]
    pub unit_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Họ và tên (hoặc mã cán bộ) của thành viên
    #[arg(value_name = "NGƯỜI")]
    pub who: String,
}

#[derive(Debug, Args)]
pub struct RoleArgs {
    /// Họ và tên (hoặc mã cán bộ) của thành viên
    #[arg(value_name = "NGƯỜI")]
    pub who: String,
    /// Vai trò mới
    #[arg(long, value_enum, value_name = "VAI_TRÒ")]
    pub role: Role,
}

fn clean(text: Option<&str>) -> String {
    text.map(|t| nfc(t.trim()).into_owned()).unwrap_or_default()
}

/// The member to add: from the directory with `--official`, else as typed.
fn new_member(store: &Store, round_id: &str, args: &MemberArgs) -> Result<TeamMember> {
    let mut member = TeamMember {
        id: 0,
        round_id: round_id.to_owned(),
        name: clean(args.name.as_deref()),
        role: args.role.code().to_owned(),
        unit_code: None,
        title: clean(args.title.as_deref()),
        unit_name: clean(args.unit_name.as_deref()),
        official_code: None,
    };
    if let Some(query) = &args.official {
        let (code, _) = resolve(&store.conn, Directory::Officials, query)?;
        let official = officials::list(&store.conn, None)?.into_iter().find(|o| o.code == code);
        if let Some(o) = official {
            if member.name.is_empty() {
                member.name = o.name;
            }
            if member.title.is_empty() {
                member.title = o.position;
            }
            member.unit_code = Some(o.unit_code);
        }
        member.official_code = Some(code);
    }
    if let Some(unit) = &args.unit {
        member.unit_code = Some(resolve(&store.conn, Directory::Units, unit)?.0);
    }
    if member.name.is_empty() {
        bail!("cần họ và tên thành viên (--name) hoặc mã cán bộ trong danh bạ (--official)");
    }
    Ok(member)
}

pub fn run(ctx: &Context, store: &mut Store, args: TeamArgs) -> Result<()> {
    let round = rounds::get(&store.conn, &args.round)?;
    let format = match args.command {
        Some(TeamCommand::Add(a)) => {
            round.ensure_open()?;
            let new = new_member(store, &round.id, &a)?;
            let added = store.write(|tx| rounds::add_member(tx, &new))?;
            if added.title.is_empty() {
                messages::warn(format!(
                    "{} chưa có chức vụ: quyết định in chức vụ của từng thành viên; thêm lại với --title hoặc --official.",
                    added.name
                ));
            }
            ctx.info(format!("Đã thêm {} ({}) vào đoàn kiểm tra {}.", added.name, role_label(&added.role), round.id));
            return Ok(());
        }
        Some(TeamCommand::Remove(a)) => {
            round.ensure_open()?;
            let member = rounds::member(&store.conn, &round.id, &a.who)?;
            store.write(|tx| rounds::remove_member(tx, &member))?;
            ctx.info(format!("Đã bỏ {} khỏi đoàn kiểm tra {}.", member.name, round.id));
            return Ok(());
        }
        Some(TeamCommand::Role(a)) => {
            round.ensure_open()?;
            let member = rounds::member(&store.conn, &round.id, &a.who)?;
            let moved = store.write(|tx| rounds::set_role(tx, &member, a.role.code()))?;
            if let Some(former) = moved {
                ctx.info(format!("{} thôi làm Trưởng đoàn, nay là {}.", former.name, role_label(&former.role)));
            }
            ctx.info(format!("{} nay là {} của đoàn kiểm tra {}.", member.name, role_label(a.role.code()), round.id));
            return Ok(());
        }
        Some(TeamCommand::Decision(a)) => {
            round.ensure_open()?;
            let number = nfc(a.number.trim()).into_owned();
            if !number.contains('/') {
                bail!("số quyết định «{number}» cần có số và ký hiệu, ví dụ 112/QĐ-UBND");
            }
            if a.date >= round.start {
                messages::warn(format!(
                    "quyết định ngày {} không trước ngày bắt đầu đợt {} ({}).",
                    crate::domain::date::format(a.date),
                    round.id,
                    crate::domain::date::format(round.start)
                ));
            }
            let decision = store.write(|tx| round_decisions::set(tx, &round.id, &number, a.date))?;
            ctx.info(format!("Đợt {}: Quyết định số {}.", round.id, decision.citation()));
            return Ok(());
        }
        Some(TeamCommand::List(out)) => out.format,
        None => args.output.format,
    };
    let names = units::list(&store.conn)?;
    let body = |m: &TeamMember| match &m.unit_code {
        Some(code) => names.iter().find(|u| &u.code == code).map_or(code.clone(), |u| u.name.clone()),
        None => m.unit_name.clone(),
    };
    let mut listing = Listing::new(vec![
        col("name", "Họ và tên"),
        col("role", "Vai trò"),
        col("title", "Chức vụ"),
        col("unit", "Đơn vị"),
    ]);
    for m in rounds::team(&store.conn, &round.id)? {
        let role = if format == ListFormat::Table { role_label(&m.role).to_owned() } else { m.role.clone() };
        let unit =
            if format == ListFormat::Table { body(&m) } else { m.unit_code.clone().unwrap_or(m.unit_name.clone()) };
        listing.push(vec![
            m.name.into(),
            role.into(),
            m.title.into(),
            Value::from(Some(unit).filter(|u| !u.is_empty())),
        ]);
    }
    listing.emit(ctx, format)
}
