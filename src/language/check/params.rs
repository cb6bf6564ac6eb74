//! Parameters computed from other parameters (`param large = medium * 5`): their values
//! are checked as expressions over parameters and constants, their cycles refused, and
//! their value computed on every day an input changes, so that dated steps propagate.

use jiff::civil::Date;

use super::expr::Scope;
use super::{Checker, ItemRef};
use crate::diagnostic::Diagnostic;
use crate::language::ast;
use crate::language::program::{CExpr, CKind, Formula, ParamInfo};
use crate::language::types::Type;
use crate::language::value::Value;
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
                let value = super::compute::widen(value, ty);
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
    /// first ([`Checker::compute_param`]); refuses parameters that depend on each other.
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
