//! Lowering of parameters: per-value citations, which `cites` is the parameter's, and ranges.

use crate::language::ast::{Citation, Decl, File, ParamDecl};
use crate::source::FileId;

const HEADER: &str = "policy p text t in force from 2020-01-01 source src \"S\" source decree \"D\" source law \"L\"\n";

fn parse(items: &str) -> File {
    let text = format!("{HEADER}{items}");
    match super::parse_file(&text, FileId(0)) {
        Ok(file) => file,
        Err(errors) => panic!("does not parse: {errors}\n{text}"),
    }
}

fn param(items: &str) -> ParamDecl {
    match parse(items).items.into_iter().next().map(|i| i.decl) {
        Some(Decl::Param(param)) => param,
        other => panic!("not a parameter: {other:?}"),
    }
}

/// Each citation as `key` or `key "pinpoint"`.
fn keys(cites: &[Citation]) -> Vec<String> {
    cites
        .iter()
        .map(|c| match c.pinpoint.as_ref().and_then(|p| p.plain()) {
            Some(pinpoint) => format!("{} {pinpoint}", c.key.name),
            None => c.key.name.clone(),
        })
        .collect()
}

#[test]
fn each_value_and_step_carries_its_citations() {
    let p = param(
        "param x: decimal = 40_000 cites src \"art. 1\" from 2025-04-01 = 60_000 cites decree \"art. 2\", law\n  fr \"X\" en \"X\"\n  cites law \"art. 9\"",
    );
    assert_eq!(keys(&p.value_cites), ["src art. 1"]);
    assert_eq!(p.steps.len(), 1);
    assert_eq!(p.steps[0].from.date.to_string(), "2025-04-01");
    assert_eq!(keys(&p.steps[0].cites), ["decree art. 2", "law"]);
    assert_eq!(keys(&p.cites), ["law art. 9"]);
}

#[test]
fn a_value_without_citations_leaves_them_to_the_parameter() {
    let p = param(
        "param x: decimal = 1 from 2021-01-01 = 2 cites decree from 2022-01-01 = 3 \"label\" cites law",
    );
    assert!(p.value_cites.is_empty());
    assert_eq!(p.steps.len(), 2);
    assert_eq!(keys(&p.steps[0].cites), ["decree"]);
    assert!(p.steps[1].cites.is_empty());
    assert_eq!(keys(&p.cites), ["law"]);
}

#[test]
fn the_last_cites_without_a_label_is_the_parameters() {
    // As written before values could cite: the trailing `cites` is the parameter's.
    let p = param(
        "param t: decimal = 100 from 2022-01-01 = 200 cites src \"§ 1\"\nparam u: integer = 1 cites law",
    );
    assert!(p.value_cites.is_empty());
    assert!(p.steps[0].cites.is_empty());
    assert_eq!(keys(&p.cites), ["src § 1"]);
    let file = parse("param u: integer = 1 cites law\nparam v: integer = 2");
    let Some(Decl::Param(u)) = file.items.first().map(|i| &i.decl) else {
        panic!("not a parameter");
    };
    assert!(u.value_cites.is_empty());
    assert_eq!(keys(&u.cites), ["law"]);
}

#[test]
fn checked_values_cite_their_own_sources_else_the_parameters() {
    let text = format!(
        "{HEADER}verdicts no yes as satisfied maybe as undecided out as inapplicable\n\
         param x: decimal = 1 cites src from 2021-01-01 = 2 from 2022-01-01 = 3 cites decree \"art. 2\" \"X\" cites law\n"
    );
    let mut sources = crate::source::SourceMap::new();
    let id = sources.add("p.doctrine", text);
    let program = match crate::compile(&sources, &[id]) {
        Ok(program) => program,
        Err(errors) => panic!("does not check: {errors}"),
    };
    let body = program.params[0].versions.at(1).unwrap();
    let cited = |day: &str| {
        let cites = body.cites_on(day.parse().unwrap());
        crate::eval::citations(&program, cites)
    };
    assert_eq!(cited("2020-06-01"), ["S"]);
    assert_eq!(cited("2021-06-01"), ["L"]);
    assert_eq!(cited("2022-06-01"), ["D, art. 2"]);
    assert_eq!(
        body.step_on("2021-06-01".parse().unwrap())
            .map(|s| s.from.to_string()),
        Some(String::from("2021-01-01"))
    );
}

/// Language tags before texts: any two-letter code or a tag with subtags, never a name.
mod language_tags {
    use crate::language::ast::{Decl, File, Label, Lang};
    use crate::source::FileId;

    fn parse(items: &str) -> Result<File, String> {
        let text = format!("policy p text t in force from 2020-01-01\n{items}");
        super::super::parse_file(&text, FileId(0)).map_err(|e| e.to_string())
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
}

#[test]
fn a_range_keeps_its_bounds_and_the_value_after_it() {
    use crate::language::ast::ExprKind;
    let p = param("param x: integer between -1 and 3 = 2 from 2025-01-01 = 3");
    let range = p.range.expect("a range");
    assert!(matches!(
        range.min.map(|e| e.kind),
        Some(ExprKind::Unary(..))
    ));
    assert!(matches!(
        range.max.map(|e| e.kind),
        Some(ExprKind::Integer(3))
    ));
    assert!(matches!(p.value.kind, ExprKind::Integer(2)));
    assert_eq!(p.steps.len(), 1);
    let p = param("param y: duration at least 0 days = 12 months");
    let range = p.range.expect("a range");
    assert!(range.min.is_some() && range.max.is_none());
    let p = param("param z: decimal at most 100% = 50%");
    assert!(p.range.is_some_and(|r| r.min.is_none() && r.max.is_some()));
    assert!(param("param w: integer = 2").range.is_none());
}
