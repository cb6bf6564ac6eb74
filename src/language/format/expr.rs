//! Printing expressions and strings on one line, with the fewest parentheses the
//! precedence table of `syntax::lower_expr` allows, and two kept for readers: around an
//! `and` inside an `or`, and around what `not` applies to when it is not a single term.

use crate::language::ast::{
    BinaryOp, Citation, Expr, ExprKind, GroundExpr, Label, PostfixOp, Segment, StringLit, UnaryOp,
};

/// Binding strength, loosest first, as in the Pratt table.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const POSTFIX: u8 = 5;
const SUM: u8 = 6;
const PRODUCT: u8 = 7;
const NEG: u8 = 8;
const ATOM: u8 = 9;

/// The binding strength of an operator.
pub fn binary_precedence(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => OR,
        BinaryOp::And => AND,
        BinaryOp::Eq
        | BinaryOp::Ne
        | BinaryOp::Lt
        | BinaryOp::Le
        | BinaryOp::Gt
        | BinaryOp::Ge
        | BinaryOp::In
        | BinaryOp::NotIn
        | BinaryOp::Subset
        | BinaryOp::Meets => COMPARE,
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Union | BinaryOp::Minus => SUM,
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Intersect => PRODUCT,
    }
}

fn precedence(expr: &Expr) -> u8 {
    match &expr.kind {
        ExprKind::Binary(op, _, _) => binary_precedence(*op),
        ExprKind::Unary(UnaryOp::Not, _) => NOT,
        ExprKind::Unary(UnaryOp::Neg, _) => NEG,
        ExprKind::Postfix(_, _) => POSTFIX,
        _ => ATOM,
    }
}

/// `if` and quantifiers run to the end of the expression: as an operand they need brackets.
fn open_ended(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::If(..) | ExprKind::Quantifier { .. } | ExprKind::Grounds(_)
    )
}

/// Prints expressions; literals are printed as their author wrote them.
pub struct Printer<'a> {
    /// The text the expressions were parsed from.
    pub source: &'a str,
}

