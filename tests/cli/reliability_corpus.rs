//! The bad-input corpus (tests/fixtures/bad): every file goes through the importer it targets and must be refused
//! with exit code 1, a Vietnamese message naming the problem and where it is, no panic, and the database unchanged
//! to the byte. A few odd-looking files (CR or CRLF line ends, a formula with the value Excel computed, a hidden
//! sheet) are valid and must import.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::common::{Ward, dump};
use crate::reliability_fixtures::{patch_declared_size, rezip, xlsx};

pub const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");

#[derive(Clone, Copy, Debug)]
enum Via {
    Units,
    Officials,
    Assignments,
    /// `cchc score import 2026-dot1`: the appraisal file.
    Scores,
    /// `cchc selfreport import 2026-dot1`: a unit's self-report.
    SelfReports,
    /// Both `cchc criteria check` and `cchc init --catalogue` on an existing database.
    Catalogue,
}

impl Via {
    fn commands(self, file: &str) -> Vec<Vec<String>> {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).chain([file.to_owned()]).collect::<Vec<_>>();
        match self {
            Via::Units => vec![args(&["unit", "import"])],
            Via::Officials => vec![args(&["official", "import"])],
            Via::Assignments => vec![args(&["assign", "import"])],
            Via::Scores => vec![args(&["score", "import", "2026-dot1"])],
            Via::SelfReports => vec![args(&["selfreport", "import", "2026-dot1"])],
            Via::Catalogue => vec![args(&["criteria", "check"]), args(&["init", "--catalogue"])],
        }
    }
}

struct Case {
    file: &'static str,
    via: Via,
    /// Extra options after the file.
    flags: &'static [&'static str],
    /// Where the problem is, as the message says it ("dòng 4", ":12:9"); empty when the whole file is at fault,
    /// and then the file name is the place.
    at: &'static str,
    /// Fragments of the Vietnamese message that name the problem.
    problem: &'static [&'static str],
}

const fn case(file: &'static str, via: Via, at: &'static str, problem: &'static [&'static str]) -> Case {
    Case { file, via, flags: &[], at, problem }
}

use Via::*;

