//! Exceptions that never hold, that never change a verdict, and siblings that can both hold
//! with different verdicts (the evaluator then stops with a conflict).

use super::conditions::constant;
use super::space::{At, Space};
use super::{never_holds, warning};
use crate::diagnostic::Diagnostic;
use crate::language::program::{ExceptionBody, ExceptionInfo, Program, RuleBody};

/// An exception whose condition never holds.
pub const NEVER_HOLDS: &str = "doctrine::lint::exception_never_holds";
/// An exception that never changes a verdict.
pub const SHADOWED: &str = "doctrine::lint::exception_shadowed";
/// Sibling exceptions that can both hold with different verdicts.
pub const POSSIBLE_CONFLICT: &str = "doctrine::lint::possible_conflict";

/// The exception lints on the exception tree in force at `at`.
pub(crate) fn lint(program: &Program, at: At) -> Vec<Diagnostic> {
    let Some(snapshot) = program.snapshots.get(at.texts.saturating_sub(1)) else {
        return Vec::new();
    };
    let in_force = |slot: &u32| {
        let info = program.exceptions.get(*slot as usize)?;
        Some((info, info.versions.at(at.texts)?))
    };
    let mut found = Vec::new();
    for (rule, children) in program.rules.iter().zip(&snapshot.rule_children) {
        let children: Vec<_> = children.iter().filter_map(in_force).collect();
        if let Some(body) = rule.versions.at(at.texts) {
            found.extend(never_violated(program, at, &rule.id, body, &children));
        }
        found.extend(siblings(
            program,
            at,
            &children,
            &snapshot.exception_children,
        ));
    }
    for children in &snapshot.exception_children {
        let children: Vec<_> = children.iter().filter_map(in_force).collect();
        found.extend(siblings(
            program,
            at,
            &children,
            &snapshot.exception_children,
        ));
    }
    found
}

type Child<'p> = (&'p ExceptionInfo, &'p ExceptionBody);

/// Exceptions to a rule that is never violated never change its verdict.
fn never_violated(
    program: &Program,
    at: At,
    rule: &str,
    body: &RuleBody,
    children: &[Child<'_>],
) -> Vec<Diagnostic> {
    if children.is_empty()
        || constant(program, at, &body.requires, body.applies.as_ref()) != Some(true)
    {
        return Vec::new();
    }
    children
        .iter()
        .map(|(info, _)| {
            warning(
                SHADOWED,
                format!("the exception `{}` never changes a verdict", info.id),
                info.span,
                "never decides",
                format!("the rule `{rule}` it is an exception to is never violated"),
            )
        })
        .collect()
}

/// The lints among the exceptions under one node.
fn siblings(
    program: &Program,
    at: At,
    children: &[Child<'_>],
    grandchildren: &[Vec<u32>],
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (info, body) in children {
        if constant(program, at, &body.when, None) == Some(false) {
            found.push(never_holds(
                NEVER_HOLDS,
                format!("the exception `{}` can never hold", info.id),
                body.when.span,
            ));
        }
    }
    for (index, (first, a)) in children.iter().enumerate() {
        for (second, b) in children.iter().skip(index + 1) {
            let Some(space) = Space::of(program, at, &[&a.when, &b.when]) else {
                continue;
            };
            if a.gives != b.gives {
                let example = space.find(|assignment| {
                    (assignment.holds(&a.when)? && assignment.holds(&b.when)?)
                        .then(|| assignment.describe())
                });
                if let Some(example) = example {
                    found.push(
                        warning(
                            POSSIBLE_CONFLICT,
                            format!(
                                "the exceptions `{}` and `{}` can both hold and give different verdicts",
                                first.id, second.id
                            ),
                            first.span,
                            "can hold",
                            format!(
                                "for example: {example}; state which wins: make one an exception to the other (`exception {} to {} …`)",
                                second.id, first.id
                            ),
                        )
                        .with_label(second.span, "at the same time as this one"),
                    );
                }
                continue;
            }
            // Same verdict: one whose every case the other covers adds nothing, unless it has
            // exceptions of its own.
            for ((this, x), (other, y)) in [((first, a), (second, b)), ((second, b), (first, a))] {
                let has_children = program
                    .exceptions
                    .iter()
                    .position(|e| e.id == this.id)
                    .and_then(|slot| grandchildren.get(slot))
                    .is_some_and(|c| !c.is_empty());
                if has_children {
                    continue;
                }
                let mut holds_once = false;
                let uncovered = space.find(|assignment| {
                    let own = assignment.holds(&x.when);
                    if own != Some(true) {
                        return own.is_none().then_some(());
                    }
                    holds_once = true;
                    (assignment.holds(&y.when) != Some(true)).then_some(())
                });
                if uncovered.is_none() && holds_once {
                    found.push(
                        warning(
                            SHADOWED,
                            format!("the exception `{}` never changes a verdict", this.id),
                            this.span,
                            "never decides alone",
                            format!(
                                "whenever it holds, `{}` holds too and gives the same verdict: remove one or narrow it",
                                other.id
                            ),
                        )
                        .with_label(other.span, "covers every case of it"),
                    );
                }
            }
        }
    }
    found
}
