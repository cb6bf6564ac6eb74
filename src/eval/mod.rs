//! Evaluation: a checked policy over one fact set, as of a day, into a [`Decision`].
//! Pure: it reads nothing but the facts and the policy.

mod decide;
pub mod decision;
mod expr;
mod operand;
mod ops;
pub mod overrides;
pub(crate) mod probe;
pub(crate) mod render;
mod rules;
mod watch;

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::eval::decision::{
    Decision, FactRef, Ground, RemarkResult, RuleResult, TextApplied, VerdictRef,
};
use crate::language::ast::RemarkKind;
use crate::language::program::{CExpr, Citation, Localized, Program};
use crate::language::value::Value;
use crate::source::Span;
use expr::Context;
pub use expr::Read;
use render::value_text;

pub use decide::{RuleVerdict, Verdicts, decide};

/// An error during evaluation (overflow, a conflict of exceptions…), pointing at the policy.
#[derive(Clone, Debug)]
pub struct EvalError {
    /// What went wrong.
    pub message: String,
    /// Where in the policy.
    pub span: Option<Span>,
    /// A fuller diagnostic, when there is one.
    pub diagnostic: Option<Box<Diagnostic>>,
}

impl EvalError {
    pub(crate) fn new(message: impl Into<String>, span: Span) -> EvalError {
        EvalError {
            message: message.into(),
            span: Some(span),
            diagnostic: None,
        }
    }

    /// The error as a diagnostic that names the fact file it came from.
    pub fn in_facts(&self, facts: &str) -> Diagnostic {
        let mut diagnostic = self.to_diagnostic();
        diagnostic.message = format!("{} (evaluating `{facts}`)", diagnostic.message);
        diagnostic
    }

    /// The error as a diagnostic.
    pub fn to_diagnostic(&self) -> Diagnostic {
        if let Some(diagnostic) = &self.diagnostic {
            return diagnostic.as_ref().clone();
        }
        let mut diagnostic = Diagnostic::error("doctrine::eval", self.message.clone());
        if let Some(span) = self.span {
            diagnostic = diagnostic.with_label(span, "while evaluating this");
        }
        diagnostic
    }
}

/// The facts of one evaluation, by slot (see [`Program::facts`]).
#[derive(Clone, Debug)]
pub struct FactSet {
    /// Each fact's value: known, [`Value::Unknown`] or [`Value::NotSet`].
    pub values: Vec<Value>,
    /// The day the fact file speaks of, if it says.
    pub evaluated_on: Option<Date>,
}

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

/// Computes a constant expression (parameter values, defaults).
pub fn constant(expr: &CExpr) -> Result<Value, EvalError> {
    let program = empty_program();
    let mut context = Context::new(&program, &[], Date::ZERO, 0, Vec::new());
    context.eval(expr)
}

fn empty_program() -> Program {
    Program {
        id: String::new(),
        title: Localized::default(),
        texts: Vec::new(),
        sources: Vec::new(),
        scale: crate::language::program::VerdictScale {
            undecided: 0,
            satisfied: 0,
            inapplicable: 0,
        },
        vocabularies: Vec::new(),
        facts: Vec::new(),
        params: Vec::new(),
        defs: Vec::new(),
        rules: Vec::new(),
        exceptions: Vec::new(),
        remarks: Vec::new(),
        scope: Default::default(),
        snapshots: Vec::new(),
        local_slots: 0,
        totals: Vec::new(),
        languages: Vec::new(),
    }
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
    let params = program
        .params
        .iter()
        .map(|param| {
            param
                .versions
                .at(texts)
                .map_or(Value::NotSet, |b| b.value_on(today).clone())
        })
        .collect();
    let mut context = Context::new(program, facts, today, texts, params);
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

/// How many texts are in force on a day.
pub fn texts_in_force(program: &Program, day: Date) -> usize {
    program
        .texts
        .iter()
        .take_while(|t| t.in_force <= day)
        .count()
}

/// Each parameter's value (by slot) when the first `texts` texts apply, on the evaluation
/// date, overrides applied.
pub fn param_values(program: &Program, options: &EvalOptions, texts: usize) -> Vec<Value> {
    program
        .params
        .iter()
        .enumerate()
        .map(|(slot, param)| {
            options
                .overrides
                .iter()
                .find(|(s, _, _)| *s as usize == slot)
                .map(|(_, v, _)| v.clone())
                .or_else(|| {
                    param
                        .versions
                        .at(texts)
                        .map(|b| b.value_on(options.on).clone())
                })
                .unwrap_or(Value::NotSet)
        })
        .collect()
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
    let texts = texts_in_force(program, options.on);
    let params = param_values(program, options, texts);
    let mut context = Context::new(program, facts, options.on, texts, params);
    context.eval(expr)
}

/// The facts an evaluation evaluated, by slot, sorted: those of the scope, and those of each
/// rule (by rule slot; empty for a rule not in force), whether or not it gave a verdict.
/// Facts no entry names could not have changed the verdicts.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// What the scope read.
    pub scope: Vec<u32>,
    /// What each rule, with its exceptions, read.
    pub rules: Vec<Vec<u32>>,
}

