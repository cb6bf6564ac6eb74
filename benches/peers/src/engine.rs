//! doctrine itself: the subset policy and the shipped doctrine, checked once, evaluating
//! fact sets bound in advance.

use std::path::Path;

use doctrine::eval::Verdicts;
use doctrine::source::SourceMap;
use doctrine::{Decision, EvalOptions, FactSet, Program};

use crate::system::{Input, Outcome};

/// The subset policy (`policy/subset.doctrine`).
pub fn subset_program() -> Program {
    compile(&[concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policy/subset.doctrine"
    )])
}

/// The shipped doctrine: the base text and its amendment.
pub fn full_program() -> Program {
    let folder = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../policies/cloud-au-centre"
    );
    let files = match doctrine::app::load::policy_files(Path::new(folder)) {
        Ok(files) => files,
        Err(e) => panic!("{folder}: {e:?}"),
    };
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    compile(&names)
}

fn compile(files: &[&str]) -> Program {
    let mut sources = SourceMap::new();
    let ids: Vec<_> = files
        .iter()
        .map(|file| match std::fs::read_to_string(file) {
            Ok(text) => sources.add(*file, text),
            Err(e) => panic!("{file}: {e}"),
        })
        .collect();
    match doctrine::compile(&sources, &ids) {
        Ok(program) => program,
        Err(e) => panic!("{files:?}: {e:?}"),
    }
}

/// Binds an input to a program, keeping only the facts the program declares (a fact file
/// may not hold keys its policy does not know), and the options to evaluate it on its day.
pub fn bind(program: &Program, input: &Input) -> (FactSet, EvalOptions) {
    let mut json: serde_json::Value = match serde_json::from_str(input.json) {
        Ok(json) => json,
        Err(e) => panic!("{}: {e}", input.name),
    };
    let declared: Vec<&str> = program.facts.iter().map(|f| f.path.as_str()).collect();
    retain_declared(&mut json, "", &declared);
    let mut sources = SourceMap::new();
    let file = sources.add(format!("{}.json", input.name), json.to_string());
    let facts = match doctrine::bind_facts(program, &sources, file, doctrine::facts::Format::Json) {
        Ok(facts) => facts,
        Err(e) => panic!("{}: {e:?}", input.name),
    };
    let options = EvalOptions {
        on: facts.evaluated_on.unwrap_or_default(),
        overrides: Vec::new(),
    };
    (facts, options)
}

fn retain_declared(json: &mut serde_json::Value, prefix: &str, declared: &[&str]) {
    let serde_json::Value::Object(map) = json else {
        return;
    };
    map.retain(|key, value| {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if path == "evaluated_on" || declared.contains(&path.as_str()) {
            return true;
        }
        let nested = format!("{path}.");
        if declared.iter().any(|d| d.starts_with(&nested)) {
            retain_declared(value, &path, declared);
            return true;
        }
        false
    });
}

/// Evaluates a bound fact set.
pub fn evaluate(program: &Program, facts: &FactSet, options: &EvalOptions) -> Decision {
    match doctrine::evaluate(program, facts, options) {
        Ok(decision) => decision,
        Err(e) => panic!("{e:?}"),
    }
}

/// The outcome to compare with the other engines.
pub fn outcome(decision: &Decision) -> Outcome {
    Outcome::from_verdicts(
        &decision.decision.name,
        decision
            .results
            .iter()
            .map(|r| (r.rule.as_str(), r.verdict.name.as_str())),
    )
}

/// Decides a bound fact set: verdicts only, no explanation.
pub fn decide(program: &Program, facts: &FactSet, options: &EvalOptions) -> Verdicts {
    match doctrine::eval::verdicts(program, facts, options) {
        Ok(verdicts) => verdicts,
        Err(e) => panic!("{e:?}"),
    }
}

/// The outcome of verdicts, to compare with the other engines.
pub fn verdicts_outcome(program: &Program, verdicts: &Verdicts) -> Outcome {
    let name = |rank: u32| {
        program
            .vocabularies
            .first()
            .and_then(|v| v.members.get(rank as usize))
            .map_or("?", |m| m.name.as_str())
    };
    let rule = |slot: u32| {
        program
            .rules
            .get(slot as usize)
            .map_or("?", |r| r.id.as_str())
    };
    Outcome::from_verdicts(
        name(verdicts.decision),
        verdicts
            .rules
            .iter()
            .map(|r| (rule(r.rule), name(r.verdict))),
    )
}
