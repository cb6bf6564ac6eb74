//! Outcomes and labelled grounds: the value of an outcome's first case that holds, over
//! three values, and `any of:` grounds, which say which of them held.

use super::EvalError;
use super::expr::{Context, Read};
use super::policy::Policy;
use crate::language::program::{CCase, CExpr};
use crate::language::types::Type;
use crate::language::value::{Value, merge_blockers};

/// What walking an outcome's cases found.
#[derive(Clone, Debug)]
pub(crate) struct CaseWalk {
    /// Each value the outcome could have, with the case that gives it (`None`: no case
    /// holds), in the order of the cases: the unknown conditions met, then the first that
    /// holds.
    pub possible: Vec<(Option<usize>, Value)>,
    /// The unknown facts of the conditions that could not be decided.
    pub blockers: Vec<u32>,
}

impl CaseWalk {
    /// The case that decided, when one did: the one that holds, every unknown one before
    /// it giving the same value.
    pub fn decided_by(&self) -> Option<usize> {
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
                Some(when) => match self.eval(when)? {
                    Value::Bool(b) => Some(b),
                    Value::Unknown(facts) => {
                        walk.blockers.extend(facts.iter());
                        None
                    }
                    _ => Some(false),
                },
            };
            if holds == Some(false) {
                continue;
            }
            let value = self.eval(&case.gives)?;
            walk.possible.push((Some(index), value));
            if holds == Some(true) {
                return Ok(walk);
            }
        }
        walk.possible.push((None, Value::NotSet));
        Ok(walk)
    }

    /// An outcome's value.
    pub(crate) fn cases(&mut self, cases: &[CCase], ty: &Type) -> Result<Value, EvalError> {
        let walk = self.walk_cases(cases)?;
        let vocabularies = self.program.as_ref();
        Ok(walk.value(ty, |v| {
            vocabularies.get(v as usize).and_then(|v| v.undecided)
        }))
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
