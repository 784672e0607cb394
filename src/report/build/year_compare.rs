//! The year report's comparison with the year before. Items are followed across catalogue versions by code, or by
//! a new code's `replaces` key; each unit and field is compared on the 100-point scale over the items both years
//! assess, so that re-weighted or new items do not blur the change. Findings open when the year began are listed
//! with their own (earlier) ids.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::Index;
use super::doc::{capitalized, finding_text, id_column, note, row_number, scores, stt, who};
use crate::domain::catalogue::{Node, NodeKind};
use crate::domain::catalogue_diff::predecessors;
use crate::domain::code;
use crate::domain::finding::Finding;
use crate::domain::number::points;
use crate::domain::scoring::{Total, round2};
use crate::domain::year_basis::YearBasis;
use crate::report::document::{Block, Cell, Column, Section, Table};
use crate::report::model::year_compare::{CompareRow, ItemRef, Renumbered, ScoreComparison, YearComparison};

/// The comparison of `year` with the year before; None when there is nothing to compare and nothing carried.
pub fn model(
    ix: &Index,
    year: i32,
    (previous, current): (Option<YearBasis>, Option<YearBasis>),
    carried: Vec<Finding>,
    as_of: NaiveDate,
) -> Option<YearComparison> {
    let scores = previous.zip(current).map(|(previous, current)| compare(ix, &previous, &current));
    if scores.is_none() && carried.is_empty() {
        return None;
    }
    let carried = carried.into_iter().map(|f| ix.finding_view(f, None, as_of)).collect();
    Some(YearComparison { previous_year: year - 1, scores, carried })
}

fn periodic_leaf(node: &Node) -> bool {
    node.is_leaf && node.kind == NodeKind::Periodic
}

fn compare(ix: &Index, previous: &YearBasis, current: &YearBasis) -> ScoreComparison {
    let (old, new) = (&previous.catalogue, &current.catalogue);
    // (new item, old item) for the items both years assess.
    let mut matched: Vec<(&Node, &Node)> = Vec::new();
    let mut new_items = Vec::new();
    for (n, before) in predecessors(old, new).into_iter().filter(|(n, _)| periodic_leaf(n)) {
        match before.filter(|o| periodic_leaf(o)) {
            Some(o) => matched.push((n, o)),
            None => new_items.push(item(n)),
        }
    }
    let continued: HashSet<&str> = matched.iter().map(|(_, o)| o.code.as_str()).collect();
    let by_new: HashMap<&str, (&Node, &Node)> = matched.iter().map(|&(n, o)| (n.code.as_str(), (n, o))).collect();
    let by_old: HashMap<&str, (&Node, &Node)> = matched.iter().map(|&(n, o)| (o.code.as_str(), (n, o))).collect();
    // Per unit and per field (of the newer code): the year before's total and this year's, over the matched items.
    let mut totals: HashMap<(bool, String), (Total, Total)> = HashMap::new();
    for (basis, pairs, is_current) in [(previous, &by_old, false), (current, &by_new, true)] {
        for (unit, code, mark) in &basis.marks {
            let Some(&(n, o)) = pairs.get(code.as_str()) else { continue };
            for key in [(true, unit.clone()), (false, code::field(&n.code).to_owned())] {
                let (before, now) = totals.entry(key).or_default();
                if is_current {
                    now.add_mark(*mark, n.max_points);
                } else {
                    before.add_mark(*mark, o.max_points);
                }
            }
        }
    }
    let row = |code: &str, name: String, key: (bool, String)| {
        let (p, c) = totals.get(&key).map(|(p, c)| (p.score100(), c.score100())).unwrap_or_default();
        CompareRow {
            code: code.to_owned(),
            name,
            previous: p,
            current: c,
            change: p.zip(c).map(|(p, c)| round2(c - p)),
        }
    };
    let fields = new
        .fields()
        .filter(|f| f.kind == NodeKind::Periodic && totals.contains_key(&(false, f.code.clone())))
        .map(|f| row(&f.code, f.title.clone(), (false, f.code.clone())))
        .collect();
    let units = ix
        .src
        .units
        .iter()
        .filter(|u| totals.contains_key(&(true, u.code.clone())))
        .map(|u| row(&u.code, u.name.clone(), (true, u.code.clone())))
        .collect();
    ScoreComparison {
        previous_round: previous.round.title(),
        round: current.round.title(),
        items_compared: matched.len(),
        fields,
        units,
        renumbered: matched
            .iter()
            .filter(|(n, o)| n.code != o.code)
            .map(|(n, o)| Renumbered { previous_code: o.code.clone(), code: n.code.clone(), title: n.title.clone() })
            .collect(),
        dropped_items: old
            .leaves()
            .filter(|o| periodic_leaf(o) && !continued.contains(o.code.as_str()))
            .map(item)
            .collect(),
        new_items,
    }
}

