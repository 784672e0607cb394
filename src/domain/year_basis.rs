//! What the year report compares a year with the year before on: each year's basis round (Đợt 2, else Đợt 1),
//! the catalogue it pinned, and its appraised marks.

use super::catalogue::Catalogue;
use super::round::Round;
use super::scoring::Mark;

pub struct YearBasis {
    pub round: Round,
    pub catalogue: Catalogue,
    /// (unit, item, mark) of every appraised score of the round.
    pub marks: Vec<(String, String, Mark)>,
}
