//! Operations on known values: comparisons, arithmetic, sets. Unknowns never reach here.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::EvalError;
use crate::language::functions::Function;
use crate::language::program::{Arith, Compare, SetOp};
use crate::language::value::{CalendarDuration, Value};
use crate::source::Span;

fn as_decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::Integer(i) => Some(Decimal::from(*i)),
        Value::Decimal(d) => Some(*d),
        _ => None,
    }
}

/// Compares two known values. Durations in months and in days compare by the days they
/// reach from `today` (calendar arithmetic).
pub fn compare(
    op: Compare,
    left: &Value,
    right: &Value,
    today: Date,
    span: Span,
) -> Result<bool, EvalError> {
    let order = match (left, right) {
        (Value::Duration(a), Value::Duration(b)) if !matches!(op, Compare::Eq | Compare::Ne) => {
            match a.partial_order(*b) {
                Some(order) => order,
                None => match (a.add_to(today), b.add_to(today)) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    _ => {
                        return Err(EvalError::new(
                            "the durations reach outside the calendar",
                            span,
                        ));
                    }
                },
            }
        }
        _ => left.total_cmp(right),
    };
    Ok(op.holds(order))
}

/// Computes arithmetic on two known values.
pub fn arith(op: Arith, left: &Value, right: &Value, span: Span) -> Result<Value, EvalError> {
    let overflow = || EvalError::new("arithmetic overflow", span);
    let out_of_calendar = || {
        let (sign, right) = match (op, right) {
            (Arith::Sub, Value::Date(b)) => ("-", b.to_string()),
            (Arith::Sub, Value::Duration(k)) => ("-", k.to_string()),
            (_, Value::Duration(k)) => ("+", k.to_string()),
            (_, Value::Date(d)) => ("+", d.to_string()),
            _ => ("+", String::new()),
        };
        let left = match left {
            Value::Date(d) => d.to_string(),
            Value::Duration(k) => k.to_string(),
            _ => String::new(),
        };
        EvalError::new(
            format!(
                "the date falls outside the calendar: {left} {sign} {right} is not a day \
                 from -9999-01-01 to 9999-12-31"
            ),
            span,
        )
    };
    Ok(match (op, left, right) {
        (_, Value::Integer(a), Value::Integer(b)) if op != Arith::Div => Value::Integer(
            match op {
                Arith::Add => a.checked_add(*b),
                Arith::Sub => a.checked_sub(*b),
                _ => a.checked_mul(*b),
            }
            .ok_or_else(overflow)?,
        ),
        (Arith::Add, Value::Date(d), Value::Duration(k))
        | (Arith::Add, Value::Duration(k), Value::Date(d)) => {
            Value::Date(k.add_to(*d).ok_or_else(out_of_calendar)?)
        }
        (Arith::Sub, Value::Date(d), Value::Duration(k)) => {
            Value::Date(k.negated().add_to(*d).ok_or_else(out_of_calendar)?)
        }
        (Arith::Sub, Value::Date(a), Value::Date(b)) => {
            let days = b.until(*a).map_err(|_| out_of_calendar())?.get_days();
            Value::Duration(CalendarDuration {
                months: 0,
                days: i64::from(days),
            })
        }
        (Arith::Add | Arith::Sub, Value::Duration(a), Value::Duration(b)) => {
            let sign = if op == Arith::Add { 1 } else { -1 };
            Value::Duration(CalendarDuration {
                months: a.months.checked_add(sign * b.months).ok_or_else(overflow)?,
                days: a.days.checked_add(sign * b.days).ok_or_else(overflow)?,
            })
        }
        (Arith::Mul, Value::Duration(k), Value::Integer(n))
        | (Arith::Mul, Value::Integer(n), Value::Duration(k)) => {
            Value::Duration(CalendarDuration {
                months: k.months.checked_mul(*n).ok_or_else(overflow)?,
                days: k.days.checked_mul(*n).ok_or_else(overflow)?,
            })
        }
        _ => {
            let (Some(a), Some(b)) = (as_decimal(left), as_decimal(right)) else {
                return Err(EvalError::new("these values do not combine", span));
            };
            Value::Decimal(
                match op {
                    Arith::Add => a.checked_add(b),
                    Arith::Sub => a.checked_sub(b),
                    Arith::Mul => a.checked_mul(b),
                    Arith::Div => {
                        if b.is_zero() {
                            return Err(EvalError::new("division by zero", span));
                        }
                        a.checked_div(b)
                    }
                }
                .ok_or_else(overflow)?,
            )
        }
    })
}

