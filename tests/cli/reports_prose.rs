//! The drafted prose agrees with the tables and says who writes to whom (issue 20, points 4–6, 9): ưu điểm holds
//! only strengths, no list past five, no title cut, quotes “ ”, nguyên nhân left to the secretary where the data
//! say nothing; the year report cites the plan and asks the province, not its own signer; the ad-hoc report has
//! its own shape.

use crate::reports::fixture::fixture;

/// The paragraphs of a section of a Markdown report, from its heading to the next heading.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md.find(heading).unwrap_or_else(|| panic!("no «{heading}» in:\n{md}"));
    let rest = &md[start + heading.len()..];
    &rest[..rest.find("\n#").unwrap_or(rest.len())]
}

#[test]
fn the_drafts_hold_strengths_under_uu_diem_and_leave_causes_to_the_secretary() {
    let ward = fixture();
    for args in [&["report", "round", "2026-dot1"][..], &["report", "round", "2026-dot2"], &["report", "year", "2026"]]
    {
        let md = ward.ok(&[args, &["--format", "md"][..]].concat());
        let strengths = section(&md, "### 1. Ưu điểm");
        assert!(!strengths.contains("0/") && !strengths.contains("1/5"), "{args:?}: {strengths}");
        let causes = section(&md, "### 3. Nguyên nhân");
        assert!(causes.contains("Nguyên nhân khách quan:") && causes.contains("Nguyên nhân chủ quan:"), "{causes}");
        assert!(causes.contains("[Thư ký ghi"), "{args:?}: a visible gap where the data say nothing: {causes}");
        assert!(!md.contains('…'), "{args:?}: no title cut");
        assert!(!md.contains('«'), "{args:?}: running text quotes with “ ”");
        for part in ["### 1. Ưu điểm", "### 2. Tồn tại, hạn chế", "### 3. Nguyên nhân"] {
            for line in section(&md, part).lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    !line.starts_with(|c: char| c.is_ascii_digit()),
                    "{args:?}: a sentence opens with a numeral: {line}"
                );
            }
        }
    }
}

#[test]
fn the_year_report_cites_the_plan_and_asks_the_province() {
    let ward = fixture();
    let md = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(md.contains("Thực hiện Kế hoạch số [số Kế hoạch: chưa ghi"), "a visible gap for the plan's number");
    assert!(!md.contains("Đề nghị Chủ tịch UBND phường"), "the year report asks nothing of its own signer");
    ward.ok(&["config", "set", "plan_number", "146/KH-UBND"]);
    ward.ok(&["config", "set", "plan_date", "15/01/2026"]);
    let md = ward.ok(&["report", "year", "2026", "--format", "md"]);
    assert!(
        md.contains("Thực hiện Kế hoạch số 146/KH-UBND ngày 15/01/2026 của UBND phường Thành Sen về kiểm tra cải cách hành chính năm 2026, UBND phường Thành Sen báo cáo"),
        "{}",
        &md[..md.find("## I.").unwrap_or(0)]
    );
    let asks = section(&md, "KIẾN NGHỊ, ĐỀ XUẤT\n");
    assert!(asks.contains("UBND tỉnh, Sở Nội vụ"), "{asks}");
    // The round report goes from the team to the Chairman, and keeps its kiến nghị to him.
    let round = ward.ok(&["report", "round", "2026-dot1", "--format", "md"]);
    assert!(round.contains("Thực hiện Kế hoạch số 146/KH-UBND ngày 15/01/2026"));
}

#[test]
fn the_adhoc_report_has_its_own_shape() {
    let ward = fixture();
    let md = ward.ok(&["report", "round", "2026-dx1", "--format", "md"]);
    for absent in ["toàn phường", "Xếp hạng", "đạt từ 90", "phòng, cơ quan, đơn vị", "NỘP BÁO CÁO TỰ KIỂM TRA"]
    {
        assert!(!md.contains(absent), "«{absent}» in the ad-hoc report:\n{md}");
    }
    assert_eq!(md.matches("Phản ánh của công dân ngày 10/09/2026").count(), 1, "the reason once");
    for present in ["LÝ DO, NỘI DUNG VÀ THÀNH PHẦN KIỂM TRA", "KẾT QUẢ KIỂM TRA", "KẾT LUẬN CỦA ĐOÀN KIỂM TRA"]
    {
        assert!(md.contains(present), "{present}");
    }
    // No Trưởng đoàn recorded: a gap the signer sees, under the signature too.
    assert!(md.matches("[Trưởng đoàn: chưa ghi tên]").count() >= 2, "{md}");
}

