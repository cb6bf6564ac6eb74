//! The one verdict pass that [`verdicts`](super::verdicts) and [`evaluate`](super::evaluate)
//! share: the scope, each rule in force with its exceptions, the worst verdict and its last
//! day. What else a caller keeps (messages, grounds, a trace) it keeps through a [`Listener`],
//! generic so that a pass that keeps nothing costs nothing more.

use jiff::civil::Date;

use super::EvalError;
use super::expr::Context;
use super::rules::Outcome;
use crate::language::program::{RuleBody, RuleInfo};
use crate::language::value::Value;

/// What a pass found.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pass {
    /// Whether the fact set is in the policy's scope (`None`: unknown).
    pub in_scope: Option<bool>,
    /// The decision's rank on the scale.
    pub decision: u32,
    /// The earliest last day among the rules whose verdict is the decision.
    pub until: Option<Date>,
}

/// What a caller of a pass keeps of each step.
pub(crate) trait Listener {
    /// The scope was evaluated to `value`.
    fn scope(&mut self, context: &mut Context<'_>, value: &Value);

    /// A rule in force was evaluated, whether or not it gave a verdict; its verdict is
    /// already recorded for `verdict(…)`.
    fn rule(&mut self, context: &mut Context<'_>, step: &Step<'_>) -> Result<(), EvalError>;
}

/// A rule in force, evaluated.
pub(crate) struct Step<'s> {
    /// Its slot in `Program::rules`.
    pub slot: u32,
    /// The rule.
    pub rule: &'s RuleInfo,
    /// Its version in force.
    pub body: &'s RuleBody,
    /// What it decided.
    pub outcome: Outcome,
}

impl Context<'_> {
    /// Runs the scope and the rules in force, telling `listener` about each step.
    pub(crate) fn verdict_pass<L: Listener>(
        &mut self,
        listener: &mut L,
    ) -> Result<Pass, EvalError> {
        let program = self.program;
        let scale = &program.scale;
        let mut pass = Pass {
            in_scope: Some(false),
            decision: scale.inapplicable,
            until: None,
        };
        if self.texts == 0 {
            return Ok(pass);
        }
        pass.in_scope = match program.scope.at(self.texts) {
            None => Some(true),
            Some(scope) => {
                let value = self.eval(scope)?;
                listener.scope(self, &value);
                match value {
                    Value::Bool(b) => Some(b),
                    Value::Unknown(_) => None,
                    _ => Some(false),
                }
            }
        };
        if pass.in_scope == Some(false) {
            return Ok(pass);
        }
        // The worst verdict with its earliest last day, and the same for the undecided
        // verdict (the decision when the scope is unknown).
        let mut worst: Option<(u32, Option<Date>)> = None;
        let mut undecided_until = None;
        // Each rule after those whose verdict it reads (the checker's order).
        let order = program
            .snapshots
            .get(self.texts.saturating_sub(1))
            .map_or(&[][..], |s| s.rule_order.as_slice());
        for &slot in order {
            let index = slot as usize;
            let Some(rule) = program.rules.get(index) else {
                continue;
            };
            let Some(body) = rule.versions.at(self.texts) else {
                continue;
            };
            self.reads.clear();
            self.touched.clear();
            let outcome = self.rule_outcome(slot, body)?;
            let decided = &outcome.decided;
            if let Some(verdict) = decided.verdict {
                if let Some(v) = self.verdicts.get_mut(index) {
                    *v = Some(verdict);
                }
                if verdict == scale.undecided
                    && decided.by.is_none()
                    && !outcome.blockers.is_empty()
                {
                    self.undecided.push((slot, outcome.blockers.clone()));
                }
                let until = decided.until;
                worst = Some(match worst {
                    Some((rank, last)) if rank < verdict => (rank, last),
                    Some((rank, last)) if rank == verdict => (rank, earliest(last, until)),
                    _ => (verdict, until),
                });
                if verdict == scale.undecided {
                    undecided_until = earliest(undecided_until, until);
                }
            }
            let step = Step {
                slot,
                rule,
                body,
                outcome,
            };
            listener.rule(self, &step)?;
        }
        (pass.decision, pass.until) = match (pass.in_scope, worst) {
            (None, _) => (scale.undecided, undecided_until),
            (_, Some((rank, until))) => (rank, until),
            (_, None) => (scale.satisfied, None),
        };
        Ok(pass)
    }
}

/// The earlier of two last days, either of which may be unknown.
fn earliest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}
