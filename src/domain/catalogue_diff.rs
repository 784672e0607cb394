//! What changed between two catalogue versions, item by item. An item is followed from one version to the next by
//! its `replaces` key (renumbered) or else by its code; the same pairing serves the year-to-year comparison.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::catalogue::{Catalogue, Node};
use super::text::fold;

/// Points are compared to a hundredth (weights are written with at most two decimals).
const EPSILON: f64 = 0.005;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Moved,
    Retitled,
    Repointed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "thêm mới",
            ChangeKind::Removed => "bỏ",
            ChangeKind::Moved => "đổi mã",
            ChangeKind::Retitled => "sửa nội dung",
            ChangeKind::Repointed => "đổi điểm",
        }
    }
}

/// One item that differs, with every way it differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemChange {
    pub kinds: Vec<ChangeKind>,
    pub old_code: Option<String>,
    pub new_code: Option<String>,
    /// The newer title where the item exists in the newer version.
    pub title: String,
    pub old_title: Option<String>,
    pub old_points: Option<f64>,
    pub new_points: Option<f64>,
    pub is_leaf: bool,
}

/// For each node of `new`, the node of `old` it continues (by `replaces`, else by code), if any.
pub fn predecessors<'a>(old: &'a Catalogue, new: &'a Catalogue) -> Vec<(&'a Node, Option<&'a Node>)> {
    let explicit: HashMap<&str, &Node> =
        new.nodes.iter().filter_map(|n| Some((n.code.as_str(), old.get(n.replaces.as_deref()?)?))).collect();
    let claimed: HashSet<&str> = explicit.values().map(|n| n.code.as_str()).collect();
    new.nodes
        .iter()
        .map(|n| {
            let before = explicit
                .get(n.code.as_str())
                .copied()
                .or_else(|| old.get(&n.code).filter(|o| !claimed.contains(o.code.as_str())));
            (n, before)
        })
        .collect()
}

