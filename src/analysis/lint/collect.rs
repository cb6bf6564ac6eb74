//! Which facts conditions read, and the constants numbers, dates and texts are compared with.

use std::collections::{BTreeMap, BTreeSet};

use super::space::At;
use crate::language::program::{CExpr, CKind, Program};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::language::walk;

/// Walks conditions: which facts they read, and the constants numbers are compared with.
pub(crate) struct Collector<'p> {
    program: &'p Program,
    at: At,
    pub facts: BTreeSet<u32>,
    pub thresholds: BTreeMap<u32, Vec<Value>>,
    defs: BTreeSet<u32>,
    /// A fact is read in a way the domains cannot follow (arithmetic, `verdict(…)`…).
    pub opaque: bool,
}

impl<'p> Collector<'p> {
    /// Nothing read yet.
    pub(crate) fn new(program: &'p Program, at: At) -> Collector<'p> {
        Collector {
            program,
            at,
            facts: BTreeSet::new(),
            thresholds: BTreeMap::new(),
            defs: BTreeSet::new(),
            opaque: false,
        }
    }

    /// Records what an expression reads.
    pub(crate) fn walk(&mut self, expr: &CExpr) {
        match &expr.kind {
            CKind::Fact(slot) => {
                let finite = self.program.facts.get(*slot as usize).is_some_and(|f| {
                    matches!(f.ty.required(), Type::Bool | Type::Enum(_) | Type::Set(_))
                });
                if finite {
                    self.facts.insert(*slot);
                } else {
                    self.opaque = true;
                }
            }
            CKind::Compare(_, left, right) => {
                if !(self.threshold(left, right) || self.threshold(right, left)) {
                    self.walk(left);
                    self.walk(right);
                }
            }
            CKind::Def(slot) => {
                if self.defs.insert(*slot) {
                    let body = self
                        .program
                        .defs
                        .get(*slot as usize)
                        .and_then(|d| d.versions.at(self.at.texts));
                    match body {
                        Some(body) => self.walk(body),
                        None => self.opaque = true,
                    }
                }
            }
            CKind::Verdict(_) | CKind::Applies(_) => self.opaque = true,
            _ => walk::children(expr, &mut |child| self.walk(child)),
        }
    }

    /// `fact OP constant`: records the constant as a threshold of the fact.
    fn threshold(&mut self, fact: &CExpr, other: &CExpr) -> bool {
        let CKind::Fact(slot) = fact.kind else {
            return false;
        };
        let Some(info) = self.program.facts.get(slot as usize) else {
            return false;
        };
        if !matches!(
            info.ty.required(),
            Type::Integer | Type::Decimal | Type::Date | Type::Text
        ) {
            return false;
        }
        // Constants and parameters, and arithmetic on them (`2 * ceiling`): not `today`,
        // which moves, nor anything that reads facts.
        let mut constant = true;
        walk::node(other, &mut |node| {
            if !matches!(
                node.kind,
                CKind::Const(_) | CKind::Param(_) | CKind::Neg(_) | CKind::Arith(..)
            ) {
                constant = false;
            }
        });
        if !constant {
            return false;
        }
        let value =
            match crate::eval::expression(self.program, &[], self.at.texts, self.at.today, other) {
                Ok(value) if !matches!(value, Value::Unknown(_) | Value::NotSet) => value,
                _ => return false,
            };
        self.facts.insert(slot);
        self.thresholds.entry(slot).or_default().push(value);
        true
    }
}
