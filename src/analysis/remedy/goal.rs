//! What a search aims at, and whether a decision is there: a verdict (or better), any better
//! verdict, a value of an outcome, or — for a policy that decides by an outcome — any
//! decision but those it fails on.

use super::{Goal, OutcomeGoal, Target};
use crate::eval::decision::{Decision, VerdictRef};
use crate::eval::{Trace, verdict_of};
use crate::language::program::{DecisionOf, Program};
use crate::language::value::Value;

/// The goal a request's target names; `None` (no target) is any better verdict, or for a
/// policy that decides by an outcome, any decision but those it fails on.
pub(super) fn of(program: &Program, target: Option<&Target>) -> Goal {
    match target {
        Some(Target::Verdict(rank)) => Goal::AtLeast(verdict_of(program, *rank)),
        Some(Target::Outcome { def, value }) => {
            let decides =
                matches!(&program.decision, DecisionOf::Outcome { def: d, .. } if d == def);
            Goal::Outcome(OutcomeGoal {
                def: *def,
                name: program
                    .defs
                    .get(*def as usize)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                value: value.clone(),
                decides,
            })
        }
        None => match &program.decision {
            DecisionOf::Verdicts { .. } => Goal::Better,
            DecisionOf::Outcome {
                vocabulary,
                fails_on,
                ..
            } => Goal::Leave(
                fails_on
                    .iter()
                    .map(|member| member_ref(program, *vocabulary, *member))
                    .collect(),
            ),
        },
    }
}

/// A name of a vocabulary as a decision.
pub(super) fn member_ref(program: &Program, vocabulary: u32, member: u32) -> VerdictRef {
    let found = program
        .vocabularies
        .get(vocabulary as usize)
        .and_then(|v| v.members.get(member as usize));
    VerdictRef {
        rank: member,
        name: found.map(|m| m.name.clone()).unwrap_or_default(),
        label: found.map(|m| m.label.clone()).unwrap_or_default(),
    }
}

/// The rank a goal on verdicts compares: the decision, or for a policy that decides by an
/// outcome, the worst verdict of its rules (the undecided verdict when the scope is unknown,
/// the inapplicable one outside it or before any text is in force).
pub(super) fn verdict_level(program: &Program, decision: &Decision) -> u32 {
    if decision.decided_by_outcome.is_none() {
        return decision.decision.rank;
    }
    let scale = &program.scale;
    match decision.in_scope {
        _ if decision.texts.is_empty() => scale.inapplicable,
        Some(false) => scale.inapplicable,
        None => scale.undecided,
        Some(true) => decision
            .results
            .iter()
            .map(|r| r.verdict.rank)
            .min()
            .unwrap_or(scale.satisfied),
    }
}

/// The value of an outcome in a decision: from the trace of a traced evaluation, else from
/// the decision's outcomes (`None`: not in force).
pub(super) fn outcome_value<'d>(
    program: &Program,
    decision: &'d Decision,
    trace: Option<&'d Trace>,
    def: u32,
) -> Option<&'d Value> {
    if let Some(traced) = trace.and_then(|t| t.outcomes.iter().find(|o| o.def == def)) {
        return Some(&traced.value);
    }
    let name = &program.defs.get(def as usize)?.name;
    decision
        .outcomes
        .iter()
        .find(|o| &o.name == name)
        .map(|o| &o.value)
}

/// Whether a decision (with its trace, when traced) is at the goal; `now` is the verdict
/// level of the decision the search starts from.
pub(super) fn met(
    program: &Program,
    goal: &Goal,
    now: u32,
    decision: &Decision,
    trace: Option<&Trace>,
) -> bool {
    match goal {
        Goal::Better | Goal::AtLeast(_) => {
            super::acceptable(program, goal, now, verdict_level(program, decision))
        }
        Goal::Outcome(target) if target.decides => match &target.value {
            Value::Enum { member, .. } => decision.decision.rank == *member,
            _ => false,
        },
        Goal::Outcome(target) => {
            outcome_value(program, decision, trace, target.def) == Some(&target.value)
        }
        Goal::Leave(names) => leaves(program, names, decision.decision.rank),
    }
}

/// Whether a decision of a policy that decides by an outcome is none of `names`, nor its
/// vocabulary's undecided or inapplicable name.
pub(super) fn leaves(program: &Program, names: &[VerdictRef], rank: u32) -> bool {
    let DecisionOf::Outcome { vocabulary, .. } = &program.decision else {
        return false;
    };
    let roles = program
        .vocabularies
        .get(*vocabulary as usize)
        .map_or((None, None), |v| (v.undecided, v.inapplicable));
    !names.iter().any(|n| n.rank == rank) && roles.0 != Some(rank) && roles.1 != Some(rank)
}

/// Whether some decision could reach the goal from `now` (the goal is not already met).
pub(super) fn reachable(program: &Program, goal: &Goal, now: u32) -> bool {
    match goal {
        Goal::Better | Goal::AtLeast(_) => {
            let count = program.vocabularies.first().map_or(0, |v| v.members.len());
            (0..u32::try_from(count).unwrap_or(0))
                .any(|rank| super::acceptable(program, goal, now, rank))
        }
        Goal::Outcome(_) => true,
        Goal::Leave(names) => {
            let DecisionOf::Outcome { vocabulary, .. } = &program.decision else {
                return false;
            };
            let count = program
                .vocabularies
                .get(*vocabulary as usize)
                .map_or(0, |v| v.members.len());
            (0..u32::try_from(count).unwrap_or(0)).any(|rank| leaves(program, names, rank))
        }
    }
}
