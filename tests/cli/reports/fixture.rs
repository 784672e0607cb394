//! The fixture year the report tests print: rows the commands of other issues will write, inserted directly.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::common::Ward;

const CATALOGUE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/criteria/mac-dinh-2026.toml"));

/// The example ward through 2026: Đợt 1, an ad-hoc round on discipline, Đợt 2; self-reports (one late, one
/// corrected, some missing), appraised scores with N/A items and notes, findings of every kind and their events.
/// The commands that write scores and findings are built elsewhere, so rows go in directly.
pub fn fixture() -> Ward {
    let ward = Ward::example();
    for args in [
        &["init", "--ward", "Thành Sen", "--province", "Hà Tĩnh"][..],
        &["round", "new", "--kind", "dot1", "--year", "2026"],
        &[
            "round",
            "new",
            "--kind",
            "dot-xuat",
            "--year",
            "2026",
            "--from",
            "15/09/2026",
            "--topic",
            "Kỷ luật, kỷ cương hành chính",
            "--reason",
            "Phản ánh của công dân ngày 10/09/2026",
            "--units",
            "TTPVHCC,VP",
        ],
        &["round", "new", "--kind", "dot2", "--year", "2026"],
        &["config", "set", "signer_name", "Trần Thị Thủy Nga"],
        &["config", "set", "recipients", "Sở Nội vụ (báo cáo); Chủ tịch, các PCT UBND phường; Lưu: VT, VHXH"],
    ] {
        ward.ok(args);
    }
    let conn = Connection::open(ward.db()).expect("open db");
    insert_selfreports(&conn);
    insert_scores(&conn);
    insert_findings(&conn);
    ward
}

fn max_points() -> HashMap<String, f64> {
    let doc: toml::Value = toml::from_str(CATALOGUE).expect("catalogue");
    let nodes = doc["nodes"].as_array().expect("nodes");
    nodes.iter().filter_map(|n| Some((n.get("code")?.as_str()?.to_owned(), n.get("max_points")?.as_float()?))).collect()
}