fn item(n: &Node) -> ItemRef {
    ItemRef { code: n.code.clone(), title: n.title.clone(), max: n.max_points }
}

/// The comparison as the report's section `number`.
pub fn section(c: &YearComparison, number: &str, year: i32) -> Section {
    let prev = c.previous_year;
    let mut s = Section::new(number, format!("SO SÁNH VỚI NĂM {prev}"));
    match &c.scores {
        Some(sc) => {
            s.blocks.push(Block::Paragraph(format!(
                "So sánh kết quả {} với {} trên {} nội dung chấm điểm có ở cả hai năm (cùng mã, hoặc mã mới thay cho mã cũ), quy về thang 100 điểm.",
                sc.round, sc.previous_round, sc.items_compared
            )));
            s.blocks.push(compare_table("so_sanh_linh_vuc", "Lĩnh vực", &sc.fields, prev, year));
            s.blocks.push(compare_table("so_sanh_don_vi", "Đơn vị", &sc.units, prev, year));
            let list = |items: &[ItemRef]| -> Vec<String> {
                items.iter().map(|i| format!("{} {} ({} điểm)", i.code, i.title, points(i.max))).collect()
            };
            if !sc.new_items.is_empty() {
                s.blocks.push(Block::Paragraph(format!("Nội dung mới năm {year}, chưa có để so sánh với năm {prev}:")));
                s.blocks.push(Block::Bullets(list(&sc.new_items)));
            }
            if !sc.renumbered.is_empty() {
                s.blocks
                    .push(Block::Paragraph(format!("Nội dung đổi mã so với năm {prev} (được so sánh theo mã cũ):")));
                let moved =
                    sc.renumbered.iter().map(|r| format!("{} {} (năm {prev}: {})", r.code, r.title, r.previous_code));
                s.blocks.push(Block::Bullets(moved.collect()));
            }
            if !sc.dropped_items.is_empty() {
                s.blocks.push(Block::Paragraph(format!("Nội dung năm {prev} không còn trong bộ tiêu chí năm {year}:")));
                s.blocks.push(Block::Bullets(list(&sc.dropped_items)));
            }
        }
        None => s.blocks.push(note(format!("Năm {prev} chưa có kết quả thẩm định để so sánh."))),
    }
    let mut t = Table::new(
        "chuyen_tu_nam_truoc",
        format!("Kết luận năm {prev} chưa xác minh khắc phục khi bước sang năm {year}"),
        vec![
            stt(),
            Column::text("Đơn vị, người phụ trách").with_width(16.0),
            Column::text("Tồn tại, hạn chế, vi phạm").with_width(30.0),
            Column::date("Thời hạn"),
            Column::text("Tình trạng hiện nay").with_width(14.0),
            id_column(),
        ],
    );
    for (i, f) in c.carried.iter().enumerate() {
        t.push_row(vec![
            row_number(i),
            Cell::text(who(f)),
            Cell::text(finding_text(f)),
            Cell::date(f.due_date),
            Cell::text(capitalized(&f.status_label)),
            Cell::text(&f.id),
        ]);
    }
    s.blocks.push(if t.rows.is_empty() {
        note(format!("Không có kết luận nào của năm {prev} còn phải theo dõi khắc phục."))
    } else {
        Block::Table(t)
    });
    s
}

fn compare_table(id: &str, what: &str, rows: &[CompareRow], prev: i32, year: i32) -> Block {
    let columns = vec![
        Column::text(what).with_width(34.0),
        scores(&format!("Năm {prev}")).with_width(10.0),
        scores(&format!("Năm {year}")).with_width(10.0),
        scores("Tăng (+), giảm (−)").with_width(11.0),
    ];
    let mut t = Table::new(id, format!("{what}: năm {prev} và năm {year} (thang 100)"), columns);
    for r in rows {
        let name = if what == "Lĩnh vực" { format!("{}. {}", r.code, r.name) } else { r.name.clone() };
        t.push_row(vec![Cell::text(name), Cell::number(r.previous), Cell::number(r.current), Cell::number(r.change)]);
    }
    Block::Table(t)
}

/// Section numbers as the report writes them (I, II, …).
pub fn roman(n: usize) -> &'static str {
    const NUMERALS: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    NUMERALS.get(n.wrapping_sub(1)).copied().unwrap_or("")
}
