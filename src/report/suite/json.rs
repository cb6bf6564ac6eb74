//! Test-suite results as JSON for tools: `cases`, `summary` and `coverage`, keys stable.

use serde_json::{Value as Json, json};

use super::text::Summary;
use crate::analysis::testing::{CaseReport, Coverage, Outcome, Shown};
use crate::diagnostic::Diagnostics;
use crate::source::SourceMap;

fn shown(value: &Shown) -> Json {
    match value {
        Shown::Nothing => Json::Null,
        Shown::Text(t) => Json::String(t.clone()),
        Shown::List(l) => json!(l),
    }
}

/// Each diagnostic in one line: `file:line:column: message`.
pub fn brief(diagnostics: &Diagnostics, sources: &SourceMap) -> Vec<String> {
    diagnostics
        .0
        .iter()
        .map(|d| match d.primary_span() {
            Some(span) => format!("{}: {}", sources.location(span), d.message),
            None => d.message.clone(),
        })
        .collect()
}

/// The suite as one JSON object:
/// `{cases: [{case, status, failures: [{field, expected, actual}], error}],
/// summary: {passed, failed, errors}, coverage: {rules: {exercised, never}, exceptions, advice,
/// notes, outcomes, grounds}}` (`outcomes` and `grounds` only for a policy that has them).
/// `status` is `passed`, `failed` or `error`; `error` is null or the errors, one per line.
pub fn json(cases: &[CaseReport], coverage: &Coverage, sources: &SourceMap) -> Json {
    let summary = Summary::of(cases);
    let cases: Vec<Json> = cases
        .iter()
        .map(|case| {
            let (status, failures, error) = match &case.outcome {
                Outcome::Passed => ("passed", Vec::new(), Json::Null),
                Outcome::Failed(failures) => (
                    "failed",
                    failures
                        .iter()
                        .map(|f| {
                            json!({
                                "field": f.field,
                                "expected": shown(&f.expected),
                                "actual": shown(&f.actual),
                            })
                        })
                        .collect(),
                    Json::Null,
                ),
                Outcome::Error(d) => (
                    "error",
                    Vec::new(),
                    Json::String(brief(d, sources).join("\n")),
                ),
            };
            json!({"case": case.path, "status": status, "failures": failures, "error": error})
        })
        .collect();
    let mut kinds = serde_json::Map::new();
    for (kind, tally) in coverage.kinds() {
        kinds.insert(
            kind.into(),
            json!({"exercised": tally.exercised(), "never": tally.never()}),
        );
    }
    // Only for a policy with outcomes (or grounds): the JSON of others is unchanged.
    for (kind, tally, _) in coverage.outcome_kinds() {
        kinds.insert(
            kind.into(),
            json!({"exercised": tally.exercised(), "never": tally.never()}),
        );
    }
    json!({
        "cases": cases,
        "summary": {"passed": summary.passed, "failed": summary.failed, "errors": summary.errors},
        "coverage": Json::Object(kinds),
    })
}
