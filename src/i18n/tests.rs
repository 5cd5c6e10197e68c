//! Tests of the catalogue and its helpers.

use super::*;

#[test]
fn fill_replaces_numbered_places_in_any_order() {
    assert_eq!(fill("{1} before {0}", &[&"a", &2]), "2 before a");
    assert_eq!(fill("{0}{0}", &[&"x"]), "xx");
    assert_eq!(fill("no places", &[&1]), "no places");
    // Unknown or unnumbered places are kept as written.
    assert_eq!(fill("{2} {} {x", &[&1]), "{2} {} {x");
    assert_eq!(fill("价格 {0} 元", &[&3.5]), "价格 3.5 元");
}

#[test]
fn placeholders_are_listed_once_each() {
    assert_eq!(placeholders("{1} and {0}, {1}"), vec![0, 1]);
    assert!(placeholders("none {here}").is_empty());
}

#[test]
fn every_message_is_written_in_every_language_with_the_same_places() {
    let english = all_entries(Lang::En);
    for lang in Lang::ALL {
        let entries = all_entries(lang);
        assert_eq!(entries.len(), english.len());
        for ((field, text), (_, en)) in entries.iter().zip(&english) {
            assert!(
                !text.trim().is_empty(),
                "{field} is empty in {}",
                lang.code()
            );
            assert_eq!(
                placeholders(text),
                placeholders(en),
                "{field}: the {} text uses other places than the English",
                lang.code()
            );
        }
    }
}

#[test]
fn languages_round_trip_through_their_codes() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("ZH-cn"), Some(Lang::ZhCn));
    assert_eq!(Lang::from_code("fr"), None);
}

#[test]
fn the_language_is_per_thread() {
    set(Lang::ZhCn);
    assert_eq!(s().view_ranking, "排序");
    let other = std::thread::spawn(lang).join().unwrap_or(Lang::ZhCn);
    assert_eq!(other, Lang::En);
    set(Lang::En);
    assert_eq!(s().view_ranking, "Ranking");
}
