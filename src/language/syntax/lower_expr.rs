//! Lowering of expressions, literals and strings; operator precedence is the one Pratt table.

use std::str::FromStr;
use std::sync::LazyLock;

use jiff::civil::Date;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use rust_decimal::Decimal;

use super::grammar::Rule;
use crate::diagnostic::Diagnostic;
use crate::language::ast::{
    BinaryOp, Expr, ExprKind, Ident, PostfixOp, Segment, StringLit, UnaryOp,
};
use crate::language::value::CalendarDuration;
use crate::source::{FileId, Span};

/// Operator precedence, loosest first.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left)
            | Op::infix(Rule::op_subset, Assoc::Left)
            | Op::infix(Rule::op_meets, Assoc::Left))
        .op(Op::postfix(Rule::op_is_set)
            | Op::postfix(Rule::op_is_not_set)
            | Op::postfix(Rule::op_is_empty)
            | Op::postfix(Rule::op_is_not_empty))
        .op(Op::infix(Rule::op_add, Assoc::Left)
            | Op::infix(Rule::op_sub, Assoc::Left)
            | Op::infix(Rule::op_union, Assoc::Left)
            | Op::infix(Rule::op_minus, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left)
            | Op::infix(Rule::op_div, Assoc::Left)
            | Op::infix(Rule::op_intersect, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
});

type Lowered<T> = Result<T, Diagnostic>;

pub(super) fn span_of(pair: &Pair<'_, Rule>, file: FileId) -> Span {
    let span = pair.as_span();
    Span::new(file, span.start(), span.end())
}

pub(super) fn ident(pair: &Pair<'_, Rule>, file: FileId) -> Ident {
    Ident {
        name: pair.as_str().to_string(),
        span: span_of(pair, file),
    }
}

pub(super) fn syntax_error(span: Span, message: impl Into<String>, label: &str) -> Diagnostic {
    Diagnostic::error("doctrine::syntax", message).with_label(span, label)
}

