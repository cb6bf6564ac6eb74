//! Builds the explanation of a decision: a walk over the checked program that follows the
//! evaluation's steps (scope, then each rule: applies, requires, exceptions) with a probe.

use super::{
    Branch, Detail, ExceptionExplanation, Explanation, OutcomeExplanation, ParamOrigin,
    RuleExplanation, RuleSummary, Truth, Until,
};
use crate::analysis::provenance::params_on;
use crate::eval::decision::{Decision, RuleResult, VerdictRef};
use crate::eval::probe::Probe;
use crate::eval::{EvalOptions, FactSet, citations};
use crate::language::program::{CExpr, Program, RuleBody};
use crate::language::value::Value;
use crate::source::SourceMap;

/// The walk's state: the program, its sources (for the conditions' text), and a probe that
/// evaluates as the evaluation did.
pub(super) struct Walker<'a> {
    pub program: &'a Program,
    pub sources: &'a SourceMap,
    pub probe: Probe<'a>,
    pub texts: usize,
    pub all: bool,
    origins: Vec<ParamOrigin>,
    /// The definitions shown in full so far in the current rule (or scope).
    expanded: Vec<bool>,
}

/// Explains a decision: `decision` is what [`crate::evaluate`] gave for these facts and
/// options; `sources` holds the policy's files, whose text the conditions are shown in.
pub fn explain(
    program: &Program,
    sources: &SourceMap,
    facts: &FactSet,
    options: &EvalOptions,
    decision: &Decision,
    detail: &Detail,
) -> Explanation {
    let mut walker = Walker::new(program, sources, facts, options, detail.all);
    let texts = walker.texts;
    let scope = match program.scope.at(texts) {
        Some(scope) if texts > 0 => Some(walker.branch(scope, true)),
        _ => None,
    };
    let mut rules = Vec::new();
    let mut others = Vec::new();
    let evaluated = texts > 0 && decision.in_scope != Some(false);
    let outcomes = explain_outcomes(&mut walker, decision, detail);
    // A policy that decides by an outcome: no rule's verdict is the decision.
    let by_verdict = decision.decided_by_outcome.is_none();
    for (slot, rule) in program.rules.iter().enumerate() {
        let Some(body) = rule.versions.at(texts) else {
            continue;
        };
        let slot = u32::try_from(slot).unwrap_or(u32::MAX);
        let result = decision.results.iter().find(|r| r.rule == rule.id).cloned();
        let decisive = by_verdict
            && result
                .as_ref()
                .is_some_and(|r| r.verdict.rank == decision.decision.rank);
        let wanted = match (&detail.rule, &detail.outcome) {
            (Some(id), _) => *id == rule.id,
            (None, Some(_)) => false,
            (None, None) => detail.all || decisive,
        };
        if evaluated && wanted {
            rules.push(walker.rule(slot, &rule.id, body, result, decisive));
        } else if evaluated && detail.rule.is_none() && detail.outcome.is_none() {
            others.push(RuleSummary {
                rule: rule.id.clone(),
                title: body.title.clone(),
                verdict: result.map(|r| r.verdict),
            });
        }
    }
    Explanation {
        policy: decision.policy.clone(),
        texts: decision.texts.clone(),
        evaluated_on: decision.evaluated_on,
        decision: decision.decision.clone(),
        until: decision.until,
        scope,
        all: detail.all,
        outcomes,
        decided_by_outcome: decision.decided_by_outcome.clone(),
        rules,
        others,
        missing: decision.missing.clone(),
        overrides: decision.overrides.clone(),
        short_names: crate::language::short_names::ShortNames::of(&program.sources),
    }
}

/// The outcomes to explain: the one asked for; else every one in force, the one the
/// decision is first; none when a rule is asked for.
fn explain_outcomes(
    walker: &mut Walker<'_>,
    decision: &Decision,
    detail: &Detail,
) -> Vec<OutcomeExplanation> {
    if detail.rule.is_some() {
        return Vec::new();
    }
    // Outside the scope (or when it is unknown) the decision is not the outcome's value.
    let decisive = decision
        .decided_by_outcome
        .as_deref()
        .filter(|_| decision.in_scope == Some(true));
    let mut results: Vec<_> = decision
        .outcomes
        .iter()
        .filter(|o| detail.outcome.as_ref().is_none_or(|name| *name == o.name))
        .collect();
    // A stable sort: the decision's outcome first, the others in policy order.
    results.sort_by_key(|o| Some(o.name.as_str()) != decisive);
    results
        .into_iter()
        .filter_map(|o| walker.outcome(o, Some(o.name.as_str()) == decisive))
        .collect()
}

