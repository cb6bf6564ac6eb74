//! Evaluation: a checked policy over one fact set, as of a day, into a [`Decision`].
//! Pure: it reads nothing but the facts and the policy.

pub mod decision;
mod error;
mod expr;
mod operand;
mod ops;
mod outcome;
mod outcome_trace;
mod outcomes;
pub mod overrides;
mod pass;
mod policy;
pub(crate) mod probe;
pub(crate) mod render;
mod rules;
mod verdicts;
mod watch;

use jiff::civil::Date;

use crate::eval::decision::{
    Basis, Decision, FactRef, RemarkResult, RuleResult, TextApplied, VerdictRef,
};
use crate::language::ast::RemarkKind;
use crate::language::program::{CExpr, Citation, DecisionOf, Localized, Program};
use crate::language::value::Value;
use expr::Context;
pub use expr::Read;
pub use outcome_trace::OutcomeTrace;
use render::value_text;

pub use error::EvalError;
pub use verdicts::{RuleVerdict, Verdicts, verdicts};

pub use crate::facts::FactSet;

/// How to evaluate.
#[derive(Clone, Debug)]
pub struct EvalOptions {
    /// The evaluation date.
    pub on: Date,
    /// Parameter overrides: slot, value, and the value as written.
    pub overrides: Vec<(u32, Value, String)>,
}

/// The evaluation-date rule, written once for every command, the test runner and every
/// front end: the day asked for (`--on`, a test case's `on:`, a request's `on=`), else the
/// fact set's own `evaluated_on`, else `today`, which is called only then (asking the clock
/// loads the time-zone database).
pub fn evaluation_date(asked: Option<Date>, facts: &FactSet, today: impl FnOnce() -> Date) -> Date {
    asked.or(facts.evaluated_on).unwrap_or_else(today)
}

/// Computes a constant expression (a parameter's value, a fact's default, a `--set` value):
/// it reads no facts, parameters, definitions or rules, so no program is needed.
pub fn constant(expr: &CExpr) -> Result<Value, EvalError> {
    Context::constant().eval(expr)
}

/// [`constant`] as the checker takes it ([`Constants`](crate::language::check::Constants)),
/// the parameters it reads (a computed parameter's value) given by slot in `params`.
pub fn constant_or_reason(expr: &CExpr, params: &[Value]) -> Result<Value, String> {
    let result = if params.is_empty() {
        constant(expr)
    } else {
        policy::ParamValues(params).eval(expr)
    };
    result.map_err(|error| error.message)
}

/// Evaluates one expression of a program over fact values (by slot), with the first `texts`
/// texts in force, on a day: for the linter, which asks what a condition gives for each
/// combination of the facts it reads. Rules' verdicts are not computed here.
pub(crate) fn expression(
    program: &Program,
    facts: &[Value],
    texts: usize,
    today: Date,
    expr: &CExpr,
) -> Result<Value, EvalError> {
    let mut context = Context::new(program, facts, today, texts, &[]);
    context.eval(expr)
}

/// Evaluates a program over a fact set.
pub fn evaluate(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
) -> Result<Decision, EvalError> {
    evaluate_inner(program, facts, options, None, None).map(|(decision, _)| decision)
}

/// Evaluates a program over a fact set, and finds the first later day on which the rules
/// could decide differently (`None`: on no later day). Comparisons that change with the
/// calendar are followed up to `limit`; past it, they give the day after `limit`. Advice,
/// notes and messages are not watched.
pub fn evaluate_watching(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
    limit: Date,
) -> Result<(Decision, Option<Date>), EvalError> {
    let watch = watch::Watch::new(program, limit);
    evaluate_inner(program, facts, options, Some(watch), None)
}

/// Notes the policy's own dates after `today`: the next text and the parameters' next steps.
fn note_policy_dates(
    program: &Program,
    options: &EvalOptions,
    texts: usize,
    watch: &mut watch::Watch,
) {
    let today = options.on;
    for text in &program.texts {
        if text.in_force > today {
            watch.note(text.in_force);
        }
    }
    for (slot, param) in program.params.iter().enumerate() {
        if options
            .overrides
            .iter()
            .any(|(s, _, _)| *s as usize == slot)
        {
            continue;
        }
        let steps = param.versions.at(texts).map(|b| b.steps.as_slice());
        for step in steps.unwrap_or(&[]) {
            if step.from > today {
                watch.note(step.from);
            }
        }
    }
}

