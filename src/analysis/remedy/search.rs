//! The breadth-first search of remedies: sets of changes by size, each set grown only by
//! facts that the rules holding its decision back read, supersets of remedies never tried.
//!
//! The work is bounded twice by the request's budget: in evaluations, and in memory, where
//! the sets waiting for the next size keep only their changes and the facts they may change
//! next (not the facts nor the trace of their evaluation), counted against
//! [`KEPT_PER_EVALUATION`] slots per evaluation of the budget.

use std::collections::{HashMap, HashSet};

use super::candidates::{Candidate, Candidates};
use super::sites::{Sites, collect};
use super::{Goal, OutcomeValue, RemedyReport, Request, acceptable, goal};
use crate::eval::decision::Decision;
use crate::eval::{EvalError, EvalOptions, FactSet, Trace, evaluate, evaluate_traced};
use crate::language::program::{DecisionOf, Program};
use crate::language::value::Value;

/// Past this many evaluations the search stops, whatever size it has reached, unless the
/// request says otherwise (`doctrine remedy --budget`).
pub const BUDGET: usize = 200_000;

/// How many slots (a fact to change next, or a change made) the sets waiting for the next
/// size may keep, per evaluation of the budget: memory grows with the budget, not with the
/// square of the policy's size.
pub const KEPT_PER_EVALUATION: usize = 20;

/// A set of changes evaluated.
pub(super) struct Node {
    pub changes: Vec<(u32, Candidate)>,
    pub decision: Decision,
    pub trace: Trace,
}

/// A set of changes waiting to be grown: its changes, and the facts it may change next.
struct Kept {
    changes: Vec<(u32, Candidate)>,
    next: Vec<u32>,
}

impl Kept {
    /// The slots it takes in the budget of memory.
    fn slots(&self) -> usize {
        self.changes.len().saturating_mul(CHANGE_SLOTS) + self.next.len()
    }
}

/// A change kept weighs a few slots: a value and its kind.
const CHANGE_SLOTS: usize = 8;

/// Why a search stopped before trying every set of up to `max_changes` changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cut {
    /// `limit` remedies were found: larger sets were not searched (those found are the
    /// smallest).
    Limit,
    /// The budget of evaluations was spent.
    Evaluations,
    /// The budget of memory (sets kept for the next size) was reached.
    Memory,
}

/// A search in progress: what it is given, and how many evaluations it has made.
pub(super) struct Search<'a> {
    pub program: &'a Program,
    pub base: &'a FactSet,
    pub options: &'a EvalOptions,
    pub request: &'a Request,
    pub goal: Goal,
    pub now: u32,
    pub sites: &'a Sites,
    pub evaluations: usize,
    /// The most slots the sets waiting for the next size held at once.
    pub kept: usize,
    /// Each rule's slot, by id.
    pub rule_slots: HashMap<&'a str, u32>,
}

/// Runs the search.
pub(super) fn run(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
    request: &Request,
) -> Result<RemedyReport, EvalError> {
    let (decision, trace) = evaluate_traced(program, facts, options)?;
    let goal = goal::of(program, request.target.as_ref());
    let now = goal::verdict_level(program, &decision);
    let outcome = match outcome_def(program, &goal) {
        Some(def) => outcome_now(program, &evaluate(program, facts, options)?, def),
        None => None,
    };
    let texts = crate::eval::texts_in_force(program, options.on);
    let sites = collect(program, texts);
    let mut search = Search {
        program,
        base: facts,
        options,
        request,
        goal,
        now,
        sites: &sites,
        evaluations: 1,
        kept: 0,
        rule_slots: (0_u32..)
            .zip(&program.rules)
            .map(|(slot, rule)| (rule.id.as_str(), slot))
            .collect(),
    };
    let mut report = RemedyReport {
        decision: decision.decision.clone(),
        in_scope: decision.in_scope,
        goal: search.goal.clone(),
        outcome,
        reached: goal::met(program, &search.goal, now, &decision, Some(&trace))
            || !goal::reachable(program, &search.goal, now),
        remedies: Vec::new(),
        best: None,
        max_changes: request.max_changes,
        exhausted: true,
        cut: None,
        evaluations: 0,
        kept: 0,
    };
    if !report.reached {
        let (found, cut) = search.levels(decision, trace)?;
        report.exhausted = cut.is_none();
        report.cut = cut;
        report.kept = search.kept;
        report.remedies = search.confirm(found)?;
    }
    // The best decision is a verdict's: names of an outcome are not ordered.
    if matches!(program.decision, DecisionOf::Verdicts { .. }) {
        report.best = report
            .remedies
            .iter()
            .map(|r| r.decision.clone())
            .max_by_key(|d| d.rank);
    }
    report.evaluations = search.evaluations;
    Ok(report)
}

