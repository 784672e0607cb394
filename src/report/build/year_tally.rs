//! The year report's sums of appraised and self points per round, unit, field and official, folded while the
//! rows stream from the store (`store::reports_year`): a national database holds about a million of them, and
//! the report needs only their totals and each official's costliest items.
//!
//! Units, items, fields and officials are numbered as first seen, so that the work per score is indexing rather
//! than hashing codes; scores come grouped by round and unit, so the last round and unit are kept at hand.

// Hashed once or twice per row: foldhash is several times faster than the standard SipHash on short codes.
use foldhash::HashMap;

use super::scored_item;
use crate::domain::catalogue::Catalogue;
use crate::domain::code;
use crate::domain::round::Round;
use crate::domain::round::RoundKind;
use crate::domain::scoring::{self, Loss, Mark, Total, costlier_first};
use crate::domain::sources::{ScoreRef, ScoreSink, SelfPointRef};

/// How many of an official's costliest items the report names.
pub const LOSSES_SHOWN: usize = 3;

/// Codes numbered in the order they are first seen.
#[derive(Debug, Default)]
struct Numbers {
    map: HashMap<String, u32>,
    codes: Vec<String>,
}

impl Numbers {
    fn number(&mut self, code: &str) -> u32 {
        if let Some(&n) = self.map.get(code) {
            return n;
        }
        let n = self.codes.len() as u32;
        self.map.insert(code.to_owned(), n);
        self.codes.push(code.to_owned());
        n
    }

    fn get(&self, code: &str) -> Option<u32> {
        self.map.get(code).copied()
    }

    fn code(&self, n: u32) -> &str {
        self.codes.get(n as usize).map_or("", String::as_str)
    }
}

/// The number of the last code looked up, which the next row most likely repeats.
#[derive(Debug, Default)]
struct Last {
    code: String,
    number: Option<u32>,
}

impl Last {
    fn number(&mut self, code: &str, numbers: &mut Numbers) -> u32 {
        match self.number {
            Some(n) if self.code == code => n,
            _ => {
                let n = numbers.number(code);
                self.code.clear();
                self.code.push_str(code);
                self.number = Some(n);
                n
            }
        }
    }
}

/// `v[i]`, growing `v` when `i` is past its end.
fn slot<T: Default>(v: &mut Vec<T>, i: u32) -> &mut T {
    let i = i as usize;
    if v.len() <= i {
        v.resize_with(i + 1, T::default);
    }
    &mut v[i]
}

#[derive(Debug, Default)]
pub struct OfficialTally {
    pub total: Total,
    /// The costliest items so far, in `scoring::costlier_first` order: numbers for the unit and item, held in
    /// place (a national year offers tens of thousands of candidates, for 17,000 officials).
    losses: [Option<Loss<u32>>; LOSSES_SHOWN],
}

impl OfficialTally {
    /// Keeps `loss` if it is among the costliest (`items` gives the item codes, for ties): the same as sorting
    /// all of the official's losses and taking the first.
    fn offer(&mut self, loss: Loss<u32>, items: &Numbers) {
        let key = |l: &Loss<u32>| (l.lost, items.code(l.code));
        // After the losses it does not beat, so that among equals the first offered stays first.
        let beats = |kept: &Option<Loss<u32>>| kept.is_none_or(|k| costlier_first(key(&loss), key(&k)).is_lt());
        let Some(at) = self.losses.iter().position(beats) else { return };
        self.losses[at..].rotate_right(1);
        self.losses[at] = Some(loss);
    }
}

/// A round's sums, by unit, field and official number.
#[derive(Debug, Default)]
struct RoundSums {
    items: usize,
    ward: Total,
    /// Self points, and the appraised points of the same items.
    own: Total,
    same: Total,
    /// Sparse: an ad-hoc round covers a few units of thousands.
    units: HashMap<u32, Total>,
    fields: Vec<Total>,
    officials: Vec<OfficialTally>,
}

/// What a round makes of an item: unknown yet, not one it scores, or scored with this maximum in this field.
#[derive(Debug, Default, Clone, Copy)]
enum ItemRule {
    #[default]
    Unknown,
    Skipped,
    Scored {
        max: f64,
        field: u32,
    },
}

struct RoundState<'a> {
    round: &'a Round,
    catalogue: Option<&'a Catalogue>,
    rules: Vec<ItemRule>,
    sums: RoundSums,
}