/// How many texts are in force on a day (texts are in application order).
pub fn texts_in_force(program: &Program, day: Date) -> usize {
    program
        .texts
        .iter()
        .take_while(|t| t.in_force <= day)
        .count()
}

/// Evaluates one expression of a program over fact values (by slot), as [`evaluate`] would
/// with these options: the texts and parameters in force on the evaluation date, overrides
/// applied. Rules' verdicts are not computed here.
pub fn expression_with(
    program: &Program,
    facts: &[Value],
    options: &EvalOptions,
    expr: &CExpr,
) -> Result<Value, EvalError> {
    Context::for_options(program, facts, options).eval(expr)
}

/// The facts an evaluation evaluated, by slot, sorted: those of the scope, those of each
/// rule (by rule slot; empty for a rule not in force), whether or not it gave a verdict, and
/// those of each outcome in force. Facts no entry names could not have changed the verdicts
/// nor the outcomes.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// What the scope read.
    pub scope: Vec<u32>,
    /// What each rule, with its exceptions, read.
    pub rules: Vec<Vec<u32>>,
    /// Each outcome in force, in policy order: its value and what its cases read.
    pub outcomes: Vec<OutcomeTrace>,
}

/// Evaluates a program over a fact set like [`evaluate`], without advice, notes and the
/// outcomes' explanations, and tells which facts the scope, each rule and each outcome read.
pub fn evaluate_traced(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
) -> Result<(Decision, Trace), EvalError> {
    let mut trace = Trace {
        scope: Vec::new(),
        rules: vec![Vec::new(); program.rules.len()],
        outcomes: Vec::new(),
    };
    evaluate_inner(program, facts, options, None, Some(&mut trace)).map(|(d, _)| (d, trace))
}

/// The facts touched so far, sorted and without duplicates, and forgets them.
fn take_touched(context: &mut Context<'_>) -> Vec<u32> {
    let mut touched = std::mem::take(&mut context.touched);
    touched.sort_unstable();
    touched.dedup();
    touched
}

fn evaluate_inner(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
    mut watch: Option<watch::Watch>,
    trace: Option<&mut Trace>,
) -> Result<(Decision, Option<Date>), EvalError> {
    let mut context = Context::for_options(program, &facts.values, options);
    let (today, texts) = (context.today, context.texts);
    if let Some(watch) = watch.as_mut() {
        note_policy_dates(program, options, texts, watch);
    }
    context.watch = watch;
    context.record_touched = trace.is_some();
    let traced = trace.is_some();
    let mut explained = Explained {
        results: Vec::new(),
        missing: Vec::new(),
        scope_missing: Vec::new(),
        trace,
    };
    let pass = context.verdict_pass(&mut explained)?;
    let Explained {
        mut results,
        mut missing,
        scope_missing,
        trace,
    } = explained;
    let by_outcome = context.outcome_decision(&pass, &scope_missing)?;
    if let Some(trace) = trace
        && texts > 0
    {
        trace.outcomes = context.outcome_traces()?;
    }
    // Rules are decided each after those it reads; they are listed in policy order (the
    // order they were decided in, unless a rule reads a later one's verdict).
    if program.rules_reordered(texts) {
        let position: std::collections::HashMap<&str, usize> = program
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| (rule.id.as_str(), index))
            .collect();
        results.sort_by_key(|r| position.get(r.rule.as_str()).copied());
    }
    let mut decision = Decision {
        policy: program.id.clone(),
        texts: program
            .texts
            .iter()
            .take(texts)
            .map(|t| TextApplied {
                id: t.id.clone(),
                title: t.title.clone(),
                in_force: t.in_force,
            })
            .collect(),
        evaluated_on: today,
        decision: match &by_outcome {
            Some(decided) => outcome_ref(program, decided.member),
            None => verdict_ref(program, pass.decision),
        },
        until: if by_outcome.is_some() {
            None
        } else {
            pass.until
        },
        in_scope: pass.in_scope,
        results,
        advice: Vec::new(),
        notes: Vec::new(),
        missing: Vec::new(),
        overrides: options
            .overrides
            .iter()
            .filter_map(|(slot, _, text)| {
                program
                    .params
                    .get(*slot as usize)
                    .map(|p| (p.name.clone(), text.clone()))
            })
            .collect(),
        outcomes: Vec::new(),
        decided_by_outcome: match &program.decision {
            DecisionOf::Outcome { def, .. } => {
                program.defs.get(*def as usize).map(|d| d.name.clone())
            }
            DecisionOf::Verdicts { .. } => None,
        },
    };
    // Outside the scope nothing is decided: no rule, no outcome.
    if texts > 0 && !traced && pass.in_scope != Some(false) {
        decision.outcomes = context.outcome_results()?;
    }
    if let Some(decided) = by_outcome {
        missing = decided.missing;
    }
    // Advice and notes do not decide: the watch ends with the rules.
    let next = context.watch.take().and_then(|w| w.next);
    if texts > 0 && pass.in_scope.is_some() && !traced {
        context.evaluate_remarks(&mut decision, pass.in_scope == Some(false))?;
    }
    missing.sort_unstable();
    missing.dedup();
    decision.missing = fact_refs(program, &missing);
    decision.missing.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((decision, next))
}

