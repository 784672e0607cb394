//! Checking a rubric against its item: only leaves have one, and its points stay within the item's maximum.

use toml::Spanned;

use super::{Collector, EPSILON, RawRubric};
use crate::domain::catalogue::{Level, Rubric, Threshold};

pub(super) fn check_rubric(c: &mut Collector, code: &str, raw: &Spanned<RawRubric>, max: f64, is_leaf: bool) -> Rubric {
    let span = raw.span();
    if !is_leaf {
        c.at(span.clone(), format!("«{code}» là nhóm; chỉ nội dung chấm điểm (mục lá) mới có thang chấm"));
    }
    let mut check_points = |points: f64| {
        if !(0.0..=max + EPSILON).contains(&points) {
            c.at(span.clone(), format!("thang chấm của «{code}» cho {points} điểm, ngoài khoảng 0 … {max}"));
        }
    };
    match raw.get_ref() {
        RawRubric::Levels { levels } => {
            levels.iter().for_each(|l| check_points(l.points));
            Rubric::Levels {
                levels: levels.iter().map(|l| Level { label: l.label.clone(), points: l.points }).collect(),
            }
        }
        RawRubric::Ratio { thresholds } => {
            thresholds.iter().for_each(|t| check_points(t.points));
            for t in thresholds.iter().filter(|t| !(0.0..=100.0).contains(&t.at_least)) {
                c.at(span.clone(), format!("ngưỡng {}% của «{code}» phải trong khoảng 0 … 100", t.at_least));
            }
            Rubric::Ratio {
                thresholds: thresholds.iter().map(|t| Threshold { at_least: t.at_least, points: t.points }).collect(),
            }
        }
    }
}
