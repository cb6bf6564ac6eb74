//! Expression evaluation over three values: known, unknown (with the facts that block it),
//! and not set. Records which facts and parameters each result read.

use jiff::civil::Date;

use super::policy::{NoPolicy, Policy};
use super::{EvalError, EvalOptions, ops};
use crate::language::program::{CExpr, CKind, MessageSegment, Program};
use crate::language::value::{Value, merge_blockers};

/// A fact or parameter read during evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Read {
    /// A fact slot.
    Fact(u32),
    /// A parameter slot.
    Param(u32),
    /// A labelled ground of `any of:` that held, by slot.
    Ground(u32),
}

/// Everything one evaluation needs: of a program's rules (by default), or of a constant
/// ([`NoPolicy`]).
pub(crate) struct Context<'p, P: Policy = Program> {
    pub program: &'p P,
    pub facts: &'p [Value],
    pub today: Date,
    /// How many texts are in force.
    pub texts: usize,
    /// Parameter overrides (slot, value, as written): the other parameters are looked up in
    /// the program when read, rather than a vector of values built and dropped each time.
    pub overrides: &'p [(u32, Value, String)],
    /// Definition values computed so far, with what they read.
    pub def_cache: Vec<Option<(Value, Vec<Read>)>>,
    pub locals: Vec<Value>,
    /// What the current rule has read so far.
    pub reads: Vec<Read>,
    /// Each rule's verdict once decided (for `verdict(…)`).
    pub verdicts: Vec<Option<u32>>,
    /// The rules left undecided, with the unknown facts that kept each from deciding:
    /// `verdict(…)` of one of them is unknown.
    pub undecided: Vec<(u32, Vec<u32>)>,
    /// When watched (by a timeline): the next day on which the evaluation may change.
    pub watch: Option<super::watch::Watch>,
    /// Every fact the current rule (or the scope) evaluated, even where the result did not
    /// keep it among its reads: what a change of facts could act through.
    pub touched: Vec<u32>,
    /// The possible outcomes of the rule being evaluated (a buffer kept between rules).
    pub outcomes: Vec<super::rules::Possible>,
    /// Whether to record `reads` (for the grounds of an explanation). Verdicts alone do not
    /// need them, and recording costs a push per fact read and a copy per cached definition.
    pub record_reads: bool,
    /// Whether to record `touched` (for a trace); only when `record_reads` too.
    pub record_touched: bool,
    /// The computed parameters `--set` changes an input of, computed again (in an order
    /// where each comes after those it reads), or why they cannot be.
    pub derived: Vec<(u32, Result<Value, EvalError>)>,
}