/// What the full evaluation keeps of the verdict pass: each rule's explained result, the
/// unknown facts that kept a rule (or the scope) from deciding, and what each step read.
struct Explained<'t> {
    results: Vec<RuleResult>,
    missing: Vec<u32>,
    /// The unknown facts that kept the scope from deciding.
    scope_missing: Vec<u32>,
    trace: Option<&'t mut Trace>,
}

impl pass::Listener for Explained<'_> {
    fn scope(&mut self, context: &mut Context<'_>, value: &Value) {
        if let Value::Unknown(blockers) = value {
            self.missing.extend(blockers.iter());
            self.scope_missing.extend(blockers.iter());
        }
        if let Some(trace) = self.trace.as_deref_mut() {
            trace.scope = take_touched(context);
        }
    }

    fn rule(&mut self, context: &mut Context<'_>, step: &pass::Step<'_>) -> Result<(), EvalError> {
        let entry = self.trace.as_deref_mut();
        if let Some(entry) = entry.and_then(|t| t.rules.get_mut(step.slot as usize)) {
            *entry = take_touched(context);
        }
        context.rule_result(step, &mut self.results, &mut self.missing)
    }
}

/// The verdict of a rank on the program's scale, with its name and label.
pub fn verdict_of(program: &Program, rank: u32) -> VerdictRef {
    verdict_ref(program, rank)
}

fn verdict_ref(program: &Program, rank: u32) -> VerdictRef {
    let member = program
        .vocabularies
        .first()
        .and_then(|v| v.members.get(rank as usize));
    VerdictRef {
        rank,
        name: member.map(|m| m.name.clone()).unwrap_or_default(),
        label: member.map(|m| m.label.clone()).unwrap_or_default(),
    }
}

/// A name of the decision outcome's vocabulary, as the decision.
fn outcome_ref(program: &Program, member: u32) -> VerdictRef {
    let DecisionOf::Outcome { vocabulary, .. } = &program.decision else {
        return verdict_ref(program, member);
    };
    let found = program
        .vocabularies
        .get(*vocabulary as usize)
        .and_then(|v| v.members.get(member as usize));
    VerdictRef {
        rank: member,
        name: found.map(|m| m.name.clone()).unwrap_or_default(),
        label: found.map(|m| m.label.clone()).unwrap_or_default(),
    }
}

fn fact_refs(program: &Program, slots: &[u32]) -> Vec<FactRef> {
    slots
        .iter()
        .filter_map(|slot| program.facts.get(*slot as usize))
        .map(|f| FactRef {
            path: f.path.clone(),
            label: f.label.clone(),
        })
        .collect()
}

/// Each citation as "source title, pinpoint".
pub(crate) fn citations(program: &Program, cites: &[Citation]) -> Vec<String> {
    cites
        .iter()
        .filter_map(|c| {
            let source = program.sources.get(c.source as usize)?;
            Some(match &c.pinpoint {
                Some(pinpoint) => format!("{}, {pinpoint}", source.title),
                None => source.title.clone(),
            })
        })
        .collect()
}

