//! Outcomes and labelled grounds: the value of an outcome's first case that holds, over
//! three values, and `any of:` grounds, which say which of them held.

use super::EvalError;
use super::expr::{Context, Read};
use super::policy::Policy;
use crate::language::program::{CCase, CExpr};
use crate::language::types::Type;
use crate::language::value::{Value, merge_blockers};

/// What gives an outcome its value: one of its cases (by position), or an exception to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum By {
    /// A case, by position.
    Case(usize),
    /// An exception, by slot.
    Exception(u32),
}

/// What walking an outcome's exceptions and cases found.
#[derive(Clone, Debug)]
pub(crate) struct CaseWalk {
    /// Each value the outcome could have, with what gives it (`None`: no case holds): the
    /// exceptions that hold or may, then (unless one surely holds) the cases in order, the
    /// unknown conditions met, then the first that holds.
    pub possible: Vec<(Option<By>, Value)>,
    /// The unknown facts of the conditions that could not be decided.
    pub blockers: Vec<u32>,
}

impl CaseWalk {
    /// What decided, when one thing did: the case or exception that holds, every unknown one
    /// before it giving the same value.
    pub fn decided_by(&self) -> Option<By> {
        let (case, value) = self.possible.last()?;
        let agree = self.possible.iter().all(|(_, v)| v == value);
        if agree && !value.is_unknown() {
            *case
        } else {
            None
        }
    }

    /// Whether the cases could give different values.
    pub fn undecided(&self) -> bool {
        let Some((_, first)) = self.possible.first() else {
            return false;
        };
        first.is_unknown() || self.possible.iter().any(|(_, v)| v != first)
    }

