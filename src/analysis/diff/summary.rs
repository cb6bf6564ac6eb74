//! The counts of a comparison: cases that change, by transition, and the texts applied.

use jiff::civil::Date;

use super::{CaseDiff, Change};
use crate::eval::decision::{Decision, VerdictRef};

/// A count of cases whose decision went from one verdict to another.
#[derive(Clone, Debug)]
pub struct Transition {
    /// The decision under A.
    pub before: VerdictRef,
    /// The decision under B.
    pub after: VerdictRef,
    /// How many cases.
    pub count: usize,
}

/// The counts of a comparison.
#[derive(Clone, Debug)]
pub struct Summary {
    /// Cases compared.
    pub total: usize,
    /// Cases whose decision changes.
    pub changed: usize,
    /// Cases whose decision stands but whose details change.
    pub detail: usize,
    /// Decision changes by transition, worst verdict before first.
    pub transitions: Vec<Transition>,
}

/// Counts the cases and their transitions, worst verdict before first, then worst after.
pub fn summarize(cases: &[CaseDiff]) -> Summary {
    let mut transitions: Vec<Transition> = Vec::new();
    for case in cases.iter().filter(|c| c.change == Change::Decision) {
        let (before, after) = (&case.before.decision, &case.after.decision);
        match transitions
            .iter_mut()
            .find(|t| t.before.name == before.name && t.after.name == after.name)
        {
            Some(t) => t.count += 1,
            None => transitions.push(Transition {
                before: before.clone(),
                after: after.clone(),
                count: 1,
            }),
        }
    }
    transitions.sort_by(|x, y| {
        (x.before.rank, x.after.rank, &x.before.name, &x.after.name).cmp(&(
            y.before.rank,
            y.after.rank,
            &y.before.name,
            &y.after.name,
        ))
    });
    let count = |kind: Change| cases.iter().filter(|c| c.change == kind).count();
    Summary {
        total: cases.len(),
        changed: count(Change::Decision),
        detail: count(Change::Detail),
        transitions,
    }
}

/// The texts applied to any case under one side, by the day they came into force.
pub fn texts_applied<'a>(decisions: impl Iterator<Item = &'a Decision>) -> Vec<String> {
    let mut texts: Vec<(Date, String)> = Vec::new();
    for decision in decisions {
        for text in &decision.texts {
            if !texts.iter().any(|(_, id)| id == &text.id) {
                texts.push((text.in_force, text.id.clone()));
            }
        }
    }
    texts.sort();
    texts.into_iter().map(|(_, id)| id).collect()
}
