//! The follow-up lists the units' proposals apart, answered or not, and never counts them as open.

use crate::inspection::ward_with_dot1;

#[test]
fn followup_lists_proposals_apart_with_their_answer_and_never_counts_them() {
    let ward = ward_with_dot1();
    let add = |unit: &str, kind: &str, text: &str, criterion: &str| {
        let args = ["finding", "add", "2026-dot1", "--unit", unit, "--kind", kind, "--text", text];
        ward.ok(&[&args[..], &["--criterion", criterion]].concat()).trim().to_owned()
    };
    let shortcoming = add("VP", "han-che", "Chưa công khai thủ tục", "1.3.5");
    let answered = add("KT", "kien-nghi", "Đề nghị bố trí kinh phí máy chủ", "1.6.1.1");
    let waiting = add("VHXH", "kien-nghi", "Đề nghị Sở Nội vụ thẩm định đề án", "1.4.5");
    let answer = ["finding", "answer", &answered, "--text", "Bố trí trong dự toán 2027", "--date", "20/11/2026"];
    ward.ok(&[&answer[..], &["--level", "phuong"]].concat());

    let json = ward.json(&["report", "followup", "--as-of", "31/12/2026"]);
    assert_eq!((json["open"].as_u64(), json["overdue"].as_u64()), (Some(1), Some(0)));
    let open: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(open, [shortcoming.as_str()]);
    let units: Vec<&str> = json["by_unit"].as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!(units, ["VP"], "a unit with only proposals has nothing chưa khắc phục");
    let proposals: Vec<(&str, bool)> = json["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["finding_id"].as_str().unwrap(), p["answered"].as_bool().unwrap()))
        .collect();
    assert_eq!(proposals, [(answered.as_str(), true), (waiting.as_str(), false)]);

    let md = ward.ok(&["report", "followup", "--as-of", "31/12/2026", "--format", "md"]);
    assert!(md.contains("còn 1 tồn tại, hạn chế, vi phạm chưa khắc phục xong"), "{md}");
    assert!(md.contains("## IV. KIẾN NGHỊ, ĐỀ XUẤT CỦA ĐƠN VỊ"), "{md}");
    assert!(md.contains("2 kiến nghị, đề xuất: 1 đã trả lời, 1 chưa trả lời"), "{md}");
    assert!(md.contains("| UBND phường | Đã trả lời (20/11/2026): Bố trí trong dự toán 2027 |"), "{md}");
    assert!(md.contains("| Chưa trả lời |"), "{md}");
    for format in ["csv", "table"] {
        let out = ward.ok(&["report", "followup", "--as-of", "31/12/2026", "--format", format]);
        assert!(out.contains("Bố trí trong dự toán 2027") && out.contains("Chưa trả lời"), "{format}: {out}");
    }
}
