//! The round a self-report template was made for: `selfreport template` writes it above the header ("Mã đợt:
//! 2026-dot1"), and the import refuses a template of another round unless told `--allow-other-round`.

use super::FileCheck;
use super::rules::ProblemList;
use crate::domain::text::fold;
use crate::import::problem::Problem;

/// What precedes the round's code in the template's title rows.
pub const LABEL: &str = "Mã đợt:";

/// The marker a template carries.
pub fn mark(round_id: &str) -> String {
    format!("{LABEL} {round_id}")
}

/// The round named in the rows above the header, with the line naming it: the marker, or else a title of the
/// form "… ĐỢT 1 NĂM 2026" written by templates before the marker existed.
pub fn round_of(preamble: &[(u64, String)]) -> Option<(u64, String)> {
    let marked = preamble.iter().find_map(|(line, text)| {
        let (_, rest) = text.split_once(LABEL)?;
        let id: String =
            rest.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
        (!id.is_empty()).then_some((*line, id))
    });
    marked.or_else(|| preamble.iter().find_map(|(line, text)| titled(text).map(|id| (*line, id))))
}

/// "… ĐỢT 2 NĂM 2026" → "2026-dot2".
fn titled(text: &str) -> Option<String> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    words.windows(4).find_map(|w| match w {
        ["dot", n @ ("1" | "2"), "nam", year] if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => {
            Some(format!("{year}-dot{n}"))
        }
        _ => None,
    })
}

impl FileCheck<'_, '_> {
    /// A template of another round is a problem unless `--allow-other-round` was given.
    pub fn round_mark(&self, preamble: &[(u64, String)], problems: &mut ProblemList) {
        let rules = self.rules;
        let Some((line, id)) = round_of(preamble) else { return };
        if rules.allow_other_round || id.eq_ignore_ascii_case(&rules.round_id) {
            return;
        }
        let text = preamble.iter().find(|(l, _)| *l == line).map(|(_, t)| t.clone());
        problems.push(Problem {
            row: Some(line),
            value: text,
            message: format!("đây là mẫu báo cáo của đợt {id}, không phải đợt {}", rules.round_id),
            hint: Some(format!(
                "nhập vào đúng đợt (cchc selfreport import {id} …); nếu đây đúng là báo cáo cho đợt {}, thêm \
                 --allow-other-round",
                rules.round_id
            )),
            ..self.file_problem(String::new(), None)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(texts: &[&str]) -> Vec<(u64, String)> {
        texts.iter().enumerate().map(|(i, t)| (i as u64 + 1, (*t).to_owned())).collect()
    }

    #[test]
    fn the_marker_wins_over_the_title() {
        let pre = rows(&["BÁO CÁO TỰ KIỂM TRA — ĐỢT 1 NĂM 2026", "Mã đợt: 2026-dot2 · Đơn vị: VP"]);
        assert_eq!(round_of(&pre), Some((2, "2026-dot2".into())));
    }

    #[test]
    fn an_older_template_is_known_by_its_title() {
        let pre = rows(&["BÁO CÁO TỰ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH — ĐỢT 1 NĂM 2026", "Đơn vị: VP"]);
        assert_eq!(round_of(&pre), Some((1, "2026-dot1".into())));
        assert_eq!(round_of(&rows(&["BÁO CÁO TỰ KIỂM TRA", "Đơn vị: VP"])), None);
        assert_eq!(round_of(&[]), None);
    }
}
