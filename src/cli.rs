//! Command-line surface: global options and the command enum. Each command group's
//! arguments live beside its code in `commands/<verb>.rs`.

use std::path::PathBuf;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands::{
    assign, backup, config, criteria, demo, finding, gen_scale, init, log, official, paper, report, restore, round,
    score, selfreport, unit,
};
use crate::output::FormatArg;

#[derive(Debug, Parser)]
#[command(
    name = "cchc",
    version,
    about = "Kiểm tra cải cách hành chính (CCHC) của phường: bộ tiêu chí, đợt kiểm tra, tự kiểm tra, chấm điểm, kết luận và báo cáo."
)]
pub struct Cli {
    /// Tệp cơ sở dữ liệu (mặc định: biến CCHC_DB, nếu không có thì ./cchc.db)
    #[arg(long, global = true, env = "CCHC_DB", default_value = "cchc.db", value_name = "TỆP")]
    pub db: PathBuf,

    /// Người thực hiện, ghi vào nhật ký (mặc định: biến CCHC_USER, nếu không có thì người dùng máy)
    #[arg(long = "by", global = true, value_name = "TÊN")]
    pub actor: Option<String>,

    #[command(subcommand)]
    pub command: Commands,
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Tạo cơ sở dữ liệu mới (hoặc nâng cấp cơ sở dữ liệu cũ) và nạp bộ tiêu chí
    Init(init::InitArgs),
    /// Dựng cơ sở dữ liệu mẫu của phường Thành Sen và chạy thử
    Demo(demo::DemoArgs),
    /// Bộ tiêu chí kiểm tra: liệt kê, xem, cây, kiểm tra tệp
    #[command(subcommand)]
    Criteria(criteria::CriteriaCommand),
    /// Phòng, cơ quan, đơn vị
    #[command(subcommand)]
    Unit(unit::UnitCommand),
    /// Cán bộ, công chức, viên chức
    #[command(subcommand)]
    Official(official::OfficialCommand),
    /// Phân công phụ trách nội dung kiểm tra
    #[command(subcommand)]
    Assign(assign::AssignCommand),
    /// Đợt kiểm tra: Đợt 1, Đợt 2, đột xuất
    #[command(subcommand)]
    Round(round::RoundCommand),
    /// Báo cáo tự kiểm tra của đơn vị
    #[command(subcommand)]
    Selfreport(selfreport::SelfreportCommand),
    /// Điểm thẩm định của đoàn kiểm tra: ghi, nhập tệp, bảng điểm, tổng điểm thang 100
    #[command(subcommand)]
    Score(score::ScoreCommand),
    /// Kết luận kiểm tra (điển hình, hạn chế, vi phạm, kiến nghị) và theo dõi khắc phục
    #[command(subcommand)]
    Finding(finding::FindingCommand),
    /// Nhật ký thay đổi: ai sửa gì, lúc nào, từ giá trị nào sang giá trị nào
    Log(log::LogArgs),
    /// Sao lưu cơ sở dữ liệu (an toàn cả khi đang có người ghi)
    Backup(backup::BackupArgs),
    /// Khôi phục cơ sở dữ liệu từ một bản sao lưu (bản hiện tại được giữ lại bên cạnh)
    Restore(restore::RestoreArgs),
    /// Kiểm tra cơ sở dữ liệu: toàn vẹn, khoá ngoại, bộ tiêu chí, nhật ký
    Check(FormatArg),
    /// Báo cáo: kết quả đợt, thông báo đơn vị, báo cáo năm, bảng tự đánh giá, theo dõi khắc phục
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Văn bản của đợt kiểm tra: quyết định thành lập đoàn, lịch kiểm tra, biên bản, công văn đôn đốc, kế hoạch năm
    #[command(subcommand)]
    Paper(paper::PaperCommand),
    /// Thiết lập in trên báo cáo: tên phường, người ký, nơi nhận…
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Sinh cơ sở dữ liệu quy mô toàn quốc để đo hiệu năng (scripts/bench.sh)
    #[command(hide = true)]
    GenScale(gen_scale::GenScaleArgs),
}

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Parses the command line with Vietnamese help headings on every subcommand.
pub fn parse() -> Result<Cli, clap::Error> {
    let matches = localize(Cli::command(), true).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

fn localize(cmd: Command, root: bool) -> Command {
    // Args under a custom heading are listed by display order; positionals have none, so number them in
    // declaration order to keep `<ĐỢT> <ĐƠN_VỊ> <MÃ>` in the help as in the usage line.
    let mut position = 0;
    let mut cmd = cmd
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("In trợ giúp"))
        .mut_args(|arg| {
            if arg.get_help_heading().is_some() {
                arg
            } else if arg.is_positional() {
                position += 1;
                arg.help_heading("Đối số").display_order(position)
            } else {
                arg.help_heading("Tùy chọn")
            }
        });
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản")
                .help_heading("Tùy chọn"),
        );
    }
    cmd.mut_subcommands(|sub| localize(sub, false))
}
