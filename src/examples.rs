//! The real examples printed at the foot of each command's help, keyed by the command's path (`"score set"`).
//! One table, so that every command has its examples and they read alike; `tests/cli/help.rs` walks every
//! command's help and fails on one without them.

const EXAMPLES: &[(&str, &[&str])] = &[
    ("", &["cchc init --ward \"Thành Sen\" --province \"Hà Tĩnh\"", "cchc help round"]),
    ("init", &["cchc init --ward \"Thành Sen\" --province \"Hà Tĩnh\"", "cchc --db nam-2026.db init"]),
    ("demo", &["cchc demo", "cchc demo --out thu-nghiem"]),
    ("criteria", &["cchc criteria tree", "cchc criteria show 1.3.3"]),
    ("criteria list", &["cchc criteria list --field 1.3", "cchc criteria list --format csv > tieu-chi.csv"]),
    ("criteria tree", &["cchc criteria tree"]),
    ("criteria show", &["cchc criteria show 1.3.3"]),
    ("criteria check", &["cchc criteria check criteria/mac-dinh-2026.toml"]),
    ("criteria export", &["cchc criteria export -o bo-tieu-chi.xlsx"]),
    ("criteria import", &["cchc criteria import bo-tieu-chi.xlsx -o bo-tieu-chi-2027.toml"]),
    ("criteria load", &["cchc criteria load bo-tieu-chi.xlsx", "cchc criteria load bo-tieu-chi-2027.toml"]),
    ("criteria versions", &["cchc criteria versions"]),
    ("criteria diff", &["cchc criteria diff mac-dinh-2026@1.0.0"]),
    ("unit", &["cchc unit import examples/thanh-sen/units.csv", "cchc unit show \"van hoa\""]),
    ("unit add", &["cchc unit add --code VHXH --name \"Phòng Văn hóa - Xã hội\""]),
    ("unit list", &["cchc unit list", "cchc unit list --format xlsx -o don-vi.xlsx"]),
    ("unit show", &["cchc unit show VHXH", "cchc unit show \"van hoa\""]),
    ("unit import", &["cchc unit import examples/thanh-sen/units.csv", "cchc unit import don-vi.xlsx --dry-run"]),
    ("official", &["cchc official import examples/thanh-sen/officials.csv", "cchc official list --unit VP"]),
    (
        "official add",
        &["cchc official add --code CB01 --name \"Nguyễn Văn An\" --unit VP --position \"Chánh Văn phòng\""],
    ),
    ("official list", &["cchc official list --unit VP", "cchc official list --format xlsx -o can-bo.xlsx"]),
    ("official import", &["cchc official import examples/thanh-sen/officials.csv"]),
    ("assign", &["cchc assign import examples/thanh-sen/assignments.csv", "cchc assign list --unit VHXH"]),
    ("assign add", &["cchc assign add 1.3.2 --unit VHXH --official CB01"]),
    ("assign list", &["cchc assign list --unit VHXH", "cchc assign list --format csv -o phan-cong.csv"]),
    ("assign import", &["cchc assign import examples/thanh-sen/assignments.csv"]),
    ("round", &["cchc round new --kind dot1 --year 2026", "cchc round start 2026-dot1"]),
    (
        "round new",
        &[
            "cchc round new --kind dot1 --year 2026",
            "cchc round new --kind dot-xuat --from 15/08/2026 --topic \"Kỷ luật hành chính\" --reason \"Phản ánh\" --units TTPVHCC",
        ],
    ),
    ("round list", &["cchc round list --year 2026"]),
    ("round show", &["cchc round show 2026-dot1"]),
    ("round start", &["cchc round start 2026-dot1"]),
    ("round close", &["cchc round close 2026-dot1"]),
    ("round reopen", &["cchc round reopen 2026-dot1 --reason \"Bổ sung điểm còn thiếu\""]),
    (
        "round team",
        &[
            "cchc round team 2026-dot1",
            "cchc round team 2026-dot1 add --name \"Nguyễn Thị Hoài Thu\" --role truong-doan",
        ],
    ),
    (
        "round team add",
        &[
            "cchc round team 2026-dot1 add --name \"Nguyễn Thị Hoài Thu\" --role truong-doan --title \"Phó Trưởng phòng\" --unit VHXH",
            "cchc round team 2026-dot1 add --official CB05 --role thanh-vien",
        ],
    ),
    ("round team decision", &["cchc round team 2026-dot1 decision 112/QĐ-UBND --date 22/06/2026"]),
    ("round team list", &["cchc round team 2026-dot1 list"]),
    ("round team remove", &["cchc round team 2026-dot1 remove \"Lê Văn Quang\""]),
    ("round team role", &["cchc round team 2026-dot1 role \"Lê Văn Quang\" --role truong-doan"]),
    ("round schedule", &["cchc round schedule 2026-dot1 auto", "cchc round schedule 2026-dot1 show"]),
    (
        "round schedule set",
        &["cchc round schedule 2026-dot1 set VHXH 08/07/2026 --session sang --place \"Phòng họp UBND phường\""],
    ),
    ("round schedule import", &["cchc round schedule 2026-dot1 import lich-kiem-tra.xlsx"]),
    ("round schedule show", &["cchc round schedule 2026-dot1 show"]),
    ("round schedule auto", &["cchc round schedule 2026-dot1 auto"]),
    (
        "selfreport",
        &["cchc selfreport template 2026-dot1 --unit VHXH -o mau-VHXH.xlsx", "cchc selfreport status 2026-dot1"],
    ),
    ("selfreport template", &["cchc selfreport template 2026-dot1 --unit VHXH -o mau-VHXH.xlsx"]),
    (
        "selfreport import",
        &[
            "cchc selfreport import 2026-dot1 vp-dot1.csv --dry-run",
            "cchc selfreport import 2026-dot1 vp-dot1.xlsx --received 24/06/2026",
        ],
    ),
    ("selfreport show", &["cchc selfreport show 2026-dot1 VP", "cchc selfreport show 2026-dot1 VP --revision 1"]),
    ("selfreport status", &["cchc selfreport status 2026-dot1"]),
    ("score", &["cchc score set 2026-dot1 VP 1.1.5 1,5", "cchc score list 2026-dot1 --unit VP"]),
    (
        "score set",
        &[
            "cchc score set 2026-dot1 VP 1.1.5 1,5 --note \"Chưa số hóa hết tài liệu\"",
            "cchc score set 2026-dot1 VP 1.2.10 --na",
        ],
    ),
    ("score unset", &["cchc score unset 2026-dot1 VP 1.1.5"]),
    (
        "score import",
        &["cchc score import 2026-dot1 tham-dinh.csv --dry-run", "cchc score import 2026-dot1 tham-dinh.xlsx"],
    ),
    ("score list", &["cchc score list 2026-dot1 --unit VP", "cchc score list 2026-dot1 --format csv > diem.csv"]),
    ("score summary", &["cchc score summary 2026-dot1", "cchc score summary 2026-dot1 --per can-bo"]),
    (
        "finding",
        &[
            "cchc finding add 2026-dot1 --unit VP --kind han-che --text \"Chưa niêm yết TTHC\"",
            "cchc finding list --overdue",
        ],
    ),
    (
        "finding add",
        &[
            "cchc finding add 2026-dot1 --unit TTPVHCC --criterion 1.3.7 --kind han-che --text \"Tỷ lệ hồ sơ trực tuyến đạt 62%\" --due 30/09/2026",
        ],
    ),
    ("finding list", &["cchc finding list --round 2026-dot1 --kind kien-nghi", "cchc finding list --overdue"]),
    ("finding show", &["cchc finding show 2026-dot1-F07"]),
    (
        "finding update",
        &["cchc finding update 2026-dot1-F07 --status dang-khac-phuc --note \"Đã bố trí công chức hướng dẫn\""],
    ),
    (
        "finding answer",
        &[
            "cchc finding answer 2026-dot1-F01 --level tinh --text \"Sở Tài chính đồng ý gia hạn (Công văn số 812/STC)\"",
        ],
    ),
    (
        "finding link",
        &["cchc finding link 2026-dot2-F02 --repeats 2026-dot1-F03", "cchc finding link 2026-dot2-F02 --none"],
    ),
    ("review", &["cchc review 2026-dot1", "cchc review 2026-dot2 --date 28/10/2026", "cchc review 2026 --format csv"]),
    ("log", &["cchc log --round 2026-dot1", "cchc log --entity điểm --since 01/07/2026 --format json"]),
    ("backup", &["cchc backup sao-luu-2026.db"]),
    ("restore", &["cchc restore sao-luu-2026.db"]),
    ("check", &["cchc check"]),
    ("report", &["cchc report round 2026-dot1 -o bao-cao-dot1.docx", "cchc report followup --as-of 31/12/2026"]),
    ("report round", &["cchc report round 2026-dot1", "cchc report round 2026-dot1 -o bao-cao-dot1.docx"]),
    ("report unit", &["cchc report unit 2026-dot1 TTPVHCC -o thong-bao-TTPVHCC.docx"]),
    ("report year", &["cchc report year 2026 -o bao-cao-nam-2026.html"]),
    ("report selfassessment", &["cchc report selfassessment 2026 -o tu-danh-gia-2026.xlsx"]),
    ("report followup", &["cchc report followup --as-of 31/12/2026"]),
    (
        "report text",
        &[
            "cchc report text show 2026-dot2",
            "cchc report text set 2026-dot2 --section han-che --file han-che.md",
            "cchc report text confirm 2026-dot2 --all",
        ],
    ),
    (
        "report text set",
        &[
            "cchc report text set 2026-dot2 --section uu-diem --text \"Các đơn vị chấp hành tốt thời hạn báo cáo.\"",
            "cchc report text set 2026 --section phuong-huong --file phuong-huong.md",
        ],
    ),
    ("report text show", &["cchc report text show 2026-dot2", "cchc report text show 2026 --format json"]),
    (
        "report text confirm",
        &[
            "cchc report text confirm 2026-dot2 --section uu-diem --section nguyen-nhan",
            "cchc report text confirm 2026 --all",
        ],
    ),
    (
        "paper",
        &["cchc paper decision 2026-dot1 -o quyet-dinh-doan-kiem-tra-dot1.docx", "cchc paper text -o loi-van.toml"],
    ),
    ("paper decision", &["cchc paper decision 2026-dot1 -o quyet-dinh-doan-kiem-tra-dot1.docx"]),
    ("paper schedule", &["cchc paper schedule 2026-dot1 -o lich-kiem-tra-dot1.docx"]),
    (
        "paper minutes",
        &[
            "cchc paper minutes 2026-dot1 VHXH --unit-opinion \"Thống nhất với kết quả kiểm tra\" -o bien-ban-VHXH.docx",
            "cchc paper minutes 2026-dot1 --all -o bien-ban-dot1",
        ],
    ),
    ("paper reminder", &["cchc paper reminder 2026-dot1 --as-of 03/07/2026 -o don-doc-dot1.docx"]),
    ("paper plan", &["cchc paper plan 2027 --text loi-van-2027.toml -o ke-hoach-kiem-tra-2027.docx"]),
    ("paper text", &["cchc paper text -o loi-van-2027.toml"]),
    ("evidence", &["cchc evidence add 2026-dot1 VP 1.1.5 \"Kế hoạch số hóa.pdf\"", "cchc evidence check 2026-dot1"]),
    ("evidence add", &["cchc evidence add 2026-dot1 VP 1.1.5 \"Kế hoạch số hóa.pdf\" anh-chup.jpg"]),
    (
        "evidence import",
        &[
            "cchc evidence import 2026-dot1 tai-lieu-dot1 --dry-run",
            "cchc evidence import 2026-dot1 tai-lieu-VP --unit VP",
        ],
    ),
    ("evidence list", &["cchc evidence list 2026-dot1 --unit VP", "cchc evidence list 2026-dot1 --item 1.1"]),
    ("evidence show", &["cchc evidence show 12"]),
    ("evidence remove", &["cchc evidence remove 12"]),
    ("evidence extract", &["cchc evidence extract 2026-dot1 -o tai-lieu-dot1"]),
    (
        "evidence pack",
        &[
            "cchc evidence pack 2026-dot1 --unit VP -o tai-lieu-VP.zip",
            "cchc evidence pack 2026 --for-province -o nop-tinh.zip",
        ],
    ),
    ("evidence check", &["cchc evidence check 2026-dot1", "cchc evidence check 2026-dot1 --format csv > thieu.csv"]),
    ("clarify", &["cchc clarify ask 2026-dot1 VP 1.1.5 --text \"Bổ sung kế hoạch\"", "cchc clarify list --open"]),
    (
        "clarify ask",
        &["cchc clarify ask 2026-dot1 VP 1.1.5 --text \"Đề nghị bổ sung kế hoạch số hóa\" --due 08/07/2026"],
    ),
    ("clarify answer", &["cchc clarify answer 2026-dot1-GT01 --text \"Đã bổ sung\" --file ke-hoach.pdf"]),
    ("clarify list", &["cchc clarify list 2026-dot1 --open", "cchc clarify list --format csv"]),
    (
        "sample",
        &[
            "cchc sample draw 2026-dot1 TTPVHCC 1.3.3 --from ho-so.xlsx --n 10",
            "cchc sample show 2026-dot1 TTPVHCC 1.3.3",
        ],
    ),
    ("sample draw", &["cchc sample draw 2026-dot1 TTPVHCC 1.3.3 --from ho-so.csv --n 10 --seed 20260706"]),
    (
        "sample record",
        &["cchc sample record 2026-dot1 TTPVHCC 1.3.3 HS-0042 --khong-dat --note \"Trả kết quả trễ hạn\""],
    ),
    ("sample show", &["cchc sample show 2026-dot1 TTPVHCC 1.3.3"]),
    ("config", &["cchc config set signer_name \"Trần Thị Thủy Nga\"", "cchc config list"]),
    ("config set", &["cchc config set signer_name \"Trần Thị Thủy Nga\"", "cchc config set evidence_max_mb 200"]),
    ("config list", &["cchc config list"]),
];

/// The help's foot for the command at `path` ("" for `cchc` itself), or `None` when the table has none.
pub fn after_help(path: &str) -> Option<String> {
    let (_, lines) = EXAMPLES.iter().find(|(p, _)| *p == path)?;
    Some(lines.iter().fold("Ví dụ:".to_owned(), |text, line| format!("{text}\n  {line}")))
}

#[cfg(test)]
pub fn paths() -> impl Iterator<Item = &'static str> {
    EXAMPLES.iter().map(|(path, _)| *path)
}
