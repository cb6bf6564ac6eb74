//! A benchmark of different answers is worthless: every contender must reach the same
//! outcome on every input, and the hand-written full doctrine must match the shipped one
//! rule by rule, with the same last days, advice and notes.

use doctrine_peers::system::{INPUTS, system};
use doctrine_peers::{cedar, engine, native, rego};

#[test]
fn every_engine_gives_the_same_outcome() {
    let subset = engine::subset_program();
    let full = engine::full_program();
    let cedar = cedar::Cedar::new();
    let mut vm = rego::vm();
    for input in &INPUTS {
        let system = system(input);
        let (facts, options) = engine::bind(&subset, input);
        let expected = engine::outcome(&engine::evaluate(&subset, &facts, &options));
        let name = input.name;
        assert_eq!(
            native::subset(&system).outcome(),
            expected,
            "{name}: plain Rust"
        );
        let rego = rego::evaluate(&mut vm, &rego::input(input));
        assert_eq!(rego::outcome(&rego), expected, "{name}: Rego");
        let response = cedar.evaluate(&cedar.request(&system));
        assert_eq!(cedar.outcome(&response), expected, "{name}: Cedar");
        // Under the base text the subset decides as the whole doctrine on these rules.
        let (facts, options) = engine::bind(&full, input);
        let whole = engine::evaluate(&full, &facts, &options);
        let kept: Vec<_> = whole
            .results
            .iter()
            .filter(|r| ["R6", "R9", "R4", "R5"].contains(&r.rule.as_str()))
            .map(|r| (r.rule.as_str(), r.verdict.name.as_str()))
            .collect();
        let mut whole_subset =
            doctrine_peers::system::Outcome::from_verdicts(&expected.decision, kept);
        whole_subset.decision.clone_from(&expected.decision);
        assert_eq!(whole_subset, expected, "{name}: the shipped doctrine");
    }
}

#[test]
fn the_inputs_cover_every_decision() {
    let subset = engine::subset_program();
    let mut decisions: Vec<String> = INPUTS
        .iter()
        .map(|input| {
            let (facts, options) = engine::bind(&subset, input);
            engine::evaluate(&subset, &facts, &options).decision.name
        })
        .collect();
    decisions.sort();
    decisions.dedup();
    assert_eq!(
        decisions,
        [
            "compliant",
            "non_compliant",
            "not_applicable",
            "temporarily_allowed"
        ]
    );
}

#[test]
fn plain_rust_decides_as_the_shipped_doctrine() {
    let full = engine::full_program();
    for input in &INPUTS {
        let (facts, options) = engine::bind(&full, input);
        let doctrine = engine::evaluate(&full, &facts, &options);
        let plain = native::full(&system(input));
        let name = input.name;
        let plain_decision = plain.decision.map_or("not_applicable", |v| v.name());
        assert_eq!(doctrine.decision.name, plain_decision, "{name}: decision");
        assert_eq!(doctrine.until, plain.until, "{name}: until");
        let rules: Vec<_> = doctrine
            .results
            .iter()
            .map(|r| (r.rule.as_str(), r.verdict.name.as_str(), r.until))
            .collect();
        let plain_rules: Vec<_> = plain
            .rules
            .iter()
            .map(|(rule, verdict, until)| (*rule, verdict.name(), *until))
            .collect();
        assert_eq!(rules, plain_rules, "{name}: rules");
        let advice: Vec<_> = doctrine.advice.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(advice, plain.advice, "{name}: advice");
        let notes: Vec<_> = doctrine.notes.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(notes, plain.notes, "{name}: notes");
    }
}
