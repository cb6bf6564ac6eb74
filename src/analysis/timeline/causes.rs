//! Why a rule's verdict or the scope changed on a day: the texts that came into force, the
//! parameter steps, the exception that ran out, or the day passing a date limit, among what
//! the rule (with its exceptions and the definitions they use) or the scope reads.

use std::collections::BTreeSet;

use crate::language::program::{CExpr, CKind, Program, Versioned};
use crate::language::types::Type;
use crate::language::walk;

/// One cause of a change.
#[derive(Clone, Debug, PartialEq)]
pub enum Cause {
    /// A text came into force that day and changed what is read (the item itself, one of its
    /// exceptions, a definition or a parameter it reads).
    Text {
        /// Its id.
        id: String,
    },
    /// A parameter read took another value that day (a dated step, or a new text).
    Param {
        /// Its name.
        name: String,
        /// Its value the day before, as a policy writes it.
        before: String,
        /// Its value that day.
        after: String,
    },
    /// An exception's `until` passed: it held through the day before.
    Expired {
        /// The exception's id.
        exception: String,
    },
    /// None of the above: the day passed a limit of a comparison with `today`, computed from
    /// these date facts (none: from dates of the policy).
    Day {
        /// The date facts read, by path.
        facts: Vec<String>,
    },
}

/// What an item reads when `texts` texts apply, definitions and exceptions followed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reads {
    params: BTreeSet<u32>,
    date_facts: BTreeSet<u32>,
    defs: BTreeSet<u32>,
    exceptions: BTreeSet<u32>,
    today: bool,
}

impl Reads {
    fn add(&mut self, program: &Program, texts: usize, expr: &CExpr) {
        let mut pending = vec![expr];
        while let Some(expr) = pending.pop() {
            walk::node(expr, &mut |node| match &node.kind {
                CKind::Param(slot) => {
                    self.params.insert(*slot);
                }
                CKind::Fact(slot) => {
                    let fact = program.facts.get(*slot as usize);
                    if fact.is_some_and(|f| f.ty == Type::Date) {
                        self.date_facts.insert(*slot);
                    }
                }
                CKind::Today => self.today = true,
                CKind::Def(slot) => {
                    if self.defs.insert(*slot)
                        && let Some(body) = program
                            .defs
                            .get(*slot as usize)
                            .and_then(|d| d.versions.at(texts))
                    {
                        pending.push(body);
                    }
                }
                _ => {}
            });
        }
    }

    /// What the scope reads.
    pub fn scope(program: &Program, texts: usize) -> Reads {
        let mut reads = Reads::default();
        if let Some(scope) = program.scope.at(texts) {
            reads.add(program, texts, scope);
        }
        reads
    }

    /// What a rule reads: its conditions, and its exceptions' (theirs too, all the way down).
    pub fn rule(program: &Program, rule: usize, texts: usize) -> Reads {
        let mut reads = Reads::default();
        let Some(info) = program.rules.get(rule) else {
            return reads;
        };
        if let Some(body) = info.versions.at(texts) {
            if let Some(applies) = &body.applies {
                reads.add(program, texts, applies);
            }
            reads.add(program, texts, &body.requires);
        }
        let snapshot = texts.checked_sub(1).and_then(|k| program.snapshots.get(k));
        let Some(snapshot) = snapshot else {
            return reads;
        };
        let mut pending: Vec<u32> = snapshot
            .rule_children
            .get(rule)
            .cloned()
            .unwrap_or_default();
        while let Some(exception) = pending.pop() {
            if !reads.exceptions.insert(exception) {
                continue;
            }
            let body = program
                .exceptions
                .get(exception as usize)
                .and_then(|e| e.versions.at(texts));
            if let Some(body) = body {
                reads.add(program, texts, &body.when);
                if let Some(until) = &body.until {
                    reads.add(program, texts, until);
                }
            }
            if let Some(children) = snapshot.exception_children.get(exception as usize) {
                pending.extend(children.iter().copied());
            }
        }
        reads
    }

    /// Whether a parameter (by slot) is read.
    pub fn reads_param(&self, slot: usize) -> bool {
        u32::try_from(slot).is_ok_and(|s| self.params.contains(&s))
    }

    /// What either reads.
    pub fn union(&self, other: &Reads) -> Reads {
        Reads {
            params: self.params.union(&other.params).copied().collect(),
            date_facts: self.date_facts.union(&other.date_facts).copied().collect(),
            defs: self.defs.union(&other.defs).copied().collect(),
            exceptions: self.exceptions.union(&other.exceptions).copied().collect(),
            today: self.today || other.today,
        }
    }
}

/// Whether a text (by index) brought a version of an item.
fn brought<T>(versioned: &Versioned<T>, text: u32) -> bool {
    versioned.versions.iter().any(|(t, _)| *t == text)
}

/// What one day changed for one item (a rule or the scope).
pub struct Day<'a> {
    /// The program.
    pub program: &'a Program,
    /// Texts applied the day before and that day.
    pub texts: (usize, usize),
    /// The parameters whose value changed that day: slot, value before and after as a
    /// policy writes them.
    pub params: &'a [(usize, String, String)],
}

impl Day<'_> {
    /// The causes of a change of an item that read `before` the day before and `after` that
    /// day; `own` says whether a text brought a version of the item itself; `expired` is the
    /// exception that ran out.
    pub fn causes(
        &self,
        before: &Reads,
        after: &Reads,
        own: &dyn Fn(u32) -> bool,
        expired: Option<&str>,
    ) -> Vec<Cause> {
        let program = self.program;
        let reads = before.union(after);
        let mut out = Vec::new();
        let (from, to) = self.texts;
        for text in from..to {
            let Ok(index) = u32::try_from(text) else {
                continue;
            };
            let touched = own(index)
                || before.exceptions != after.exceptions
                || reads.exceptions.iter().any(|e| {
                    let versions = program.exceptions.get(*e as usize).map(|e| &e.versions);
                    versions.is_some_and(|v| brought(v, index))
                })
                || reads.defs.iter().any(|d| {
                    let versions = program.defs.get(*d as usize).map(|d| &d.versions);
                    versions.is_some_and(|v| brought(v, index))
                })
                || reads.params.iter().any(|p| {
                    let versions = program.params.get(*p as usize).map(|p| &p.versions);
                    versions.is_some_and(|v| brought(v, index))
                });
            if touched && let Some(info) = program.texts.get(text) {
                out.push(Cause::Text {
                    id: info.id.clone(),
                });
            }
        }
        for (slot, old, new) in self.params {
            if let (true, Some(param)) = (reads.reads_param(*slot), program.params.get(*slot)) {
                out.push(Cause::Param {
                    name: param.name.clone(),
                    before: old.clone(),
                    after: new.clone(),
                });
            }
        }
        if let Some(exception) = expired {
            out.push(Cause::Expired {
                exception: exception.to_string(),
            });
        }
        if out.is_empty() && reads.today {
            let facts = reads
                .date_facts
                .iter()
                .filter_map(|slot| program.facts.get(*slot as usize))
                .map(|f| f.path.clone())
                .collect();
            out.push(Cause::Day { facts });
        }
        out
    }
}