const CASES: &[Case] = &[
    case("units-invalid-utf8-mid.csv", Units, "dòng 4", &["không phải UTF-8 hợp lệ"]),
    case("units-mixed-encodings.csv", Units, "dòng 3", &["không phải UTF-8 hợp lệ", "windows-1258"]),
    case("units-nul-byte.csv", Units, "dòng 3", &["ký tự NUL"]),
    case("units-utf16-without-bom.csv", Units, "dòng 1", &["ký tự NUL", "utf-16"]),
    case("units-unbalanced-quote.csv", Units, "dòng 3", &["dấu ngoặc kép", "không được đóng"]),
    case("units-text-after-closing-quote.csv", Units, "dòng 2", &["cột thứ 2", "sau dấu ngoặc kép đóng"]),
    case("units-header-only.csv", Units, "", &["chỉ có dòng tiêu đề"]),
    case("units-empty.csv", Units, "", &["rỗng"]),
    case("units-blank-lines-only.csv", Units, "", &["rỗng"]),
    case("units-duplicate-header.csv", Units, "", &["hai cột cùng là «Mã đơn vị»"]),
    case("units-10000-columns.csv", Units, "dòng 1", &["hơn 1000 cột"]),
    case("units-missing-column.csv", Units, "", &["thiếu cột «Mã đơn vị»", "«ma»"]),
    case("units-short-row.csv", Units, "dòng 3", &["có 2 cột trong khi dòng tiêu đề có 3 cột"]),
    case("units-code-with-space.csv", Units, "dòng 2", &["«X 1»", "không dấu cách"]),
    case("units-duplicate-code.csv", Units, "dòng 3", &["trùng với dòng 2"]),
    case("units-binary.csv", Units, "ảnh PNG", &["không phải bảng", "CSV, XLSX hoặc ODS"]),
    case("units-old-excel.xls", Units, "", &["tệp Excel cũ (.xls)"]),
    case("officials-unknown-unit.csv", Officials, "dòng 2", &["đơn vị chưa có trong cơ sở dữ liệu", "«VHXH»"]),
    case("officials-missing-name.csv", Officials, "dòng 3", &["thiếu họ và tên"]),
    case("officials-control-char-code.csv", Officials, "dòng 2", &["\\u{001B}", "ký tự điều khiển U+001B"]),
    Case {
        file: "officials-windows1258-read-as-utf8.csv",
        via: Officials,
        flags: &["--encoding", "utf-8"],
        at: "dòng 2",
        problem: &["không phải UTF-8 hợp lệ"],
    },
    case("assignments-unknown-criterion.csv", Assignments, "dòng 2", &["«1.1.99»"]),
    case("assignments-group-code.csv", Assignments, "dòng 2", &["«1.1»"]),
    case("assignments-official-of-other-unit.csv", Assignments, "dòng 2", &["thuộc đơn vị VP, không thuộc VHXH"]),
    case("assignments-arabic-digit-code.csv", Assignments, "dòng 2", &["«١.١.١»"]),
    case("assignments-cr-line-ends-bad-row.csv", Assignments, "dòng 4", &["«1.1.2x»"]),
    case("assignments-crlf-line-ends-bad-row.csv", Assignments, "dòng 4", &["«CB99»", "cán bộ chưa có"]),
    case("scores-1e309.csv", Scores, "dòng 3", &["«1e309»", "không phải số"]),
    case("scores-nan.csv", Scores, "dòng 3", &["«NaN»", "không phải số"]),
    case("scores-infinity.csv", Scores, "dòng 3", &["«inf»", "không phải số"]),
    case("scores-negative.csv", Scores, "dòng 3", &["«-1»", "không được là số âm"]),
    case("scores-eastern-arabic-digit.csv", Scores, "dòng 3", &["«٣»", "chữ số 0–9"]),
    case("scores-impossible-date.csv", Scores, "dòng 3", &["«31/02/2026»", "không phải số"]),
    case("scores-boolean.csv", Scores, "dòng 3", &["«TRUE»", "không phải số"]),
    case("scores-over-maximum.csv", Scores, "dòng 3", &["vượt quá điểm tối đa của nội dung 1.1.2"]),
    case("scores-thousands-separator.csv", Scores, "dòng 3", &["«1.000,5»", "phần thập phân"]),
    case("scores-unknown-unit.csv", Scores, "dòng 3", &["«VHXHH»", "có phải «VHXH»?"]),
    case("scores-adhoc-item.csv", Scores, "dòng 3", &["«2.1»"]),
    case("scores-note-without-points.csv", Scores, "dòng 3", &["có nhận xét nhưng thiếu điểm thẩm định"]),
    case("scores-duplicate-row.csv", Scores, "dòng 3", &["trùng với dòng 2"]),
    case("scores-many-errors.csv", Scores, "dòng 51", &["có 60 lỗi", "… và 10 lỗi khác"]),
    case("scores-not-a-zip.xlsx", Scores, "", &["không phải định dạng .xlsx"]),
    case("scores-truncated.xlsx", Scores, "", &["bị hỏng hoặc không đầy đủ"]),
    case("scores-not-an-ods.ods", Scores, "", &["không phải định dạng .ods"]),
    case("scores-formula-placeholder.xlsx", Scores, "dòng 2", &["ô C2", "«=1+0»", "chưa có giá trị", "lưu lại"]),
    case("scores-formula-error.xlsx", Scores, "dòng 3", &["ô C3", "công thức trả về #DIV/0!"]),
    case("scores-date-cell.xlsx", Scores, "dòng 2", &["«05/07/2026»", "không phải số"]),
    case("scores-boolean-cell.xlsx", Scores, "dòng 2", &["«TRUE»", "không phải số"]),
    case("scores-hidden-sheet.xlsx", Scores, "dòng 3", &["«bảy»"]),
    case("scores-10000-columns.xlsx", Scores, "dòng 1", &["hơn 1000 cột"]),
    case("scores-empty-sheet.xlsx", Scores, "", &["rỗng"]),
    case("selfreports-1e309.csv", SelfReports, "dòng 3", &["«1e309»", "không phải số"]),
    case("selfreports-nan.csv", SelfReports, "dòng 3", &["«NaN»", "không phải số"]),
    case("selfreports-negative.csv", SelfReports, "dòng 3", &["«-1»", "không được là số âm"]),
    case("selfreports-eastern-arabic-digit.csv", SelfReports, "dòng 3", &["«٣»", "chữ số 0–9"]),
    case("selfreports-over-maximum.csv", SelfReports, "dòng 3", &["«9»", "vượt quá điểm tối đa 2 của nội dung 1.1.2"]),
    case("selfreports-impossible-date.csv", SelfReports, "dòng 3", &["«31/02/2026»", "không đúng dạng số liệu"]),
    case("selfreports-percent-over-100.csv", SelfReports, "dòng 3", &["«150%»", "không được vượt quá 100%"]),
    case("selfreports-zero-denominator.csv", SelfReports, "dòng 3", &["«5/0»", "mẫu số phải lớn hơn 0"]),
    case("selfreports-unknown-criterion.csv", SelfReports, "dòng 3", &["«1.1.99»"]),
    case("selfreports-unknown-unit.csv", SelfReports, "dòng 3", &["«VHX»"]),
    case("selfreports-invalid-utf8-mid.csv", SelfReports, "dòng 3", &["không phải UTF-8 hợp lệ"]),
    case("selfreports-nul-byte.csv", SelfReports, "dòng 3", &["ký tự NUL"]),
    case("selfreports-unbalanced-quote.csv", SelfReports, "dòng 3", &["dấu ngoặc kép", "không được đóng"]),
    case("selfreports-quote-left-open.csv", SelfReports, "dòng 4", &["dấu ngoặc kép mở ở dòng 3 không được đóng"]),
    case("selfreports-swallowed-row.csv", SelfReports, "dòng 3", &["giống dòng dữ liệu (VHXH, 1.1.3)"]),
    case(
        "selfreports-other-round-template.csv",
        SelfReports,
        "dòng 1",
        &["mẫu báo cáo của đợt 2026-dot2, không phải đợt 2026-dot1", "--allow-other-round"],
    ),
    Case {
        file: "selfreports-missing-items-strict.csv",
        via: SelfReports,
        flags: &["--strict"],
        at: "",
        problem: &["đơn vị VHXH: thiếu", "được phân công cho đơn vị này: 1.1.2, 1.1.3"],
    },
    case("selfreports-header-only.csv", SelfReports, "", &["chỉ có dòng tiêu đề"]),
    case("selfreports-duplicate-header.csv", SelfReports, "", &["hai cột cùng là «Mã tiêu chí»"]),
    case("selfreports-formula-error.xlsx", SelfReports, "dòng 3", &["ô C3", "công thức trả về #DIV/0!"]),
    case("selfreports-date-cell.xlsx", SelfReports, "dòng 2", &["«05/07/2026»", "không phải số"]),
    case("selfreports-boolean-cell.xlsx", SelfReports, "dòng 2", &["«TRUE»", "không phải số"]),
    case("selfreports-formula-no-value.xlsx", SelfReports, "dòng 3", &["ô C3", "«=1+1»", "chưa có giá trị"]),
    case("catalogue-repeats-ancestor.toml", Catalogue, ":53:8", &["mã «1.1» bị trùng"]),
    case("catalogue-self-parent.toml", Catalogue, ":44:1", &["khoá không được hỗ trợ «nodes.parent»"]),
    case("catalogue-orphan.toml", Catalogue, ":53:8", &["không có mục cha «1.9»"]),
    case("catalogue-10000-deep-nesting.toml", Catalogue, ":6:", &["lồng nhau quá sâu"]),
    case("catalogue-10000-level-code.toml", Catalogue, ":53:8", &["mã có 10000 cấp, tối đa 6 cấp"]),
    case("catalogue-7-level-tree.toml", Catalogue, ":64:8", &["mã có 7 cấp, tối đa 6 cấp"]),
    case("catalogue-nan-points.toml", Catalogue, ":50:14", &["điểm tối đa phải là số không âm"]),
    case("catalogue-1e309-points.toml", Catalogue, ":50:14", &["số quá lớn"]),
    case("catalogue-negative-points.toml", Catalogue, ":50:14", &["điểm tối đa phải là số không âm"]),
    case("catalogue-string-points.toml", Catalogue, ":50:14", &["sai kiểu giá trị, cần một số"]),
    case("catalogue-invalid-utf8.toml", Catalogue, ":49:12", &["không phải văn bản UTF-8 hợp lệ"]),
    case("catalogue-nul-byte.toml", Catalogue, ":3:10", &["chuỗi không hợp lệ"]),
    case("catalogue-empty.toml", Catalogue, ":1:1", &["thiếu khoá «id»"]),
    case("catalogue-band-gap.toml", Catalogue, ":18:7", &["bỏ trống từ 70 đến dưới 75"]),
    case("catalogue-band-cap-nan.toml", Catalogue, ":7:24", &["top_band_cap_percent"]),
    case("catalogue-unclosed-string.toml", Catalogue, ":49:38", &["chuỗi không hợp lệ"]),
    case("catalogue-unknown-kind.toml", Catalogue, ":49:8", &["«hang-thang» không được hỗ trợ"]),
];