/// Negates a number or a duration.
pub fn negate(value: &Value, span: Span) -> Result<Value, EvalError> {
    match value {
        Value::Integer(i) => i
            .checked_neg()
            .map(Value::Integer)
            .ok_or_else(|| EvalError::new("arithmetic overflow", span)),
        Value::Decimal(d) => Ok(Value::Decimal(-*d)),
        Value::Duration(k) => Ok(Value::Duration(k.negated())),
        other => Ok(other.clone()),
    }
}

/// The elements of a set value.
pub fn elements(value: &Value) -> &[Value] {
    match value {
        Value::Set(items) => items,
        _ => &[],
    }
}

/// Whether a set holds a value.
pub fn contains(set: &Value, element: &Value) -> bool {
    elements(set)
        .binary_search_by(|probe| probe.total_cmp(element))
        .is_ok()
}

/// Union, intersection or difference of two sets.
pub fn set_op(op: SetOp, left: &Value, right: &Value) -> Value {
    let (a, b) = (elements(left), elements(right));
    let items: Vec<Value> = match op {
        SetOp::Union => a.iter().chain(b.iter()).cloned().collect(),
        SetOp::Intersect => a.iter().filter(|x| contains(right, x)).cloned().collect(),
        SetOp::Minus => a.iter().filter(|x| !contains(right, x)).cloned().collect(),
    };
    Value::set_of(items)
}

/// Whether every element of `left` is in `right`.
pub fn subset(left: &Value, right: &Value) -> bool {
    elements(left).iter().all(|x| contains(right, x))
}

/// Whether the two sets share an element.
pub fn meets(left: &Value, right: &Value) -> bool {
    elements(left).iter().any(|x| contains(right, x))
}

/// Applies a function called by name to known, set arguments: `min` and `max` compare as
/// `<` does (durations by the days they reach from `today`); an integer stays an integer.
pub fn call(
    function: Function,
    args: &[Value],
    today: Date,
    span: Span,
) -> Result<Value, EvalError> {
    let overflow = || EvalError::new("arithmetic overflow", span);
    let mixed = args.iter().any(|a| matches!(a, Value::Decimal(_)));
    let widen = |value: &Value| match (mixed, value) {
        (true, Value::Integer(i)) => Value::Decimal(Decimal::from(*i)),
        _ => value.clone(),
    };
    match function {
        Function::Min | Function::Max => {
            let mut best: Option<&Value> = None;
            for arg in args {
                best = Some(match best {
                    None => arg,
                    Some(so_far) => {
                        let wanted = if function == Function::Min {
                            Compare::Lt
                        } else {
                            Compare::Gt
                        };
                        if compare(wanted, &widen(arg), &widen(so_far), today, span)? {
                            arg
                        } else {
                            so_far
                        }
                    }
                });
            }
            Ok(best.map_or(Value::NotSet, widen))
        }
        Function::Abs => match args.first() {
            Some(Value::Integer(i)) => i.checked_abs().map(Value::Integer).ok_or_else(overflow),
            Some(Value::Decimal(d)) => Ok(Value::Decimal(d.abs())),
            other => Ok(other.cloned().unwrap_or(Value::NotSet)),
        },
        Function::Round { step, mode } => {
            let Some(value) = args.first() else {
                return Ok(Value::NotSet);
            };
            let Some(number) = as_decimal(value) else {
                return Ok(value.clone());
            };
            let rounded =
                crate::language::functions::round(number, step, mode).ok_or_else(overflow)?;
            Ok(match value {
                Value::Integer(_) => Value::Integer(
                    rust_decimal::prelude::ToPrimitive::to_i64(&rounded.trunc())
                        .ok_or_else(overflow)?,
                ),
                _ => Value::Decimal(rounded),
            })
        }
    }
}
