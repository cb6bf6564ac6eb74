//! Conditions that are always true or always false, whatever the facts: a rule that never
//! applies or is never violated, advice or a note that is never given.

use super::space::{At, Budget, Found, Space};
use super::{never_holds, warning};
use crate::diagnostic::Diagnostic;
use crate::language::program::{CExpr, Program};

/// A condition that holds whatever the facts.
pub const ALWAYS_TRUE: &str = "doctrine::lint::condition_always_true";
/// A condition that never holds.
pub const ALWAYS_FALSE: &str = "doctrine::lint::condition_always_false";

/// The rules', advice's and notes' conditions in force at `at`.
pub(crate) fn lint(program: &Program, at: At, budget: &Budget) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for rule in &program.rules {
        let Some(body) = rule.versions.at(at.texts) else {
            continue;
        };
        let id = &rule.id;
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
        if constant(program, at, &body.when, None, budget) == Some(false) {
            found.push(never_holds(
                ALWAYS_FALSE,
                format!("`{}` is never given", remark.id),
                body.when.span,
            ));
        }
    }
    found
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
