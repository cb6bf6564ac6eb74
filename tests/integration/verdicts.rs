//! `eval::verdicts` gives the verdicts of `evaluate`, without the explanation: checked on every test
//! case of every policy of the repository (unknown facts, exceptions, expired derogations,
//! scopes, amendments), each on its own day and on days around the texts' dates.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use std::path::Path;

use doctrine::analysis::testing::CASE_KEYS;
use doctrine::eval::{EvalOptions, RuleVerdict, verdicts};
use doctrine::source::SourceMap;
use jiff::civil::Date;

const POLICIES: [&str; 3] = [
    "policies/cloud-au-centre",
    "examples/procurement",
    "tests/policies/language",
];

const DAYS: [&str; 5] = [
    "2019-06-01",
    "2021-07-10",
    "2022-10-01",
    "2023-06-01",
    "2031-01-01",
];

fn verdicts_are_those_of_evaluate() {
    let mut compared = 0;
    for policy in POLICIES {
        let mut sources = SourceMap::new();
        let program =
            doctrine::app::load::load_policy(Path::new(policy), &[], &mut sources).unwrap();
        let cases = doctrine::app::inputs::case_files(&doctrine::app::inputs::default_cases(
            Path::new(policy),
        ))
        .unwrap();
        assert!(!cases.is_empty(), "{policy} has no test case");
        for case in cases {
            let path = case.display().to_string();
            let Ok((facts, _, _)) =
                doctrine::app::load::load_facts(&path, &program, &mut sources, CASE_KEYS)
            else {
                // Cases that test input errors do not bind.
                continue;
            };
            let days = DAYS.iter().map(|d| d.parse::<Date>().unwrap());
            for on in facts.evaluated_on.into_iter().chain(days) {
                let options = EvalOptions {
                    on,
                    overrides: Vec::new(),
                };
                let Ok(decision) = doctrine::evaluate(&program, &facts, &options) else {
                    assert!(
                        verdicts(&program, &facts, &options).is_err(),
                        "{path} on {on}"
                    );
                    continue;
                };
                let found = verdicts(&program, &facts, &options).unwrap();
                let context = format!("{path} on {on}");
                assert_eq!(found.decision, decision.decision.rank, "{context}");
                assert_eq!(found.until, decision.until, "{context}");
                assert_eq!(found.in_scope, decision.in_scope, "{context}");
                let name = |r: &RuleVerdict| program.rules[r.rule as usize].id.clone();
                let by = |r: &RuleVerdict| r.by.map(|e| program.exceptions[e as usize].id.clone());
                let rules: Vec<_> = found
                    .rules
                    .iter()
                    .map(|r| (name(r), r.verdict, by(r), r.until))
                    .collect();
                let expected: Vec<_> = decision
                    .results
                    .iter()
                    .map(|r| (r.rule.clone(), r.verdict.rank, r.by.clone(), r.until))
                    .collect();
                assert_eq!(rules, expected, "{context}");
                compared += 1;
            }
        }
    }
    assert!(compared > 300, "only {compared} evaluations compared");
}

tests![verdicts_are_those_of_evaluate];
