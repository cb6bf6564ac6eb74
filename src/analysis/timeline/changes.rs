//! When periods meet: whether two decisions are the same for a timeline, and what changed.

use jiff::civil::Date;

use super::causes::{Cause, Day};
use crate::analysis::reads::Reads;
use crate::eval::decision::{Decision, RuleResult, VerdictRef};
use crate::eval::overrides::Override;
use crate::eval::render::{value_brief, value_text};
use crate::language::program::{Localized, Program};
use crate::language::value::Value;

/// What a rule gave: its verdict, the exception that decided it, and its last day.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleState {
    /// The verdict.
    pub verdict: VerdictRef,
    /// The exception that decided, if one did.
    pub by: Option<String>,
    /// The last day of a temporary verdict.
    pub until: Option<Date>,
}

impl RuleState {
    /// What a rule's result gave.
    pub fn of(result: &RuleResult) -> RuleState {
        RuleState {
            verdict: result.verdict.clone(),
            by: result.by.clone(),
            until: result.until,
        }
    }
}

/// One change at the start of a period.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A text comes into force that day.
    Text {
        /// Its id.
        id: String,
    },
    /// A parameter that a verdict depends on takes another value that day.
    Param {
        /// Its name.
        name: String,
        /// Its value the day before, as a policy writes it.
        before: String,
        /// Its value that day.
        after: String,
        /// Its value the day before, for a reader.
        before_shown: Localized,
        /// Its value that day, for a reader.
        after_shown: Localized,
    },
    /// The case comes into or goes out of the policy's scope (`None`: unknown).
    Scope {
        /// Whether it is in scope now.
        in_scope: Option<bool>,
        /// Why: what changed that day among what the scope reads.
        causes: Vec<Cause>,
    },
    /// A rule's verdict changed (`None`: it gave none).
    Rule {
        /// The rule's id.
        rule: String,
        /// What it gave before.
        before: Option<RuleState>,
        /// What it gives now.
        after: Option<RuleState>,
        /// An exception that has expired since, with its last day.
        expired: Option<(String, Option<Date>)>,
        /// Why: what changed that day among what the rule reads (empty when the rule starts
        /// or stops giving a verdict because the scope changed: the scope says why).
        causes: Vec<Cause>,
    },
}

fn expired_id(result: &RuleResult) -> Option<&str> {
    result.expired.as_ref().map(|(id, _)| id.as_str())
}

/// Whether two decisions are the same for a timeline: the scope, the decision and its last
/// day, and each rule's verdict, deciding exception, last day and expired exception. The
/// texts applied, messages, advice and notes may differ.
pub fn same_state(a: &Decision, b: &Decision) -> bool {
    let rules = |d: &Decision| {
        d.results
            .iter()
            .map(|r| {
                (
                    r.rule.clone(),
                    RuleState::of(r),
                    expired_id(r).map(String::from),
                )
            })
            .collect::<Vec<_>>()
    };
    a.in_scope == b.in_scope
        && a.decision == b.decision
        && a.until == b.until
        && rules(a) == rules(b)
}

/// A parameter's value on a day, unless it is overridden (then it never changes).
fn param_on(program: &Program, overrides: &[Override], slot: usize, day: Date) -> Option<Value> {
    if overrides.iter().any(|(s, _, _)| *s as usize == slot) {
        return None;
    }
    let slot = u32::try_from(slot).ok()?;
    crate::eval::overrides::param_value(program, slot, day, overrides)
        .ok()
        .flatten()
}

/// A value for text output, large ones abbreviated.
fn shown(program: &Program, value: &Value) -> Localized {
    Localized::from_fn(program.output_langs(), |l| {
        value_brief(program, value, Some(l), l)
    })
}

/// The parameters whose value changes on `after`'s day: slot, value before and after as a
/// policy writes them, in the policy's order.
fn changed_params(
    program: &Program,
    overrides: &[Override],
    after: &Decision,
) -> Vec<(usize, String, String)> {
    let day = after.evaluated_on;
    let Ok(eve) = day.yesterday() else {
        return Vec::new();
    };
    (0..program.params.len())
        .filter_map(|slot| {
            let old = param_on(program, overrides, slot, eve)?;
            let new = param_on(program, overrides, slot, day)?;
            (old != new).then(|| {
                (
                    slot,
                    value_text(program, &old, None),
                    value_text(program, &new, None),
                )
            })
        })
        .collect()
}

