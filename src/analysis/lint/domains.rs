//! The values worth trying for one fact: both booleans, every name of a vocabulary (every
//! subset of a small one), and around each threshold a number or date is compared with.

use rust_decimal::Decimal;

use crate::language::program::Program;
use crate::language::range::Range;
use crate::language::types::Type;
use crate::language::value::Value;

/// The largest vocabulary whose subsets are enumerated for a `set of` fact.
const MAX_SET_VOCABULARY: usize = 5;

/// The values worth trying for a fact of a type, compared with `thresholds`.
pub(crate) fn domain(program: &Program, ty: &Type, thresholds: &[Value]) -> Option<Vec<Value>> {
    let mut values = match ty.required() {
        Type::Bool => vec![Value::Bool(false), Value::Bool(true)],
        Type::Enum(vocabulary) => {
            let count = program
                .vocabularies
                .get(*vocabulary as usize)?
                .members
                .len();
            (0..count)
                .filter_map(|member| {
                    Some(Value::Enum {
                        vocabulary: *vocabulary,
                        member: u32::try_from(member).ok()?,
                    })
                })
                .collect()
        }
        Type::Set(inner) => subsets(program, inner)?,
        Type::Integer => around(thresholds, |v| match v {
            Value::Integer(i) => Some(vec![
                Value::Integer(i.checked_sub(1)?),
                Value::Integer(*i),
                Value::Integer(i.checked_add(1)?),
            ]),
            _ => None,
        })?,
        Type::Decimal => decimals(thresholds)?,
        Type::Date => around(thresholds, |v| match v {
            Value::Date(d) => Some(vec![
                Value::Date(d.yesterday().ok()?),
                Value::Date(*d),
                Value::Date(d.tomorrow().ok()?),
            ]),
            _ => None,
        })?,
        Type::Text => {
            let mut values = thresholds.to_vec();
            values.push(Value::Text("something else".into()));
            values
        }
        Type::Duration | Type::Optional(_) => return None,
    };
    if matches!(ty, Type::Optional(_)) {
        values.push(Value::NotSet);
    }
    values.sort_by(Value::total_cmp);
    values.dedup();
    Some(values)
}

/// The values of a domain that lie in a fact's declared range, sorted. Where a value was
/// dropped below the range (or above it), the bound itself stands in for it: each interval
/// between thresholds that meets the range keeps a value in it, so a condition that only
/// values outside the range satisfy is found never to hold.
pub(crate) fn within(values: Vec<Value>, range: Option<&Range>, ty: &Type) -> Vec<Value> {
    let Some(range) = range else {
        return values;
    };
    let (mut below, mut above) = (false, false);
    let mut kept: Vec<Value> = Vec::with_capacity(values.len());
    for value in values {
        if range.contains(&value) {
            kept.push(value);
        } else if range
            .min
            .as_ref()
            .is_some_and(|min| !range_of(min).contains(&value))
        {
            below = true;
        } else {
            above = true;
        }
    }
    let bounds = [(below, &range.min), (above, &range.max)];
    for (dropped, bound) in bounds {
        if let (true, Some(bound)) = (dropped, bound) {
            kept.push(typed(bound, ty));
        }
    }
    kept.sort_by(Value::total_cmp);
    kept.dedup();
    kept
}

/// The range `at least min`.
fn range_of(min: &Value) -> Range {
    Range {
        min: Some(min.clone()),
        max: None,
    }
}

/// A bound as a value of the fact's type (an integer bound serves a decimal fact).
fn typed(bound: &Value, ty: &Type) -> Value {
    match (bound, ty.required()) {
        (Value::Integer(i), Type::Decimal) => Value::Decimal(Decimal::from(*i)),
        _ => bound.clone(),
    }
}

/// Each threshold's neighbours; a fact never compared still gets one value.
fn around(thresholds: &[Value], f: impl Fn(&Value) -> Option<Vec<Value>>) -> Option<Vec<Value>> {
    if thresholds.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    for threshold in thresholds {
        values.extend(f(threshold)?);
    }
    Some(values)
}

/// Decimal thresholds: each one, one below the least, one above the greatest, and the
/// midpoint between neighbours.
fn decimals(thresholds: &[Value]) -> Option<Vec<Value>> {
    let mut points: Vec<Decimal> = thresholds
        .iter()
        .map(|v| match v {
            Value::Decimal(d) => Some(*d),
            Value::Integer(i) => Some(Decimal::from(*i)),
            _ => None,
        })
        .collect::<Option<_>>()?;
    points.sort();
    points.dedup();
    let (first, last) = (*points.first()?, *points.last()?);
    let mut values = vec![
        first.checked_sub(Decimal::ONE)?,
        last.checked_add(Decimal::ONE)?,
    ];
    for pair in points.windows(2) {
        if let [a, b] = pair {
            values.push(a.checked_add(*b)?.checked_div(Decimal::TWO)?);
        }
    }
    values.extend(points);
    Some(values.into_iter().map(Value::Decimal).collect())
}

/// Every subset of a small vocabulary.
fn subsets(program: &Program, inner: &Type) -> Option<Vec<Value>> {
    let Type::Enum(vocabulary) = inner else {
        return None;
    };
    let count = program
        .vocabularies
        .get(*vocabulary as usize)?
        .members
        .len();
    if count > MAX_SET_VOCABULARY {
        return None;
    }
    let members = u32::try_from(count).ok()?;
    Some(
        (0u32..(1 << members))
            .map(|mask| {
                Value::set_of(
                    (0..members)
                        .filter(|m| mask & (1 << m) != 0)
                        .map(|member| Value::Enum {
                            vocabulary: *vocabulary,
                            member,
                        })
                        .collect(),
                )
            })
            .collect(),
    )
}
