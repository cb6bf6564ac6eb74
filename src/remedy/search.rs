//! The breadth-first search of remedies: sets of changes by size, each set grown only by
//! facts that the rules holding its decision back read, supersets of remedies never tried.

use std::collections::HashSet;

use super::candidates::{Candidate, Candidates};
use super::sites::{Sites, collect};
use super::{Change, Effect, Goal, Remedy, RemedyReport, Request, acceptable, apply};
use crate::decision::Decision;
use crate::eval::{EvalError, EvalOptions, FactSet, Trace, evaluate, evaluate_traced};
use crate::program::Program;
use crate::value::Value;

/// Past this many evaluations the search stops, whatever size it has reached.
const BUDGET: usize = 200_000;

/// A set of changes being searched.
struct Node {
    changes: Vec<(u32, Candidate)>,
    values: Vec<Value>,
    decision: Decision,
    trace: Trace,
}

struct Search<'a> {
    program: &'a Program,
    base: &'a FactSet,
    options: &'a EvalOptions,
    request: &'a Request,
    goal: Goal,
    now: u32,
    sites: &'a Sites,
    evaluations: usize,
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

fn key(changes: &[(u32, Candidate)]) -> Vec<String> {
    changes
        .iter()
        .map(|(slot, c)| format!("{slot}={:?}", c.to))
        .collect()
}

impl<'a> Search<'a> {
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
                        if acceptable(
                            self.program,
                            &self.goal,
                            self.now,
                            child.decision.decision.rank,
                        ) {
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

    fn evaluate(&mut self, changes: Vec<(u32, Candidate)>) -> Result<Node, EvalError> {
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
                if acceptable(program, &self.goal, self.now, result.verdict.rank) {
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

    /// The first strict subset of a set that reaches the goal, fewest changes first (so it
    /// is minimal), else the set. The search grows sets only by facts their evaluation read,
    /// but a threshold computed after one change may be reached without it.
    fn minimal(&mut self, set: Vec<(u32, Candidate)>) -> Result<Vec<(u32, Candidate)>, EvalError> {
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
            if acceptable(
                self.program,
                &self.goal,
                self.now,
                node.decision.decision.rank,
            ) {
                return Ok(node.changes);
            }
        }
        Ok(set)
    }

    /// Evaluates each remedy again from the facts as given, keeps those that reach the goal,
    /// and ranks them.
    fn confirm(&mut self, found: Vec<Vec<(u32, Candidate)>>) -> Result<Vec<Remedy>, EvalError> {
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
            if !acceptable(self.program, &self.goal, self.now, after.decision.rank) {
                continue;
            }
            remedies.push(Remedy {
                effects: effects(self.program, &before, &after),
                changes,
                decision: after.decision,
                until: after.until,
                in_scope: after.in_scope,
            });
        }
        Ok(super::rank::rank(remedies))
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
