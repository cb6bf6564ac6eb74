//! `and` and `or` chains one operand a line: kept so where their author wrote them so, and
//! laid so when too long for one line.

use super::layout::{Layout, Line, WIDTH, chain};
use crate::language::ast::{BinaryOp, Expr, ExprKind};

impl Layout<'_> {
    /// An `and` or `or` chain one operand a line, the first after `head`, each other one
    /// after its operator 4 columns further in; an operand that is itself a chain too long
    /// for its line, or one its author broke at every operator, breaks in turn inside its
    /// brackets.
    pub(super) fn chain_lines(
        &self,
        head: &str,
        indent: usize,
        anchor: u32,
        expr: &Expr,
        op: BinaryOp,
    ) -> Vec<Line> {
        let gap = if head.is_empty() || head.ends_with('(') {
            ""
        } else {
            " "
        };
        let more = indent + 4;
        let mut pieces = Vec::new();
        chain(&self.printer, op, expr, &mut pieces);
        let mut lines = Vec::new();
        for (index, (operand, text)) in pieces.into_iter().enumerate() {
            let (line_head, line_indent, at) = if index == 0 {
                (format!("{head}{gap}"), indent, anchor)
            } else {
                (format!("{} ", op.symbol()), more, operand.span.start)
            };
            let line = Line::new(line_indent, format!("{line_head}{text}"), at);
            let printed = self.printer.expr(operand);
            let bare = text == printed;
            let bracketed = text == format!("({printed})");
            let breaks = line.width() > WIDTH || self.broken_chain(operand);
            if !breaks || !(bare || bracketed) {
                lines.push(line);
                continue;
            }
            let inner_head = if bracketed {
                format!("{line_head}(")
            } else {
                line_head.trim_end().to_string()
            };
            let mut inner = self.expr_lines(&inner_head, line_indent, at, operand);
            if bracketed && let Some(last) = inner.last_mut() {
                last.text.push(')');
            }
            lines.extend(inner);
        }
        lines
    }

    /// Whether an `and` or `or` chain was written by its author broken before or after every
    /// operator, one operand a line: the layout keeps it so.
    pub(super) fn broken_chain(&self, expr: &Expr) -> bool {
        let ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), _, _) = &expr.kind else {
            return false;
        };
        let mut operands = Vec::new();
        chain_operands(*op, expr, &mut operands);
        let source = self.printer.source;
        operands.len() > 1
            && operands.windows(2).all(|pair| match pair {
                [left, right] => source
                    .get(left.span.end as usize..right.span.start as usize)
                    .is_some_and(|between| between.contains('\n')),
                _ => false,
            })
    }
}

/// The operands of a left-leaning chain of one operator, as [`chain`] finds them.
fn chain_operands<'e>(op: BinaryOp, expr: &'e Expr, out: &mut Vec<&'e Expr>) {
    if let ExprKind::Binary(inner, lhs, rhs) = &expr.kind
        && *inner == op
    {
        if matches!(&lhs.kind, ExprKind::Binary(left_op, _, _) if *left_op == op) {
            chain_operands(op, lhs, out);
        } else {
            out.push(lhs);
        }
        out.push(rhs);
    }
}