/// The undecided message, built from the facts' labels.
fn undecided_message(
    missing: &[FactRef],
    langs: impl Iterator<Item = crate::language::ast::Lang>,
) -> Localized {
    let list = |lang: crate::language::ast::Lang| {
        missing
            .iter()
            .map(|f| match f.label.get(lang) {
                Some(label) => format!("{} ({label})", f.path),
                None => f.path.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    Localized::from_fn(langs, |lang| {
        let facts = list(lang);
        crate::i18n::words(lang).format("undecided-message", &[("facts", facts.into())])
    })
}

impl Context<'_> {
    /// Adds to `results` the explained result of a rule the verdict pass has just evaluated
    /// (nothing when it gave no verdict), and to `missing` the unknown facts that kept it
    /// from deciding. Pushed in place: a result is large, and built once per rule.
    fn rule_result(
        &mut self,
        step: &pass::Step<'_>,
        results: &mut Vec<RuleResult>,
        missing: &mut Vec<u32>,
    ) -> Result<(), EvalError> {
        let program = self.program;
        let (rule, body, outcome) = (step.rule, step.body, &step.outcome);
        let Some(verdict) = outcome.decided.verdict else {
            return Ok(());
        };
        let mut reads = std::mem::take(&mut self.reads);
        reads.sort_unstable();
        reads.dedup();
        let because = self.basis(&reads);
        let scale = &program.scale;
        let mut rule_missing = Vec::new();
        let texts = self.texts;
        let exception = |e: Option<u32>| e.and_then(|e| program.exceptions.get(e as usize));
        let exception_body = |e: Option<u32>| exception(e).and_then(|e| e.versions.at(texts));
        let message = if verdict == scale.undecided && outcome.decided.by.is_none() {
            missing.extend(outcome.blockers.iter());
            rule_missing = fact_refs(program, &outcome.blockers);
            undecided_message(&rule_missing, self.program.output_langs())
        } else if let Some(body) = exception_body(outcome.decided.by) {
            match &body.message {
                Some(m) => self.render(m)?,
                None => body.title.clone(),
            }
        } else if let Some((expired, _)) = outcome.decided.expired {
            match exception_body(Some(expired)).and_then(|b| b.expired.as_ref()) {
                Some(m) => self.render(m)?,
                None => match &body.message {
                    Some(m) => self.render(m)?,
                    None => body.title.clone(),
                },
            }
        } else if verdict == scale.satisfied {
            match &body.satisfied {
                Some(m) => self.render(m)?,
                None => body.title.clone(),
            }
        } else {
            match &body.message {
                Some(m) => self.render(m)?,
                None => body.title.clone(),
            }
        };
        results.push(RuleResult {
            rule: rule.id.clone(),
            title: body.title.clone(),
            verdict: verdict_ref(program, verdict),
            by: exception(outcome.decided.by).map(|e| e.id.clone()),
            by_title: exception_body(outcome.decided.by).map(|b| b.title.clone()),
            until: outcome.decided.until,
            expired: outcome
                .decided
                .expired
                .and_then(|(e, last)| exception(Some(e)).map(|e| (e.id.clone(), last))),
            message,
            cites: citations(program, &body.cites),
            because,
            missing: rule_missing,
        });
        Ok(())
    }

    fn basis(&self, reads: &[Read]) -> Vec<Basis> {
        reads
            .iter()
            .filter_map(|read| match read {
                Read::Fact(slot) => {
                    let fact = self.program.facts.get(*slot as usize)?;
                    let value = self.facts.get(*slot as usize)?;
                    if value.is_unknown() {
                        return None;
                    }
                    Some(self.basis_entry(fact.path.clone(), false, fact.label.clone(), value))
                }
                Read::Ground(_) => None,
                Read::Param(slot) => {
                    let param = self.program.params.get(*slot as usize)?;
                    let value = self.param(*slot)?;
                    let label = param
                        .versions
                        .at(self.texts)
                        .map(|b| b.label.clone())
                        .unwrap_or_default();
                    Some(self.basis_entry(param.name.clone(), true, label, value))
                }
            })
            .collect()
    }

    fn basis_entry(&self, name: String, is_param: bool, label: Localized, value: &Value) -> Basis {
        Basis {
            name,
            is_param,
            label,
            value: value_text(self.program, value, None),
            shown: Localized::from_fn(self.program.output_langs(), |l| {
                render::value_brief(self.program, value, Some(l), l)
            }),
        }
    }

    fn evaluate_remarks(
        &mut self,
        decision: &mut Decision,
        outside: bool,
    ) -> Result<(), EvalError> {
        let program = self.program;
        for remark in &program.remarks {
            let Some(body) = remark.versions.at(self.texts) else {
                continue;
            };
            if body.outside_scope != outside {
                continue;
            }
            if !matches!(self.eval(&body.when)?, Value::Bool(true)) {
                continue;
            }
            let result = RemarkResult {
                id: remark.id.clone(),
                title: body.title.clone(),
                message: self.render(&body.message)?,
                cites: citations(program, &body.cites),
            };
            match remark.kind {
                RemarkKind::Advice => decision.advice.push(result),
                RemarkKind::Note => decision.notes.push(result),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
