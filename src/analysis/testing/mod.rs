//! Test cases as files: a fact file with an `expect:` section (and optional `on:`, `set:`
//! and `amend:`), run against a policy and compared with the decision it gives.

pub mod case;
pub mod compare;
pub mod coverage;
pub mod expect;
mod outcomes;

pub use case::{CASE_KEYS, Case, read_case};
pub use compare::{Failure, Shown, compare};
pub use coverage::{Coverage, Tally};
pub use expect::{EXPECTATIONS, Expectation};

use std::collections::BTreeSet;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::EvalOptions;
use crate::eval::decision::Decision;
use crate::facts::RawNode;
use crate::language::program::Program;
use crate::source::{FileId, SourceMap, Span};

// One test case run: its facts bound to a program, its own `set:` and `on:` applied, its
// decision compared with what it expects; and what a case's run comes to.

/// What applies to every case of a run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Local amendments applied to every case, before the case's own.
    pub amend: Vec<PathBuf>,
    /// `NAME=VALUE` overrides; a case's own `set:` wins for the same name.
    pub set: Vec<String>,
    /// The date of a case that gives neither `on:` nor `evaluated_on:`.
    pub on: Option<Date>,
}

/// How a case ended.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The decision is as expected.
    Passed,
    /// The decision differs: one failure per field.
    Failed(Vec<Failure>),
    /// The case could not run: a bad fact file, a bad expectation, a bad amendment.
    Error(Diagnostics),
}

/// A case and how it ended.
#[derive(Clone, Debug)]
pub struct CaseReport {
    /// The case file, as named.
    pub path: String,
    /// How it ended.
    pub outcome: Outcome,
}

/// Binds a parsed case to a program, evaluates it and compares: the decision and the
/// differences from what the case expects.
pub fn evaluate_case(
    program: &Program,
    root: &RawNode,
    file: FileId,
    shown: &str,
    options: &Options,
    sources: &mut SourceMap,
) -> Result<(Decision, Vec<Failure>), Diagnostics> {
    let (facts, extras) = crate::facts::bind(program, root, file, CASE_KEYS)?;
    let whole = Span::new(file, 0, 0);
    let case = case::read_case(&extras, file, whole, program)?;
    let name_of = |assignment: &str| {
        assignment
            .split_once('=')
            .map_or(assignment, |(n, _)| n)
            .trim()
            .to_string()
    };
    let own: BTreeSet<String> = case.set.iter().map(|(a, _)| name_of(a)).collect();
    let mut overrides = Vec::new();
    let mut errors = Diagnostics::new();
    for assignment in options.set.iter().filter(|a| !own.contains(&name_of(a))) {
        match crate::eval::overrides::parse_override(program, assignment, sources) {
            Ok(o) => overrides.push(o),
            Err(e) => errors.extend(e),
        }
    }
    for (assignment, span) in &case.set {
        match case::case_override(program, assignment, *span, sources) {
            Ok(o) => overrides.push(o),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // The evaluation-date rule, with the case's `on:` as the day asked; `--on` stands in
    // for today, as a test run never reads the clock (it must be reproducible): a case with
    // no day at all is an error.
    let mut undated = false;
    let on = crate::eval::evaluation_date(case.on, &facts, || {
        options.on.unwrap_or_else(|| {
            undated = true;
            Date::MIN
        })
    });
    if undated {
        return Err(Diagnostic::error(
            "doctrine::test",
            format!("`{shown}` gives no date: add `on:` or `evaluated_on:`, or pass `--on`"),
        )
        .with_label(whole, "in this file")
        .into());
    }
    let decision = crate::eval::evaluate(program, &facts, &EvalOptions { on, overrides })
        .map_err(|e| Diagnostics::from(e.in_fact_file(shown, program, sources, file)))?;
    let failures = compare(&case.expect, &decision);
    Ok((decision, failures))
}