#[test]
fn a_percentage_keeps_its_sign() {
    let ward = fixture();
    let md = ward.ok(&["report", "round", "2026-dot1", "--format", "md"]);
    assert!(md.contains("\u{a0}%"), "a no-break space before %");
    // The program's figures have a decimal ("90,7 %"); the units' own words ("đạt 98%") are left as written.
    let glued = md.char_indices().any(|(i, c)| {
        let before: Vec<char> = md[..i].chars().rev().take(3).collect();
        c == '%' && before.len() == 3 && before[0].is_ascii_digit() && before[1] == ',' && before[2].is_ascii_digit()
    });
    assert!(!glued, "no “90,7%”: the sign is held apart by a no-break space");
}

/// The demo's rendered reports, as the provincial reviewer read them.
#[test]
fn the_reviewers_last_points_are_answered() {
    let ward = crate::common::Ward::empty();
    ward.ok(&["demo", "--out", "mau"]);
    let on_demo = |args: &[&str]| ward.ok(&[&["--db", "mau/cchc.db"][..], args].concat());
    // A five-way tie at the top of the year's officials is named as a tie.
    let year = on_demo(&["report", "year", "2026", "--format", "md"]);
    assert!(year.contains("Công chức: 5 người cùng đạt 100,00 điểm: "), "{}", section(&year, "ĐỀ XUẤT XẾP LOẠI"));
    // Đợt 2: the difference column says what it subtracts; "Số kết luận" is defined.
    let dot2 = on_demo(&["report", "round", "2026-dot2", "--format", "md"]);
    assert!(
        dot2.contains("| Thẩm định | So sánh trên | Tự chấm | Thẩm định cùng nội dung | Chênh lệch | Số kết luận |")
    );
    assert!(
        dot2.contains("Chênh lệch = “Thẩm định cùng nội dung” − “Tự chấm”")
            && dot2.contains("Số kết luận: số kết luận")
    );
    // Ties counted from every item: as many at −0,5 as the data hold, never the two a cut list kept.
    let json: serde_json::Value =
        serde_json::from_str(&on_demo(&["report", "round", "2026-dot2", "--format", "json"])).expect("json");
    let half = json["item_losses"].as_array().expect("losses").iter().filter(|l| l["lost"] == 0.5).count();
    assert!(half > 5, "{half}");
    assert!(dot2.contains(&format!("{half} nội dung cùng bị trừ 0,5 điểm")), "{}", section(&dot2, "### 2. Tồn tại"));
    // Ưu điểm does not praise the centre without its overdue shortcoming.
    for md in [&dot2, &year] {
        let praised = section(md, "### 1. Ưu điểm");
        let centre = praised.find("Trung tâm Phục vụ hành chính công (").expect("the centre is among the strong");
        assert!(praised[centre..].split(')').next().is_some_and(|s| s.contains("quá hạn")), "{praised}");
    }
    // The follow-up lists proposals in the order of its unit table.
    let followup: serde_json::Value =
        serde_json::from_str(&on_demo(&["report", "followup", "--as-of", "31/12/2026", "--format", "json"]))
            .expect("json");
    let order: Vec<&str> = ["VP", "KT", "VHXH", "TTPVHCC", "TTDVC"].to_vec();
    let rank = |code: &str| order.iter().position(|c| *c == code).unwrap_or(usize::MAX);
    let units: Vec<usize> = followup["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .map(|p| rank(p["unit_code"].as_str().unwrap_or_default()))
        .collect();
    assert!(units.windows(2).all(|w| w[0] <= w[1]), "{units:?}");
}
