//! Outcomes in a timeline: what an outcome gave on a day, and the outcomes whose value (or
//! deciding case) changed from one period to the next, with why.

use super::causes::{Cause, Day};
use crate::analysis::reads::{Reads, brought};
use crate::eval::decision::{Decision, OutcomeResult};
use crate::language::program::{Localized, Program};
use crate::language::value::Value;

/// What an outcome gave: its value and the case that decided it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeState {
    /// Its value.
    pub value: Value,
    /// Its value as a policy writes it.
    pub written: String,
    /// For a set: each member as a policy writes it.
    pub members: Vec<String>,
    /// Its value for a reader, per language.
    pub shown: Localized,
    /// The case that decided, if one did.
    pub by: Option<String>,
}

impl OutcomeState {
    /// What an outcome's result gave.
    pub fn of(result: &OutcomeResult) -> OutcomeState {
        OutcomeState {
            value: result.value.clone(),
            written: result.written.clone(),
            members: result.members.clone(),
            shown: result.shown.clone(),
            by: result.by.clone(),
        }
    }
}

/// Each outcome's state in a decision, in policy order: name, value and deciding case.
pub(super) fn states(decision: &Decision) -> Vec<(&str, Value, Option<&str>)> {
    decision
        .outcomes
        .iter()
        .map(|o| (o.name.as_str(), o.value.clone(), o.by.as_deref()))
        .collect()
}

/// The outcomes whose value or deciding case changed from `before` to `after`, in policy
/// order, with why (none when the policy comes into force that day: that line says why).
pub(super) fn outcome_changes(
    program: &Program,
    day: &Day,
    before: &Decision,
    after: &Decision,
) -> Vec<super::Change> {
    let mut out = Vec::new();
    for (slot, def) in program.outcomes() {
        let find = |d: &Decision| {
            d.outcomes
                .iter()
                .find(|o| o.name == def.name)
                .map(OutcomeState::of)
        };
        let (old, new) = (find(before), find(after));
        if old == new {
            continue;
        }
        let causes: Vec<Cause> = if day.texts.0 == 0 {
            Vec::new()
        } else {
            let own = |text: u32| brought(&def.versions, text);
            day.causes(
                &Reads::def(program, slot as usize, day.texts.0),
                &Reads::def(program, slot as usize, day.texts.1),
                &own,
                None,
            )
        };
        out.push(super::Change::Outcome {
            name: def.name.clone(),
            before: old,
            after: new,
            causes,
        });
    }
    out
}
