//! Walks over checked expressions: one node's sub-expressions, a whole tree, or every
//! expression of every version of every item of a policy.

use crate::language::program::{CExpr, Message, MessageSegment, Program, Versioned};

/// Calls `f` on every expression node of every version of every item (a computed
/// parameter's values as written too).
pub(crate) fn each_node(program: &Program, f: &mut dyn FnMut(&CExpr)) {
    for scope in bodies(&program.scope) {
        node(scope, f);
    }
    for body in program.defs.iter().flat_map(|d| bodies(&d.versions)) {
        node(body, f);
    }
    let formulas = program
        .params
        .iter()
        .flat_map(|p| bodies(&p.versions))
        .filter_map(|body| body.formula.as_ref());
    for (_, value) in formulas.flat_map(|formula| &formula.values) {
        node(value, f);
    }
    for body in program.rules.iter().flat_map(|r| bodies(&r.versions)) {
        if let Some(applies) = &body.applies {
            node(applies, f);
        }
        node(&body.requires, f);
        message(body.message.as_ref(), f);
        message(body.satisfied.as_ref(), f);
    }
    for body in program.exceptions.iter().flat_map(|e| bodies(&e.versions)) {
        node(&body.when, f);
        if let Some(until) = &body.until {
            node(until, f);
        }
        message(body.message.as_ref(), f);
        message(body.expired.as_ref(), f);
    }
    for body in program.remarks.iter().flat_map(|r| bodies(&r.versions)) {
        node(&body.when, f);
        message(Some(&body.message), f);
    }
}

/// Every version of an item but its repeals.
fn bodies<T>(versioned: &Versioned<T>) -> impl Iterator<Item = &T> {
    versioned
        .versions
        .iter()
        .filter_map(|(_, body)| body.as_ref())
}

fn message(message: Option<&Message>, f: &mut dyn FnMut(&CExpr)) {
    for (_, segments) in message.map_or(&[][..], |m| m.parts.as_slice()) {
        for segment in segments {
            if let MessageSegment::Expr(e) = segment {
                node(e, f);
            }
        }
    }
}

/// Calls `f` on an expression and each of its sub-expressions, parents first, in reading
/// order (not through definitions).
pub(crate) fn node(expr: &CExpr, f: &mut dyn FnMut(&CExpr)) {
    f(expr);
    children(expr, &mut |child| node(child, f));
}

/// Calls `f` on each direct sub-expression of an expression, in reading order.
pub(crate) fn children(expr: &CExpr, f: &mut dyn FnMut(&CExpr)) {
    expr.any_operand(|child| {
        f(child);
        false
    });
}