/// Odd-looking files that are valid: they must import, exactly as written.
const GOOD: &[&str] = &[
    "ok-units-crlf.csv",
    "ok-units-cr.csv",
    "ok-scores-formula-cached.xlsx",
    "ok-scores-hidden-sheet.xlsx",
    "ok-scores-merged-cells.xlsx",
    "ok-catalogue-base.toml",
];

/// A sheet whose `<dimension>` runs backwards: calamine's arithmetic on it overflows, which panics (in its worker
/// thread) when overflow checks are on, as in debug builds, and wraps harmlessly in release builds.
pub const REVERSED_DIMENSION: &str = "scores-reversed-dimension.xlsx";

/// Not inputs: how the corpus is made.
const TOOLS: &[&str] = &["make.py", "README.md"];

/// A ward with a round to import into, its database closed and checkpointed so its bytes can be compared.
pub fn ward_with_round() -> Ward {
    let ward = Ward::example();
    ward.ok(&["round", "new", "--kind", "dot1", "--year", "2026"]);
    ward
}

/// The database as text and as bytes (after the last connection closed, the WAL is folded into the file).
#[derive(PartialEq)]
struct Snapshot {
    text: String,
    bytes: Vec<u8>,
}

impl Snapshot {
    fn take(db: &Path) -> Snapshot {
        let text = dump(db);
        let wal = db.with_extension("db-wal");
        let pending = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        assert_eq!(pending, 0, "a write-ahead log was left behind");
        Snapshot { text, bytes: std::fs::read(db).expect("read db") }
    }
}

