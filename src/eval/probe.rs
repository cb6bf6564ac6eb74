//! A probe: evaluates any expression of a program as one evaluation would see it, for the
//! explanation of a decision. It stands apart from [`super::evaluate`], which it leaves
//! untouched: explaining costs nothing when it is not asked for.

use jiff::civil::Date;

use super::expr::Context;
use super::{EvalError, EvalOptions, FactSet};
use crate::language::program::{CExpr, Program};
use crate::language::value::Value;

/// An evaluation context kept open, whose expressions are evaluated one by one.
pub(crate) struct Probe<'p> {
    context: Context<'p>,
}

impl<'p> Probe<'p> {
    /// A probe over a fact set with the options of an evaluation: the same day, texts in
    /// force and parameter values (overrides applied). Rules cannot read verdicts, so none
    /// is recorded.
    pub fn new(program: &'p Program, facts: &'p FactSet, options: &'p EvalOptions) -> Probe<'p> {
        Probe {
            context: Context::for_options(program, &facts.values, options),
        }
    }

    /// How many texts are in force.
    pub fn texts(&self) -> usize {
        self.context.texts
    }

    /// The evaluation date.
    pub fn today(&self) -> Date {
        self.context.today
    }

    /// The value of an expression.
    pub fn value(&mut self, expr: &CExpr) -> Result<Value, EvalError> {
        let value = self.context.eval(expr);
        self.context.reads.clear();
        value
    }
}