/// The outcome a goal is about: the target outcome, or the one the policy decides by.
pub(super) fn outcome_def(program: &Program, goal: &Goal) -> Option<u32> {
    match (goal, &program.decision) {
        (Goal::Outcome(target), _) => Some(target.def),
        (Goal::Leave(_), DecisionOf::Outcome { def, .. }) => Some(*def),
        _ => None,
    }
}

/// An outcome's value and deciding case in a decision evaluated in full (`None`: the
/// outcome is not in force: it has no value).
pub(super) fn outcome_now(
    program: &Program,
    decision: &Decision,
    def: u32,
) -> Option<OutcomeValue> {
    let name = &program.defs.get(def as usize)?.name;
    let found = decision.outcomes.iter().find(|o| &o.name == name);
    Some(OutcomeValue {
        outcome: name.clone(),
        value: found.map_or(Value::NotSet, |o| o.value.clone()),
        by: found.and_then(|o| o.by.clone()),
    })
}

pub(super) fn key(changes: &[(u32, Candidate)]) -> Vec<String> {
    changes
        .iter()
        .map(|(slot, c)| format!("{slot}={:?}", c.to))
        .collect()
}

impl<'a> Search<'a> {
    /// Whether a verdict reaches the goal from the verdict of now (for a goal on verdicts).
    pub(super) fn at_goal(&self, rank: u32) -> bool {
        acceptable(self.program, &self.goal, self.now, rank)
    }

    /// Whether an evaluated set of changes reaches the goal.
    pub(super) fn met(&self, node: &Node) -> bool {
        goal::met(
            self.program,
            &self.goal,
            self.now,
            &node.decision,
            Some(&node.trace),
        )
    }