/// Runs `cchc` and samples its peak resident memory (Linux: VmHWM) until it exits.
pub fn run_measured(mut cmd: Command) -> (Output, u64) {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn cchc");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    while child.try_wait().expect("wait").is_none() {
        let status = std::fs::read_to_string(&status_file).unwrap_or_default();
        let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().split(' ').next());
        peak_kib = peak_kib.max(hwm.and_then(|v| v.parse().ok()).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(2));
    }
    (child.wait_with_output().expect("output"), peak_kib)
}

/// Runs one refused input through one command; returns what went wrong, if anything, and the peak memory.
fn refuse(
    ward: &Ward,
    before: &Snapshot,
    args: &[String],
    file: &str,
    at: &str,
    problem: &[&str],
) -> (Vec<String>, u64) {
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, peak_kib) = run_measured(ward.std_cmd(&argv));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(format!("{argv:?}: {what}\n--- stderr:\n{stderr}"));
    if stderr.contains("panicked") {
        fail("panicked".into());
    }
    if out.status.code() != Some(1) {
        fail(format!("exit code {:?}, expected 1", out.status.code()));
    }
    if !out.stdout.is_empty() {
        fail("wrote to stdout".into());
    }
    let name = Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for fragment in [name.as_str(), "Lỗi:", at].into_iter().chain(problem.iter().copied()) {
        if !stderr.contains(fragment) {
            fail(format!("message lacks «{fragment}»"));
        }
    }
    if Snapshot::take(&ward.db()) != *before {
        fail("the database changed".into());
    }
    (failures, peak_kib)
}