/// Every item added, removed, renumbered, retitled or re-pointed from `old` to `new`, in the newer order (removed
/// items last, in the older order).
pub fn diff(old: &Catalogue, new: &Catalogue) -> Vec<ItemChange> {
    let pairs = predecessors(old, new);
    let continued: HashSet<&str> = pairs.iter().filter_map(|(_, o)| Some(o.as_ref()?.code.as_str())).collect();
    let mut changes = Vec::new();
    for (n, before) in pairs {
        let Some(o) = before else {
            changes.push(ItemChange {
                kinds: vec![ChangeKind::Added],
                old_code: None,
                new_code: Some(n.code.clone()),
                title: n.title.clone(),
                old_title: None,
                old_points: None,
                new_points: Some(n.max_points),
                is_leaf: n.is_leaf,
            });
            continue;
        };
        let mut kinds = Vec::new();
        if o.code != n.code {
            kinds.push(ChangeKind::Moved);
        }
        if fold(&o.title) != fold(&n.title) {
            kinds.push(ChangeKind::Retitled);
        }
        if (o.max_points - n.max_points).abs() > EPSILON {
            kinds.push(ChangeKind::Repointed);
        }
        if !kinds.is_empty() {
            changes.push(ItemChange {
                old_title: kinds.contains(&ChangeKind::Retitled).then(|| o.title.clone()),
                kinds,
                old_code: Some(o.code.clone()),
                new_code: Some(n.code.clone()),
                title: n.title.clone(),
                old_points: Some(o.max_points),
                new_points: Some(n.max_points),
                is_leaf: n.is_leaf,
            });
        }
    }
    for o in old.nodes.iter().filter(|o| !continued.contains(o.code.as_str())) {
        changes.push(ItemChange {
            kinds: vec![ChangeKind::Removed],
            old_code: Some(o.code.clone()),
            new_code: None,
            title: o.title.clone(),
            old_title: None,
            old_points: Some(o.max_points),
            new_points: None,
            is_leaf: o.is_leaf,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::DEFAULT_TOML;
    use crate::domain::catalogue_parse::parse;

    fn default() -> Catalogue {
        parse("mac-dinh.toml", DEFAULT_TOML).unwrap()
    }

    /// The default with 1.1.1 at 1.5 points and 1.1.2 at one point more, 1.1.3 renumbered 1.1.9, and 1.1.8 new.
    fn edited() -> Catalogue {
        let mut c = default();
        for node in &mut c.nodes {
            match node.code.as_str() {
                "1.1.1" => node.max_points -= 0.5,
                "1.1.2" => {
                    node.max_points += 0.5;
                    node.title = format!("{} (sửa)", node.title);
                }
                "1.1.3" => {
                    node.code = "1.1.9".into();
                    node.replaces = Some("1.1.3".into());
                }
                _ => {}
            }
        }
        let mut new = c.nodes.iter().find(|n| n.code == "1.1.9").unwrap().clone();
        new.code = "1.1.8".into();
        new.replaces = None;
        new.title = "Nội dung mới".into();
        new.max_points = 0.0;
        c.nodes.push(new);
        Catalogue::new(c.id, c.version, c.title, c.description, c.legal_basis, c.classification, c.nodes)
    }

    #[test]
    fn diff_names_each_kind_of_change() {
        let changes = diff(&default(), &edited());
        let row = |code: &str| changes.iter().find(|c| c.new_code.as_deref() == Some(code)).unwrap();
        assert_eq!(row("1.1.1").kinds, vec![ChangeKind::Repointed]);
        assert_eq!(row("1.1.2").kinds, vec![ChangeKind::Retitled, ChangeKind::Repointed]);
        assert!(row("1.1.2").old_title.is_some());
        assert_eq!(row("1.1.9").kinds, vec![ChangeKind::Moved]);
        assert_eq!(row("1.1.9").old_code.as_deref(), Some("1.1.3"));
        assert_eq!(row("1.1.8").kinds, vec![ChangeKind::Added]);
        assert_eq!(changes.len(), 4, "{changes:#?}");
    }

    #[test]
    fn an_item_gone_without_successor_is_removed() {
        let mut c = default();
        c.nodes.retain(|n| n.code != "2.2");
        let smaller = Catalogue::new(c.id, c.version, c.title, c.description, c.legal_basis, c.classification, c.nodes);
        let changes = diff(&default(), &smaller);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].kinds, vec![ChangeKind::Removed]);
        assert_eq!(changes[0].old_code.as_deref(), Some("2.2"));
        assert!(diff(&default(), &default()).is_empty());
    }

    #[test]
    fn points_change_only_by_more_than_half_a_hundredth() {
        let repointed = |from: f64, to: f64| {
            let set = |points: f64| {
                let mut c = default();
                c.nodes.iter_mut().filter(|n| n.code == "1.1.1").for_each(|n| n.max_points = points);
                c
            };
            diff(&set(from), &set(to)).iter().any(|c| c.kinds.contains(&ChangeKind::Repointed))
        };
        assert!(!repointed(0.0, 0.005), "half a hundredth: the same weight");
        assert!(!repointed(0.005, 0.0));
        assert!(repointed(0.0, 0.01), "a hundredth");
        assert!(repointed(2.0, 1.5));
    }

    #[test]
    fn each_kind_of_change_is_named_as_the_table_shows_it() {
        let labels =
            [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Moved, ChangeKind::Retitled, ChangeKind::Repointed]
                .map(ChangeKind::label);
        assert_eq!(labels, ["thêm mới", "bỏ", "đổi mã", "sửa nội dung", "đổi điểm"]);
    }

    #[test]
    fn a_replaced_code_is_not_also_continued_by_its_namesake() {
        let old = default();
        let new = edited();
        let pairs = predecessors(&old, &new);
        let before = |code: &str| pairs.iter().find(|(n, _)| n.code == code).unwrap().1.map(|o| o.code.as_str());
        assert_eq!(before("1.1.9"), Some("1.1.3"));
        assert_eq!(before("1.1.8"), None);
        assert_eq!(before("1.1.1"), Some("1.1.1"));
    }
}
