//! Unit tests of the explanation tree: short-circuits, unknowns, exceptions, parameters.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly on unexpected shapes"
)]

use super::{Branch, Detail, Explanation, Node, NodeKind, Truth, explain};
use crate::eval::EvalOptions;
use crate::facts::Format;
use crate::source::SourceMap;

const POLICY: &str = r#"
policy p text p-v1 in force from 2020-01-01
verdicts refused allowed as satisfied unknown as undecided out as inapplicable
fact a: bool
fact b: bool
fact n: integer
param limit: integer = 10 fr "Plafond" en "Ceiling"
def both = a and b fr "Les deux" en "Both"
rule AND requires a and b otherwise refused
rule OR requires a or b otherwise refused
rule LIMIT requires n < limit otherwise refused
exception SMALL to LIMIT when n < 20 gives allowed
rule DEF applies when both requires n > 0 otherwise refused
rule TWICE requires both or (n > 3 and both) otherwise refused
"#;

fn run(facts: &str, detail: &Detail, set: &[&str]) -> Explanation {
    let mut sources = SourceMap::new();
    let policy = sources.add("p.doctrine", POLICY);
    let program = crate::compile(&sources, &[policy]).unwrap();
    let file = sources.add("facts.json", facts.to_string());
    let facts = crate::bind_facts(&program, &sources, file, Format::Json).unwrap();
    let overrides = set
        .iter()
        .map(|s| crate::eval::overrides::parse_override(&program, s, &mut sources).unwrap())
        .collect();
    let options = EvalOptions {
        on: "2024-01-01".parse().unwrap(),
        overrides,
    };
    let decision = crate::evaluate(&program, &facts, &options).unwrap();
    explain(&program, &sources, &facts, &options, &decision, detail)
}

fn rule(id: &str) -> Detail {
    Detail {
        all: false,
        rule: Some(id.to_string()),
        outcome: None,
    }
}

/// Every branch of one rule.
fn every_branch(id: &str) -> Detail {
    Detail {
        all: true,
        ..rule(id)
    }
}

/// The requirement of the first rule explained.
fn requirement(facts: &str, detail: &Detail) -> Branch {
    run(facts, detail, &[])
        .rules
        .swap_remove(0)
        .requires
        .unwrap()
}

fn sources(node: &Node) -> Vec<&str> {
    node.children.iter().map(|c| c.source.as_str()).collect()
}