    /// Each size in turn; returns the remedies found and why the search stopped early, if
    /// it did.
    #[allow(
        clippy::type_complexity,
        reason = "the found sets with their keys, used only here"
    )]
    fn levels(
        &mut self,
        decision: Decision,
        trace: Trace,
    ) -> Result<(Vec<Vec<(u32, Candidate)>>, Option<Cut>), EvalError> {
        let candidates = Candidates::new(self.program, self.options, self.sites, &self.base.values);
        let root = Node {
            changes: Vec::new(),
            decision,
            trace,
        };
        let mut frontier = vec![Kept {
            next: self.relevant(&root),
            changes: Vec::new(),
        }];
        let budget = self.request.budget;
        let memory = budget.saturating_mul(KEPT_PER_EVALUATION);
        let mut found: Vec<(Vec<String>, Vec<(u32, Candidate)>)> = Vec::new();
        let done = |found: Vec<(Vec<String>, Vec<(u32, Candidate)>)>| {
            found.into_iter().map(|(_, c)| c).collect::<Vec<_>>()
        };
        for size in 1..=self.request.max_changes {
            let mut next: Vec<Kept> = Vec::new();
            let mut held: usize = 0;
            // Once the memory is full, this size is still tried to the end (within the budget
            // of evaluations), keeping nothing more: its remedies are found, the next size's
            // are not searched.
            let mut full = false;
            // Sets of this size are made only at this size: what was seen before is forgotten.
            let mut visited: HashSet<Vec<String>> = HashSet::new();
            for node in &frontier {
                let mut values = self.base.values.clone();
                for (slot, candidate) in &node.changes {
                    if let Some(cell) = values.get_mut(*slot as usize) {
                        *cell = candidate.to.clone();
                    }
                }
                for &slot in &node.next {
                    for candidate in candidates.of(&values, slot) {
                        let mut changes = node.changes.clone();
                        changes.push((slot, candidate));
                        changes.sort_by_key(|(s, _)| *s);
                        let set_key = key(&changes);
                        if found
                            .iter()
                            .any(|(k, _)| k.iter().all(|c| set_key.contains(c)))
                            || !visited.insert(set_key.clone())
                        {
                            continue;
                        }
                        if self.evaluations >= budget {
                            return Ok((done(found), Some(Cut::Evaluations)));
                        }
                        let child = self.evaluate(changes)?;
                        if self.met(&child) {
                            found.push((set_key, child.changes));
                        } else if size < self.request.max_changes && !full {
                            let kept = Kept {
                                next: self.relevant(&child),
                                changes: child.changes,
                            };
                            let holding = held.saturating_add(kept.slots());
                            if holding > memory {
                                full = true;
                                continue;
                            }
                            held = holding;
                            self.kept = self.kept.max(held);
                            next.push(kept);
                        }
                    }
                }
            }
            frontier = next;
            if found.len() >= self.request.limit && size < self.request.max_changes {
                return Ok((done(found), Some(Cut::Limit)));
            }
            if full {
                return Ok((done(found), Some(Cut::Memory)));
            }
        }
        Ok((done(found), None))
    }

    pub(super) fn evaluate(&mut self, changes: Vec<(u32, Candidate)>) -> Result<Node, EvalError> {
        let mut values = self.base.values.clone();
        for (slot, candidate) in &changes {
            if let Some(cell) = values.get_mut(*slot as usize) {
                *cell = candidate.to.clone();
            }
        }
        let facts = FactSet {
            values,
            evaluated_on: self.base.evaluated_on,
        };
        self.evaluations += 1;
        let (decision, trace) = evaluate_traced(self.program, &facts, self.options)?;
        Ok(Node {
            changes,
            decision,
            trace,
        })
    }

    /// The facts a node may change next: those read by the rules that hold its decision
    /// back (and the rules whose verdicts they read), by the target outcome's cases (and the
    /// rules whose verdicts they read), and by the scope when it matters; not the fixed ones,
    /// nor those already changed.
    fn relevant(&self, node: &Node) -> Vec<u32> {
        let program = self.program;
        let scale = &program.scale;
        let mut facts: Vec<u32> = Vec::new();
        // A table of the rules taken, not a search of the list: linear in the rules.
        let mut rules: Vec<u32> = Vec::new();
        let mut taken = vec![false; program.rules.len()];
        let mut take = |rules: &mut Vec<u32>, rule: u32| {
            if let Some(seen) = taken.get_mut(rule as usize)
                && !*seen
            {
                *seen = true;
                rules.push(rule);
            }
        };
        match &self.goal {
            Goal::Better | Goal::AtLeast(_) => {
                let target_outside =
                    matches!(&self.goal, Goal::AtLeast(t) if t.rank == scale.inapplicable);
                if target_outside || node.decision.in_scope.is_none() {
                    facts.extend(&node.trace.scope);
                }
                if !target_outside {
                    for result in &node.decision.results {
                        if self.at_goal(result.verdict.rank) {
                            continue;
                        }
                        if let Some(slot) = self.rule_slots.get(result.rule.as_str()) {
                            take(&mut rules, *slot);
                        }
                    }
                }
            }
            Goal::Outcome(_) | Goal::Leave(_) => {
                let def = outcome_def(program, &self.goal).unwrap_or(u32::MAX);
                let traced = node.trace.outcomes.iter().find(|o| o.def == def);
                facts.extend(traced.into_iter().flat_map(|o| o.read.iter()));
                for rule in self
                    .sites
                    .outcome_verdicts
                    .get(def as usize)
                    .into_iter()
                    .flatten()
                {
                    take(&mut rules, *rule);
                }
                // The decision by an outcome is the inapplicable name outside the scope, and
                // the undecided one when the scope is unknown.
                let decides = match &self.goal {
                    Goal::Outcome(target) => target.decides,
                    _ => true,
                };
                let inapplicable = match (&self.goal, &program.decision) {
                    (Goal::Outcome(target), DecisionOf::Outcome { vocabulary, .. }) => {
                        match target.value {
                            Value::Enum { member, .. } => program
                                .vocabularies
                                .get(*vocabulary as usize)
                                .is_some_and(|v| v.inapplicable == Some(member)),
                            _ => false,
                        }
                    }
                    _ => false,
                };
                if decides && (node.decision.in_scope != Some(true) || inapplicable) {
                    facts.extend(&node.trace.scope);
                }
            }
        }
        let mut index = 0;
        while let Some(rule) = rules.get(index).copied() {
            index += 1;
            for read in self
                .sites
                .verdict_reads
                .get(rule as usize)
                .into_iter()
                .flatten()
            {
                take(&mut rules, *read);
            }
        }
        for rule in rules {
            facts.extend(node.trace.rules.get(rule as usize).into_iter().flatten());
        }
        facts.sort_unstable();
        facts.dedup();
        facts.retain(|slot| {
            !self.request.fixed.contains(slot) && !node.changes.iter().any(|(s, _)| s == slot)
        });
        facts
    }
}
