//! Conditions that are always true or always false, whatever the facts: a rule that never
//! applies or is never violated, advice or a note that is never given.

use super::space::{At, Budget, Found, Space};
use super::{never_holds, warning};
use crate::diagnostic::Diagnostic;
use crate::language::program::{CExpr, Program};
use crate::source::Span;
use std::collections::BTreeMap;

/// A condition that holds whatever the facts.
pub const ALWAYS_TRUE: &str = "doctrine::lint::condition_always_true";
/// A condition that never holds.
pub const ALWAYS_FALSE: &str = "doctrine::lint::condition_always_false";

/// The rules', advice's and notes' conditions at each of `moments`: a condition is reported
/// only when it is the same at every moment it is in force, so that what a dated value of a
/// parameter makes hold (an advice given only once a step begins) is not "never given".
pub(crate) fn lint(program: &Program, moments: &[At], budget: &Budget) -> Vec<Diagnostic> {
    let mut examined: Vec<Span> = Vec::new();
    let mut found: Vec<Diagnostic> = Vec::new();
    for at in moments {
        let (spans, diagnostics) = lint_at(program, *at, budget);
        examined.extend(spans);
        found.extend(diagnostics);
    }
    // How many moments examined each condition, and found each warning about it.
    let key = |span: Span| (span.file, span.start, span.end);
    let mut times: BTreeMap<_, usize> = BTreeMap::new();
    for span in examined {
        *times.entry(key(span)).or_default() += 1;
    }
    let mut counts: BTreeMap<_, (usize, &Diagnostic)> = BTreeMap::new();
    for diagnostic in &found {
        let Some(span) = diagnostic.primary_span() else {
            continue;
        };
        let entry = counts
            .entry((key(span), diagnostic.code, diagnostic.message.as_str()))
            .or_insert((0, diagnostic));
        entry.0 += 1;
    }
    let mut kept: Vec<Diagnostic> = Vec::new();
    for ((span, _, _), (count, diagnostic)) in counts {
        if times.get(&span) == Some(&count) {
            kept.push(diagnostic.clone());
        }
    }
    kept
}

/// The conditions in force at `at` (by span), and those of them that are always true or
/// always false there.
fn lint_at(program: &Program, at: At, budget: &Budget) -> (Vec<Span>, Vec<Diagnostic>) {
    let mut examined = Vec::new();
    let mut found = Vec::new();
    for rule in &program.rules {
        let Some(body) = rule.versions.at(at.texts) else {
            continue;
        };
        let id = &rule.id;
        examined.extend(body.applies.as_ref().map(|a| a.span));
        examined.push(body.requires.span);
        if let Some(applies) = &body.applies {
            match constant(program, at, applies, None, budget) {
                Some(false) => found.push(never_holds(
                    ALWAYS_FALSE,
                    format!("the rule `{id}` never applies"),
                    applies.span,
                )),
                Some(true) => found.push(warning(
                    ALWAYS_TRUE,
                    format!("the rule `{id}` always applies"),
                    applies.span,
                    "always holds",
                    String::from(
                        "this condition holds whatever the facts: leave out `applies when`",
                    ),
                )),
                None => {}
            }
        }
        if let Some(holds) = constant(program, at, &body.requires, body.applies.as_ref(), budget) {
            let (code, is, label, verb) = if holds {
                (ALWAYS_TRUE, "never violated", "always holds", "is met")
            } else {
                (
                    ALWAYS_FALSE,
                    "violated wherever it applies",
                    "never holds",
                    "fails",
                )
            };
            found.push(warning(
                code,
                format!("the rule `{id}` is {is}"),
                body.requires.span,
                &format!("{label} where the rule applies"),
                format!("whatever the facts, this requirement {verb}: check it"),
            ));
        }
    }
    for remark in &program.remarks {
        let Some(body) = remark.versions.at(at.texts) else {
            continue;
        };
        examined.push(body.when.span);
        if constant(program, at, &body.when, None, budget) == Some(false) {
            found.push(never_holds(
                ALWAYS_FALSE,
                format!("`{}` is never given", remark.id),
                body.when.span,
            ));
        }
    }
    (examined, found)
}

/// The value a condition has for every combination of facts where `given` holds (all of
/// them without `given`); `None` when it varies, cannot be told, or no combination fits, or
/// when the budget runs out first (the budget counts it).
pub(crate) fn constant(
    program: &Program,
    at: At,
    expr: &CExpr,
    given: Option<&CExpr>,
    budget: &Budget,
) -> Option<bool> {
    let exprs: Vec<&CExpr> = std::iter::once(expr).chain(given).collect();
    let space = Space::of(program, at, &exprs)?;
    let mut seen: Option<bool> = None;
    let mut any = false;
    // Stops at the first combination that varies or cannot be told.
    let stopped = space.find_within(budget, |assignment| {
        if let Some(given) = given {
            match assignment.holds(given) {
                Some(true) => {}
                Some(false) => return None,
                None => return Some(()),
            }
        }
        let value = match assignment.holds(expr) {
            Some(value) => value,
            None => return Some(()),
        };
        any = true;
        match seen {
            Some(previous) if previous != value => Some(()),
            _ => {
                seen = Some(value);
                None
            }
        }
    });
    match stopped {
        Found::No => {}
        Found::Yes(()) => return None,
        Found::Cut => {
            budget.count_cut();
            return None;
        }
    }
    if !any {
        return None;
    }
    seen
}