#[test]
fn every_bad_file_is_refused_with_a_clear_message_and_the_database_untouched() {
    let ward = ward_with_round();
    let before = Snapshot::take(&ward.db());
    let mut failures = Vec::new();
    let mut runs = 0;
    let mut peak_kib = 0;
    let mut check = |args: Vec<String>, file: &str, at: &str, problem: &[&str]| {
        let (mut found, peak) = refuse(&ward, &before, &args, file, at, problem);
        failures.append(&mut found);
        peak_kib = peak_kib.max(peak);
        runs += 1;
    };
    for case in CASES {
        let path = format!("{BAD}/{}", case.file);
        for mut args in case.via.commands(&path) {
            args.extend(case.flags.iter().map(|f| (*f).to_owned()));
            check(args, case.file, case.at, case.problem);
        }
    }
    for (file, at, problem) in generated(&ward) {
        let path = ward.path(file).display().to_string();
        check(Scores.commands(&path).remove(0), file, at, problem);
    }
    assert!(failures.is_empty(), "{} of {runs} runs went wrong:\n\n{}", failures.len(), failures.join("\n\n"));
    // Nothing here should need more than a few tens of MiB, whatever the file claims to hold.
    assert!(peak_kib < 96 * 1024, "peak memory {peak_kib} KiB");
    eprintln!("bad-input corpus: {} files, {runs} runs refused, peak memory {} MiB", CASES.len() + 3, peak_kib / 1024);
}

/// Inputs too big to commit, made here: a 10 MB field and two XLSX bombs.
fn generated(ward: &Ward) -> Vec<(&'static str, &'static str, &'static [&'static str])> {
    let mut big = b"ma_don_vi,ma_tieu_chi,diem_tham_dinh,nhan_xet\nVHXH,1.1.1,1,".to_vec();
    big.extend(std::iter::repeat_n(b'a', 10_000_000));
    big.push(b'\n');
    ward.write("scores-10mb-field.csv", big);
    let sheet = "xl/worksheets/sheet1.xml";
    // Declares a 4 GiB sheet: refused before anything is inflated.
    let declared = patch_declared_size(&xlsx(|_| {}), sheet, u32::MAX);
    ward.write("scores-zip-bomb-declared.xlsx", declared);
    // Declares 2 KiB but inflates to 20 MB: reading stops at the declared size.
    let padding = " ".repeat(20_000_000);
    let lying = rezip(&xlsx(|_| {}), sheet, |xml| xml.replacen("<sheetData>", &format!("{padding}<sheetData>"), 1));
    ward.write("scores-zip-bomb-lying.xlsx", patch_declared_size(&lying, sheet, 2048));
    vec![
        ("scores-10mb-field.csv", "dòng 2", &["một ô dài quá 1 MiB"]),
        ("scores-zip-bomb-declared.xlsx", "", &["vượt quá 200 MiB"]),
        ("scores-zip-bomb-lying.xlsx", "", &["không phải tệp Excel (.xlsx) đọc được"]),
    ]
}

