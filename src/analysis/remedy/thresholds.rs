//! Thresholds: the values next to a threshold on each side of a comparison with it, in the
//! kind and precision of the value compared.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::language::program::Compare;
use crate::language::types::Type;
use crate::language::value::{CalendarDuration, Value};

/// The values next to a threshold on each side of a comparison with it: for a known value,
/// the nearest ones below and above it that compare the other way; else all of them.
pub(super) fn nearest(op: Compare, threshold: &Value, current: &Value, ty: &Type) -> Vec<Value> {
    let points = around(threshold, current, ty);
    let known = !matches!(current, Value::Unknown(_) | Value::NotSet);
    if !known {
        return points;
    }
    let Some(now) = order(current, threshold).and_then(|o| truth(op, o)) else {
        return Vec::new();
    };
    let other: Vec<&Value> = points
        .iter()
        .filter(|p| order(p, threshold).and_then(|o| truth(op, o)) == Some(!now))
        .collect();
    let below = other
        .iter()
        .filter(|p| order(p, current) == Some(Ordering::Less))
        .max_by(|a, b| a.total_cmp(b));
    let above = other
        .iter()
        .filter(|p| order(p, current) == Some(Ordering::Greater))
        .min_by(|a, b| a.total_cmp(b));
    below
        .into_iter()
        .chain(above)
        .map(|v| (*v).clone())
        .collect()
}

/// The threshold and its neighbours, in the current value's kind and precision.
fn around(threshold: &Value, current: &Value, ty: &Type) -> Vec<Value> {
    match (threshold, ty) {
        (Value::Date(t), Type::Date) => [t.yesterday().ok(), Some(*t), t.tomorrow().ok()]
            .into_iter()
            .flatten()
            .map(Value::Date)
            .collect(),
        (Value::Duration(t), Type::Duration) => {
            let step = match (t.months, t.days) {
                (_, 0) => CalendarDuration { months: 1, days: 0 },
                (0, _) => CalendarDuration { months: 0, days: 1 },
                _ => return Vec::new(),
            };
            let shift = |sign: i64| CalendarDuration {
                months: t.months.saturating_add(sign * step.months),
                days: t.days.saturating_add(sign * step.days),
            };
            [shift(-1), *t, shift(1)]
                .into_iter()
                .filter(|d| d.months >= 0 && d.days >= 0)
                .map(Value::Duration)
                .collect()
        }
        (_, Type::Integer) => {
            let Some(t) = decimal(threshold) else {
                return Vec::new();
            };
            let (floor, ceil) = (i64::try_from(t.floor()), i64::try_from(t.ceil()));
            let (Ok(floor), Ok(ceil)) = (floor, ceil) else {
                return Vec::new();
            };
            let mut points = vec![floor.saturating_sub(1), floor, ceil, ceil.saturating_add(1)];
            points.dedup();
            points.into_iter().map(Value::Integer).collect()
        }
        (_, Type::Decimal) => {
            let Some(t) = decimal(threshold) else {
                return Vec::new();
            };
            let scale = decimal(current)
                .map_or(0, |c| c.normalize().scale())
                .max(t.normalize().scale());
            let step = Decimal::new(1, scale);
            [t.checked_sub(step), Some(t), t.checked_add(step)]
                .into_iter()
                .flatten()
                .map(|d| Value::Decimal(d.normalize()))
                .collect()
        }
        _ => Vec::new(),
    }
}

fn decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::Integer(i) => Some(Decimal::from(*i)),
        Value::Decimal(d) => Some(*d),
        _ => None,
    }
}

/// How two values order, when they can be compared.
pub(super) fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Duration(x), Value::Duration(y)) => x.partial_order(*y),
        (Value::Integer(_) | Value::Decimal(_), Value::Integer(_) | Value::Decimal(_))
        | (Value::Date(_), Value::Date(_)) => Some(a.total_cmp(b)),
        _ => None,
    }
}

/// What a comparison gives for an order of its sides.
pub(super) fn truth(op: Compare, order: Ordering) -> Option<bool> {
    Some(op.holds(order))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]

    use super::*;

    fn dec(text: &str) -> Value {
        Value::Decimal(text.parse().unwrap())
    }

    /// `nearest` moves `value` across `threshold` to `expected`.
    fn moves(op: Compare, threshold: Value, value: Value, ty: Type, expected: &[Value]) {
        assert_eq!(nearest(op, &threshold, &value, &ty), expected);
    }

    #[test]
    fn a_number_moves_just_across() {
        // 2 500 000 < 1 000 000 is false: the nearest value that makes it true.
        let (limit, amount) = (dec("1000000"), dec("2500000"));
        moves(Compare::Lt, limit, amount, Type::Decimal, &[dec("999999")]);
        // 0 >= 0.5 is false: 0.5 itself, in the threshold's precision.
        moves(
            Compare::Ge,
            dec("0.5"),
            dec("0"),
            Type::Decimal,
            &[dec("0.5")],
        );
        // 1 >= 2 zones is false: 2.
        let (two, one) = (Value::Integer(2), Value::Integer(1));
        moves(Compare::Ge, two.clone(), one, Type::Integer, &[two]);
    }

    #[test]
    fn equality_moves_both_ways() {
        let (one, two, three) = (Value::Integer(1), Value::Integer(2), Value::Integer(3));
        moves(Compare::Eq, two.clone(), two, Type::Integer, &[one, three]);
    }

    #[test]
    fn days_and_durations() {
        let day = |t: &str| Value::Date(t.parse().unwrap());
        let (limit, start) = (day("2021-07-05"), day("2021-09-01"));
        moves(Compare::Lt, limit, start, Type::Date, &[day("2021-07-04")]);
        let months = |m| Value::Duration(CalendarDuration { months: m, days: 0 });
        moves(
            Compare::Le,
            months(48),
            months(60),
            Type::Duration,
            &[months(48)],
        );
    }

    #[test]
    fn unknown_values_take_every_neighbour() {
        let (one, two, three) = (Value::Integer(1), Value::Integer(2), Value::Integer(3));
        moves(
            Compare::Ge,
            two.clone(),
            Value::NotSet,
            Type::Integer,
            &[one, two, three],
        );
    }
}
