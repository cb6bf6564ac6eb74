//! Confirming remedies: each cut down to a minimal set and evaluated again from the facts as
//! given, with the rules whose verdict and the outcomes whose value it changes.

use std::collections::HashSet;

use super::candidates::Candidate;
use super::search::{Search, key, outcome_def, outcome_now};
use super::{Change, Effect, OutcomeEffect, Remedy, apply, goal};
use crate::eval::decision::Decision;
use crate::eval::{EvalError, evaluate};
use crate::language::program::Program;

impl Search<'_> {
    /// The first strict subset of a set that reaches the goal, fewest changes first (so it
    /// is minimal), else the set. The search grows sets only by facts their evaluation read,
    /// but a threshold computed after one change may be reached without it.
    pub(super) fn minimal(
        &mut self,
        set: Vec<(u32, Candidate)>,
    ) -> Result<Vec<(u32, Candidate)>, EvalError> {
        let count = set.len().min(16);
        let mut masks: Vec<u32> = (1..(1u32 << count).saturating_sub(1)).collect();
        masks.sort_by_key(|m| (m.count_ones(), *m));
        for mask in masks {
            let subset: Vec<(u32, Candidate)> = set
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| c.clone())
                .collect();
            let node = self.evaluate(subset)?;
            if self.met(&node) {
                return Ok(node.changes);
            }
        }
        Ok(set)
    }

    /// Evaluates each remedy again from the facts as given, keeps those that reach the goal,
    /// and ranks them.
    pub(super) fn confirm(
        &mut self,
        found: Vec<Vec<(u32, Candidate)>>,
    ) -> Result<Vec<Remedy>, EvalError> {
        let before = evaluate(self.program, self.base, self.options)?;
        let mut remedies = Vec::new();
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        for set in found {
            let set = self.minimal(set)?;
            if !seen.insert(key(&set)) {
                continue;
            }
            let changes: Vec<Change> = set
                .into_iter()
                .filter_map(|(slot, candidate)| {
                    let fact = self.program.facts.get(slot as usize)?;
                    Some(Change {
                        slot,
                        fact: fact.path.clone(),
                        label: fact.label.clone(),
                        from: self.base.values.get(slot as usize)?.clone(),
                        to: candidate.to,
                        kind: candidate.kind,
                    })
                })
                .collect();
            let after = evaluate(self.program, &apply(self.base, &changes), self.options)?;
            self.evaluations += 1;
            if !goal::met(self.program, &self.goal, self.now, &after, None) {
                continue;
            }
            let target = outcome_def(self.program, &self.goal);
            remedies.push(Remedy {
                effects: effects(self.program, &before, &after),
                outcomes: outcome_effects(self.program, &before, &after, target),
                changes,
                decision: after.decision,
                until: after.until,
                in_scope: after.in_scope,
            });
        }
        let by_verdict = matches!(
            self.program.decision,
            crate::language::program::DecisionOf::Verdicts { .. }
        );
        Ok(super::rank::rank(remedies, by_verdict))
    }
}

/// The rules whose outcome differs between two decisions, in policy order.
fn effects(program: &Program, before: &Decision, after: &Decision) -> Vec<Effect> {
    let mut out = Vec::new();
    for rule in program.rules.iter().map(|r| r.id.as_str()) {
        let old = before.results.iter().find(|r| r.rule == rule);
        let new = after.results.iter().find(|r| r.rule == rule);
        let same = match (old, new) {
            (Some(a), Some(b)) => a.verdict == b.verdict && a.by == b.by && a.until == b.until,
            (None, None) => true,
            _ => false,
        };
        if same {
            continue;
        }
        out.push(Effect {
            rule: rule.to_string(),
            before: old.map(|r| r.verdict.clone()),
            after: new.map(|r| r.verdict.clone()),
            by: new.and_then(|r| r.by.clone()),
            until: new.and_then(|r| r.until),
        });
    }
    out
}

/// The outcomes whose value or deciding case differs between two decisions, in policy order;
/// the outcome `target` always.
fn outcome_effects(
    program: &Program,
    before: &Decision,
    after: &Decision,
    target: Option<u32>,
) -> Vec<OutcomeEffect> {
    let mut out = Vec::new();
    for (slot, def) in (0_u32..).zip(&program.defs) {
        if def.outcome.is_none() {
            continue;
        }
        let (Some(old), Some(new)) = (
            outcome_now(program, before, slot),
            outcome_now(program, after, slot),
        ) else {
            continue;
        };
        let listed = |d: &Decision| d.outcomes.iter().any(|o| o.name == def.name);
        if !listed(before) && !listed(after) {
            continue;
        }
        if old == new && target != Some(slot) {
            continue;
        }
        out.push(OutcomeEffect {
            before: old,
            after: new,
        });
    }
    out
}