#[test]
fn odd_but_valid_files_import() {
    let ward = ward_with_round();
    for file in ["ok-units-crlf.csv", "ok-units-cr.csv"] {
        ward.ok(&["unit", "import", &format!("{BAD}/{file}")]);
    }
    let units = ward.json(&["unit", "list"]);
    let name = |code: &str| units.as_array().unwrap().iter().find(|u| u["code"] == code).map(|u| u["name"].clone());
    assert_eq!(name("CRLF1").unwrap(), "Phòng Một");
    assert_eq!(name("CRLF2").unwrap(), "Phòng\nHai", "a CRLF inside quotes is one line break");
    assert_eq!(name("CR2").unwrap(), "Phòng Hai");
    // A formula is read by the value Excel last computed; the hidden first sheet is skipped for the visible one.
    ward.ok(&["score", "import", "2026-dot1", &format!("{BAD}/ok-scores-formula-cached.xlsx")]);
    ward.ok(&["score", "import", "2026-dot1", &format!("{BAD}/ok-scores-hidden-sheet.xlsx")]);
    let scores = ward.json(&["score", "list", "2026-dot1", "--unit", "VHXH"]);
    let points =
        |code: &str| scores.as_array().unwrap().iter().find(|s| s["criterion"] == code).unwrap()["points"].clone();
    assert_eq!(points("1.1.1"), 1.5);
    assert_eq!(points("1.1.2"), 1.0);
    // A unit's code merged down its rows (Excel keeps it in the first cell only) counts for each of them.
    ward.ok(&["score", "import", "2026-dot1", &format!("{BAD}/ok-scores-merged-cells.xlsx")]);
    let merged = ward.json(&["score", "list", "2026-dot1", "--unit", "VP"]);
    let scored = merged.as_array().unwrap().iter().filter(|s| s["points"] == 0.5);
    let codes: Vec<&str> = scored.filter_map(|s| s["criterion"].as_str()).collect();
    assert_eq!(codes, ["1.1.1", "1.1.2", "1.1.3"]);
    // The catalogue the bad variants are made from is itself valid, so each variant fails for its own reason.
    ward.ok(&["criteria", "check", &format!("{BAD}/ok-catalogue-base.toml")]);
}

/// Either outcome is sound, but no panic report reaches the user and a refusal changes nothing.
#[test]
fn a_panic_inside_the_xlsx_parser_is_contained() {
    let ward = ward_with_round();
    let before = Snapshot::take(&ward.db());
    let out = ward.cmd(&["score", "import", "2026-dot1", &format!("{BAD}/{REVERSED_DIMENSION}")]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("overflow"), "{stderr}");
    if out.status.success() {
        assert_eq!(ward.json(&["score", "list", "2026-dot1", "--unit", "VHXH"])[0]["points"], 1.0);
    } else {
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr.contains(REVERSED_DIMENSION) && stderr.contains("cấu trúc bên trong tệp bất thường"),
            "{stderr}"
        );
        assert!(Snapshot::take(&ward.db()) == before, "the database changed");
    }
}

#[test]
fn the_corpus_has_at_least_forty_files_and_each_is_tried() {
    let mut listed: Vec<&str> =
        CASES.iter().map(|c| c.file).chain(GOOD.iter().copied()).chain(TOOLS.iter().copied()).collect();
    listed.push(REVERSED_DIMENSION);
    listed.sort_unstable();
    let mut present: Vec<String> = std::fs::read_dir(BAD)
        .expect("corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    present.sort_unstable();
    assert_eq!(present, listed, "every file in tests/fixtures/bad has a row in the table, and every row a file");
    assert!(CASES.len() >= 40, "{} bad files", CASES.len());
}
