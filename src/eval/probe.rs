//! A probe: evaluates any expression of a program as one evaluation would see it, for the
//! explanation of a decision. It stands apart from [`super::evaluate`], which it leaves
//! untouched: explaining costs nothing when it is not asked for.

use jiff::civil::Date;

use super::expr::Context;
use super::pass::{Listener, Step};
use super::{EvalError, EvalOptions, FactSet};
use crate::language::program::{CExpr, Program};
use crate::language::value::Value;

/// Keeps nothing of a verdict pass but the verdicts the context records.
struct Verdicts;

impl Listener for Verdicts {
    fn scope(&mut self, _: &mut Context<'_>, _: &Value) {}

    fn rule(&mut self, _: &mut Context<'_>, _: &Step<'_>) -> Result<(), EvalError> {
        Ok(())
    }
}

/// An evaluation context kept open, whose expressions are evaluated one by one.
pub(crate) struct Probe<'p> {
    context: Context<'p>,
}

impl<'p> Probe<'p> {
    /// A probe over a fact set with the options of an evaluation: the same day, texts in
    /// force and parameter values (overrides applied), and the rules' verdicts, which
    /// conditions may read (`verdict(R)`).
    pub fn new(program: &'p Program, facts: &'p FactSet, options: &'p EvalOptions) -> Probe<'p> {
        let mut context = Context::for_options(program, &facts.values, options);
        context.record_reads = false;
        context.record_touched = false;
        // A conflict is the evaluation's to report; the probe only needs the verdicts.
        let _ = context.verdict_pass(&mut Verdicts);
        context.record_reads = true;
        context.record_touched = true;
        context
            .def_cache
            .iter_mut()
            .for_each(|cached| *cached = None);
        Probe { context }
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
