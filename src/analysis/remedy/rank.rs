//! Ranking remedies: fewest changes first, then the best decision (of a policy that decides
//! by verdicts), then in the order of the policy's facts. Of remedies that move the same
//! numbers or days the same way (or give the same unknown number or day a value), only the
//! one with the smallest moves (then the smallest values) is kept.

use std::cmp::{Ordering, Reverse};

use rust_decimal::Decimal;

use super::{Change, ChangeKind, Remedy};
use crate::language::value::Value;

/// What a remedy changes, with moves reduced to their direction.
fn signature(remedy: &Remedy) -> Vec<(u32, String)> {
    remedy
        .changes
        .iter()
        .map(|c| {
            let what = match (&c.kind, &c.to) {
                (ChangeKind::Move { .. }, _) => format!("move {:?}", c.to.total_cmp(&c.from)),
                (
                    ChangeKind::Assign,
                    Value::Integer(_) | Value::Decimal(_) | Value::Date(_) | Value::Duration(_),
                ) => String::from("assign"),
                _ => format!("{:?}", c.to),
            };
            (c.slot, what)
        })
        .collect()
}

/// How far a change moves a number, a duration or a day (zero for other changes).
fn distance(change: &Change) -> Decimal {
    let number = |v: &Value| match v {
        Value::Integer(i) => Some(Decimal::from(*i)),
        Value::Decimal(d) => Some(*d),
        Value::Duration(d) => Some(Decimal::from(
            d.months.saturating_mul(31).saturating_add(d.days),
        )),
        _ => None,
    };
    match (&change.kind, &change.from, &change.to) {
        (ChangeKind::Move { .. }, Value::Date(a), Value::Date(b)) => a
            .until(*b)
            .map_or(Decimal::MAX, |span| Decimal::from(span.get_days().abs())),
        (ChangeKind::Move { .. }, a, b) => match (number(a), number(b)) {
            (Some(a), Some(b)) => a.checked_sub(b).map_or(Decimal::MAX, |d| d.abs()),
            _ => Decimal::ZERO,
        },
        _ => Decimal::ZERO,
    }
}

fn compare_values(a: &[Value], b: &[Value]) -> Ordering {
    a.iter()
        .zip(b)
        .map(|(x, y)| x.total_cmp(y))
        .find(|o| *o != Ordering::Equal)
        .unwrap_or(Ordering::Equal)
}

fn moves(remedy: &Remedy) -> Vec<Decimal> {
    remedy.changes.iter().map(distance).collect()
}

/// Keeps the smallest moves, and sorts; `by_verdict`: the decisions are verdicts, best
/// first (the names of an outcome are not ordered: they do not rank remedies).
pub(super) fn rank(remedies: Vec<Remedy>, by_verdict: bool) -> Vec<Remedy> {
    let mut kept: Vec<Remedy> = Vec::new();
    for remedy in remedies {
        let signature = signature(&remedy);
        match kept.iter_mut().find(|k| self::signature(k) == signature) {
            Some(existing) => {
                let order = moves(&remedy).cmp(&moves(existing)).then_with(|| {
                    let values = |r: &Remedy| -> Vec<Value> {
                        r.changes.iter().map(|c| c.to.clone()).collect()
                    };
                    compare_values(&values(&remedy), &values(existing))
                });
                if order == Ordering::Less {
                    *existing = remedy;
                }
            }
            None => kept.push(remedy),
        }
    }
    kept.sort_by_cached_key(|r| {
        let changes: Vec<(u32, String)> = r
            .changes
            .iter()
            .map(|c| (c.slot, format!("{:?}", c.to)))
            .collect();
        let decision = if by_verdict { r.decision.rank } else { 0 };
        (r.changes.len(), Reverse(decision), changes)
    });
    kept
}
