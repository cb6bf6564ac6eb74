//! Parameters computed from other parameters (`param large = medium * 5`): their values
//! are checked as expressions over parameters and constants, their cycles refused, and
//! their value computed on every day an input changes, so that dated steps propagate.

use jiff::civil::Date;

use super::expr::Scope;
use super::{Checker, ItemRef};
use crate::diagnostic::Diagnostic;
use crate::language::ast;
use crate::language::program::{CExpr, CKind, Formula, ParamInfo, ParamStep};
use crate::language::types::Type;
use crate::language::value::{Value, format_decimal};
use crate::language::walk;

const CODE: &str = "doctrine::check";

/// The value written for a computed parameter until it is computed on each day.
pub(super) const PENDING: Value = Value::NotSet;

impl Checker<'_> {
    /// Gives every parameter its type before any value is checked: a value may read a
    /// parameter declared after it.
    pub(super) fn declare_param_types(&mut self) {
        // The types are resolved again, with their errors, as each parameter is checked.
        let errors = self.diagnostics.0.len();
        for index in 0..self.params.len() {
            let declared = self
                .params
                .get(index)
                .and_then(|p| p.versions.first())
                .and_then(|(_, d)| *d);
            let ty = declared.and_then(|d| self.resolve_type(&d.ty));
            if let Some(slot) = self.param_types.get_mut(index) {
                *slot = ty;
            }
        }
        self.diagnostics.0.truncate(errors);
    }

    /// Checks one value of a parameter (`from`: the day it starts, `None` for the first) of the version `text` brings of
    /// the parameter `slot`,
    /// and adds it to `written`. A constant is computed at once; a value that reads other
    /// parameters is [`PENDING`] until [`Checker::compute_params`].
    pub(super) fn param_value(
        &mut self,
        expr: &ast::Expr,
        ty: &Type,
        from: Option<Date>,
        (slot, text): (usize, u32),
        written: &mut Vec<(Option<Date>, CExpr)>,
    ) -> Option<Value> {
        let mut scope = Scope {
            constant: true,
            params: true,
            ..Scope::default()
        };
        // The parameters it reads are recorded: a repeal of one of them is refused.
        let owner = ItemRef::Param(u32::try_from(slot).unwrap_or(u32::MAX));
        let saved = self.current.replace((owner, text));
        let checked = self.expect(expr, ty, &mut scope);
        self.current = saved;
        let checked = checked?;
        if reads_params(&checked) {
            written.push((from, checked));
            return Some(PENDING);
        }
        match (self.constants)(&checked, &[]) {
            Ok(value) => {
                let value = widen(value, ty);
                written.push((
                    from,
                    CExpr {
                        kind: CKind::Const(value.clone()),
                        ty: checked.ty,
                        span: checked.span,
                    },
                ));
                Some(value)
            }
            Err(error) => {
                self.error(
                    Diagnostic::error(CODE, format!("cannot compute this value: {error}"))
                        .with_label(expr.span, "here"),
                );
                None
            }
        }
    }

    /// The values of one version as written, kept when one of them reads a parameter.
    pub(super) fn formula(written: Vec<(Option<Date>, CExpr)>) -> Option<Formula> {
        written
            .iter()
            .any(|(_, e)| reads_params(e))
            .then_some(Formula {
                values: written,
                inputs: Vec::new(),
            })
    }

    /// Computes every computed parameter on each day one of its inputs changes, inputs
    /// first; refuses parameters that depend on each other.
    pub(super) fn compute_params(&mut self, params: &mut [ParamInfo]) {
        let direct: Vec<Vec<u32>> = params.iter().map(direct_reads).collect();
        if direct.iter().all(Vec::is_empty) {
            return;
        }
        let Some(order) = self.dependency_order(params, &direct) else {
            return;
        };
        let mut inputs: Vec<Vec<u32>> = vec![Vec::new(); params.len()];
        for &slot in &order {
            let mut all = Vec::new();
            for &input in direct.get(slot).map_or(&[][..], Vec::as_slice) {
                all.push(input);
                all.extend(inputs.get(input as usize).into_iter().flatten().copied());
            }
            all.sort_unstable();
            all.dedup();
            if let Some(slot_inputs) = inputs.get_mut(slot) {
                *slot_inputs = all;
            }
        }
        for slot in order {
            let Some(reads) = direct.get(slot).filter(|d| !d.is_empty()) else {
                continue;
            };
            let slot_inputs = inputs.get(slot).cloned().unwrap_or_default();
            self.compute_param(params, slot, reads, &slot_inputs);
        }
    }

    /// The parameters in an order where each comes after those it reads; `None` after
    /// reporting a cycle.
    fn dependency_order(
        &mut self,
        params: &[ParamInfo],
        direct: &[Vec<u32>],
    ) -> Option<Vec<usize>> {
        // 0: not seen, 1: on the current path, 2: done.
        let mut state = vec![0u8; params.len()];
        let mut order = Vec::new();
        for start in 0..params.len() {
            if state.get(start) != Some(&0) {
                continue;
            }
            // An explicit stack: a long chain of parameters must not exhaust the real one.
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            if let Some(s) = state.get_mut(start) {
                *s = 1;
            }
            while let Some(&(slot, next)) = path.last() {
                let reads = direct.get(slot).map_or(&[][..], Vec::as_slice);
                match reads.get(next) {
                    Some(&input) => {
                        if let Some(top) = path.last_mut() {
                            top.1 += 1;
                        }
                        let input = input as usize;
                        match state.get(input) {
                            Some(0) => {
                                if let Some(s) = state.get_mut(input) {
                                    *s = 1;
                                }
                                path.push((input, 0));
                            }
                            Some(1) => {
                                let from = path.iter().position(|(s, _)| *s == input)?;
                                let cycle: Vec<usize> =
                                    path.get(from..)?.iter().map(|(s, _)| *s).collect();
                                self.cycle(params, &cycle);
                                return None;
                            }
                            _ => {}
                        }
                    }
                    None => {
                        if let Some(s) = state.get_mut(slot) {
                            *s = 2;
                        }
                        order.push(slot);
                        path.pop();
                    }
                }
            }
        }
        Some(order)
    }

    fn cycle(&mut self, params: &[ParamInfo], cycle: &[usize]) {
        let names: Vec<&str> = cycle
            .iter()
            .filter_map(|s| params.get(*s).map(|p| p.name.as_str()))
            .collect();
        let first = names.first().copied().unwrap_or_default();
        let shown: Vec<String> = names
            .iter()
            .chain(std::iter::once(&first))
            .map(|n| format!("`{n}`"))
            .collect();
        let message = if cycle.len() == 1 {
            format!("the parameter `{first}` is computed from itself")
        } else {
            format!("the parameters {} depend on each other", shown.join(" → "))
        };
        let mut diagnostic = Diagnostic::error("doctrine::check::cycle", message).with_help(
            "a parameter is computed from other parameters, never from itself, directly or \
             through others",
        );
        for slot in cycle {
            if let Some(param) = params.get(*slot) {
                diagnostic = diagnostic.with_label(param.span, "declared here");
            }
        }
        self.error(diagnostic);
    }

    /// Computes each version of one computed parameter on its first day and on each day
    /// one of the parameters it `reads` or its own value as written changes, while that
    /// version is in force. Those it reads are computed already: their steps hold every day
    /// their own inputs change, so that only theirs are looked at (`inputs`, every parameter
    /// it depends on, is kept for `--set`).
    fn compute_param(
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

/// Whether an expression reads a parameter.
fn reads_params(expr: &CExpr) -> bool {
    let mut found = false;
    walk::node(expr, &mut |e| found |= matches!(e.kind, CKind::Param(_)));
    found
}

/// The parameters any value of any version of a parameter reads directly.
fn direct_reads(param: &ParamInfo) -> Vec<u32> {
    let mut out = Vec::new();
    let formulas = param
        .versions
        .versions
        .iter()
        .filter_map(|(_, b)| b.as_ref()?.formula.as_ref());
    for formula in formulas {
        for (_, expr) in &formula.values {
            walk::node(expr, &mut |e| {
                if let CKind::Param(slot) = e.kind
                    && !out.contains(&slot)
                {
                    out.push(slot);
                }
            });
        }
    }
    out
}

/// An integer where a decimal is declared becomes one.
fn widen(value: Value, ty: &Type) -> Value {
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
