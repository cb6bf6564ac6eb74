#![allow(clippy::unwrap_used, reason = "tests may unwrap")]

use super::*;

#[test]
fn every_resource_parses_and_has_every_english_message() {
    let english = Catalog::new(Lang::EN, RESOURCES[0].1).unwrap();
    let ids: Vec<&str> = RESOURCES[0]
        .1
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .filter(|id| id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .collect();
    assert!(ids.len() > 200);
    for (tag, source) in RESOURCES {
        let catalog = Catalog::new(Lang::parse(tag).unwrap(), source).unwrap();
        assert_eq!(catalog.errors, Vec::<String>::new());
        for id in &ids {
            assert!(english.has(id));
            assert!(catalog.has(id), "{tag}.ftl lacks {id}");
        }
    }
    assert_eq!(catalogs().len(), RESOURCES.len());
}

#[test]
fn words_fall_back_through_the_primary_language_to_english() {
    let canadian = Lang::parse("fr-CA").unwrap();
    assert_eq!(serving(canadian), Lang::FR);
    assert_eq!(serving(Lang::parse("it").unwrap()), Lang::EN);
    assert_eq!(words(canadian).get("value-true"), "oui");
    assert_eq!(words(Lang::parse("it").unwrap()).get("value-true"), "true");
    assert_eq!(words(Lang::DE).get("value-true"), "ja");
}

#[test]
fn spaces_and_plurals_come_out_as_written() {
    assert_eq!(words(Lang::FR).get("decision-colon"), " : ");
    assert_eq!(words(Lang::FR).get("timeline-in-force-after"), "");
    assert_eq!(words(Lang::FR).get("value-group-separator"), "\u{202f}");
    let en = words(Lang::EN);
    assert_eq!(en.format("value-years", &[("n", 1.into())]), "1 year");
    assert_eq!(
        en.format("value-years", &[("n", 12_000.into())]),
        "12000 years"
    );
    assert_eq!(
        words(Lang::FR).format("value-days", &[("n", 0.into())]),
        "0 jours"
    );
}