impl RoundState<'_> {
    fn rule(&mut self, item: u32, code: &str, fields: &mut Numbers) -> ItemRule {
        let rule = slot(&mut self.rules, item);
        if let ItemRule::Unknown = rule {
            *rule = match self.catalogue.and_then(|c| scored_item(c, self.round, code)) {
                Some(node) => ItemRule::Scored { max: node.max_points, field: fields.number(code::field(code)) },
                None => ItemRule::Skipped,
            };
        }
        *rule
    }
}

pub struct Tally<'a> {
    rounds: Vec<RoundState<'a>>,
    units: Numbers,
    items: Numbers,
    fields: Numbers,
    officials: Numbers,
    /// Unit → item → official number + 1 (0: nobody).
    who: Vec<Vec<u32>>,
    /// Unit → whether it answers for any item (a unit with none is outside the periodic rounds' scope).
    unit_items: Vec<bool>,
    last_round: Option<usize>,
    last_unit: Last,
}

impl<'a> Tally<'a> {
    pub fn new(rounds: &'a [Round], catalogues: &'a std::collections::HashMap<String, Catalogue>) -> Self {
        Tally {
            rounds: rounds
                .iter()
                .map(|r| RoundState {
                    round: r,
                    catalogue: catalogues.get(&r.catalogue_hash),
                    rules: Vec::new(),
                    sums: RoundSums::default(),
                })
                .collect(),
            units: Numbers::default(),
            items: Numbers::default(),
            fields: Numbers::default(),
            officials: Numbers::default(),
            who: Vec::new(),
            unit_items: Vec::new(),
            last_round: None,
            last_unit: Last::default(),
        }
    }

    /// Records who answers for an item at a unit; call for every assignment before the scores.
    pub fn assign(&mut self, unit: &str, criterion: &str, official: Option<&str>) {
        let unit = self.last_unit.number(unit, &mut self.units);
        *slot(&mut self.unit_items, unit) = true;
        let Some(official) = official else { return };
        let item = self.items.number(criterion);
        let official = self.officials.number(official);
        *slot(slot(&mut self.who, unit), item) = official + 1;
    }

    /// The index of the round `id`, most likely the last one's.
    fn round_index(&mut self, id: &str) -> Option<usize> {
        if let Some(i) = self.last_round.filter(|&i| self.rounds[i].round.id == id) {
            return Some(i);
        }
        self.last_round = self.rounds.iter().position(|r| r.round.id == id);
        self.last_round
    }

    /// The sums, by round, once every score and self point is in.
    pub fn finish(self) -> Sums {
        let mut answering = vec![false; self.officials.codes.len()];
        for official in self.who.iter().flatten().filter_map(|o| o.checked_sub(1)) {
            answering[official as usize] = true;
        }
        Sums {
            rounds: self.rounds.into_iter().map(|r| (r.round.id.clone(), r.sums)).collect(),
            units: self.units,
            items: self.items,
            fields: self.fields,
            officials: self.officials,
            answering,
            unit_items: self.unit_items,
            empty: RoundSums::default(),
        }
    }
}

impl ScoreSink for Tally<'_> {
    /// Adds an appraised score; scores of items the round does not assess (another kind) are left out.
    fn score(&mut self, s: &ScoreRef) {
        let Some(r) = self.round_index(s.round_id) else { return };
        let (unit, item) = (self.last_unit.number(s.unit_code, &mut self.units), self.items.number(s.criterion));
        let official = self.who.get(unit as usize).and_then(|items| items.get(item as usize)).copied().unwrap_or(0);
        let state = &mut self.rounds[r];
        let ItemRule::Scored { max, field } = state.rule(item, s.criterion, &mut self.fields) else { return };
        let periodic = state.round.kind != RoundKind::DotXuat;
        let (mark, t) = (Mark::stored(s.points, s.not_applicable), &mut state.sums);
        t.items += 1;
        t.ward.add_mark(mark, max);
        t.units.entry(unit).or_default().add_mark(mark, max);
        slot(&mut t.fields, field).add_mark(mark, max);
        if let (Some(official), true) = (official.checked_sub(1), periodic) {
            if t.officials.is_empty() {
                // Every official is numbered by now (the assignments come first): sized once, not by doubling.
                t.officials.resize_with(self.officials.codes.len(), OfficialTally::default);
            }
            let o = slot(&mut t.officials, official);
            o.total.add_mark(mark, max);
            if let Some(loss) = scoring::loss(unit, item, max, mark) {
                o.offer(loss, &self.items);
            }
        }
    }

    /// Adds an item's self points and the appraised points of the same item (the store gives only items the
    /// team gave points).
    fn self_point(&mut self, s: &SelfPointRef) {
        let Some(r) = self.round_index(s.round_id) else { return };
        let item = self.items.number(s.criterion);
        let state = &mut self.rounds[r];
        let ItemRule::Scored { max, .. } = state.rule(item, s.criterion, &mut self.fields) else { return };
        state.sums.own.add_mark(Mark::Points(s.points), max);
        state.sums.same.add_mark(Mark::Points(s.appraised), max);
    }
}