impl Printer<'_> {
    /// An expression on one line.
    pub fn expr(&self, expr: &Expr) -> String {
        match &expr.kind {
            ExprKind::Bool(value) => value.to_string(),
            ExprKind::Integer(value) => self.literal(expr, || value.to_string()),
            ExprKind::Decimal(value) => self.literal(expr, || value.to_string()),
            ExprKind::Date(value) => self.literal(expr, || value.to_string()),
            ExprKind::Duration(value) => self.literal(expr, || {
                if value.months != 0 {
                    format!("{} months", value.months)
                } else {
                    format!("{} days", value.days)
                }
            }),
            ExprKind::Text(text) => self.string(text),
            ExprKind::Path(path) => path.clone(),
            ExprKind::Set(items) => {
                let items: Vec<String> = items.iter().map(|item| self.expr(item)).collect();
                format!("{{{}}}", items.join(", "))
            }
            ExprKind::Today => String::from("today"),
            ExprKind::Unary(op, operand) => {
                let (word, strength) = match op {
                    UnaryOp::Not => ("not ", NOT),
                    UnaryOp::Neg => ("-", NEG),
                };
                // `not (a = b)` reads better than `not a = b`, which means the same.
                let bracket = match op {
                    UnaryOp::Not => precedence(operand) < ATOM,
                    UnaryOp::Neg => precedence(operand) < strength,
                };
                let inner = self.operand(operand, bracket);
                // `- -x`: two signs apart, so that they never read as one token.
                let gap = if *op == UnaryOp::Neg && inner.starts_with('-') {
                    " "
                } else {
                    ""
                };
                format!("{word}{gap}{inner}")
            }
            ExprKind::Postfix(op, operand) => {
                let inner = self.operand(operand, precedence(operand) < POSTFIX);
                let test = match op {
                    PostfixOp::IsSet => "is set",
                    PostfixOp::IsNotSet => "is not set",
                    PostfixOp::IsEmpty => "is empty",
                    PostfixOp::IsNotEmpty => "is not empty",
                };
                format!("{inner} {test}")
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let (left, right) = self.binary_operands(*op, lhs, rhs);
                format!("{left} {} {right}", op.symbol())
            }
            ExprKind::If(cond, then, otherwise) => format!(
                "if {} then {} else {}",
                self.expr(cond),
                self.expr(then),
                self.expr(otherwise)
            ),
            ExprKind::Quantifier {
                any,
                var,
                set,
                body,
            } => format!(
                "{} {} in {}: {}",
                if *any { "any" } else { "all" },
                var.name,
                self.expr(set),
                self.expr(body)
            ),
            ExprKind::Count(set) => format!("count({})", self.expr(set)),
            ExprKind::Verdict(id) => format!("verdict({})", id.name),
            ExprKind::Applies(id) => format!("applies({})", id.name),
            // Only an outcome's value is its cases: the item prints them, one per line.
            ExprKind::Cases(_) => String::new(),
            ExprKind::Grounds(grounds) => {
                let grounds: Vec<String> = grounds.iter().map(|g| self.ground(g)).collect();
                format!("any of: {}", grounds.join(" "))
            }
            ExprKind::Call(call) => {
                let mut parts: Vec<String> = call.args.iter().map(|a| self.expr(a)).collect();
                if let Some(step) = &call.step {
                    parts.push(format!("to {}", self.expr(step)));
                }
                if let Some((mode, _)) = call.mode {
                    parts.push(mode.words().to_string());
                }
                format!("{}({})", call.function.name(), parts.join(", "))
            }
        }
    }

    /// One ground of `any of:` on one line: `ID "title": EXPR cites KEY "pinpoint"`.
    pub fn ground(&self, ground: &GroundExpr) -> String {
        let mut out = self.ground_head(ground);
        out.push(' ');
        out.push_str(&self.expr(&ground.expr));
        if !ground.cites.is_empty() {
            out.push_str(" cites ");
            out.push_str(&self.citations(&ground.cites));
        }
        out
    }

    /// `ID "title":`, what a ground's line starts with.
    pub fn ground_head(&self, ground: &GroundExpr) -> String {
        match &ground.title {
            Some(title) => format!("{} {}:", ground.id.name, self.label(title)),
            None => format!("{}:", ground.id.name),
        }
    }

    /// A label on one line: `"…"` or `fr "…" en "…"`.
    pub fn label(&self, label: &Label) -> String {
        let parts: Vec<String> = label
            .parts
            .iter()
            .map(|(lang, text)| match lang {
                Some(lang) => format!("{} {}", lang.code(), self.string(text)),
                None => self.string(text),
            })
            .collect();
        parts.join(" ")
    }

    /// `KEY "pinpoint", KEY`
    pub fn citations(&self, cites: &[Citation]) -> String {
        let parts: Vec<String> = cites
            .iter()
            .map(|c| match &c.pinpoint {
                Some(pin) => format!("{} {}", c.key.name, self.string(pin)),
                None => c.key.name.clone(),
            })
            .collect();
        parts.join(", ")
    }

    /// The operands of an infix operator, each bracketed where the table needs it.
    pub fn binary_operands(&self, op: BinaryOp, lhs: &Expr, rhs: &Expr) -> (String, String) {
        let strength = binary_precedence(op);
        let left = self.operand(
            lhs,
            precedence(lhs) < strength || needs_guard(lhs, strength) || mixes_and_or(op, lhs),
        );
        let right = self.operand(
            rhs,
            precedence(rhs) <= strength || needs_guard(rhs, strength) || mixes_and_or(op, rhs),
        );
        (left, right)
    }

    fn operand(&self, expr: &Expr, bracket: bool) -> String {
        if bracket || open_ended(expr) {
            format!("({})", self.expr(expr))
        } else {
            self.expr(expr)
        }
    }

    /// A literal as written (brackets around it dropped), or `canonical` when the written
    /// form holds anything else (a comment inside brackets).
    fn literal(&self, expr: &Expr, canonical: impl Fn() -> String) -> String {
        let mut written = self
            .source
            .get(expr.span.start as usize..expr.span.end as usize)
            .unwrap_or("")
            .trim();
        while let Some(inner) = written
            .strip_prefix('(')
            .and_then(|rest| rest.strip_suffix(')'))
        {
            written = inner.trim();
        }
        let plain = !written.is_empty()
            && written.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '%' | '-' | ' ' | '\t')
            });
        if plain {
            written.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            canonical()
        }
    }

    /// A string literal, re-escaped; interpolations printed from their expression.
    pub fn string(&self, text: &StringLit) -> String {
        let mut out = String::from("\"");
        for segment in &text.segments {
            match segment {
                Segment::Text(text) => escape_into(&mut out, text),
                Segment::Expr(expr) => {
                    let inner = self.expr(expr);
                    out.push('{');
                    // `{{` would read as an escaped brace: a set goes in brackets.
                    if inner.starts_with('{') {
                        out.push('(');
                        out.push_str(&inner);
                        out.push(')');
                    } else {
                        out.push_str(&inner);
                    }
                    out.push('}');
                }
            }
        }
        out.push('"');
        out
    }
}

/// An `and` inside an `or` keeps its brackets: legal texts are read, not parsed.
fn mixes_and_or(op: BinaryOp, operand: &Expr) -> bool {
    op == BinaryOp::Or && matches!(operand.kind, ExprKind::Binary(BinaryOp::And, _, _))
}

/// `not` left bare inside a tighter operator would swallow what follows it.
fn needs_guard(expr: &Expr, strength: u8) -> bool {
    matches!(expr.kind, ExprKind::Unary(UnaryOp::Not, _)) && strength > NOT
}

/// Appends a text as a policy string writes it between its quotes: `"`, `\`, new lines,
/// tabs and braces escaped.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            _ => out.push(c),
        }
    }
}