/// Lowers an `expr` pair.
pub(super) fn lower_expr(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Expr> {
    // Each operator nests its operands one level deeper: a long chain of them (`a and b and
    // …`) makes a tree as deep as it is long, which checking and evaluation recurse on.
    let limit = crate::limits::current().max_depth;
    // An operator's node, one level deeper than its deepest operand.
    let nest = |kind: ExprKind, span: Span, operands: usize| {
        let depth = operands + 1;
        if depth > limit {
            Err(Diagnostic::error(
                "doctrine::syntax::too_deep",
                format!(
                    "the expression nests more than {limit} levels deep (a chain of operators)"
                ),
            )
            .with_label(span, "too deep here")
            .with_help(format!(
                "split the expression into definitions (`def`); {}",
                crate::limits::deeper_help()
            )))
        } else {
            Ok((Expr { kind, span }, depth))
        }
    };
    PRATT
        .map_primary(|primary| lower_primary(primary, file).map(|e| (e, 0)))
        .map_prefix(|op, operand| {
            let (operand, depth) = operand?;
            let span = span_of(&op, file).to(operand.span);
            let op = if op.as_rule() == Rule::op_not {
                UnaryOp::Not
            } else {
                UnaryOp::Neg
            };
            nest(ExprKind::Unary(op, Box::new(operand)), span, depth)
        })
        .map_postfix(|operand, op| {
            let (operand, depth) = operand?;
            let span = operand.span.to(span_of(&op, file));
            let op = match op.as_rule() {
                Rule::op_is_set => PostfixOp::IsSet,
                Rule::op_is_not_set => PostfixOp::IsNotSet,
                Rule::op_is_empty => PostfixOp::IsEmpty,
                _ => PostfixOp::IsNotEmpty,
            };
            nest(ExprKind::Postfix(op, Box::new(operand)), span, depth)
        })
        .map_infix(|lhs, op, rhs| {
            let ((lhs, left), (rhs, right)) = (lhs?, rhs?);
            let op = match op.as_rule() {
                Rule::op_or => BinaryOp::Or,
                Rule::op_and => BinaryOp::And,
                Rule::op_eq => BinaryOp::Eq,
                Rule::op_ne => BinaryOp::Ne,
                Rule::op_lt => BinaryOp::Lt,
                Rule::op_le => BinaryOp::Le,
                Rule::op_gt => BinaryOp::Gt,
                Rule::op_ge => BinaryOp::Ge,
                Rule::op_in => BinaryOp::In,
                Rule::op_not_in => BinaryOp::NotIn,
                Rule::op_subset => BinaryOp::Subset,
                Rule::op_meets => BinaryOp::Meets,
                Rule::op_add => BinaryOp::Add,
                Rule::op_sub => BinaryOp::Sub,
                Rule::op_mul => BinaryOp::Mul,
                Rule::op_div => BinaryOp::Div,
                Rule::op_union => BinaryOp::Union,
                Rule::op_intersect => BinaryOp::Intersect,
                _ => BinaryOp::Minus,
            };
            let span = lhs.span.to(rhs.span);
            nest(
                ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span,
                left.max(right),
            )
        })
        .parse(pair.into_inner())
        .map(|(expr, _)| expr)
}

fn lower_primary(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Expr> {
    let span = span_of(&pair, file);
    let kind = match pair.as_rule() {
        Rule::expr => return lower_expr(pair, file),
        Rule::paren => {
            let inner = pair
                .into_inner()
                .find(|p| p.as_rule() == Rule::expr)
                .ok_or_else(|| syntax_error(span, "expected an expression", "here"))?;
            let mut expr = lower_expr(inner, file)?;
            expr.span = span;
            return Ok(expr);
        }
        Rule::date_lit => ExprKind::Date(lower_date(&pair, file)?),
        Rule::duration_lit => ExprKind::Duration(lower_duration(pair, file)?),
        Rule::percent_lit => {
            let digits = pair.as_str().trim_end_matches('%');
            ExprKind::Decimal(lower_decimal(digits, span)? / Decimal::ONE_HUNDRED)
        }
        Rule::decimal_lit => ExprKind::Decimal(lower_decimal(pair.as_str(), span)?),
        Rule::integer_lit => ExprKind::Integer(lower_integer(pair.as_str(), span)?),
        Rule::bool_lit => ExprKind::Bool(pair.as_str() == "true"),
        Rule::string => ExprKind::Text(lower_string(pair, file)?),
        Rule::kw_today_lit => ExprKind::Today,
        Rule::path => ExprKind::Path(pair.as_str().to_string()),
        Rule::set_lit => ExprKind::Set(
            pair.into_inner()
                .filter(|item| item.as_rule() == Rule::expr)
                .map(|item| lower_expr(item, file))
                .collect::<Lowered<Vec<_>>>()?,
        ),
        Rule::if_expr => {
            let mut parts = pair.into_inner().filter(|p| p.as_rule() == Rule::expr);
            let mut next = || {
                parts
                    .next()
                    .ok_or_else(|| syntax_error(span, "incomplete `if`", "here"))
                    .and_then(|p| lower_expr(p, file))
            };
            let (cond, then, otherwise) = (next()?, next()?, next()?);
            ExprKind::If(Box::new(cond), Box::new(then), Box::new(otherwise))
        }
        Rule::quantifier => {
            let mut any = false;
            let mut var = None;
            let mut exprs = Vec::new();
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::kw_any => any = true,
                    Rule::name => var = Some(ident(&part, file)),
                    Rule::expr => exprs.push(lower_expr(part, file)?),
                    _ => {}
                }
            }
            let var = var.ok_or_else(|| syntax_error(span, "expected a name", "here"))?;
            let mut exprs = exprs.into_iter();
            match (exprs.next(), exprs.next()) {
                (Some(set), Some(body)) => ExprKind::Quantifier {
                    any,
                    var,
                    set: Box::new(set),
                    body: Box::new(body),
                },
                _ => return Err(syntax_error(span, "incomplete quantifier", "here")),
            }
        }
        Rule::grounds => {
            let grounds = pair
                .into_inner()
                .filter(|p| p.as_rule() == Rule::ground)
                .map(|p| super::lower_outcome::lower_ground(p, file))
                .collect::<Lowered<Vec<_>>>()?;
            ExprKind::Grounds(grounds)
        }
        Rule::call => {
            let inner = pair
                .into_inner()
                .next()
                .ok_or_else(|| syntax_error(span, "expected a call", "here"))?;
            let rule = inner.as_rule();
            if rule == Rule::call_named {
                return super::lower_call::lower_call(inner, span, file);
            }
            let argument = inner
                .into_inner()
                .find(|p| matches!(p.as_rule(), Rule::expr | Rule::item_id))
                .ok_or_else(|| syntax_error(span, "expected an argument", "here"))?;
            match rule {
                Rule::call_count => ExprKind::Count(Box::new(lower_expr(argument, file)?)),
                Rule::call_verdict => ExprKind::Verdict(ident(&argument, file)),
                _ => ExprKind::Applies(ident(&argument, file)),
            }
        }
        _ => return Err(syntax_error(span, "expected an expression", "here")),
    };
    Ok(Expr { kind, span })
}

