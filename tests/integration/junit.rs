//! `doctrine test --format junit` prints XML that a parser reads back: counts, names,
//! failures and errors, for the failing and erroring fixtures of `tests/cases/test/`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests may unwrap")]

use std::process::Command;

fn junit(args: &[&str]) -> (String, Option<i32>) {
    let output = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .arg("test")
        .args(args)
        .args(["--format", "junit"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code(),
    )
}

fn failures_and_errors_parse_as_junit() {
    let (xml, status) = junit(&[
        "tests/policies/language",
        "tests/cases/test/errors/no-expect/cases",
        "tests/cases/test/errors/bad-names/case.yaml",
    ]);
    assert_eq!(status, Some(2));
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some("language-tour"));
    assert_eq!(suite.attribute("tests"), Some("4"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    assert_eq!(suite.attribute("errors"), Some("2"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 4);
    let error = cases[3]
        .children()
        .find(|n| n.has_tag_name("error"))
        .unwrap();
    // The apostrophe of "policy's" went through an entity and came back.
    assert!(
        error
            .attribute("message")
            .unwrap()
            .ends_with("`acepted` is not one of the policy's verdicts")
    );
    assert!(error.text().unwrap().contains("did you mean `accepted`?"));
}

fn a_failing_suite_lists_each_difference() {
    let (xml, status) = junit(&["policies/cloud-au-centre", "tests/cases/test/failing/cases"]);
    assert_eq!(status, Some(1));
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let failures: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 2);
    assert_eq!(
        failures[0].attribute("message"),
        Some("9 fields differ from the expectation")
    );
    assert_eq!(failures[0].text().unwrap().lines().count(), 9);
    assert_eq!(
        failures[1].text(),
        Some("decision: expected compliant, got non_compliant")
    );
}

tests![
    failures_and_errors_parse_as_junit,
    a_failing_suite_lists_each_difference,
];