impl<'a> Walker<'a> {
    fn new(
        program: &'a Program,
        sources: &'a SourceMap,
        facts: &'a FactSet,
        options: &'a EvalOptions,
        all: bool,
    ) -> Walker<'a> {
        let probe = Probe::new(program, facts, options);
        let origins = params_on(program, options.on, &options.overrides)
            .into_iter()
            .enumerate()
            .map(|(slot, param)| ParamOrigin {
                origin: param.current.origin,
                text: param
                    .current
                    .text
                    .and_then(|t| program.texts.get(t as usize))
                    .map(|t| t.id.clone()),
                step: param.current.step,
                set: options
                    .overrides
                    .iter()
                    .find(|(s, _, _)| *s as usize == slot)
                    .map(|(_, _, written)| written.clone()),
                cites: citations(program, &param.current.cites),
            })
            .collect();
        Walker {
            program,
            sources,
            texts: probe.texts(),
            probe,
            all,
            origins,
            expanded: vec![false; program.defs.len()],
        }
    }

    /// Whether a definition is met for the first time in the current rule, marking it met.
    pub(super) fn first_use(&mut self, def: u32) -> bool {
        match self.expanded.get_mut(def as usize) {
            Some(seen) => !std::mem::replace(seen, true),
            None => true,
        }
    }

    /// Starts a new rule (or the scope): every definition is shown in full again.
    pub(super) fn fresh(&mut self) {
        self.expanded.iter_mut().for_each(|seen| *seen = false);
    }

    /// Where a parameter's value comes from.
    pub(super) fn origin(&self, slot: u32) -> ParamOrigin {
        self.origins
            .get(slot as usize)
            .cloned()
            .unwrap_or(ParamOrigin {
                origin: crate::analysis::provenance::Origin::NotInForce,
                text: None,
                step: None,
                set: None,
                cites: Vec::new(),
            })
    }

    /// A condition and whether it holds (as a rule reads it: not set does not hold).
    fn branch(&mut self, expr: &CExpr, tried: bool) -> Branch {
        let condition = self.node(expr);
        Branch {
            holds: condition.truth.unwrap_or(Truth::False),
            tried,
            condition,
        }
    }

    fn rule(
        &mut self,
        slot: u32,
        id: &str,
        body: &RuleBody,
        result: Option<RuleResult>,
        decisive: bool,
    ) -> RuleExplanation {
        self.fresh();
        let applies = body.applies.as_ref().map(|e| self.branch(e, true));
        let requires_tried = applies.as_ref().is_none_or(|b| b.holds != Truth::False);
        let requires =
            (requires_tried || self.all).then(|| self.branch(&body.requires, requires_tried));
        let exceptions_tried =
            requires_tried && requires.as_ref().is_some_and(|b| b.holds != Truth::True);
        let children = self
            .program
            .snapshots
            .get(self.texts.saturating_sub(1))
            .and_then(|s| s.rule_children.get(slot as usize))
            .cloned()
            .unwrap_or_default();
        let exceptions = self.exceptions(&children, exceptions_tried);
        RuleExplanation {
            rule: id.to_string(),
            title: body.title.clone(),
            cites: citations(self.program, &body.cites),
            result,
            decisive,
            applies,
            requires,
            exceptions,
            violation: self.verdict(body.violation),
        }
    }

    /// The exceptions under a rule or an exception; `tried`: whether the evaluation looked
    /// at them (those it did not are kept only with `--all`).
    fn exceptions(&mut self, children: &[u32], tried: bool) -> Vec<ExceptionExplanation> {
        let mut out = Vec::new();
        if !tried && !self.all {
            return out;
        }
        let program = self.program;
        for &child in children {
            let Some(exception) = program.exceptions.get(child as usize) else {
                continue;
            };
            let Some(body) = exception.versions.at(self.texts) else {
                continue;
            };
            let when = self.branch(&body.when, tried);
            let looked = when.holds != Truth::False;
            let until = body
                .until
                .as_ref()
                .filter(|_| looked || self.all)
                .map(|expr| {
                    let expression = self.node(expr);
                    let last = match self.probe.value(expr) {
                        Ok(Value::Date(day)) => Some(day),
                        _ => None,
                    };
                    Until { last, expression }
                });
            let today = self.probe.today();
            let expired = looked
                && until
                    .as_ref()
                    .and_then(|u| u.last)
                    .is_some_and(|last| today > last);
            let grandchildren = program
                .snapshots
                .get(self.texts.saturating_sub(1))
                .and_then(|s| s.exception_children.get(child as usize))
                .cloned()
                .unwrap_or_default();
            let exceptions = self.exceptions(&grandchildren, tried && looked);
            out.push(ExceptionExplanation {
                exception: exception.id.clone(),
                title: body.title.clone(),
                cites: citations(program, &body.cites),
                gives: self.verdict(body.gives),
                when,
                until,
                expired,
                exceptions,
            });
        }
        out
    }

    fn verdict(&self, rank: u32) -> VerdictRef {
        crate::eval::verdict_of(self.program, rank)
    }
}
