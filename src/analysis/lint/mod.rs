//! The linter: warnings about a checked policy that works but is probably not what was meant.
//!
//! Each family of lints has its own module; all build [`Diagnostic`]s with
//! [`Severity::Warning`], a stable code, a place in the policy and `help`. Nothing here
//! changes how a policy evaluates.

mod collect;
mod conditions;
mod docs;
mod domains;
mod exceptions;
mod space;
mod totality;
mod usage;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::language::program::Program;
use space::{At, Budget};

/// How many combinations of facts the exception analysis tries, by default, before it stops
/// and says which pairs of exceptions it did not finish (`doctrine check --analysis-budget`).
pub const ANALYSIS_BUDGET: usize = 1_000_000;

/// Every lint: its code and what it finds, for reports that list them (SARIF rules).
pub const LINTS: &[(&str, &str)] = &[
    (
        usage::UNUSED_FACT,
        "A fact no condition, definition or message reads",
    ),
    (usage::UNUSED_PARAM, "A parameter nothing reads"),
    (usage::UNUSED_DEF, "A definition nothing reads"),
    (
        docs::MISSING_CITATION,
        "A rule or exception that cites no source",
    ),
    (
        docs::MISSING_LANGUAGE,
        "A title or message missing a language the policy writes its texts in",
    ),
    (
        conditions::ALWAYS_TRUE,
        "A condition that holds whatever the facts",
    ),
    (
        conditions::ALWAYS_FALSE,
        "A condition that never holds whatever the facts",
    ),
    (
        exceptions::NEVER_HOLDS,
        "An exception whose condition can never hold",
    ),
    (
        exceptions::SHADOWED,
        "An exception that never changes a verdict",
    ),
    (
        exceptions::POSSIBLE_CONFLICT,
        "Sibling exceptions that can both hold with different verdicts",
    ),
    (
        totality::NOT_TOTAL,
        "A combination of the facts of `total over` that no rule decides",
    ),
    (
        exceptions::NOT_ANALYSED,
        "Pairs of sibling exceptions the analysis's budget did not let it finish (a note)",
    ),
];

/// Finds every warning about a checked policy, sorted by place, without duplicates, within
/// the default budget.
pub fn lint(program: &Program) -> Diagnostics {
    lint_within(program, ANALYSIS_BUDGET)
}

/// Like [`lint`], the exception analysis trying at most `budget` combinations of facts.
pub fn lint_within(program: &Program, budget: usize) -> Diagnostics {
    let budget = Budget::new(budget);
    let mut found = Vec::new();
    found.extend(usage::lint(program));
    found.extend(docs::lint(program));
    let dated = dated_moments(program);
    found.extend(conditions::lint(program, &dated, &budget));
    found.extend(exceptions::lint_dated(program, &dated, &budget));
    for at in moments(program) {
        found.extend(totality::lint(program, at, &budget));
    }
    if budget.cut() > 0 {
        found.push(exceptions::conditions_not_analysed(
            budget.cut(),
            budget.total(),
        ));
    }
    let key = |d: &Diagnostic| {
        d.primary_span()
            .map(|s| (s.file, s.start, s.end))
            .unwrap_or_default()
    };
    found.sort_by(|a, b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    found.dedup_by(|a, b| a.code == b.code && a.message == b.message && key(a) == key(b));
    Diagnostics(found)
}

/// Each state of the policy: as each text comes into force, on its day.
fn moments(program: &Program) -> Vec<At> {
    program
        .texts
        .iter()
        .enumerate()
        .map(|(index, text)| At {
            texts: index + 1,
            today: text.in_force,
        })
        .collect()
}

/// Each state of the policy and each day a parameter in force takes a dated value (a
/// computed one's too), in date order: what a condition may read on some day.
fn dated_moments(program: &Program) -> Vec<At> {
    let mut days: Vec<jiff::civil::Date> = program
        .params
        .iter()
        .flat_map(|p| p.versions.versions.iter())
        .filter_map(|(_, body)| body.as_ref())
        .flat_map(|body| body.steps.iter().map(|s| s.from))
        .collect();
    days.sort_unstable();
    days.dedup();
    let steps = days.into_iter().map(|today| At {
        texts: crate::eval::texts_in_force(program, today),
        today,
    });
    let mut all: Vec<At> = moments(program).into_iter().chain(steps).collect();
    all.retain(|at| at.texts > 0);
    all.sort_by_key(|at| (at.today, at.texts));
    all.dedup_by_key(|at| (at.today, at.texts));
    all
}

/// A warning with its place and advice.
fn warning(
    code: &'static str,
    message: String,
    span: crate::source::Span,
    label: &str,
    help: String,
) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        code,
        message,
        labels: Vec::new(),
        help: None,
    }
    .with_label(span, label)
    .with_help(help)
}

/// A condition that no combination of facts makes true.
fn never_holds(code: &'static str, message: String, span: crate::source::Span) -> Diagnostic {
    warning(
        code,
        message,
        span,
        "never holds",
        String::from("no combination of facts makes this condition true: check it"),
    )
}
