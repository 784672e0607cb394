//! Appraised scores as recorded, and the lines of a round's score sheet.

use serde::{Deserialize, Serialize};

use super::scoring::{ItemScore, Mark};

/// One appraised score as stored. `points` is `None` exactly when the item is not applicable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub round_id: String,
    pub unit_code: String,
    pub criterion: String,
    pub points: Option<f64>,
    pub not_applicable: bool,
    pub note: String,
}

impl Score {
    /// A score from the team's mark; `Mark::Pending` (nothing decided) is stored as N/A, so callers pass only
    /// points or N/A.
    pub fn new(round_id: &str, unit_code: String, criterion: String, mark: Mark, note: String) -> Score {
        let points = mark.points();
        Score { round_id: round_id.to_owned(), unit_code, criterion, points, not_applicable: points.is_none(), note }
    }

    pub fn mark(&self) -> Mark {
        Mark::stored(self.points, self.not_applicable)
    }
}

/// One line of a round's score sheet: an item of a unit with its maximum, self and appraised points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetRow {
    pub unit: String,
    pub criterion: String,
    pub max: f64,
    pub self_points: Option<f64>,
    pub mark: Mark,
    pub note: String,
}

impl SheetRow {
    pub fn item_score(&self) -> ItemScore {
        ItemScore { unit: self.unit.clone(), code: self.criterion.clone(), max: self.max, mark: self.mark }
    }

    /// Appraised minus self points, when both are known.
    pub fn difference(&self) -> Option<f64> {
        Some(self.mark.points()? - self.self_points?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(self_points: Option<f64>, mark: Mark) -> SheetRow {
        SheetRow { unit: "VP".into(), criterion: "1.1.1".into(), max: 2.0, self_points, mark, note: String::new() }
    }

    #[test]
    fn the_difference_is_appraised_minus_self_points() {
        assert_eq!(row(Some(2.0), Mark::Points(1.5)).difference(), Some(-0.5), "the team gave less");
        assert_eq!(row(Some(0.5), Mark::Points(2.0)).difference(), Some(1.5), "the team gave more");
        assert_eq!(row(Some(1.0), Mark::Points(1.0)).difference(), Some(0.0));
    }

    #[test]
    fn no_difference_without_both_points() {
        assert_eq!(row(None, Mark::Points(1.5)).difference(), None, "no self points");
        assert_eq!(row(Some(2.0), Mark::NotApplicable).difference(), None);
        assert_eq!(row(Some(2.0), Mark::Pending).difference(), None);
    }
}
