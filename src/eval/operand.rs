//! Operands of watched comparisons: arithmetic over `today` is kept as such, so that the
//! operand can be computed for another day without evaluating anything else again.

use jiff::civil::Date;

use super::expr::{Context, unknown_of};
use super::policy::Policy;
use super::{EvalError, ops};
use crate::language::functions::Function;
use crate::language::program::{Arith, CExpr, CKind, Program};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::Span;

/// An operand of a comparison, kept as arithmetic over `today` so that it can be computed
/// for another day; everything that does not reach `today` is a value.
pub(super) enum Operand {
    Value(Value),
    Today,
    Neg(Box<Operand>, Span),
    Arith(Arith, Box<Operand>, Box<Operand>, Span),
}

impl Operand {
    /// The operand's value on `day`, computed as the evaluator computes it.
    pub(super) fn at(&self, day: Date) -> Result<Value, EvalError> {
        Ok(match self {
            Operand::Value(value) => value.clone(),
            Operand::Today => Value::Date(day),
            Operand::Neg(operand, span) => match operand.at(day)? {
                v @ (Value::Unknown(_) | Value::NotSet) => v,
                v => ops::negate(&v, *span)?,
            },
            Operand::Arith(op, left, right, span) => {
                let (a, b) = (left.at(day)?, right.at(day)?);
                arith(*op, a, b, *span)?
            }
        })
    }

    /// How many times `today` appears in it.
    pub(super) fn todays(&self) -> usize {
        match self {
            Operand::Value(_) => 0,
            Operand::Today => 1,
            Operand::Neg(operand, _) => operand.todays(),
            Operand::Arith(_, left, right, _) => left.todays() + right.todays(),
        }
    }
}

/// Arithmetic with the evaluator's rules for unknown and not-set operands.
fn arith(op: Arith, a: Value, b: Value, span: Span) -> Result<Value, EvalError> {
    Ok(match unknown_of(&a, &b) {
        Some(unknown) => unknown,
        None if matches!(a, Value::NotSet) || matches!(b, Value::NotSet) => Value::NotSet,
        None => ops::arith(op, &a, &b, span)?,
    })
}

/// Whether an expression's value may depend on `today` (through definitions too).
pub(super) fn reaches_today(
    program: &Program,
    texts: usize,
    memo: &mut [Option<bool>],
    expr: &CExpr,
) -> bool {
    match &expr.kind {
        CKind::Today => true,
        // Durations in months and in days compare by the days they reach from `today`.
        CKind::Call(Function::Min | Function::Max, args)
            if args.iter().any(|a| *a.ty.required() == Type::Duration) =>
        {
            true
        }
        CKind::Def(slot) => def_reaches_today(program, texts, memo, *slot),
        CKind::Applies(rule) => program
            .rules
            .get(*rule as usize)
            .and_then(|r| r.versions.at(texts))
            .and_then(|b| b.applies.as_ref())
            .is_some_and(|e| reaches_today(program, texts, memo, e)),
        _ => expr.any_operand(|e| reaches_today(program, texts, memo, e)),
    }
}

/// Whether a definition's body in force reaches `today`, computed once per definition.
fn def_reaches_today(
    program: &Program,
    texts: usize,
    memo: &mut [Option<bool>],
    slot: u32,
) -> bool {
    if let Some(Some(known)) = memo.get(slot as usize) {
        return *known;
    }
    let body = program
        .defs
        .get(slot as usize)
        .and_then(|d| d.versions.at(texts));
    let found = body.is_some_and(|b| reaches_today(program, texts, memo, b));
    if let Some(entry) = memo.get_mut(slot as usize) {
        *entry = Some(found);
    }
    found
}

impl<P: Policy> Context<'_, P> {
    /// Whether an expression may depend on `today`.
    fn reaches_today(&mut self, expr: &CExpr) -> bool {
        let (program, texts) = (self.program, self.texts);
        match self.watch.as_mut() {
            Some(watch) => program.reaches_today(texts, &mut watch.def_today, expr),
            None => false,
        }
    }

    /// Evaluates an operand, keeping its arithmetic over `today`.
    pub(super) fn operand(&mut self, expr: &CExpr) -> Result<(Operand, Value), EvalError> {
        if !self.reaches_today(expr) {
            let value = self.eval(expr)?;
            return Ok((Operand::Value(value.clone()), value));
        }
        match &expr.kind {
            CKind::Today => Ok((Operand::Today, Value::Date(self.today))),
            CKind::Neg(inner) => {
                let (operand, value) = self.operand(inner)?;
                let value = match value {
                    v @ (Value::Unknown(_) | Value::NotSet) => v,
                    v => ops::negate(&v, expr.span)?,
                };
                Ok((Operand::Neg(Box::new(operand), expr.span), value))
            }
            CKind::Arith(op, left, right) => {
                let (l, a) = self.operand(left)?;
                let (r, b) = self.operand(right)?;
                let value = arith(*op, a, b, expr.span)?;
                Ok((
                    Operand::Arith(*op, Box::new(l), Box::new(r), expr.span),
                    value,
                ))
            }
            CKind::Def(slot) => match self.program.def_body(*slot, self.texts) {
                Some(body) => self.operand(body),
                None => Ok((Operand::Value(Value::NotSet), Value::NotSet)),
            },
            // Evaluated as usual: a `today` met there notes the next day.
            _ => {
                let value = self.eval(expr)?;
                Ok((Operand::Value(value.clone()), value))
            }
        }
    }
}