/// The parameters a verdict of `before` or `after`, or the scope, depends on whose value
/// changes on `after`'s day, in the policy's order.
fn param_changes(
    program: &Program,
    overrides: &[Override],
    before: &Decision,
    after: &Decision,
    changed: &[(usize, String, String)],
    scope: &Reads,
) -> Vec<Change> {
    let day = after.evaluated_on;
    let Ok(eve) = day.yesterday() else {
        return Vec::new();
    };
    let read = |slot: usize, name: &str| {
        scope.reads_param(slot)
            || [before, after]
                .iter()
                .flat_map(|d| d.results.iter().flat_map(|r| &r.because))
                .any(|g| g.is_param && g.name == name)
    };
    let mut out = Vec::new();
    for (slot, _, _) in changed {
        let Some(param) = program.params.get(*slot) else {
            continue;
        };
        if !read(*slot, &param.name) {
            continue;
        }
        let (old, new) = (
            param_on(program, overrides, *slot, eve),
            param_on(program, overrides, *slot, day),
        );
        if let (Some(old), Some(new)) = (old, new) {
            out.push(Change::Param {
                name: param.name.clone(),
                before: value_text(program, &old, None),
                after: value_text(program, &new, None),
                before_shown: shown(program, &old),
                after_shown: shown(program, &new),
            });
        }
    }
    out
}

/// What changed from the decision of one period to the next one's: the texts that come into
/// force and the parameters that change on its first day, the scope, and each rule.
pub fn changes(
    program: &Program,
    overrides: &[Override],
    before: &Decision,
    after: &Decision,
) -> Vec<Change> {
    // The texts in force the day before and that day: `before` is the decision of the
    // previous period's first day, which may be before a text that came into force within it.
    let day_of = after.evaluated_on;
    let texts_on = |day: Date| {
        program
            .texts
            .iter()
            .take_while(|t| t.in_force <= day)
            .count()
    };
    let texts = (day_of.yesterday().map_or(0, texts_on), texts_on(day_of));
    let params = changed_params(program, overrides, after);
    let day = Day {
        program,
        texts,
        params: &params,
    };
    let scope = (
        Reads::scope(program, texts.0),
        Reads::scope(program, texts.1),
    );
    let mut out: Vec<Change> = after
        .texts
        .iter()
        .filter(|t| t.in_force == after.evaluated_on)
        .map(|t| Change::Text { id: t.id.clone() })
        .collect();
    let scope_reads = scope.0.union(&scope.1);
    out.extend(param_changes(
        program,
        overrides,
        before,
        after,
        &params,
        &scope_reads,
    ));
    let scope_changed = before.in_scope != after.in_scope;
    if texts.0 > 0 && scope_changed {
        let own = |text: u32| program.scope.versions.iter().any(|(t, _)| *t == text);
        out.push(Change::Scope {
            in_scope: after.in_scope,
            causes: day.causes(&scope.0, &scope.1, &own, None),
        });
    }
    for (slot, rule) in program.rules.iter().enumerate() {
        let find = |d: &Decision| d.results.iter().find(|r| r.rule == rule.id).cloned();
        let (old, new) = (find(before), find(after));
        let (old_state, new_state) = (
            old.as_ref().map(RuleState::of),
            new.as_ref().map(RuleState::of),
        );
        let old_expired = old.as_ref().and_then(|r| r.expired.clone());
        let new_expired = new.as_ref().and_then(|r| r.expired.clone());
        if old_state == new_state && old_expired == new_expired {
            continue;
        }
        let expired = new_expired.filter(|e| old_expired.as_ref() != Some(e));
        // Where the scope changed or the policy came into force, that line says why.
        let by_scope = scope_changed && (old.is_none() || new.is_none());
        let causes = if by_scope || texts.0 == 0 {
            Vec::new()
        } else {
            let own = |text: u32| rule.versions.versions.iter().any(|(t, _)| *t == text);
            day.causes(
                &Reads::rule(program, slot, texts.0),
                &Reads::rule(program, slot, texts.1),
                &own,
                expired.as_ref().map(|(id, _)| id.as_str()),
            )
        };
        out.push(Change::Rule {
            rule: rule.id.clone(),
            before: old_state,
            after: new_state,
            expired,
            causes,
        });
    }
    out
}
