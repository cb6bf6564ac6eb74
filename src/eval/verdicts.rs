//! Verdicts without explanations: the decision, each rule's verdict, the exception that
//! decided it and its last day; none of the messages, grounds, citations or advice that a
//! [`Decision`](crate::eval::decision::Decision) carries. For callers that only act on verdicts
//! (batches, gates, services), at a fraction of the cost.

use jiff::civil::Date;

use super::expr::Context;
use super::pass::{Listener, Step};
use super::{EvalError, EvalOptions, FactSet};
use crate::language::program::Program;
use crate::language::value::Value;

/// One rule's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleVerdict {
    /// The rule's slot in [`Program::rules`].
    pub rule: u32,
    /// The verdict's rank on the scale (0 is the worst).
    pub verdict: u32,
    /// The exception that decided, by slot in [`Program::exceptions`].
    pub by: Option<u32>,
    /// The last day of the exception's verdict, when it has one.
    pub until: Option<Date>,
}

/// What [`verdicts`] finds: the same decision as [`evaluate`](super::evaluate), without the
/// explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdicts {
    /// The decision's rank on the scale; for a policy that decides by an outcome, the
    /// position of the outcome's name in its vocabulary.
    pub decision: u32,
    /// For a temporary decision: its last day, when known.
    pub until: Option<Date>,
    /// Whether the fact set is in the policy's scope (`None`: unknown).
    pub in_scope: Option<bool>,
    /// Each rule that gave a verdict, in policy order.
    pub rules: Vec<RuleVerdict>,
}

/// Decides a fact set: the verdicts of [`evaluate`](super::evaluate), without building the
/// explanation (messages, grounds, citations, advice, notes, missing facts).
pub fn verdicts(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
) -> Result<Verdicts, EvalError> {
    let mut context = Context::for_options(program, &facts.values, options);
    // No explanation: what each result read is not needed.
    context.record_reads = false;
    context.record_touched = false;
    let mut collect = Collect(Vec::new());
    let pass = context.verdict_pass(&mut collect)?;
    // A policy that decides by an outcome: the decision is its name's position.
    let by_outcome = context.outcome_decision(&pass, &[])?;
    // Decided each after those it reads; listed in policy order.
    if program.rules_reordered(context.texts) {
        collect.0.sort_by_key(|v| v.rule);
    }
    Ok(Verdicts {
        decision: by_outcome.map_or(pass.decision, |d| d.member),
        until: pass.until,
        in_scope: pass.in_scope,
        rules: collect.0,
    })
}

/// Keeps each rule's verdict and nothing else.
struct Collect(Vec<RuleVerdict>);

impl Listener for Collect {
    fn scope(&mut self, _: &mut Context<'_>, _: &Value) {}

    fn rule(&mut self, _: &mut Context<'_>, step: &Step<'_>) -> Result<(), EvalError> {
        let decided = &step.outcome.decided;
        if let Some(verdict) = decided.verdict {
            self.0.push(RuleVerdict {
                rule: step.slot,
                verdict,
                by: decided.by,
                until: decided.until,
            });
        }
        Ok(())
    }
}
