//! Computing a parameter computed from others on each day its value may change: its first
//! day, its own dated values' days, and the days the parameters it reads step.

use jiff::civil::Date;

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::language::program::{ParamInfo, ParamStep};
use crate::language::types::Type;
use crate::language::value::{Value, format_decimal};

const CODE: &str = "doctrine::check";

impl Checker<'_> {
    /// Computes each version of one computed parameter on its first day and on each day
    /// one of the parameters it `reads` or its own value as written changes, while that
    /// version is in force. Those it reads are computed already: their steps hold every day
    /// their own inputs change, so that only theirs are looked at (`inputs`, every parameter
    /// it depends on, is kept for `--set`).
    pub(super) fn compute_param(
        &mut self,
        params: &mut [ParamInfo],
        slot: usize,
        reads: &[u32],
        inputs: &[u32],
    ) {
        let texts: Vec<Date> = self.texts.iter().map(|t| t.in_force).collect();
        let Some(param) = params.get(slot) else {
            return;
        };
        let (name, ty, range) = (param.name.clone(), param.ty.clone(), param.range.clone());
        let versions = param.versions.versions.clone();
        // The days any input may change on: its steps, and the days texts version it.
        let mut input_days: Vec<Date> = Vec::new();
        for input in reads {
            let Some(info) = params.get(*input as usize) else {
                continue;
            };
            for (text, body) in &info.versions.versions {
                input_days.extend(texts.get(*text as usize));
                input_days.extend(body.iter().flat_map(|b| b.steps.iter().map(|s| s.from)));
            }
        }
        for (index, (text, body)) in versions.iter().enumerate() {
            let Some(body) = body else { continue };
            let Some(formula) = &body.formula else {
                continue;
            };
            let Some(&start) = texts.get(*text as usize) else {
                continue;
            };
            let end = versions
                .get(index + 1)
                .and_then(|(next, _)| texts.get(*next as usize).copied());
            let mut days: Vec<Date> = input_days
                .iter()
                .copied()
                .chain(formula.values.iter().filter_map(|(from, _)| *from))
                .filter(|d| *d > start && end.is_none_or(|end| *d < end))
                .collect();
            days.sort_unstable();
            days.dedup();
            let mut values = Vec::with_capacity(days.len() + 1);
            // The values of the parameters it reads, by slot: built once, updated each day.
            let mut known = vec![Value::NotSet; params.len()];
            for day in std::iter::once(start).chain(days.iter().copied()) {
                let Some(expr) = formula.expr_on(day) else {
                    continue;
                };
                let count = texts.iter().take_while(|d| **d <= day).count();
                for read in reads {
                    let body = params
                        .get(*read as usize)
                        .and_then(|p| p.versions.at(count));
                    if let Some(value) = known.get_mut(*read as usize) {
                        *value = body.map_or(Value::NotSet, |b| b.value_on(day).clone());
                    }
                }
                let value = match (self.constants)(expr, &known) {
                    Ok(value) => widen(value, &ty),
                    Err(error) => {
                        self.error(
                            Diagnostic::error(
                                CODE,
                                format!("cannot compute the parameter `{name}` on {day}: {error}"),
                            )
                            .with_label(expr.span, "computed here"),
                        );
                        return;
                    }
                };
                if let Some(range) = &range
                    && !range.contains(&value)
                {
                    let words = range.words();
                    self.error(
                        Diagnostic::error(
                            CODE,
                            format!(
                                "on {day}, the parameter `{name}` is {}: outside its range, {words}",
                                plain(&value)
                            ),
                        )
                        .with_label(expr.span, format!("not {words} on {day}"))
                        .with_help("change the value, its inputs' values, or the range"),
                    );
                    return;
                }
                values.push((day, value));
            }
            let written_cites = |day: Date| {
                body.steps
                    .iter()
                    .rev()
                    .find(|s| s.from <= day)
                    .map_or_else(|| body.initial_cites.clone(), |s| s.cites.clone())
            };
            let mut values = values.into_iter();
            let Some((_, initial)) = values.next() else {
                continue;
            };
            let steps: Vec<ParamStep> = values
                .map(|(from, value)| ParamStep {
                    from,
                    value,
                    cites: written_cites(from),
                })
                .collect();
            let target = params
                .get_mut(slot)
                .and_then(|p| p.versions.versions.get_mut(index))
                .and_then(|(_, b)| b.as_mut());
            if let Some(target) = target {
                target.initial = initial;
                target.steps = steps;
                if let Some(formula) = &mut target.formula {
                    formula.inputs = inputs.to_vec();
                }
            }
        }
    }
}

/// An integer where a decimal is declared becomes one.
pub(super) fn widen(value: Value, ty: &Type) -> Value {
    match (value, ty.required()) {
        (Value::Integer(i), Type::Decimal) => Value::Decimal(rust_decimal::Decimal::from(i)),
        (value, _) => value,
    }
}

/// A number, date or duration as a message shows it.
fn plain(value: &Value) -> String {
    match value {
        Value::Integer(i) => i.to_string(),
        Value::Decimal(d) => format_decimal(*d),
        Value::Date(d) => d.to_string(),
        Value::Duration(k) => k.words(false),
        Value::Bool(b) => b.to_string(),
        _ => String::from("this value"),
    }
}
