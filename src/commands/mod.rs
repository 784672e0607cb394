//! The command enum and its dispatch; one module per command group with its clap arguments and the code that
//! runs it.

pub mod args;
pub mod assign;
pub mod backup;
pub mod clarify;
pub mod config;
pub mod criteria;
pub mod demo;
pub mod directory_import;
pub mod evidence;
pub mod export;
pub mod finding;
pub mod finding_answer;
pub mod finding_link;
pub mod init;
pub mod late_bar;
pub mod listing;
pub mod log;
mod log_text;
pub mod official;
pub mod paper;
pub mod report;
pub mod report_dates;
pub mod report_notices;
pub mod report_text;
pub mod report_year;
pub mod restore;
pub mod review;
pub mod round;
pub mod round_schedule;
pub mod round_team;
pub mod sample;
pub mod score;
pub mod score_totals;
pub mod selfreport;
pub mod unit;

use anyhow::Result;
use clap::Subcommand;

use crate::context::Context;
use listing::FormatArg;

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
    /// Tài liệu kiểm chứng: tệp đính kèm theo đơn vị và nội dung, lưu ngay trong cơ sở dữ liệu
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// Yêu cầu đơn vị giải trình và ý kiến giải trình
    #[command(subcommand)]
    Clarify(clarify::ClarifyCommand),
    /// Bóc mẫu hồ sơ: chọn ngẫu nhiên có thể lặp lại, ghi kết quả từng hồ sơ
    #[command(subcommand)]
    Sample(sample::SampleCommand),
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
    /// Soát báo cáo trước khi ký: những chỗ người thẩm định sẽ trả lại, ở đâu và cách sửa
    Review(review::ReviewArgs),
    /// Văn bản của đợt kiểm tra: quyết định thành lập đoàn, lịch kiểm tra, biên bản, công văn đôn đốc, kế hoạch năm
    #[command(subcommand)]
    Paper(paper::PaperCommand),
    /// Thiết lập in trên báo cáo: tên phường, người ký, nơi nhận…
    #[command(subcommand)]
    Config(config::ConfigCommand),
}

pub fn run(ctx: &Context, command: Commands) -> Result<()> {
    match command {
        Commands::Init(args) => init::run(ctx, args),
        Commands::Demo(args) => demo::run(ctx, args),
        Commands::Criteria(cmd) => criteria::run(ctx, cmd),
        Commands::Unit(cmd) => unit::run(ctx, cmd),
        Commands::Official(cmd) => official::run(ctx, cmd),
        Commands::Assign(cmd) => assign::run(ctx, cmd),
        Commands::Round(cmd) => round::run(ctx, cmd),
        Commands::Score(cmd) => score::run(ctx, cmd),
        Commands::Finding(cmd) => finding::run(ctx, cmd),
        Commands::Evidence(cmd) => evidence::run(ctx, cmd),
        Commands::Clarify(cmd) => clarify::run(ctx, cmd),
        Commands::Sample(cmd) => sample::run(ctx, cmd),
        Commands::Log(args) => log::run(ctx, args),
        Commands::Backup(args) => backup::backup(ctx, args),
        Commands::Restore(args) => restore::run(ctx, args),
        Commands::Check(out) => backup::check(ctx, out),
        Commands::Report(cmd) => report::run(ctx, cmd),
        Commands::Review(args) => review::run(ctx, &args),
        Commands::Paper(cmd) => paper::run(ctx, cmd),
        Commands::Config(cmd) => config::run(ctx, cmd),
        Commands::Selfreport(cmd) => selfreport::run(ctx, cmd),
    }
}
