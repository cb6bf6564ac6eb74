//! Every checked expression of a policy, in every version of every item.

use crate::program::{CExpr, CKind, Message, MessageSegment, Program};

/// Calls `f` on every expression node of every version of every item.
pub(crate) fn each_node(program: &Program, f: &mut dyn FnMut(&CExpr)) {
    for (_, scope) in &program.scope.versions {
        if let Some(scope) = scope {
            node(scope, f);
        }
    }
    for def in &program.defs {
        for body in def.versions.versions.iter().filter_map(|(_, b)| b.as_ref()) {
            node(body, f);
        }
    }
    for rule in &program.rules {
        for body in rule
            .versions
            .versions
            .iter()
            .filter_map(|(_, b)| b.as_ref())
        {
            if let Some(applies) = &body.applies {
                node(applies, f);
            }
            node(&body.requires, f);
            message(body.message.as_ref(), f);
            message(body.satisfied.as_ref(), f);
        }
    }
    for exception in &program.exceptions {
        for body in exception
            .versions
            .versions
            .iter()
            .filter_map(|(_, b)| b.as_ref())
        {
            node(&body.when, f);
            if let Some(until) = &body.until {
                node(until, f);
            }
            message(body.message.as_ref(), f);
            message(body.expired.as_ref(), f);
        }
    }
    for remark in &program.remarks {
        for body in remark
            .versions
            .versions
            .iter()
            .filter_map(|(_, b)| b.as_ref())
        {
            node(&body.when, f);
            message(Some(&body.message), f);
        }
    }
}

fn message(message: Option<&Message>, f: &mut dyn FnMut(&CExpr)) {
    for (_, segments) in message.map_or(&[][..], |m| m.parts.as_slice()) {
        segments_of(segments, f);
    }
}

fn segments_of(segments: &[MessageSegment], f: &mut dyn FnMut(&CExpr)) {
    for segment in segments {
        if let MessageSegment::Expr(e) = segment {
            node(e, f);
        }
    }
}

/// Calls `f` on an expression and each of its sub-expressions.
pub(crate) fn node(expr: &CExpr, f: &mut dyn FnMut(&CExpr)) {
    f(expr);
    match &expr.kind {
        CKind::Const(_)
        | CKind::Fact(_)
        | CKind::Param(_)
        | CKind::Def(_)
        | CKind::Local(_)
        | CKind::Today
        | CKind::Verdict(_)
        | CKind::Applies(_) => {}
        CKind::Not(a) | CKind::Neg(a) | CKind::Count(a) => node(a, f),
        CKind::IsSet { operand, .. } | CKind::IsEmpty { operand, .. } => node(operand, f),
        CKind::And(a, b)
        | CKind::Or(a, b)
        | CKind::Compare(_, a, b)
        | CKind::Arith(_, a, b)
        | CKind::SetOp(_, a, b)
        | CKind::Subset(a, b)
        | CKind::Meets(a, b)
        | CKind::In {
            element: a, set: b, ..
        } => {
            node(a, f);
            node(b, f);
        }
        CKind::If(a, b, c) => {
            node(a, f);
            node(b, f);
            node(c, f);
        }
        CKind::Quantifier { set, body, .. } => {
            node(set, f);
            node(body, f);
        }
        CKind::SetLiteral(items) => items.iter().for_each(|item| node(item, f)),
        CKind::Format(segments) => segments_of(segments, f),
    }
}