    /// The unknown facts that kept it from deciding: the conditions' and the values'.
    pub fn missing(&self) -> Vec<u32> {
        let mut all = self.blockers.clone();
        for (_, value) in &self.possible {
            if let Value::Unknown(facts) = value {
                all.extend(facts.iter());
            }
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The outcome's value: the one every possibility agrees on; else its vocabulary's
    /// `as undecided` name, or unknown.
    pub fn value(&self, ty: &Type, undecided: impl Fn(u32) -> Option<u32>) -> Value {
        if !self.undecided() {
            return self
                .possible
                .first()
                .map_or(Value::NotSet, |(_, v)| v.clone());
        }
        if let Type::Enum(vocabulary) = ty.required()
            && let Some(member) = undecided(*vocabulary)
        {
            return Value::Enum {
                vocabulary: *vocabulary,
                member,
            };
        }
        Value::Unknown(merge_blockers(&self.missing(), &[]))
    }
}

impl<P: Policy> Context<'_, P> {
    /// Whether a condition holds: `None` when unknown, its facts added to `blockers` (not
    /// set, or anything but a bool, does not hold).
    pub(crate) fn holds(
        &mut self,
        condition: &CExpr,
        blockers: &mut Vec<u32>,
    ) -> Result<Option<bool>, EvalError> {
        Ok(match self.eval(condition)? {
            Value::Bool(b) => Some(b),
            Value::Unknown(facts) => {
                blockers.extend(facts.iter());
                None
            }
            _ => Some(false),
        })
    }

    /// Walks an outcome's cases in order, to the first that holds: a condition that is
    /// unknown adds its value as possible and the walk goes on.
    pub(crate) fn walk_cases(&mut self, cases: &[CCase]) -> Result<CaseWalk, EvalError> {
        let mut walk = CaseWalk {
            possible: Vec::new(),
            blockers: Vec::new(),
        };
        for (index, case) in cases.iter().enumerate() {
            let holds = match &case.when {
                None => Some(true),
                Some(when) => self.holds(when, &mut walk.blockers)?,
            };
            if holds == Some(false) {
                continue;
            }
            let value = self.eval(&case.gives)?;
            walk.possible.push((Some(By::Case(index)), value));
            if holds == Some(true) {
                return Ok(walk);
            }
        }
        walk.possible.push((None, Value::NotSet));
        Ok(walk)
    }

    /// An outcome's value as an expression reads it (`def`: its definition slot, for its
    /// exceptions): undecided, it is unknown and carries the facts that would decide it, so
    /// that what reads it is undecided too (its vocabulary's `as undecided` name is what
    /// the decision and the reports show).
    pub(crate) fn outcome(
        &mut self,
        def: Option<u32>,
        cases: &[CCase],
        ty: &Type,
    ) -> Result<Value, EvalError> {
        let walk = self.walk_outcome(def, cases)?;
        Ok(walk.value(ty, |_| None))
    }

    /// Walks an outcome: its exceptions first (one that holds replaces the cases' value),
    /// then its cases unless an exception surely holds.
    pub(crate) fn walk_outcome(
        &mut self,
        def: Option<u32>,
        cases: &[CCase],
    ) -> Result<CaseWalk, EvalError> {
        let program = self.program;
        let children = def.map_or(&[][..], |def| program.outcome_exceptions(def, self.texts));
        if children.is_empty() {
            return self.walk_cases(cases);
        }
        let mut walk = CaseWalk {
            possible: Vec::new(),
            blockers: Vec::new(),
        };
        if !self.outcome_exceptions(children, &mut walk)? {
            let rest = self.walk_cases(cases)?;
            walk.possible.extend(rest.possible);
            walk.blockers.extend(rest.blockers);
        }
        Ok(walk)
    }

    /// Adds to `walk` what the exceptions `children` could give; whether one surely holds.
    /// Two that surely hold and give different values are a conflict.
    fn outcome_exceptions(
        &mut self,
        children: &[u32],
        walk: &mut CaseWalk,
    ) -> Result<bool, EvalError> {
        let program = self.program;
        let mut held: Vec<(u32, Option<Value>)> = Vec::new();
        for &child in children {
            let Some(body) = program.exception_body(child, self.texts) else {
                continue;
            };
            let holds = self.holds(&body.when, &mut walk.blockers)?;
            if holds == Some(false) {
                continue;
            }
            let start = walk.possible.len();
            let grandchildren = program.exception_children(child, self.texts);
            let refined =
                !grandchildren.is_empty() && self.outcome_exceptions(grandchildren, walk)?;
            if !refined {
                let value = match &body.value {
                    Some(value) => self.eval(value)?,
                    None => Value::NotSet,
                };
                walk.possible.push((Some(By::Exception(child)), value));
            }
            if holds == Some(true) {
                let gave = walk.possible.get(start..).unwrap_or(&[]);
                let single = gave
                    .first()
                    .map(|(_, v)| v.clone())
                    .filter(|v| gave.iter().all(|(_, w)| w == v));
                held.push((child, single));
            }
        }
        for (index, (first, a)) in held.iter().enumerate() {
            for (second, b) in held.iter().skip(index + 1) {
                if let (Some(a), Some(b)) = (a, b)
                    && a != b
                    && let (Some(x), Some(y)) = (
                        program.exception_named(*first),
                        program.exception_named(*second),
                    )
                {
                    return Err(super::rules::conflict(x, y, "values"));
                }
            }
        }
        Ok(!held.is_empty())
    }

    /// `any of:` grounds: each is evaluated, so that every ground that holds is recorded;
    /// true when one holds (what the others read did not matter then).
    pub(crate) fn any_of(&mut self, grounds: &[(u32, CExpr)]) -> Result<Value, EvalError> {
        let mark = self.reads.len();
        let mut held: Vec<(u32, Vec<Read>)> = Vec::new();
        let mut blockers: Option<Vec<u32>> = None;
        for (slot, condition) in grounds {
            let start = self.reads.len();
            match self.eval(condition)? {
                Value::Bool(true) => {
                    let reads = self.reads.get(start..).unwrap_or(&[]).to_vec();
                    held.push((*slot, reads));
                }
                Value::Unknown(facts) => blockers.get_or_insert_with(Vec::new).extend(facts.iter()),
                _ => {}
            }
        }
        if held.is_empty() {
            return Ok(match blockers {
                Some(b) => Value::Unknown(merge_blockers(&b, &[])),
                None => Value::Bool(false),
            });
        }
        if self.record_reads {
            self.reads.truncate(mark);
            for (slot, reads) in held {
                self.reads.push(Read::Ground(slot));
                self.reads.extend(reads);
            }
        }
        Ok(Value::Bool(true))
    }
}
