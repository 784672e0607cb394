//! The year report's sums of appraised and self points per round, unit, field and official, folded while the
//! scores stream from the store (`store::reports_year`): a national database holds about a million of them, and
//! the report needs only their totals and each official's costliest items.

use std::collections::{HashMap, HashSet};

use super::scored_item;
use crate::domain::catalogue::Catalogue;
use crate::domain::code;
use crate::domain::round::RoundKind;
use crate::domain::scoring::{self, Loss, Mark, Total};
use crate::store::reports_year::{ScoreRef, SelfPointRef};
use crate::store::rounds::Round;

/// How many of an official's costliest items the report names.
pub const LOSSES_SHOWN: usize = 3;

/// A round's sums.
#[derive(Debug, Default)]
pub struct RoundTally {
    /// Appraised items of the round counted, not applicable ones included: zero when nothing is appraised yet.
    pub items: usize,
    /// Every appraised item of the round.
    pub ward: Total,
    /// The self points of the same items: items without self points, or that the team marked not applicable,
    /// left out.
    pub own: Total,
    pub units: HashMap<String, Total>,
    /// By field (`1.1` … `1.7`).
    pub fields: HashMap<String, Total>,
    /// Periodic rounds: by the official assigned each item.
    pub officials: HashMap<String, OfficialTally>,
    /// Unit → items the team marked not applicable.
    not_applicable: HashMap<String, HashSet<String>>,
}

#[derive(Debug, Default)]
pub struct OfficialTally {
    pub total: Total,
    /// The costliest items, in `scoring::costlier_first` order, at most `LOSSES_SHOWN`.
    pub losses: Vec<Loss>,
}

pub struct Tally<'a> {
    rounds: Vec<(&'a Round, Option<&'a Catalogue>, RoundTally)>,
    index: HashMap<&'a str, usize>,
}

/// The sums of every round of the year.
pub struct Sums {
    rounds: HashMap<String, RoundTally>,
    empty: RoundTally,
}

impl Sums {
    /// The sums of a round (empty for a round the tally did not know).
    pub fn round(&self, id: &str) -> &RoundTally {
        self.rounds.get(id).unwrap_or(&self.empty)
    }

    /// Lets go of the sums per official once they are laid out.
    pub fn drop_officials(&mut self) {
        for sums in self.rounds.values_mut() {
            sums.officials = HashMap::new();
        }
    }
}

/// Who answers for each item at each unit, with units, items and officials numbered: a national directory has a
/// quarter of a million assignments, looked up once per score.
#[derive(Debug, Default)]
pub struct Assignees {
    units: HashMap<String, u32>,
    items: HashMap<String, u32>,
    officials: Vec<String>,
    numbers: HashMap<String, u32>,
    who: HashMap<(u32, u32), u32>,
}

/// `key`'s number in `map`, numbering it when new.
fn number(map: &mut HashMap<String, u32>, key: &str) -> u32 {
    let next = map.len() as u32;
    *entry_or(map, key, next)
}

impl Assignees {
    pub fn add(&mut self, unit: &str, criterion: &str, official: Option<&str>) {
        let Some(official) = official else { return };
        let (unit, item) = (number(&mut self.units, unit), number(&mut self.items, criterion));
        let next = self.numbers.len() as u32;
        let official_number = *entry_or(&mut self.numbers, official, next);
        if official_number == next {
            self.officials.push(official.to_owned());
        }
        self.who.insert((unit, item), official_number);
    }

    pub fn official(&self, unit: &str, criterion: &str) -> Option<&str> {
        let key = (*self.units.get(unit)?, *self.items.get(criterion)?);
        self.officials.get(*self.who.get(&key)? as usize).map(String::as_str)
    }

    /// Officials assigned at least one item (the lookup tables are let go).
    pub fn into_officials(self) -> Vec<String> {
        self.officials
    }
}

/// The entry for `key`, allocating the key only the first time it is seen.
fn entry<'m, T: Default>(map: &'m mut HashMap<String, T>, key: &str) -> &'m mut T {
    entry_or(map, key, T::default())
}

fn entry_or<'m, T>(map: &'m mut HashMap<String, T>, key: &str, new: T) -> &'m mut T {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), new);
    }
    map.get_mut(key).expect("inserted above")
}

impl<'a> Tally<'a> {
    pub fn new(rounds: &'a [Round], catalogues: &'a HashMap<String, Catalogue>) -> Self {
        Tally {
            rounds: rounds.iter().map(|r| (r, catalogues.get(&r.catalogue_hash), RoundTally::default())).collect(),
            index: rounds.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect(),
        }
    }

    /// The sums, by round, once every score and self point is in.
    pub fn finish(self) -> Sums {
        Sums {
            rounds: self.rounds.into_iter().map(|(r, _, t)| (r.id.clone(), t)).collect(),
            empty: RoundTally::default(),
        }
    }

    /// Adds an appraised score of an item `official` answers for; scores of items the round does not assess
    /// (another kind) are left out.
    pub fn score(&mut self, s: &ScoreRef, official: Option<&str>) {
        let Some(&i) = self.index.get(s.round_id) else { return };
        let (round, catalogue, t) = &mut self.rounds[i];
        let Some(node) = catalogue.and_then(|c| scored_item(c, round, s.criterion)) else { return };
        let (mark, max) = (Mark::stored(s.points, s.not_applicable), node.max_points);
        t.items += 1;
        t.ward.add_mark(mark, max);
        entry(&mut t.units, s.unit_code).add_mark(mark, max);
        entry(&mut t.fields, code::field(s.criterion)).add_mark(mark, max);
        if mark == Mark::NotApplicable {
            entry(&mut t.not_applicable, s.unit_code).insert(s.criterion.to_owned());
        }
        if let (Some(official), false) = (official, round.kind == RoundKind::DotXuat) {
            let o = entry(&mut t.officials, official);
            o.total.add_mark(mark, max);
            if let Some(loss) = scoring::loss(s.unit_code, s.criterion, max, mark) {
                // Kept sorted and cut: the same as sorting all of the official's losses and taking the first.
                o.losses.push(loss);
                o.losses.sort_by(scoring::costlier_first);
                o.losses.truncate(LOSSES_SHOWN);
            }
        }
    }

    /// Adds an item's self points; call after every score, so that items marked not applicable are known.
    pub fn self_point(&mut self, s: &SelfPointRef) {
        let Some(&i) = self.index.get(s.round_id) else { return };
        let (round, catalogue, t) = &mut self.rounds[i];
        let Some(node) = catalogue.and_then(|c| scored_item(c, round, s.criterion)) else { return };
        if t.not_applicable.get(s.unit_code).is_some_and(|items| items.contains(s.criterion)) {
            return;
        }
        t.own.add_mark(Mark::Points(s.points), node.max_points);
    }
}
