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
use super::{Goal, RemedyReport, Request, acceptable};
use crate::eval::decision::Decision;
use crate::eval::{EvalError, EvalOptions, FactSet, Trace, evaluate_traced};
use crate::language::program::Program;

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
    let goal = match request.target {
        None => Goal::Better,
        Some(rank) => Goal::AtLeast(crate::eval::verdict_of(program, rank)),
    };
    let now = decision.decision.rank;
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
        reached: acceptable(program, &search.goal, now, now)
            || !better_exists(program, &search.goal, now),
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
    report.best = report
        .remedies
        .iter()
        .map(|r| r.decision.clone())
        .max_by_key(|d| d.rank);
    report.evaluations = search.evaluations;
    Ok(report)
}

/// Whether some verdict of the scale would reach the goal.
fn better_exists(program: &Program, goal: &Goal, now: u32) -> bool {
    let count = program.vocabularies.first().map_or(0, |v| v.members.len());
    (0..u32::try_from(count).unwrap_or(0)).any(|rank| acceptable(program, goal, now, rank))
}

pub(super) fn key(changes: &[(u32, Candidate)]) -> Vec<String> {
    changes
        .iter()
        .map(|(slot, c)| format!("{slot}={:?}", c.to))
        .collect()
}

impl<'a> Search<'a> {
    /// Whether a verdict reaches the goal from the verdict of now.
    pub(super) fn at_goal(&self, rank: u32) -> bool {
        acceptable(self.program, &self.goal, self.now, rank)
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
                        if self.at_goal(child.decision.decision.rank) {
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
    /// back (and the rules whose verdicts they read), and by the scope when it matters;
    /// not the fixed ones, nor those already changed.
    fn relevant(&self, node: &Node) -> Vec<u32> {
        let program = self.program;
        let scale = &program.scale;
        let mut facts: Vec<u32> = Vec::new();
        let target_outside = matches!(&self.goal, Goal::AtLeast(t) if t.rank == scale.inapplicable);
        if target_outside || node.decision.in_scope.is_none() {
            facts.extend(&node.trace.scope);
        }
        if !target_outside {
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
            for result in &node.decision.results {
                if self.at_goal(result.verdict.rank) {
                    continue;
                }
                if let Some(slot) = self.rule_slots.get(result.rule.as_str()) {
                    take(&mut rules, *slot);
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
        }
        facts.sort_unstable();
        facts.dedup();
        facts.retain(|slot| {
            !self.request.fixed.contains(slot) && !node.changes.iter().any(|(s, _)| s == slot)
        });
        facts
    }
}
