//! What self-report rows are checked against (units, scope, items, assignments), and the bounded list of
//! problems found.

use std::collections::HashMap;

use crate::domain::catalogue::{Catalogue, Node, NodeKind};
use crate::import::problem::Problem;

/// How many problems (or warnings) are kept in full; the rest are counted, so memory stays bounded.
pub(super) const KEEP: usize = 500;

/// Problems or warnings: the first ones in full, the others counted.
#[derive(Debug, Default)]
pub struct ProblemList {
    pub list: Vec<Problem>,
    pub omitted: usize,
}

impl ProblemList {
    pub fn push(&mut self, problem: Problem) {
        if self.list.len() < KEEP { self.list.push(problem) } else { self.omitted += 1 }
    }

    /// A problem that stops the file (damaged encoding, broken structure): listed first, never left out.
    pub fn push_first(&mut self, problem: Problem) {
        self.list.insert(0, problem);
        if self.list.len() > KEEP {
            self.list.truncate(KEEP);
            self.omitted += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.list.len() + self.omitted
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What every row is checked against, built once per import.
pub struct Rules<'c> {
    pub(super) catalogue: &'c Catalogue,
    pub(super) leaves: HashMap<&'c str, u16>,
    nodes: Vec<&'c Node>,
    /// Periodic rounds take periodic items only; ad-hoc rounds take any item.
    pub(super) periodic: bool,
    units: HashMap<String, u32>,
    /// Lowercase code → unit, for files that write `vp` for `VP`.
    units_folded: HashMap<String, u32>,
    pub(super) codes: Vec<String>,
    in_scope: Vec<bool>,
    /// Bit set of assigned leaves, `words` u64 per unit.
    assigned: Vec<u64>,
    words: usize,
    pub round_id: String,
    pub fixed_unit: Option<u32>,
    pub strict: bool,
    /// `--allow-other-round`: a template made for another round is imported all the same.
    pub allow_other_round: bool,
}

impl<'c> Rules<'c> {
    /// `units` are all unit codes; `scope` those the round covers.
    pub fn new(round_id: &str, periodic: bool, catalogue: &'c Catalogue, units: Vec<String>, scope: &[String]) -> Self {
        let nodes: Vec<&Node> = catalogue
            .leaves()
            .filter(|n| !periodic || n.kind == NodeKind::Periodic)
            .take(usize::from(u16::MAX))
            .collect();
        let leaves = nodes.iter().enumerate().map(|(i, n)| (n.code.as_str(), i as u16)).collect();
        let index: HashMap<String, u32> = units.iter().enumerate().map(|(i, c)| (c.clone(), i as u32)).collect();
        let units_folded = units.iter().enumerate().map(|(i, c)| (c.to_lowercase(), i as u32)).collect();
        let mut in_scope = vec![false; units.len()];
        for code in scope {
            if let Some(&i) = index.get(code) {
                in_scope[i as usize] = true;
            }
        }
        let words = nodes.len().div_ceil(64).max(1);
        Rules {
            catalogue,
            leaves,
            nodes,
            periodic,
            assigned: vec![0; words * units.len()],
            words,
            units: index,
            units_folded,
            codes: units,
            in_scope,
            round_id: round_id.to_owned(),
            fixed_unit: None,
            strict: false,
            allow_other_round: false,
        }
    }

    /// Records an assignment (criterion → unit); unknown codes are ignored.
    pub fn assign(&mut self, unit: &str, criterion: &str) {
        if let (Some(&u), Some(&l)) = (self.units.get(unit), self.leaves.get(criterion)) {
            let bit = u as usize * self.words + usize::from(l) / 64;
            if let Some(word) = self.assigned.get_mut(bit) {
                *word |= 1 << (l % 64);
            }
        }
    }

    pub fn is_assigned(&self, unit: u32, leaf: u16) -> bool {
        let word = self.assigned.get(unit as usize * self.words + usize::from(leaf) / 64).copied().unwrap_or(0);
        word & (1 << (leaf % 64)) != 0
    }

    pub fn unit(&self, code: &str) -> Option<u32> {
        self.units.get(code).or_else(|| self.units_folded.get(&code.to_lowercase())).copied()
    }

    pub fn unit_code(&self, unit: u32) -> &str {
        self.codes.get(unit as usize).map_or("", String::as_str)
    }

    pub fn unit_count(&self) -> usize {
        self.codes.len()
    }

    pub fn in_scope(&self, unit: u32) -> bool {
        self.in_scope.get(unit as usize).copied().unwrap_or(false)
    }

    pub fn node(&self, leaf: u16) -> Option<&'c Node> {
        self.nodes.get(usize::from(leaf)).copied()
    }

    pub fn criterion(&self, leaf: u16) -> &'c str {
        self.node(leaf).map_or("", |n| n.code.as_str())
    }

    pub fn leaf_count(&self) -> usize {
        self.nodes.len()
    }

    /// The items a unit must report on in this round: its assignments (all items when it has none here).
    pub fn assigned_count(&self, unit: u32) -> usize {
        let start = unit as usize * self.words;
        let words = self.assigned.get(start..start + self.words).unwrap_or_default();
        words.iter().map(|w| w.count_ones() as usize).sum()
    }
}