impl<'p, P: Policy> Context<'p, P> {
    /// A context for one evaluation with nothing computed yet: the one place a context is
    /// built, whatever the caller (see [`Context::for_options`], [`Context::constant`]).
    pub fn new(
        program: &'p P,
        facts: &'p [Value],
        today: Date,
        texts: usize,
        overrides: &'p [(u32, Value, String)],
    ) -> Context<'p, P> {
        let mut context = Context::bare(program, facts, today, texts, overrides);
        if !overrides.is_empty() {
            context.derive();
        }
        context
    }

    /// A context with no computed parameter computed again.
    fn bare(
        program: &'p P,
        facts: &'p [Value],
        today: Date,
        texts: usize,
        overrides: &'p [(u32, Value, String)],
    ) -> Context<'p, P> {
        let (defs, rules, locals) = program.sizes();
        Context {
            program,
            facts,
            today,
            texts,
            overrides,
            def_cache: vec![None; defs],
            locals: vec![Value::NotSet; locals],
            reads: Vec::new(),
            verdicts: vec![None; rules],
            undecided: Vec::new(),
            watch: None,
            touched: Vec::new(),
            outcomes: Vec::new(),
            record_reads: true,
            record_touched: true,
            derived: Vec::new(),
        }
    }

    /// A parameter's value (`None`: no such slot).
    pub fn param(&self, slot: u32) -> Option<&'_ Value> {
        let declared = self.program.param_on(slot, self.texts, self.today)?;
        if let Some((_, value, _)) = self.overrides.iter().find(|(s, _, _)| *s == slot) {
            return Some(value);
        }
        Some(match self.derived.iter().find(|(s, _)| *s == slot) {
            Some((_, Ok(value))) => value,
            _ => declared,
        })
    }

    /// Computes again each computed parameter in force that `--set` changes an input of
    /// (and does not set itself), inputs first.
    fn derive(&mut self) {
        let overridden = |slot: u32| self.overrides.iter().any(|(s, _, _)| *s == slot);
        let mut computed: Vec<(usize, u32)> = (0..self.program.param_count())
            .filter_map(|slot| {
                let slot = u32::try_from(slot).ok()?;
                let formula = self
                    .program
                    .param_info(slot)?
                    .versions
                    .at(self.texts)?
                    .formula
                    .as_ref()?;
                let changed = !overridden(slot) && formula.inputs.iter().any(|i| overridden(*i));
                // An input reads fewer parameters than what is computed from it.
                changed.then_some((formula.inputs.len(), slot))
            })
            .collect();
        computed.sort_unstable();
        for (_, slot) in computed {
            let value = self.compute_param(slot);
            self.derived.push((slot, value));
        }
    }

    /// A computed parameter's value over the parameters' values here.
    fn compute_param(&mut self, slot: u32) -> Result<Value, EvalError> {
        let Some(param) = self.program.param_info(slot) else {
            return Ok(Value::NotSet);
        };
        let expr = param
            .versions
            .at(self.texts)
            .and_then(|b| b.formula.as_ref())
            .and_then(|f| f.expr_on(self.today));
        let Some(expr) = expr else {
            return Ok(Value::NotSet);
        };
        let mut inner = Context::bare(self.program, &[], self.today, self.texts, self.overrides);
        // Those computed so far serve the inner context, and come back: no copy.
        inner.derived = std::mem::take(&mut self.derived);
        inner.record_reads = false;
        inner.record_touched = false;
        let result = inner.eval(expr);
        self.derived = std::mem::take(&mut inner.derived);
        let value = match result? {
            Value::Integer(i) if *param.ty.required() == crate::language::types::Type::Decimal => {
                Value::Decimal(rust_decimal::Decimal::from(i))
            }
            value => value,
        };
        if let Some(range) = &param.range
            && let Some(refusal) = range.refusal(&value, crate::i18n::Lang::EN)
        {
            let message = format!(
                "with `--set`, the parameter `{}` computed on {} {refusal}",
                param.name, self.today
            );
            return Err(EvalError::new(message, expr.span));
        }
        Ok(value)
    }

    /// Evaluates an expression.
    pub fn eval(&mut self, expr: &CExpr) -> Result<Value, EvalError> {
        self.eval_kind(expr).map_err(|mut error| {
            if error.span.is_none() {
                error.span = Some(expr.span);
            }
            error
        })
    }

    // Its one caller is `eval`: inlined there, as before `Context` was generic.
    #[inline(always)]
    fn eval_kind(&mut self, expr: &CExpr) -> Result<Value, EvalError> {
        let span = expr.span;
        Ok(match &expr.kind {
            CKind::Const(value) => value.clone(),
            CKind::Fact(slot) => {
                if self.record_reads {
                    self.reads.push(Read::Fact(*slot));
                }
                if self.record_touched {
                    self.touched.push(*slot);
                }
                self.facts
                    .get(*slot as usize)
                    .cloned()
                    .unwrap_or(Value::NotSet)
            }
            CKind::Param(slot) => {
                if self.record_reads {
                    self.reads.push(Read::Param(*slot));
                }
                if let Some((_, Err(error))) = self.derived.iter().find(|(s, _)| s == slot) {
                    return Err(error.clone());
                }
                self.param(*slot).cloned().unwrap_or(Value::NotSet)
            }
            CKind::Def(slot) => self.def(*slot)?,
            CKind::Local(slot) => self
                .locals
                .get(*slot as usize)
                .cloned()
                .unwrap_or(Value::NotSet),
            CKind::Today => {
                self.note_tomorrow();
                Value::Date(self.today)
            }
            CKind::Not(operand) => match self.eval(operand)? {
                Value::Bool(b) => Value::Bool(!b),
                other => other,
            },
            CKind::Neg(operand) => match self.eval(operand)? {
                v @ (Value::Unknown(_) | Value::NotSet) => v,
                v => ops::negate(&v, span)?,
            },
            CKind::And(left, right) => self.connective(left, right, false)?,
            CKind::Or(left, right) => self.connective(left, right, true)?,
            CKind::Compare(op, left, right) if self.watch.is_some() => {
                self.compare_watched(*op, left, right, span)?
            }
            CKind::Compare(op, left, right) => {
                let (a, b) = (self.eval(left)?, self.eval(right)?);
                match unknown_of(&a, &b) {
                    Some(unknown) => unknown,
                    None => Value::Bool(ops::compare(*op, &a, &b, self.today, span)?),
                }
            }
            CKind::Arith(op, left, right) => {
                let (a, b) = (self.eval(left)?, self.eval(right)?);
                match unknown_of(&a, &b) {
                    Some(unknown) => unknown,
                    None if matches!(a, Value::NotSet) || matches!(b, Value::NotSet) => {
                        Value::NotSet
                    }
                    None => ops::arith(*op, &a, &b, span).map_err(|mut error| {
                        // The facts it read directly: the message can point at their values.
                        for operand in [left, right] {
                            if let CKind::Fact(slot) = operand.kind {
                                error.facts.push(slot);
                            }
                        }
                        error
                    })?,
                }
            }
            CKind::SetOp(op, left, right) => {
                let (a, b) = (self.eval(left)?, self.eval(right)?);
                unknown_of(&a, &b).unwrap_or_else(|| ops::set_op(*op, &a, &b))
            }
            CKind::In {
                negated,
                element,
                set,
            } => {
                let (e, s) = (self.eval(element)?, self.eval(set)?);
                unknown_of(&e, &s).unwrap_or_else(|| Value::Bool(ops::contains(&s, &e) != *negated))
            }
            CKind::Subset(left, right) => {
                let (a, b) = (self.eval(left)?, self.eval(right)?);
                unknown_of(&a, &b).unwrap_or_else(|| Value::Bool(ops::subset(&a, &b)))
            }
            CKind::Meets(left, right) => {
                let (a, b) = (self.eval(left)?, self.eval(right)?);
                unknown_of(&a, &b).unwrap_or_else(|| Value::Bool(ops::meets(&a, &b)))
            }
            CKind::IsSet { negated, operand } => match self.eval(operand)? {
                unknown @ Value::Unknown(_) => unknown,
                Value::NotSet => Value::Bool(*negated),
                _ => Value::Bool(!*negated),
            },
            CKind::IsEmpty { negated, operand } => match self.eval(operand)? {
                unknown @ Value::Unknown(_) => unknown,
                set => Value::Bool(ops::elements(&set).is_empty() != *negated),
            },
            CKind::If(cond, then, otherwise) => match self.eval(cond)? {
                Value::Bool(true) => self.eval(then)?,
                Value::Bool(false) => self.eval(otherwise)?,
                Value::Unknown(blockers) => {
                    let (a, b) = (self.eval(then)?, self.eval(otherwise)?);
                    if !a.is_unknown() && a == b {
                        a
                    } else {
                        let mut all: Vec<u32> = blockers.to_vec();
                        for v in [&a, &b] {
                            if let Value::Unknown(more) = v {
                                all.extend(more.iter());
                            }
                        }
                        Value::Unknown(merge_blockers(&all, &[]))
                    }
                }
                other => other,
            },
            CKind::Quantifier {
                any,
                local,
                set,
                body,
            } => self.quantifier(*any, *local, set, body)?,
            CKind::Count(set) => match self.eval(set)? {
                unknown @ Value::Unknown(_) => unknown,
                set => Value::Integer(i64::try_from(ops::elements(&set).len()).unwrap_or(i64::MAX)),
            },
            CKind::SetLiteral(items) => {
                let mut values = Vec::with_capacity(items.len());
                let mut blockers: Option<Vec<u32>> = None;
                for item in items {
                    match self.eval(item)? {
                        Value::Unknown(b) => blockers.get_or_insert_with(Vec::new).extend(b.iter()),
                        v => values.push(v),
                    }
                }
                match blockers {
                    Some(b) => Value::Unknown(merge_blockers(&b, &[])),
                    None => Value::set_of(values),
                }
            }
            CKind::Format(segments) => {
                let mut out = String::new();
                for segment in segments {
                    match segment {
                        MessageSegment::Text(text) => out.push_str(text),
                        MessageSegment::Expr(e) => {
                            let value = self.eval(e)?;
                            out.push_str(&super::render::value_text(self.program, &value, None));
                        }
                    }
                }
                Value::Text(out.into())
            }
            CKind::Verdict(rule) => {
                let verdict = self
                    .verdicts
                    .get(*rule as usize)
                    .copied()
                    .flatten()
                    .unwrap_or(self.program.inapplicable());
                match self.undecided.iter().find(|(r, _)| r == rule) {
                    // An undecided rule's verdict is unknown, as its facts are.
                    Some((_, facts)) => Value::Unknown(merge_blockers(facts, &[])),
                    None => Value::Enum {
                        vocabulary: 0,
                        member: verdict,
                    },
                }
            }
            CKind::Cases(cases) => self.outcome(None, cases, &expr.ty)?,
            CKind::Grounds(grounds) => self.any_of(grounds)?,
            CKind::Call(function, args) => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.eval(arg)?);
                }
                let mut unknown: Option<Value> = None;
                for value in &values {
                    unknown = match unknown {
                        None => value.is_unknown().then(|| value.clone()),
                        Some(so_far) => Some(unknown_of(&so_far, value).unwrap_or(so_far)),
                    };
                }
                match unknown {
                    Some(unknown) => unknown,
                    None if values.iter().any(|v| matches!(v, Value::NotSet)) => Value::NotSet,
                    None => ops::call(*function, &values, self.today, span)?,
                }
            }
            CKind::Applies(rule) => match self.program.rule_applies(*rule, self.texts) {
                None => Value::Bool(false),
                Some(None) => Value::Bool(true),
                Some(Some(applies)) => self.eval(applies)?,
            },
        })
    }

    #[inline(always)]
    fn def(&mut self, slot: u32) -> Result<Value, EvalError> {
        if let Some(Some((value, reads))) = self.def_cache.get(slot as usize) {
            let value = value.clone();
            // Without recording, `reads` is empty: nothing to copy.
            self.reads.extend_from_slice(reads);
            if self.record_touched {
                self.touched
                    .extend(reads.iter().filter_map(|read| match read {
                        Read::Fact(slot) => Some(*slot),
                        Read::Param(_) | Read::Ground(_) => None,
                    }));
            }
            return Ok(value);
        }
        let Some(body) = self.program.def_body(slot, self.texts) else {
            return Ok(Value::NotSet);
        };
        let mark = self.reads.len();
        // An outcome's value takes its exceptions into account.
        let value = match &body.kind {
            CKind::Cases(cases) => self.outcome_in_def(slot, cases, &body.ty, mark)?,
            _ => self.eval(body)?,
        };
        let reads = if self.record_reads {
            self.reads.get(mark..).unwrap_or(&[]).to_vec()
        } else {
            Vec::new()
        };
        if let Some(cache) = self.def_cache.get_mut(slot as usize) {
            *cache = Some((value.clone(), reads));
        }
        Ok(value)
    }

    /// An outcome's value, read as a definition: the grounds its cases hold are its own, not
    /// its reader's (dropped from the reads since `mark`). Kept out of [`Context::def`], whose
    /// other definitions are on the hot path.
    #[inline(never)]
    fn outcome_in_def(
        &mut self,
        slot: u32,
        cases: &[crate::language::program::CCase],
        ty: &crate::language::types::Type,
        mark: usize,
    ) -> Result<Value, EvalError> {
        let value = self.outcome(Some(slot), cases, ty)?;
        if self.record_reads {
            let mut index = mark;
            while index < self.reads.len() {
                if matches!(self.reads.get(index), Some(Read::Ground(_))) {
                    self.reads.remove(index);
                } else {
                    index += 1;
                }
            }
        }
        Ok(value)
    }

    /// Kleene `and` (`or` when `is_or`): an operand that alone decides drops the other's reads.
    fn connective(&mut self, left: &CExpr, right: &CExpr, is_or: bool) -> Result<Value, EvalError> {
        let deciding = is_or;
        let mark = self.reads.len();
        let a = self.eval(left)?;
        if matches!(a, Value::Bool(b) if b == deciding) {
            return Ok(a);
        }
        let middle = self.reads.len();
        let b = self.eval(right)?;
        Ok(match (a, b) {
            // The right side alone decides: what the left side read did not matter.
            (_, Value::Bool(b)) if b == deciding => {
                self.reads.drain(mark..middle);
                Value::Bool(b)
            }
            (Value::Bool(_), b) => b,
            (a @ Value::Unknown(_), Value::Bool(_)) => a,
            (Value::Unknown(x), Value::Unknown(y)) => Value::Unknown(merge_blockers(&x, &y)),
            (a, _) => a,
        })
    }

    fn quantifier(
        &mut self,
        any: bool,
        local: u32,
        set: &CExpr,
        body: &CExpr,
    ) -> Result<Value, EvalError> {
        let set = self.eval(set)?;
        if set.is_unknown() {
            return Ok(set);
        }
        while self.locals.len() <= local as usize {
            self.locals.push(Value::NotSet);
        }
        let mut blockers: Option<Vec<u32>> = None;
        for element in ops::elements(&set) {
            if let Some(slot) = self.locals.get_mut(local as usize) {
                *slot = element.clone();
            }
            match self.eval(body)? {
                Value::Bool(b) if b == any => return Ok(Value::Bool(any)),
                Value::Unknown(b) => blockers.get_or_insert_with(Vec::new).extend(b.iter()),
                _ => {}
            }
        }
        Ok(match blockers {
            Some(b) => Value::Unknown(merge_blockers(&b, &[])),
            None => Value::Bool(!any),
        })
    }
}

/// The unknown value that two operands make, if either is unknown.
pub(super) fn unknown_of(a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Unknown(x), Value::Unknown(y)) => Some(Value::Unknown(merge_blockers(x, y))),
        (u @ Value::Unknown(_), _) | (_, u @ Value::Unknown(_)) => Some(u.clone()),
        _ => None,
    }
}

impl<'p> Context<'p> {
    /// A context for an evaluation with these options: the texts in force on its day, the
    /// parameters' values on that day, overrides applied.
    pub fn for_options(
        program: &'p Program,
        facts: &'p [Value],
        options: &'p EvalOptions,
    ) -> Context<'p> {
        let texts = super::texts_in_force(program, options.on);
        Context::new(program, facts, options.on, texts, &options.overrides)
    }
}

impl Context<'static, NoPolicy> {
    /// A context for a constant: no facts, parameters, definitions, rules or day.
    pub fn constant() -> Context<'static, NoPolicy> {
        Context::new(&NoPolicy, &[], Date::ZERO, 0, &[])
    }
}
