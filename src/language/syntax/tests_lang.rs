//! Language tags before texts: any two-letter code or a tag with subtags, never a name.

use crate::language::ast::{Decl, File, Label, Lang};
use crate::source::FileId;

fn parse(items: &str) -> Result<File, String> {
    let text = format!("policy p text t in force from 2020-01-01\n{items}");
    super::parse_file(&text, FileId(0)).map_err(|e| e.to_string())
}

fn tags(label: Option<&Label>) -> Vec<String> {
    label.map_or_else(Vec::new, |l| {
        l.parts
            .iter()
            .map(|(lang, _)| lang.map_or_else(|| String::from("-"), |l| l.to_string()))
            .collect()
    })
}

fn vocabulary(items: &str) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let file = parse(items).unwrap_or_else(|e| panic!("does not parse: {e}"));
    match file.items.into_iter().next().map(|i| i.decl) {
        Some(Decl::Vocabulary(v)) => (
            tags(v.label.as_ref()),
            v.members
                .iter()
                .map(|(name, label)| (name.name.clone(), tags(label.as_ref())))
                .collect(),
        ),
        other => panic!("not a vocabulary: {other:?}"),
    }
}

#[test]
fn any_language_tag_labels_a_name() {
    let (own, members) = vocabulary(
        "vocabulary v de \"V\" fr-ca \"V\" a de \"A\" en \"A\" gsw-CH \"A\" is-IS \"A\"",
    );
    assert_eq!(own, ["de", "fr-CA"]);
    assert_eq!(
        members,
        [(
            "a".into(),
            vec!["de".into(), "en".into(), "gsw-CH".into(), "is-IS".into()]
        )]
    );
}

#[test]
fn a_word_that_is_no_language_code_stays_a_name() {
    // `red` is three letters without a subtag, `cloud` no code: both are names with labels.
    let (own, members) = vocabulary("vocabulary v\n  red \"Red\"\n  cloud \"Cloud\"\n  de");
    assert!(own.is_empty());
    let names: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["red", "cloud", "de"]);
}

#[test]
fn a_malformed_tag_is_an_error_where_it_is_written() {
    let error = parse("vocabulary v a de-abcdefghijk \"A\"")
        .map(|_| ())
        .unwrap_err();
    assert!(
        error.contains("`de-abcdefghijk` is not a language tag"),
        "{error}"
    );
    assert!(Lang::parse("de-abcdefghijk").is_err());
}