/// Lowers a `date_lit`, refusing days that do not exist and years past 9999.
pub(super) fn lower_date(pair: &Pair<'_, Rule>, file: FileId) -> Lowered<Date> {
    let text = pair.as_str();
    if text.split('-').next().is_some_and(|year| year.len() > 4) {
        return Err(syntax_error(
            span_of(pair, file),
            format!("`{text}` is not a date: its year has more than four digits"),
            "years run from 0000 to 9999",
        ));
    }
    Date::from_str(text).map_err(|_| {
        syntax_error(
            span_of(pair, file),
            format!("`{text}` is not a valid date"),
            "no such day",
        )
    })
}

fn lower_duration(pair: Pair<'_, Rule>, file: FileId) -> Lowered<CalendarDuration> {
    let span = span_of(&pair, file);
    let mut count = 0i64;
    let mut unit = "";
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::integer_lit => count = lower_integer(part.as_str(), span)?,
            Rule::duration_unit => unit = part.as_str(),
            _ => {}
        }
    }
    let too_long = || syntax_error(span, "duration out of range", "too long");
    Ok(match unit.trim_end_matches('s') {
        "day" => CalendarDuration {
            months: 0,
            days: count,
        },
        "week" => CalendarDuration {
            months: 0,
            days: count.checked_mul(7).ok_or_else(too_long)?,
        },
        "year" => CalendarDuration {
            months: count.checked_mul(12).ok_or_else(too_long)?,
            days: 0,
        },
        _ => CalendarDuration {
            months: count,
            days: 0,
        },
    })
}

fn lower_integer(text: &str, span: Span) -> Lowered<i64> {
    text.replace('_', "").parse::<i64>().map_err(|_| {
        syntax_error(
            span,
            format!("`{text}` is out of range for an integer"),
            "too large",
        )
    })
}

fn lower_decimal(text: &str, span: Span) -> Lowered<Decimal> {
    Decimal::from_str_exact(&text.replace('_', "")).map_err(|_| {
        syntax_error(
            span,
            format!("`{text}` is out of range for a decimal"),
            "too large or too precise",
        )
    })
}

/// Lowers a `string` with its interpolations.
pub(super) fn lower_string(pair: Pair<'_, Rule>, file: FileId) -> Lowered<StringLit> {
    let span = span_of(&pair, file);
    let mut segments: Vec<Segment> = Vec::new();
    let push_text = |segments: &mut Vec<Segment>, text: &str| {
        if let Some(Segment::Text(last)) = segments.last_mut() {
            last.push_str(text);
        } else {
            segments.push(Segment::Text(text.to_string()));
        }
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::text_chunk => push_text(&mut segments, part.as_str()),
            Rule::escape => {
                let text = match part.as_str() {
                    "\\n" => "\n",
                    "\\t" => "\t",
                    "\\\"" => "\"",
                    "\\\\" => "\\",
                    "\\{" | "{{" => "{",
                    _ => "}",
                };
                push_text(&mut segments, text);
            }
            Rule::interpolation => {
                if let Some(expr) = part.into_inner().next() {
                    segments.push(Segment::Expr(lower_expr(expr, file)?));
                }
            }
            _ => {}
        }
    }
    Ok(StringLit { segments, span })
}
