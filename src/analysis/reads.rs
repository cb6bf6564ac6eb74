//! What an item of a policy reads: the parameters, date facts, definitions and exceptions
//! behind a rule or the scope, and whether it reads `today`; for saying why a decision
//! changed (`timeline`, `diff`).

use std::collections::BTreeSet;

use crate::language::program::{CExpr, CKind, Program, Versioned};
use crate::language::types::Type;
use crate::language::walk;

/// What an item reads when `texts` texts apply, definitions and exceptions followed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reads {
    params: BTreeSet<u32>,
    date_facts: BTreeSet<u32>,
    /// Every fact read, by slot.
    facts: BTreeSet<u32>,
    defs: BTreeSet<u32>,
    exceptions: BTreeSet<u32>,
    /// The rules whose verdict is read (`verdict(R)`, `applies(R)`), followed too.
    rules: BTreeSet<u32>,
    today: bool,
}

impl Reads {
    fn add(&mut self, program: &Program, texts: usize, expr: &CExpr) {
        let mut pending = vec![expr];
        let mut rules: Vec<u32> = Vec::new();
        while let Some(expr) = pending.pop() {
            walk::node(expr, &mut |node| match &node.kind {
                CKind::Param(slot) => {
                    self.params.insert(*slot);
                }
                CKind::Fact(slot) => {
                    self.facts.insert(*slot);
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
                CKind::Verdict(rule) | CKind::Applies(rule) if self.rules.insert(*rule) => {
                    rules.push(*rule);
                }
                _ => {}
            });
        }
        // The checker refuses cycles; `rules` (the set) keeps this finite anyway.
        for rule in rules {
            self.add_rule(program, rule as usize, texts);
        }
    }

    /// What expressions read when `texts` texts apply (an exception's or a remark's
    /// conditions), definitions and rules' verdicts followed.
    pub fn exprs<'e>(
        program: &Program,
        texts: usize,
        exprs: impl IntoIterator<Item = &'e CExpr>,
    ) -> Reads {
        let mut reads = Reads::default();
        for expr in exprs {
            reads.add(program, texts, expr);
        }
        reads
    }

    /// What the scope reads.
    pub fn scope(program: &Program, texts: usize) -> Reads {
        let mut reads = Reads::default();
        if let Some(scope) = program.scope.at(texts) {
            reads.add(program, texts, scope);
        }
        reads
    }

    /// What a definition (an outcome) reads: its body in force, definitions followed.
    pub fn def(program: &Program, def: usize, texts: usize) -> Reads {
        let mut reads = Reads::default();
        if let Some(body) = program.defs.get(def).and_then(|d| d.versions.at(texts)) {
            reads.add(program, texts, body);
        }
        if let Ok(slot) = u32::try_from(def) {
            reads.defs.insert(slot);
        }
        reads
    }

    /// What a rule reads: its conditions, and its exceptions' (theirs too, all the way down).
    pub fn rule(program: &Program, rule: usize, texts: usize) -> Reads {
        let mut reads = Reads::default();
        if let Ok(slot) = u32::try_from(rule) {
            reads.rules.insert(slot);
        }
        reads.add_rule(program, rule, texts);
        reads
    }

    /// Adds what a rule reads, its exceptions' too (a rule whose verdict it reads as well).
    fn add_rule(&mut self, program: &Program, rule: usize, texts: usize) {
        let reads = self;
        let Some(info) = program.rules.get(rule) else {
            return;
        };
        if let Some(body) = info.versions.at(texts) {
            if let Some(applies) = &body.applies {
                reads.add(program, texts, applies);
            }
            reads.add(program, texts, &body.requires);
        }
        let snapshot = texts.checked_sub(1).and_then(|k| program.snapshots.get(k));
        let Some(snapshot) = snapshot else {
            return;
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
    }

    /// The parameters read, by slot.
    pub fn params(&self) -> &BTreeSet<u32> {
        &self.params
    }

    /// The date facts read, by slot.
    pub fn date_facts(&self) -> &BTreeSet<u32> {
        &self.date_facts
    }

    /// Every fact read, by slot.
    pub fn facts(&self) -> &BTreeSet<u32> {
        &self.facts
    }

    /// The definitions read, by slot.
    pub fn defs(&self) -> &BTreeSet<u32> {
        &self.defs
    }

    /// The exceptions under the rule, by slot.
    pub fn exceptions(&self) -> &BTreeSet<u32> {
        &self.exceptions
    }

    /// The rules whose verdict is read (the rule itself, for a rule), by slot.
    pub fn rules(&self) -> &BTreeSet<u32> {
        &self.rules
    }

    /// Whether `today` is read.
    pub fn today(&self) -> bool {
        self.today
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
            facts: self.facts.union(&other.facts).copied().collect(),
            defs: self.defs.union(&other.defs).copied().collect(),
            exceptions: self.exceptions.union(&other.exceptions).copied().collect(),
            rules: self.rules.union(&other.rules).copied().collect(),
            today: self.today || other.today,
        }
    }
}

/// Whether a text (by index) brought a version of an item.
pub fn brought<T>(versioned: &Versioned<T>, text: u32) -> bool {
    versioned.versions.iter().any(|(t, _)| *t == text)
}

/// The date facts a comparison with `today` reads (`facts`, by path); when there are none,
/// the date parameters read, by name: the day then passes a date the policy sets.
pub fn or_date_params(program: &Program, reads: &Reads, facts: Vec<String>) -> Vec<String> {
    if !facts.is_empty() {
        return facts;
    }
    reads
        .params()
        .iter()
        .filter_map(|slot| program.params.get(*slot as usize))
        .filter(|p| p.ty.required() == &Type::Date)
        .map(|p| p.name.clone())
        .collect()
}
