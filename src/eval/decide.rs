//! Verdicts without explanations: the decision, each rule's verdict, the exception that
//! decided it and its last day; none of the messages, grounds, citations or advice that a
//! [`Decision`](crate::eval::decision::Decision) carries. For callers that only act on verdicts
//! (batches, gates, services), at a fraction of the cost.

use jiff::civil::Date;

use super::expr::{self, Context};
use super::{EvalError, EvalOptions, FactSet, texts_in_force};
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

/// What [`decide`] finds: the same decision as [`evaluate`](super::evaluate), without the
/// explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdicts {
    /// The decision's rank on the scale.
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
pub fn decide(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
) -> Result<Verdicts, EvalError> {
    let today = options.on;
    let texts = texts_in_force(program, today);
    let mut verdicts = Verdicts {
        decision: program.scale.inapplicable,
        until: None,
        in_scope: Some(false),
        rules: Vec::new(),
    };
    if texts == 0 {
        return Ok(verdicts);
    }
    let mut context = Context::new(program, &facts.values, today, texts, Vec::new());
    context.params = expr::Params::Overrides(&options.overrides);
    // No explanation: what each result read is not needed.
    context.record_reads = false;
    context.record_touched = false;
    verdicts.in_scope = match program.scope.at(texts) {
        None => Some(true),
        Some(scope) => match context.eval(scope)? {
            Value::Bool(b) => Some(b),
            Value::Unknown(_) => None,
            _ => Some(false),
        },
    };
    if verdicts.in_scope == Some(false) {
        return Ok(verdicts);
    }
    for (slot, rule) in program.rules.iter().enumerate() {
        let Some(body) = rule.versions.at(texts) else {
            continue;
        };
        let slot = u32::try_from(slot).unwrap_or(u32::MAX);
        let outcome = context.rule_outcome(slot, body)?;
        let Some(verdict) = outcome.decided.verdict else {
            continue;
        };
        if let Some(v) = context.verdicts.get_mut(slot as usize) {
            *v = Some(verdict);
        }
        verdicts.rules.push(RuleVerdict {
            rule: slot,
            verdict,
            by: outcome.decided.by,
            until: outcome.decided.until,
        });
    }
    let worst = verdicts.rules.iter().map(|r| r.verdict).min();
    verdicts.decision = match verdicts.in_scope {
        None => program.scale.undecided,
        _ => worst.unwrap_or(program.scale.satisfied),
    };
    verdicts.until = verdicts
        .rules
        .iter()
        .filter(|r| r.verdict == verdicts.decision)
        .filter_map(|r| r.until)
        .min();
    Ok(verdicts)
}
