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
