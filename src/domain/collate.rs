//! Vietnamese sort order for names (a, ă, â, b, …, d, đ, …; a letter's tones after the bare letter), from ICU4X's
//! collation data for `vi`: the one place names are compared, for lists and reports alike.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static VI: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    // The data is compiled in; were it ever missing, names still sort (bytewise) rather than stop the program.
    VI.get_or_init(|| Collator::try_new(locale!("vi").into(), CollatorOptions::default()).ok()).as_ref()
}

/// Two names (of units, places…) in Vietnamese dictionary order.
pub fn compare(a: &str, b: &str) -> Ordering {
    match collator() {
        Some(vi) => vi.compare(a, b).then_with(|| a.cmp(b)),
        None => a.cmp(b),
    }
}

/// Two people's names as a Vietnamese list orders them: by the given name (the last word), then by the whole
/// name ("Trần Thị An" before "Nguyễn Văn Bình").
pub fn compare_people(a: &str, b: &str) -> Ordering {
    let given = |name: &str| name.split_whitespace().next_back().unwrap_or("").to_owned();
    compare(&given(a), &given(b)).then_with(|| compare(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str], by: fn(&str, &str) -> Ordering) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        names.sort_by(|a, b| by(a, b));
        names
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet_and_tones_follow_the_bare_letter() {
        let want = ["an", "ăn", "ân", "bé", "dũng", "đông", "ê", "hà", "hả", "hạ", "ô", "ơn", "u", "ư"];
        let mut shuffled = want;
        shuffled.reverse();
        assert_eq!(sorted(&shuffled, compare), want);
        // Byte order would put "đ" after every other letter and "Ư" after "Z".
        assert_eq!(
            sorted(&["Phòng Y tế", "Đội Quản lý", "Ban Dân vận"], compare),
            ["Ban Dân vận", "Đội Quản lý", "Phòng Y tế"]
        );
    }

    #[test]
    fn people_sort_by_given_name_first() {
        let names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Đức", "Phạm Dũng", "Hoàng Thị Ánh"];
        assert_eq!(
            sorted(&names, compare_people),
            ["Trần Thị An", "Hoàng Thị Ánh", "Nguyễn Văn Bình", "Phạm Dũng", "Lê Đức"]
        );
    }
}

#[cfg(test)]
#[path = "collate_tests.rs"]
mod boundary_tests;