fn assignments(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn.prepare("SELECT criterion, unit_code FROM assignments ORDER BY unit_code, criterion").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

pub fn insert_selfreports(conn: &Connection) {
    let max = max_points();
    let all = assignments(conn);
    // (round, unit, revision, received_on, current)
    let reports = [
        ("2026-dot1", "VP", 1, "2026-06-25", 1),
        ("2026-dot1", "KT", 1, "2026-06-28", 0),
        ("2026-dot1", "KT", 2, "2026-06-30", 1),
        ("2026-dot1", "VHXH", 1, "2026-06-26", 1),
        ("2026-dot1", "TTPVHCC", 1, "2026-06-20", 1),
        ("2026-dot2", "VP", 1, "2026-10-14", 1),
        ("2026-dot2", "KT", 1, "2026-10-15", 1),
        ("2026-dot2", "VHXH", 1, "2026-10-12", 1),
        ("2026-dot2", "TTPVHCC", 1, "2026-10-13", 1),
        ("2026-dot2", "TTDVC", 1, "2026-10-18", 1),
    ];
    for (round, unit, revision, received, current) in reports {
        conn.execute(
            "INSERT INTO selfreports (round_id, unit_code, revision, content_hash, file_name, received_on, imported_at, is_current)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6 || 'T08:00:00', ?7)",
            params![round, unit, revision, format!("{round}-{unit}-{revision}"), format!("{unit}.xlsx"), received, current],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        for (i, (criterion, _)) in all.iter().filter(|(c, u)| u == unit && c.starts_with("1.")).enumerate() {
            let top = max[criterion];
            // An earlier revision claims full marks everywhere: only the current one may count.
            let points = if current == 0 || i % 4 != 1 { top } else { (top - 0.5).max(0.0) };
            let proposal = match (round, unit, i) {
                ("2026-dot1", "VHXH", 0) => "Đề nghị tập huấn nghiệp vụ số hóa hồ sơ cho công chức",
                ("2026-dot2", "TTPVHCC", 1) => "Máy quét tài liệu hư hỏng, đề nghị trang bị mới",
                _ => "",
            };
            conn.execute(
                "INSERT INTO selfreport_items (selfreport_id, criterion, self_points, result, evidence, proposal)
                 VALUES (?1, ?2, ?3, 'Đã thực hiện', ?4, ?5)",
                params![id, criterion, points, format!("Báo cáo số {}/BC-{unit}", i + 10), proposal],
            )
            .unwrap();
        }
    }
}

pub fn insert_scores(conn: &Connection) {
    let max = max_points();
    let all = assignments(conn);
    let insert = |round: &str, unit: &str, criterion: &str, points: Option<f64>, note: &str| {
        conn.execute(
            "INSERT INTO scores (round_id, unit_code, criterion, points, not_applicable, note, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2026-11-01T08:00:00')",
            params![round, unit, criterion, points, points.is_none(), note],
        )
        .unwrap();
    };
    let periodic = all.iter().filter(|(criterion, _)| criterion.starts_with("1."));
    for (i, (criterion, unit)) in periodic.enumerate() {
        let top = max[criterion];
        let half = |p: f64| (p * 2.0).floor() / 2.0;
        let (dot1, dot2) = match i % 5 {
            0 => (top, top),
            1 => ((top - 0.5).max(0.0), top),
            2 => (half(top / 2.0), (top - 0.5).max(0.0)),
            3 => (top, (top - 0.5).max(0.0)),
            _ => ((top - 0.5).max(0.0), (top - 0.5).max(0.0)),
        };
        let na = criterion == "1.1.3" && unit == "VHXH";
        let note = match (criterion.as_str(), unit.as_str()) {
            ("1.1.5", "VP") => "Số hóa mới đạt 60% tài liệu lưu trữ giấy",
            ("1.3.2", "TTPVHCC") => "Còn hồ sơ trễ hạn chưa xin lỗi người dân",
            _ => "",
        };
        insert("2026-dot1", unit, criterion, (!na).then_some(dot1), note);
        insert("2026-dot2", unit, criterion, (!na).then_some(dot2), "");
    }
    insert("2026-dx1", "TTPVHCC", "2.1", Some(7.5), "Hai công chức đi muộn không lý do");
    insert("2026-dx1", "VP", "2.1", Some(10.0), "");
}

pub fn insert_findings(conn: &Connection) {
    // (id, round, seq, unit, criterion, official, kind, text, recommendation, due, status)
    let findings = [
        (
            "2026-dot1-F01",
            "2026-dot1",
            1,
            "VP",
            Some("1.1.5"),
            Some("CB05"),
            "han-che",
            "Chưa hoàn thành số hóa tài liệu lưu trữ giấy hình thành trước ngày 01/7/2025",
            "Hoàn thành số hóa, cập nhật lên Hệ thống",
            Some("2026-09-30"),
            "da-xac-minh",
        ),
        (
            "2026-dot1-F02",
            "2026-dot1",
            2,
            "TTPVHCC",
            Some("1.3.2"),
            None,
            "vi-pham",
            "03 hồ sơ trễ hạn chưa có văn bản xin lỗi người dân",
            "Gửi văn bản xin lỗi theo quy định",
            Some("2026-08-31"),
            "dang-khac-phuc",
        ),
        (
            "2026-dot1-F03",
            "2026-dot1",
            3,
            "TTPVHCC",
            Some("1.3.8"),
            None,
            "dien-hinh",
            "Lấy ý kiến người dân bằng mã QR ngay tại quầy, tỷ lệ hài lòng 98%",
            "",
            None,
            "mo",
        ),
        (
            "2026-dot1-F04",
            "2026-dot1",
            4,
            "KT",
            Some("1.6.1.1"),
            None,
            "kien-nghi",
            "Đề nghị bố trí kinh phí thuê máy chủ cho phần mềm kế toán",
            "",
            None,
            "mo",
        ),
        (
            "2026-dot1-F05",
            "2026-dot1",
            5,
            "VHXH",
            Some("1.5.4"),
            Some("CB10"),
            "han-che",
            "Kế hoạch đào tạo, bồi dưỡng năm 2026 ban hành chậm",
            "Ban hành kế hoạch năm 2027 trước 15/12/2026",
            Some("2026-12-15"),
            "mo",
        ),
        (
            "2026-dx1-F01",
            "2026-dx1",
            1,
            "TTPVHCC",
            Some("2.1"),
            Some("CB13"),
            "vi-pham",
            "Hai công chức đi muộn không có lý do trong ngày kiểm tra",
            "Kiểm điểm, chấn chỉnh giờ giấc làm việc",
            Some("2026-10-01"),
            "mo",
        ),
        (
            "2026-dot2-F01",
            "2026-dot2",
            1,
            "KT",
            Some("1.6.1.1"),
            None,
            "han-che",
            "Tỷ lệ giải ngân vốn đầu tư công đạt 72% kế hoạch",
            "Đẩy nhanh giải ngân, báo cáo tiến độ hằng tháng",
            Some("2026-12-31"),
            "mo",
        ),
        (
            "2026-dot2-F02",
            "2026-dot2",
            2,
            "VP",
            None,
            None,
            "dien-hinh",
            "Họp trực tuyến toàn trình với 100% tổ dân phố",
            "",
            None,
            "mo",
        ),
        (
            "2026-dot2-F03",
            "2026-dot2",
            3,
            "KT",
            Some("1.6.1.1"),
            None,
            "kien-nghi",
            "Tiếp tục đề nghị bố trí kinh phí thuê máy chủ cho phần mềm kế toán",
            "",
            None,
            "mo",
        ),
        (
            "2026-dot2-F04",
            "2026-dot2",
            4,
            "VHXH",
            Some("1.4.5"),
            None,
            "kien-nghi",
            "Đề nghị Sở Nội vụ sớm thẩm định Đề án vị trí việc làm",
            "",
            None,
            "mo",
        ),
    ];
    for (id, round, seq, unit, criterion, official, kind, text, recommendation, due, status) in findings {
        conn.execute(
            "INSERT INTO findings (id, round_id, seq, unit_code, criterion, official_code, kind, text, recommendation, due_date, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '2026-07-10T16:00:00')",
            params![id, round, seq, unit, criterion, official, kind, text, recommendation, due, status],
        )
        .unwrap();
    }
    let events = [
        ("2026-dot1-F01", "2026-08-15T09:00:00", "dang-khac-phuc", "Đã thuê đơn vị số hóa", None),
        ("2026-dot1-F01", "2026-09-28T09:00:00", "da-khac-phuc", "Đã số hóa 100% tài liệu", None),
        (
            "2026-dot1-F01",
            "2026-10-21T10:00:00",
            "da-xac-minh",
            "Đoàn kiểm tra xác minh đạt yêu cầu",
            Some("2026-dot2"),
        ),
        ("2026-dot1-F02", "2026-08-20T09:00:00", "dang-khac-phuc", "Đã xin lỗi 2/3 trường hợp", None),
    ];
    for (finding, at, status, note, round) in events {
        conn.execute(
            "INSERT INTO finding_events (finding_id, at, status, note, round_id, actor) VALUES (?1, ?2, ?3, ?4, ?5, 'thư ký')",
            params![finding, at, status, note, round],
        )
        .unwrap();
    }
    // A proposal answered by the ward, the secretary's own text for one assessment section, Đợt 1 closed.
    conn.execute_batch(
        "INSERT INTO proposal_answers (finding_id, addressed_to, answer, answered_on, updated_at, actor)
         VALUES ('2026-dot1-F04', 'phuong', 'UBND phường bố trí kinh phí trong dự toán năm 2027', '2026-08-01',
                 '2026-08-01T09:00:00', 'thư ký');
         INSERT INTO report_texts (scope, section, text, confirmed_draft, updated_at, actor)
         VALUES ('2026-dot2', 'han-che', 'Một số đơn vị chưa cập nhật tài liệu kiểm chứng.
Tiến độ giải ngân còn chậm.', 0,
                 '2026-11-28T09:00:00', 'thư ký');
         UPDATE rounds SET status = 'closed' WHERE id = '2026-dot1';",
    )
    .unwrap();
}