/// The sums of every round of the year.
pub struct Sums {
    rounds: HashMap<String, RoundSums>,
    units: Numbers,
    items: Numbers,
    fields: Numbers,
    officials: Numbers,
    answering: Vec<bool>,
    unit_items: Vec<bool>,
    empty: RoundSums,
}

/// The sums of one round.
#[derive(Clone, Copy)]
pub struct RoundTally<'s> {
    sums: &'s Sums,
    round: &'s RoundSums,
}

impl Sums {
    /// The sums of a round (empty for a round the tally did not know).
    pub fn round(&self, id: &str) -> RoundTally<'_> {
        RoundTally { sums: self, round: self.rounds.get(id).unwrap_or(&self.empty) }
    }

    /// Whether the unit answers for at least one item.
    pub fn unit_answers(&self, unit: &str) -> bool {
        self.units.get(unit).is_some_and(|n| self.unit_items.get(n as usize).copied().unwrap_or(false))
    }

    /// Whether the official is assigned at least one item.
    pub fn answers(&self, official: &str) -> bool {
        self.officials.get(official).is_some_and(|n| self.answering[n as usize])
    }
}

impl<'s> RoundTally<'s> {
    /// Appraised items counted, not applicable ones included: zero when nothing is appraised yet.
    pub fn items(&self) -> usize {
        self.round.items
    }

    /// Every appraised item of the round.
    pub fn ward(&self) -> Total {
        self.round.ward
    }

    /// Self points and the appraised points of the same items: items with both.
    pub fn compared(&self) -> (Total, Total) {
        (self.round.own, self.round.same)
    }

    pub fn unit(&self, code: &str) -> Option<&'s Total> {
        self.round.units.get(&self.sums.units.get(code)?)
    }

    /// By field (`1.1` … `1.7`).
    pub fn fields(&self) -> impl Iterator<Item = (&'s str, &'s Total)> {
        let codes = &self.sums.fields.codes;
        let counted = |t: &Total| t.scored + t.not_applicable + t.pending > 0;
        self.round
            .fields
            .iter()
            .enumerate()
            .filter(move |(_, t)| counted(t))
            .filter_map(|(i, t)| Some((codes.get(i)?.as_str(), t)))
    }

    /// Periodic rounds: the items an official is assigned.
    pub fn official(&self, code: &str) -> Option<&'s OfficialTally> {
        self.round.officials.get(self.sums.officials.get(code)? as usize)
    }

    /// The official's costliest items, costliest first.
    pub fn losses(&self, official: &'s OfficialTally) -> impl Iterator<Item = Loss<&'s str>> + use<'s> {
        let (units, items) = (&self.sums.units, &self.sums.items);
        official.losses.iter().flatten().map(|l| Loss {
            unit: units.code(l.unit),
            code: items.code(l.code),
            max: l.max,
            points: l.points,
            lost: l.lost,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_official_keeps_the_costliest_losses_as_a_stable_sort_of_all_would() {
        let mut items = Numbers::default();
        let codes = ["1.1.2", "1.1.10", "1.1.1", "1.2.1"];
        let numbered: Vec<u32> = codes.iter().map(|c| items.number(c)).collect();
        // (unit, item index, points lost): ties on points and on item, across units.
        let offered = [(0, 0, 0.5), (1, 1, 1.0), (2, 2, 0.5), (3, 0, 0.5), (4, 3, 0.25), (5, 1, 1.0)];
        for start in 0..offered.len() {
            let order: Vec<_> = offered.iter().cycle().skip(start).take(offered.len()).copied().collect();
            let losses: Vec<Loss<u32>> = order
                .iter()
                .map(|&(unit, item, lost)| Loss { unit, code: numbered[item], max: 2.0, points: 2.0 - lost, lost })
                .collect();
            let mut official = OfficialTally::default();
            for loss in &losses {
                official.offer(*loss, &items);
            }
            let mut sorted = losses.clone();
            sorted.sort_by(|a, b| costlier_first((a.lost, items.code(a.code)), (b.lost, items.code(b.code))));
            let kept: Vec<u32> = official.losses.iter().flatten().map(|l| l.unit).collect();
            let want: Vec<u32> = sorted.iter().take(LOSSES_SHOWN).map(|l| l.unit).collect();
            assert_eq!(kept, want, "offered in the order {order:?}");
        }
    }
}