#[test]
fn a_false_and_shows_only_the_operand_that_decided() {
    let requires = requirement(r#"{"a": false, "b": true, "n": 1}"#, &rule("AND"));
    assert_eq!(requires.holds, Truth::False);
    assert_eq!(sources(&requires.condition), ["a"]);
    let all = every_branch("AND");
    let requires = requirement(r#"{"a": false, "b": true, "n": 1}"#, &all);
    assert_eq!(sources(&requires.condition), ["a", "b"]);
}

#[test]
fn a_true_or_shows_the_first_operand_that_holds() {
    let requires = requirement(r#"{"a": false, "b": true, "n": 1}"#, &rule("OR"));
    assert_eq!(requires.holds, Truth::True);
    assert_eq!(sources(&requires.condition), ["b"]);
}

#[test]
fn an_unknown_and_shows_the_unknown_operand_and_its_blocker() {
    let requires = requirement(r#"{"b": true, "n": 1}"#, &rule("AND"));
    assert_eq!(requires.holds, Truth::Unknown);
    assert_eq!(sources(&requires.condition), ["a"]);
    assert_eq!(requires.condition.blockers[0].path, "a");
    // Unknown and false is false: only the false operand matters.
    let requires = requirement(r#"{"b": false, "n": 1}"#, &rule("AND"));
    assert_eq!(requires.holds, Truth::False);
    assert_eq!(sources(&requires.condition), ["b"]);
}

#[test]
fn exceptions_are_tried_only_when_the_requirement_fails() {
    let explanation = run(r#"{"a": true, "b": true, "n": 15}"#, &rule("LIMIT"), &[]);
    let limit = &explanation.rules[0];
    assert_eq!(limit.exceptions.len(), 1);
    assert_eq!(limit.exceptions[0].when.holds, Truth::True);
    assert_eq!(limit.result.as_ref().unwrap().by.as_deref(), Some("SMALL"));
    let explanation = run(r#"{"a": true, "b": true, "n": 5}"#, &rule("LIMIT"), &[]);
    assert!(explanation.rules[0].exceptions.is_empty());
    let all = every_branch("LIMIT");
    let explanation = run(r#"{"a": true, "b": true, "n": 5}"#, &all, &[]);
    assert!(!explanation.rules[0].exceptions[0].when.tried);
}

#[test]
fn a_parameter_says_where_its_value_comes_from() {
    let explanation = run(
        r#"{"a": true, "b": true, "n": 5}"#,
        &rule("LIMIT"),
        &["limit=3"],
    );
    let requires = explanation.rules[0].requires.as_ref().unwrap();
    assert_eq!(requires.holds, Truth::False);
    let NodeKind::Param { name, origin, .. } = &requires.condition.children[1].kind else {
        panic!("expected the parameter");
    };
    assert_eq!(name, "limit");
    assert_eq!(origin.origin, crate::analysis::provenance::Origin::Set);
    assert_eq!(origin.set.as_deref(), Some("3"));
    let requires = requirement(r#"{"a": true, "b": true, "n": 5}"#, &rule("LIMIT"));
    let NodeKind::Param { origin, .. } = &requires.condition.children[1].kind else {
        panic!("expected the parameter");
    };
    assert_eq!(origin.text.as_deref(), Some("p-v1"));
}

#[test]
fn a_definition_carries_its_label_and_its_body() {
    let explanation = run(r#"{"a": true, "b": false, "n": 5}"#, &rule("DEF"), &[]);
    let applies = explanation.rules[0].applies.as_ref().unwrap();
    let NodeKind::Def { name, label } = &applies.condition.kind else {
        panic!("expected the definition");
    };
    assert_eq!(
        (name.as_str(), label.exact(crate::language::ast::Lang::EN)),
        ("both", Some("Both"))
    );
    assert_eq!(sources(&applies.condition), ["a and b"]);
    assert_eq!(sources(&applies.condition.children[0]), ["b"]);
    assert!(explanation.rules[0].requires.is_none());
}

#[test]
fn collapsed_keeps_the_rules_that_decided_and_summarises_the_others() {
    let explanation = run(
        r#"{"a": false, "b": true, "n": 5}"#,
        &Detail::default(),
        &[],
    );
    let ids: Vec<&str> = explanation.rules.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(ids, ["AND", "TWICE"]);
    assert!(explanation.rules.iter().all(|r| r.decisive));
    let others: Vec<&str> = explanation.others.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(others, ["OR", "LIMIT", "DEF"]);
}

#[test]
fn a_definition_is_shown_in_full_once_per_rule() {
    let all = every_branch("TWICE");
    let requires = requirement(r#"{"a": true, "b": false, "n": 5}"#, &all);
    let first = &requires.condition.children[0];
    let second = &requires.condition.children[1].children[1];
    assert_eq!((first.source.as_str(), first.repeated), ("both", false));
    assert_eq!(first.children.len(), 1);
    assert_eq!((second.source.as_str(), second.repeated), ("both", true));
    assert!(second.children.is_empty());
}

const OUTCOMES: &str = r#"
policy q text q-v1 in force from 2020-01-01
verdicts refused allowed as satisfied unknown as undecided out as inapplicable
fact x: bool
fact y: bool
fact n: integer
def either = any of:
    X "By x": x
    Y "By y": y
outcome size: integer "Size"
  case EXCUSED
    when either
    gives 0
  case BIG
    when n > 10
    gives n * 2
  case SMALL
    gives 1
"#;

fn run_outcomes(facts: &str, detail: &Detail) -> Explanation {
    let mut sources = SourceMap::new();
    let policy = sources.add("q.doctrine", OUTCOMES);
    let program = crate::compile(&sources, &[policy]).unwrap();
    let file = sources.add("facts.json", facts.to_string());
    let facts = crate::bind_facts(&program, &sources, file, Format::Json).unwrap();
    let options = EvalOptions {
        on: "2024-01-01".parse().unwrap(),
        overrides: Vec::new(),
    };
    let decision = crate::evaluate(&program, &facts, &options).unwrap();
    explain(&program, &sources, &facts, &options, &decision, detail)
}

#[test]
fn an_outcome_walks_its_cases_to_the_first_that_holds() {
    let explanation = run_outcomes(r#"{"x": false, "y": false, "n": 12}"#, &Detail::default());
    let size = &explanation.outcomes[0];
    let cases: Vec<(&str, Truth, bool)> = size
        .cases
        .iter()
        .map(|c| (c.case.as_str(), c.holds, c.decided))
        .collect();
    assert_eq!(
        cases,
        [("EXCUSED", Truth::False, false), ("BIG", Truth::True, true)]
    );
    // The value given is computed, and shown as a tree.
    let gives = size.cases[1].gives.as_ref().unwrap();
    assert_eq!(gives.value.as_ref().unwrap().written, "24");
    assert!(size.cases[0].gives.is_none());
    // With --all, the case after it is kept, not looked at.
    let all = Detail {
        all: true,
        ..Detail::default()
    };
    let explanation = run_outcomes(r#"{"x": false, "y": false, "n": 12}"#, &all);
    let last = &explanation.outcomes[0].cases[2];
    assert!(!last.tried && !last.decided);
}

#[test]
fn labelled_grounds_show_those_that_held() {
    let explanation = run_outcomes(r#"{"x": true, "y": true, "n": 1}"#, &Detail::default());
    let size = &explanation.outcomes[0];
    let when = &size.cases[0].when.as_ref().unwrap().condition;
    let any_of = &when.children[0];
    assert!(matches!(any_of.kind, NodeKind::AnyOf));
    let ids: Vec<&str> = any_of
        .children
        .iter()
        .map(|g| match &g.kind {
            NodeKind::Ground { id, .. } => id.as_str(),
            _ => "",
        })
        .collect();
    assert_eq!(ids, ["X", "Y"]);
    let held: Vec<&str> = size.result.grounds.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(held, ["X", "Y"]);
    // When one holds, only those that hold are shown.
    let explanation = run_outcomes(r#"{"x": false, "y": true, "n": 1}"#, &Detail::default());
    let when = &explanation.outcomes[0].cases[0]
        .when
        .as_ref()
        .unwrap()
        .condition;
    assert_eq!(when.children[0].children.len(), 1);
}

#[test]
fn an_undecided_outcome_keeps_the_unknown_case_and_the_one_that_holds() {
    let explanation = run_outcomes(r#"{"x": false, "y": false}"#, &Detail::default());
    let size = &explanation.outcomes[0];
    let holds: Vec<Truth> = size.cases.iter().map(|c| c.holds).collect();
    assert_eq!(holds, [Truth::False, Truth::Unknown, Truth::True]);
    assert!(size.cases.iter().all(|c| !c.decided));
    assert_eq!(size.result.missing[0].path, "n");
}

#[test]
fn a_rule_asked_for_leaves_the_outcomes_out() {
    let explanation = run(r#"{"a": true, "b": true, "n": 1}"#, &rule("AND"), &[]);
    assert!(explanation.outcomes.is_empty());
}
