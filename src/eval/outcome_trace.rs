//! What each outcome read, for a traced evaluation: its value, and the facts its cases and
//! the exceptions to it evaluated, so that a search of changes can act on an outcome as it
//! does on a rule.

use super::expr::Context;
use super::outcomes::cases_of;
use super::{EvalError, take_touched};
use crate::language::value::Value;

/// One outcome in force, traced.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeTrace {
    /// Its definition's slot in `Program::defs`.
    pub def: u32,
    /// Its value (as an expression reading it gets it).
    pub value: Value,
    /// The facts its cases (and the exceptions to it) evaluated, by slot, sorted: a fact not
    /// named here could not have changed its value.
    pub read: Vec<u32>,
}

impl Context<'_> {
    /// Each outcome in force, in policy order, with its value and what its cases read.
    pub(crate) fn outcome_traces(&mut self) -> Result<Vec<OutcomeTrace>, EvalError> {
        let program = self.program;
        let mut out = Vec::new();
        for (slot, def) in (0_u32..).zip(&program.defs) {
            let Some(cases) = cases_of(program, slot, self.texts) else {
                continue;
            };
            self.reads.clear();
            self.touched.clear();
            let value = self.outcome(Some(slot), cases, &def.ty)?;
            out.push(OutcomeTrace {
                def: slot,
                value,
                read: take_touched(self),
            });
        }
        self.reads.clear();
        Ok(out)
    }
}
