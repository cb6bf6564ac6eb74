//! Exceptions that never hold, that never change a verdict, and siblings that can both hold
//! with different verdicts (the evaluator then stops with a conflict).

use super::conditions::constant;
use super::space::{At, Budget, Found, Space};
use super::{never_holds, warning};
use crate::diagnostic::{Diagnostic, Severity};
use crate::language::program::{ExceptionBody, ExceptionInfo, Program, RuleBody};
use crate::source::Span;
use std::collections::BTreeMap;

/// An exception whose condition never holds.
pub const NEVER_HOLDS: &str = "doctrine::lint::exception_never_holds";
/// An exception that never changes a verdict.
pub const SHADOWED: &str = "doctrine::lint::exception_shadowed";
/// Sibling exceptions that can both hold with different verdicts.
pub const POSSIBLE_CONFLICT: &str = "doctrine::lint::possible_conflict";
/// Pairs of sibling exceptions the analysis's budget did not let it finish.
pub const NOT_ANALYSED: &str = "doctrine::lint::not_analysed";

/// How many unfinished pairs a note names; it counts the others.
const PAIRS_NAMED: usize = 5;

/// The exception lints at each of `moments`: that an exception never holds or never changes
/// a verdict is said only when it is so at every moment the exception is in force (a dated
/// value of a parameter may make it hold from its day on); a possible conflict at any moment.
pub(crate) fn lint_dated(program: &Program, moments: &[At], budget: &Budget) -> Vec<Diagnostic> {
    let key = |span: Span| (span.file, span.start, span.end);
    // How many moments each exception is in force at, by the spans its warnings point at.
    let mut times: BTreeMap<_, usize> = BTreeMap::new();
    let mut found = Vec::new();
    for at in moments {
        for info in &program.exceptions {
            if let Some(body) = info.versions.at(at.texts) {
                *times.entry(key(info.span)).or_default() += 1;
                if body.when.span != info.span {
                    *times.entry(key(body.when.span)).or_default() += 1;
                }
            }
        }
        found.extend(lint(program, *at, budget));
    }
    let mut counts: BTreeMap<_, usize> = BTreeMap::new();
    for d in &found {
        let span = d.primary_span().map(key);
        *counts.entry((span, d.code, d.message.clone())).or_default() += 1;
    }
    found
        .into_iter()
        .filter(|d| {
            if d.code != NEVER_HOLDS && d.code != SHADOWED {
                return true;
            }
            let span = d.primary_span().map(key);
            let found_at = counts.get(&(span, d.code, d.message.clone()));
            found_at.is_some() && found_at == span.and_then(|s| times.get(&s))
        })
        .collect()
}

/// The exception lints on the exception tree in force at `at`.
pub(crate) fn lint(program: &Program, at: At, budget: &Budget) -> Vec<Diagnostic> {
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
            found.extend(never_violated(
                program, at, &rule.id, body, &children, budget,
            ));
        }
        found.extend(siblings(
            program,
            at,
            &children,
            &snapshot.exception_children,
            budget,
        ));
    }
    for children in &snapshot.exception_children {
        let children: Vec<_> = children.iter().filter_map(in_force).collect();
        found.extend(siblings(
            program,
            at,
            &children,
            &snapshot.exception_children,
            budget,
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
    budget: &Budget,
) -> Vec<Diagnostic> {
    if children.is_empty()
        || constant(program, at, &body.requires, body.applies.as_ref(), budget) != Some(true)
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
    budget: &Budget,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut unfinished: Vec<(&str, &str)> = Vec::new();
    for (info, body) in children {
        if constant(program, at, &body.when, None, budget) == Some(false) {
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
                let example = space.find_within(budget, |assignment| {
                    (assignment.holds(&a.when)? && assignment.holds(&b.when)?)
                        .then(|| assignment.describe())
                });
                if example == Found::Cut {
                    unfinished.push((&first.id, &second.id));
                }
                if let Found::Yes(example) = example {
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
            let mut cut = false;
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
                let uncovered = space.find_within(budget, |assignment| {
                    let own = assignment.holds(&x.when);
                    if own != Some(true) {
                        return own.is_none().then_some(());
                    }
                    holds_once = true;
                    (assignment.holds(&y.when) != Some(true)).then_some(())
                });
                cut |= uncovered == Found::Cut;
                if uncovered == Found::No && holds_once {
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
            if cut {
                unfinished.push((&first.id, &second.id));
            }
        }
    }
    if let (Some((first, _)), false) = (children.first(), unfinished.is_empty()) {
        found.push(not_analysed(first.span, &unfinished, budget.total()));
    }
    found
}

/// The note that the budget cut the analysis of some pairs of one node's exceptions.
fn not_analysed(span: crate::source::Span, pairs: &[(&str, &str)], total: usize) -> Diagnostic {
    let mut named: Vec<String> = pairs
        .iter()
        .take(PAIRS_NAMED)
        .map(|(a, b)| format!("`{a}` and `{b}`"))
        .collect();
    if pairs.len() > PAIRS_NAMED {
        named.push(format!("and {} more", pairs.len() - PAIRS_NAMED));
    }
    Diagnostic {
        severity: Severity::Note,
        code: NOT_ANALYSED,
        message: format!(
            "{} pair(s) of sibling exceptions not fully analysed: {}",
            pairs.len(),
            named.join(", ")
        ),
        labels: Vec::new(),
        help: None,
    }
    .with_label(span, "siblings of this one")
    .with_help(budget_help(total))
}

/// The note that the budget cut short the analysis of some conditions (always true or false,
/// `total over`), which then get no warning.
pub(crate) fn conditions_not_analysed(count: usize, total: usize) -> Diagnostic {
    Diagnostic {
        severity: Severity::Note,
        code: NOT_ANALYSED,
        message: format!("{count} condition(s) not fully analysed"),
        labels: Vec::new(),
        help: None,
    }
    .with_help(budget_help(total))
}

fn budget_help(total: usize) -> String {
    format!(
        "the analysis stopped at its budget of {total} combinations of facts, so some warnings may be missing; raise it with `doctrine check --analysis-budget N`"
    )
}
