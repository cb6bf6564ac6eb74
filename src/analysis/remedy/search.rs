//! The breadth-first search of remedies: sets of changes by size, each set grown only by
//! facts that the rules holding its decision back read, supersets of remedies never tried.

use std::collections::HashSet;

use super::candidates::{Candidate, Candidates};
use super::sites::{Sites, collect};
use super::{Goal, RemedyReport, Request, acceptable};
use crate::eval::decision::Decision;
use crate::eval::{EvalError, EvalOptions, FactSet, Trace, evaluate_traced};
use crate::language::program::Program;
use crate::language::value::Value;

/// Past this many evaluations the search stops, whatever size it has reached.
const BUDGET: usize = 200_000;

/// A set of changes being searched.
pub(super) struct Node {
    pub changes: Vec<(u32, Candidate)>,
    pub values: Vec<Value>,
    pub decision: Decision,
    pub trace: Trace,
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
        evaluations: 0,
    };
    if !report.reached {
        let (found, exhausted) = search.levels(decision, trace)?;
        report.exhausted = exhausted;
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

    /// Each size in turn; returns the remedies found and whether the search was exhausted.
    #[allow(
        clippy::type_complexity,
        reason = "the found sets with their keys, used only here"
    )]
    fn levels(
        &mut self,
        decision: Decision,
        trace: Trace,
    ) -> Result<(Vec<Vec<(u32, Candidate)>>, bool), EvalError> {
        let candidates = Candidates::new(self.program, self.options, self.sites, &self.base.values);
        let mut frontier = vec![Node {
            changes: Vec::new(),
            values: self.base.values.clone(),
            decision,
            trace,
        }];
        let mut visited: HashSet<Vec<String>> = HashSet::new();
        let mut found: Vec<(Vec<String>, Vec<(u32, Candidate)>)> = Vec::new();
        for size in 1..=self.request.max_changes {
            let mut next = Vec::new();
            for node in &frontier {
                for slot in self.relevant(node) {
                    for candidate in candidates.of(&node.values, slot) {
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
                        if self.evaluations >= BUDGET {
                            return Ok((found.into_iter().map(|(_, c)| c).collect(), false));
                        }
                        let child = self.evaluate(changes)?;
                        if self.at_goal(child.decision.decision.rank) {
                            found.push((set_key, child.changes));
                        } else if size < self.request.max_changes {
                            next.push(child);
                        }
                    }
                }
            }
            frontier = next;
            if found.len() >= self.request.limit && size < self.request.max_changes {
                return Ok((found.into_iter().map(|(_, c)| c).collect(), false));
            }
        }
        Ok((found.into_iter().map(|(_, c)| c).collect(), true))
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
            values: facts.values,
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
            let mut rules: Vec<u32> = Vec::new();
            for result in &node.decision.results {
                if self.at_goal(result.verdict.rank) {
                    continue;
                }
                if let Some(slot) = program.rules.iter().position(|r| r.id == result.rule) {
                    rules.push(u32::try_from(slot).unwrap_or(u32::MAX));
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
                    if !rules.contains(read) {
                        rules.push(*read);
                    }
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
