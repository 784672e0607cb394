//! Boundary tests of name order: ties broken so that the order is total, people with the same given name, names of
//! one word or none.

use super::*;

#[test]
fn names_equal_to_the_collator_still_have_one_order() {
    // "ê" precomposed and "e" + combining circumflex collate equal; bytes decide, both ways round.
    let (nfc, nfd) = ("B\u{ea}n", "Be\u{302}n");
    assert_eq!(compare(nfc, nfd), Ordering::Greater);
    assert_eq!(compare(nfd, nfc), Ordering::Less);
    assert_eq!(compare("Bến", "Bến"), Ordering::Equal);
    assert_eq!(compare("", "a"), Ordering::Less);
}

#[test]
fn people_with_the_same_given_name_sort_by_the_whole_name() {
    assert_eq!(compare_people("Trần Văn An", "Lê Thị An"), Ordering::Greater);
    assert_eq!(compare_people("Lê Thị An", "Trần Văn An"), Ordering::Less);
    assert_eq!(compare_people("An", "Nguyễn An"), Ordering::Less, "one word is the given name itself");
    assert_eq!(compare_people("", "An"), Ordering::Less);
    assert_eq!(compare_people("Nguyễn  Văn   Bình ", "Trần Bình"), Ordering::Less, "spacing does not hide it");
}
