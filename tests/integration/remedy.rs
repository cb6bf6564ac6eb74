//! Every remedy is checked by evaluating it again, independently of the search: applied to
//! the facts, it reaches the target; no strict subset of it does (it is minimal). Over every
//! fact file of `examples/corpus/` and the examples, and every test case of the shipped
//! doctrine and of the procurement policy, with the default target and with the satisfied
//! verdict as target; and over the NIS2 examples and the outcomes' tour policy, with every
//! value of every outcome of a vocabulary or a bool as target.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use std::path::Path;

use doctrine::analysis::remedy::{Change, ChangeKind, Request, Target, apply, reaches, remedies};
use doctrine::eval::FactSet;
use doctrine::language::types::Type;
use doctrine::language::value::Value;
use doctrine::source::{SourceMap, Span};
use doctrine::{EvalOptions, Program, evaluate};

/// A day for fact files that name none, so that the test does not depend on today.
const DEFAULT_DAY: &str = "2024-06-01";

fn files(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| doctrine::app::inputs::is_fact_file(p))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

/// The facts and options of a fact file or a test case (`on:` and `set:` taken into
/// account); `None` for a case that needs an amendment.
fn load(program: &Program, sources: &mut SourceMap, path: &str) -> Option<(FactSet, EvalOptions)> {
    let (root, file) = doctrine::app::load::read_facts(path, sources).unwrap();
    if !doctrine::analysis::testing::case::amendments(&root, file)
        .unwrap()
        .is_empty()
    {
        return None;
    }
    let (facts, extras) =
        doctrine::facts::bind(program, &root, file, doctrine::analysis::testing::CASE_KEYS)
            .unwrap();
    let (on, set) = if extras.is_empty() {
        (None, Vec::new())
    } else {
        let case =
            doctrine::analysis::testing::read_case(&extras, file, Span::new(file, 0, 0), program)
                .unwrap();
        (case.on, case.set)
    };
    let overrides = set
        .iter()
        .map(|(s, _)| doctrine::eval::overrides::parse_override(program, s, sources).unwrap())
        .collect();
    let on = on
        .or(facts.evaluated_on)
        .unwrap_or_else(|| DEFAULT_DAY.parse().unwrap());
    Some((facts, EvalOptions { on, overrides }))
}

fn shown(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| format!("{} → {:?}", c.fact, c.to))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Searches and checks every remedy; returns how many were checked.
fn verify(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
    target: Option<Target>,
    name: &str,
) -> usize {
    let request = Request {
        target,
        fixed: Vec::new(),
        max_changes: 3,
        limit: 10,
        budget: doctrine::analysis::remedy::BUDGET,
    };
    verify_request(program, facts, options, &request, name)
}

fn verify_request(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
    request: &Request,
    name: &str,
) -> usize {
    let report = remedies(program, facts, options, request).unwrap();
    let now = evaluate(program, facts, options).unwrap();
    assert_eq!(report.decision, now.decision, "{name}");
    if report.reached {
        assert!(report.remedies.is_empty(), "{name}");
    }
    for remedy in &report.remedies {
        let what = format!("{name}: {}", shown(&remedy.changes));
        assert!(!remedy.changes.is_empty(), "{what}");
        let after = evaluate(program, &apply(facts, &remedy.changes), options).unwrap();
        assert!(
            reaches(program, &report.goal, &now.decision, &after),
            "{what} does not reach the target"
        );
        assert_eq!(after.decision, remedy.decision, "{what}");
        for change in &remedy.changes {
            assert_eq!(&facts.values[change.slot as usize], &change.from, "{what}");
            assert_ne!(change.from, change.to, "{what}");
        }
        // Every strict subset, the empty one included, falls short.
        let count = remedy.changes.len();
        for mask in 0..(1u32 << count) - 1 {
            let subset: Vec<Change> = remedy
                .changes
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| c.clone())
                .collect();
            let decision = evaluate(program, &apply(facts, &subset), options).unwrap();
            assert!(
                !reaches(program, &report.goal, &now.decision, &decision),
                "{what}: the subset {} reaches the target too",
                shown(&subset)
            );
        }
    }
    // Ranked: fewest changes first.
    let sizes: Vec<usize> = report.remedies.iter().map(|r| r.changes.len()).collect();
    let mut sorted = sizes.clone();
    sorted.sort_unstable();
    assert_eq!(sizes, sorted, "{name}");
    report.remedies.len()
}

fn verify_all(policy: &str, dirs: &[&str]) -> usize {
    let mut sources = SourceMap::new();
    let program = doctrine::app::load::load_policy(Path::new(policy), &[], &mut sources).unwrap();
    let mut checked = 0;
    for dir in dirs {
        for path in files(dir) {
            // Written for the local amendment, which declares the facts it adds.
            if path == "examples/two-zones-non-critical.yaml" {
                continue;
            }
            let Some((facts, options)) = load(&program, &mut sources, &path) else {
                continue;
            };
            checked += verify(&program, &facts, &options, None, &path);
            checked += verify(
                &program,
                &facts,
                &options,
                Some(Target::Verdict(program.scale.satisfied)),
                &path,
            );
        }
    }
    checked
}