/// Evaluates a program over a fact set like [`evaluate`], without advice and notes, and
/// tells which facts the scope and each rule read.
pub fn evaluate_traced(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
) -> Result<(Decision, Trace), EvalError> {
    let mut trace = Trace {
        scope: Vec::new(),
        rules: vec![Vec::new(); program.rules.len()],
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
    mut trace: Option<&mut Trace>,
) -> Result<(Decision, Option<Date>), EvalError> {
    let today = options.on;
    let texts = texts_in_force(program, today);
    let mut context = Context::new(program, &facts.values, today, texts, Vec::new());
    context.params = expr::Params::Overrides(&options.overrides);
    if let Some(watch) = watch.as_mut() {
        note_policy_dates(program, options, texts, watch);
    }
    context.watch = watch;
    context.record_touched = trace.is_some();
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
        decision: verdict_ref(program, program.scale.inapplicable),
        until: None,
        in_scope: None,
        results: Vec::new(),
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
    };
    if texts == 0 {
        decision.in_scope = Some(false);
        let next = context.watch.and_then(|w| w.next);
        return Ok((decision, next));
    }
    let mut missing: Vec<u32> = Vec::new();
    let in_scope = match program.scope.at(texts) {
        None => Some(true),
        Some(scope) => match context.eval(scope)? {
            Value::Bool(b) => Some(b),
            Value::Unknown(blockers) => {
                missing.extend(blockers.iter());
                None
            }
            _ => Some(false),
        },
    };
    decision.in_scope = in_scope;
    if let Some(trace) = trace.as_deref_mut() {
        trace.scope = take_touched(&mut context);
    }
    if in_scope != Some(false) {
        context.evaluate_rules(&mut decision, &mut missing, trace.as_deref_mut())?;
        let worst = decision
            .results
            .iter()
            .map(|r| r.verdict.rank)
            .min()
            .unwrap_or(program.scale.satisfied);
        let verdict = if in_scope.is_none() {
            program.scale.undecided
        } else {
            worst
        };
        decision.decision = verdict_ref(program, verdict);
        decision.until = decision
            .results
            .iter()
            .filter(|r| r.verdict.rank == verdict)
            .filter_map(|r| r.until)
            .min();
    }
    // Advice and notes do not decide: the watch ends with the rules.
    let next = context.watch.take().and_then(|w| w.next);
    if in_scope.is_some() && trace.is_none() {
        context.evaluate_remarks(&mut decision, in_scope == Some(false))?;
    }
    missing.sort_unstable();
    missing.dedup();
    decision.missing = fact_refs(program, &missing);
    decision.missing.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((decision, next))
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
    fn evaluate_rules(
        &mut self,
        decision: &mut Decision,
        missing: &mut Vec<u32>,
        mut trace: Option<&mut Trace>,
    ) -> Result<(), EvalError> {
        let program = self.program;
        for (slot, rule) in program.rules.iter().enumerate() {
            let Some(body) = rule.versions.at(self.texts) else {
                continue;
            };
            self.reads.clear();
            self.touched.clear();
            let index = slot;
            let slot = u32::try_from(slot).unwrap_or(u32::MAX);
            let outcome = self.rule_outcome(slot, body)?;
            if let Some(entry) = trace.as_deref_mut().and_then(|t| t.rules.get_mut(index)) {
                *entry = take_touched(self);
            }
            let Some(verdict) = outcome.decided.verdict else {
                continue;
            };
            if let Some(v) = self.verdicts.get_mut(slot as usize) {
                *v = Some(verdict);
            }
            let mut reads = std::mem::take(&mut self.reads);
            reads.sort_unstable();
            reads.dedup();
            let because = self.grounds(&reads);
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
            decision.results.push(RuleResult {
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
        }
        Ok(())
    }

    fn grounds(&self, reads: &[Read]) -> Vec<Ground> {
        reads
            .iter()
            .filter_map(|read| match read {
                Read::Fact(slot) => {
                    let fact = self.program.facts.get(*slot as usize)?;
                    let value = self.facts.get(*slot as usize)?;
                    if value.is_unknown() {
                        return None;
                    }
                    Some(self.ground(fact.path.clone(), false, fact.label.clone(), value))
                }
                Read::Param(slot) => {
                    let param = self.program.params.get(*slot as usize)?;
                    let value = self.param(*slot)?;
                    let label = param
                        .versions
                        .at(self.texts)
                        .map(|b| b.label.clone())
                        .unwrap_or_default();
                    Some(self.ground(param.name.clone(), true, label, value))
                }
            })
            .collect()
    }

    fn ground(&self, name: String, is_param: bool, label: Localized, value: &Value) -> Ground {
        Ground {
            name,
            is_param,
            label,
            value: value_text(self.program, value, None),
            shown: Localized::from_fn(self.program.output_langs(), |l| {
                value_text(self.program, value, Some(l))
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