fn cloud_doctrine_remedies_are_exact_and_minimal() {
    let checked = verify_all(
        "policies/cloud-au-centre",
        &[
            "examples/corpus",
            "examples",
            "policies/cloud-au-centre/tests",
        ],
    );
    assert!(checked > 100, "only {checked} remedies checked");
}

fn procurement_remedies_are_exact_and_minimal() {
    let checked = verify_all(
        "examples/procurement",
        &["examples/procurement/facts", "examples/procurement/tests"],
    );
    assert!(checked > 50, "only {checked} remedies checked");
}

/// The example: Office 365 in 2021 is remedied by a trusted offer, or by the
/// minister's derogation for mail and drive only on a project already engaged.
fn office365_2021() {
    let mut sources = SourceMap::new();
    let program =
        doctrine::app::load::load_policy(Path::new("policies/cloud-au-centre"), &[], &mut sources)
            .unwrap();
    let (facts, options) =
        load(&program, &mut sources, "examples/office365-azure-2021.yaml").unwrap();
    let request = Request {
        target: None,
        fixed: Vec::new(),
        max_changes: 4,
        limit: 10,
        budget: doctrine::analysis::remedy::BUDGET,
    };
    let report = remedies(&program, &facts, &options, &request).unwrap();
    let listed: Vec<String> = report.remedies.iter().map(|r| shown(&r.changes)).collect();
    let trusted = report.remedies.iter().find(|r| {
        r.changes.len() == 2
            && r.changes.iter().any(|c| c.fact == "hosting.secnumcloud")
            && r.changes
                .iter()
                .any(|c| c.fact == "hosting.extra_eu_immune")
    });
    assert_eq!(
        trusted.map(|r| r.decision.name.as_str()),
        Some("compliant"),
        "{listed:#?}"
    );
    let derogation = report
        .remedies
        .iter()
        .find(|r| r.changes.iter().any(|c| c.fact == "derogation.minister"))
        .unwrap_or_else(|| panic!("no derogation among {listed:#?}"));
    assert_eq!(derogation.decision.name, "temporarily_allowed");
    let services = derogation
        .changes
        .iter()
        .find(|c| c.fact == "services")
        .unwrap();
    let ChangeKind::Elements { added, removed } = &services.kind else {
        panic!("{services:?}");
    };
    assert!(added.is_empty());
    assert_eq!(removed.len(), 5, "{services:?}");
    assert!(
        derogation
            .effects
            .iter()
            .any(|e| e.rule == "R9" && e.by.as_deref() == Some("R9-derogation"))
    );
    // With the services, the kind of hosting and the qualification fixed, nothing is left.
    let fixed: Vec<u32> = ["services", "hosting.kind", "hosting.secnumcloud"]
        .iter()
        .map(|p| program.facts.iter().position(|f| f.path == *p).unwrap() as u32)
        .collect();
    let fixed_request = Request {
        fixed,
        ..request.clone()
    };
    let report = remedies(&program, &facts, &options, &fixed_request).unwrap();
    assert!(report.remedies.is_empty(), "{:#?}", report.remedies);
}

/// Every value of every outcome of a vocabulary or a bool that a case could take.
fn outcome_targets(program: &Program) -> Vec<Target> {
    let mut targets = Vec::new();
    for (def, info) in (0_u32..).zip(&program.defs) {
        if info.outcome.is_none() {
            continue;
        }
        match info.ty.required() {
            Type::Bool => targets.extend([false, true].map(|b| Target::Outcome {
                def,
                value: Value::Bool(b),
            })),
            Type::Enum(vocabulary) => {
                let count = program.vocabularies[*vocabulary as usize].members.len();
                targets.extend((0..count as u32).map(|member| Target::Outcome {
                    def,
                    value: Value::Enum {
                        vocabulary: *vocabulary,
                        member,
                    },
                }));
            }
            _ => {}
        }
    }
    targets
}

/// Remedies that give an outcome a value (and, by default, leave the decisions a policy
/// deciding by an outcome fails on) are exact and minimal too; the search is narrower than
/// for verdicts (two changes, a smaller budget) so that the debug build stays quick.
fn outcome_remedies_are_exact_and_minimal() {
    let mut checked = 0;
    for (policy, dirs) in [
        ("policies/nis2", &["examples/nis2"][..]),
        (
            "tests/policies/outcomes/penalties.doctrine",
            &["tests/policies/outcomes/tests"][..],
        ),
    ] {
        let mut sources = SourceMap::new();
        let program =
            doctrine::app::load::load_policy(Path::new(policy), &[], &mut sources).unwrap();
        let mut targets: Vec<Option<Target>> =
            outcome_targets(&program).into_iter().map(Some).collect();
        targets.push(None);
        for dir in dirs {
            for path in files(dir) {
                let Some((facts, options)) = load(&program, &mut sources, &path) else {
                    continue;
                };
                for target in &targets {
                    let request = Request {
                        target: target.clone(),
                        fixed: Vec::new(),
                        max_changes: 2,
                        limit: 10,
                        budget: 5_000,
                    };
                    let name = format!("{path} {target:?}");
                    checked += verify_request(&program, &facts, &options, &request, &name);
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} remedies checked");
}

tests![
    outcome_remedies_are_exact_and_minimal,
    cloud_doctrine_remedies_are_exact_and_minimal,
    procurement_remedies_are_exact_and_minimal,
    office365_2021,
];
