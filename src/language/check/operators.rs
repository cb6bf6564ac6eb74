//! Operators: comparisons, arithmetic, sets, `is set`/`is empty`, set literals, and the
//! narrowing of optional facts by `is set` tests.

use super::Checker;
use super::expr::Scope;
use crate::diagnostic::Diagnostic;
use crate::language::ast::{BinaryOp, Expr, ExprKind, ItemKind, PostfixOp};
use crate::language::program::{Arith, CExpr, CKind, Compare, SetOp};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::Span;

const CODE: &str = "doctrine::check::type";

impl Checker<'_> {
    pub(super) fn set_literal(
        &mut self,
        items: &[Expr],
        span: Span,
        hint: Option<&Type>,
        scope: &mut Scope,
    ) -> Option<CExpr> {
        let element_hint = match hint.map(Type::required) {
            Some(Type::Set(inner)) => Some(inner.as_ref().clone()),
            _ => None,
        };
        let mut checked = Vec::new();
        let mut element_type = element_hint.clone();
        for item in items {
            let item = self.expr(item, element_type.as_ref(), scope)?;
            match &element_type {
                None => element_type = Some(item.ty.clone()),
                Some(ty) => {
                    let Some(unified) = unify(ty, &item.ty) else {
                        let expected = format!("`{}`", self.type_name(ty));
                        self.mismatch(item.span, &expected, &item.ty);
                        return None;
                    };
                    element_type = Some(unified);
                }
            }
            checked.push(item);
        }
        let Some(element) = element_type else {
            self.error(
                Diagnostic::error(CODE, "cannot tell what this empty set holds")
                    .with_label(span, "empty set")
                    .with_help("compare with a typed value, or test `S is empty`"),
            );
            return None;
        };
        let all_constant: Option<Vec<Value>> = checked
            .iter()
            .map(|c| match &c.kind {
                CKind::Const(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        let ty = Type::Set(Box::new(element));
        let kind = match all_constant {
            Some(values) => CKind::Const(Value::set_of(values)),
            None => CKind::SetLiteral(checked),
        };
        Some(CExpr { kind, ty, span })
    }

    pub(super) fn postfix(
        &mut self,
        op: PostfixOp,
        operand: &Expr,
        span: Span,
        scope: &mut Scope,
    ) -> Option<CExpr> {
        let operand = self.expr(operand, None, scope)?;
        let kind = match op {
            PostfixOp::IsSet | PostfixOp::IsNotSet => {
                // A fact already known to be set here may still be tested (redundantly).
                let declared_optional = match operand.kind {
                    CKind::Fact(fact) => self
                        .facts
                        .get(fact as usize)
                        .is_some_and(|f| f.ty.is_optional()),
                    _ => false,
                };
                if !operand.ty.is_optional() && !declared_optional {
                    self.error(
                        Diagnostic::error(CODE, "this value is never left out")
                            .with_label(operand.span, "not optional")
                            .with_help("`is set` tests optional facts (declared with `T?`)"),
                    );
                    return None;
                }
                CKind::IsSet {
                    negated: op == PostfixOp::IsNotSet,
                    operand: Box::new(operand),
                }
            }
            PostfixOp::IsEmpty | PostfixOp::IsNotEmpty => {
                if !matches!(operand.ty, Type::Set(_)) {
                    self.mismatch(operand.span, "a set", &operand.ty);
                    return None;
                }
                CKind::IsEmpty {
                    negated: op == PostfixOp::IsNotEmpty,
                    operand: Box::new(operand),
                }
            }
        };
        Some(CExpr {
            kind,
            ty: Type::Bool,
            span,
        })
    }

    /// Checks the two sides of a comparison or a set operator, neither of which may be left
    /// out: `left` then `right` (hinted by the left's type), or the other way round when
    /// the left side is a bare vocabulary name that needs the right side's type.
    fn operands(&mut self, left: &Expr, right: &Expr, scope: &mut Scope) -> Option<(CExpr, CExpr)> {
        let (left, right) = self.sides(left, right, scope)?;
        self.no_optional(&left)?;
        self.no_optional(&right)?;
        Some((left, right))
    }

    fn sides(&mut self, left: &Expr, right: &Expr, scope: &mut Scope) -> Option<(CExpr, CExpr)> {
        if self.is_bare_member(left, scope) && !self.is_bare_member(right, scope) {
            let right = self.expr(right, None, scope)?;
            let hint = match &right.ty {
                Type::Set(inner) => inner.as_ref().clone(),
                other => other.clone(),
            };
            let left = self.expr(left, Some(&hint), scope)?;
            return Some((left, right));
        }
        // Both sides are checked even when the left fails, so that both report their errors.
        let left = self.expr(left, None, scope);
        let hint = left.as_ref().map(|l| l.ty.clone());
        let right = self.expr(right, hint.as_ref(), scope);
        Some((left?, right?))
    }

    fn is_bare_member(&self, expr: &Expr, scope: &Scope) -> bool {
        match &expr.kind {
            ExprKind::Path(path) => {
                !path.contains('.')
                    && !scope.locals.iter().any(|(n, _, _)| n == path)
                    && self.item_ref(ItemKind::Def, path).is_none()
                    && self.item_ref(ItemKind::Param, path).is_none()
                    && !self.fact_index.contains_key(path)
            }
            ExprKind::Set(_) => true,
            _ => false,
        }
    }

    fn no_optional(&mut self, operand: &CExpr) -> Option<()> {
        if operand.ty.is_optional() {
            self.error(
                Diagnostic::error(CODE, "this value may be left out")
                    .with_label(operand.span, "may be not set")
                    .with_help("test it first: `X is set and …`"),
            );
            return None;
        }
        Some(())
    }

    /// The facts a condition just checked narrows, like [`narrowing`]; when it is the `and`
    /// or `or` checked last, what that one recorded, without walking it again.
    fn narrowing_of(&mut self, checked: Option<&CExpr>, when_false: bool) -> Vec<u32> {
        match (self.narrowed_last.take(), checked) {
            (Some((at, polarity, known)), Some(checked))
                if at == checked.span
                    && polarity == when_false
                    && matches!(
                        (&checked.kind, when_false),
                        (CKind::And(..), false) | (CKind::Or(..), true)
                    ) =>
            {
                known
            }
            _ => narrowing(checked, when_false),
        }
    }

    pub(super) fn binary(
        &mut self,
        op: BinaryOp,
        left: &Expr,
        right: &Expr,
        span: Span,
        scope: &mut Scope,
    ) -> Option<CExpr> {
        let done = |kind, ty| Some(CExpr { kind, ty, span });
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let when_false = op == BinaryOp::Or;
                let left = self.expect(left, &Type::Bool, scope);
                let mut narrowed = self.narrowing_of(left.as_ref(), when_false);
                let mark = scope.narrowed.len();
                scope.narrowed.extend(narrowed.iter().copied());
                let right = self.expect(right, &Type::Bool, scope);
                scope.narrowed.truncate(mark);
                let (left, right) = (Box::new(left?), Box::new(right?));
                // What this operator narrows, for the one whose left operand it may be.
                narrowed.extend(self.narrowing_of(Some(&right), when_false));
                self.narrowed_last = Some((span, when_false, narrowed));
                let kind = if op == BinaryOp::And {
                    CKind::And(left, right)
                } else {
                    CKind::Or(left, right)
                };
                done(kind, Type::Bool)
            }
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => {
                let (l, r) = self.operands(left, right, scope)?;
                if unify(&l.ty, &r.ty).is_none() {
                    let expected =
                        format!("`{}` to compare with the left side", self.type_name(&l.ty));
                    self.mismatch(r.span, &expected, &r.ty);
                    return None;
                }
                let ordered = !matches!(op, BinaryOp::Eq | BinaryOp::Ne);
                if ordered
                    && !matches!(
                        l.ty,
                        Type::Integer | Type::Decimal | Type::Date | Type::Duration | Type::Text
                    )
                {
                    self.mismatch(
                        l.span,
                        "a number, a date, a duration or a text to order",
                        &l.ty,
                    );
                    return None;
                }
                let compare = match op {
                    BinaryOp::Eq => Compare::Eq,
                    BinaryOp::Ne => Compare::Ne,
                    BinaryOp::Lt => Compare::Lt,
                    BinaryOp::Le => Compare::Le,
                    BinaryOp::Gt => Compare::Gt,
                    _ => Compare::Ge,
                };
                done(
                    CKind::Compare(compare, Box::new(l), Box::new(r)),
                    Type::Bool,
                )
            }
            BinaryOp::In | BinaryOp::NotIn => {
                let (element, set) = self.operands(left, right, scope)?;
                let Type::Set(inner) = &set.ty else {
                    self.mismatch(set.span, "a set", &set.ty);
                    return None;
                };
                if unify(&element.ty, inner).is_none() {
                    let expected = format!("`{}`, an element of the set", self.type_name(inner));
                    self.mismatch(element.span, &expected, &element.ty);
                    return None;
                }
                let kind = CKind::In {
                    negated: op == BinaryOp::NotIn,
                    element: Box::new(element),
                    set: Box::new(set),
                };
                done(kind, Type::Bool)
            }
            BinaryOp::Subset
            | BinaryOp::Meets
            | BinaryOp::Union
            | BinaryOp::Intersect
            | BinaryOp::Minus => {
                let (l, r) = self.operands(left, right, scope)?;
                if !matches!(l.ty, Type::Set(_)) {
                    self.mismatch(l.span, "a set", &l.ty);
                    return None;
                }
                let Some(ty) = unify(&l.ty, &r.ty) else {
                    let expected = format!("`{}` like the left side", self.type_name(&l.ty));
                    self.mismatch(r.span, &expected, &r.ty);
                    return None;
                };
                let (l, r) = (Box::new(l), Box::new(r));
                match op {
                    BinaryOp::Subset => done(CKind::Subset(l, r), Type::Bool),
                    BinaryOp::Meets => done(CKind::Meets(l, r), Type::Bool),
                    BinaryOp::Union => done(CKind::SetOp(SetOp::Union, l, r), ty),
                    BinaryOp::Intersect => done(CKind::SetOp(SetOp::Intersect, l, r), ty),
                    _ => done(CKind::SetOp(SetOp::Minus, l, r), ty),
                }
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                let l = self.expr(left, None, scope);
                let r = self.expr(right, None, scope);
                let (l, r) = (l?, r?);
                let arith = match op {
                    BinaryOp::Add => Arith::Add,
                    BinaryOp::Sub => Arith::Sub,
                    BinaryOp::Mul => Arith::Mul,
                    _ => Arith::Div,
                };
                let Some(result) = arith_type(arith, l.ty.required(), r.ty.required()) else {
                    let (lt, rt) = (self.type_name(&l.ty), self.type_name(&r.ty));
                    self.error(
                        Diagnostic::error(CODE, format!("cannot apply `{}` to `{lt}` and `{rt}`", op.symbol()))
                            .with_label(span, "here")
                            .with_help("numbers combine with numbers; a date plus or minus a duration is a date; a date minus a date is a duration"),
                    );
                    return None;
                };
                let ty = if l.ty.is_optional() || r.ty.is_optional() {
                    Type::Optional(Box::new(result))
                } else {
                    result
                };
                done(CKind::Arith(arith, Box::new(l), Box::new(r)), ty)
            }
        }
    }
}

/// The common type of two branches or operands.
pub(crate) fn unify(a: &Type, b: &Type) -> Option<Type> {
    match (a, b) {
        (x, y) if x == y => Some(x.clone()),
        (Type::Integer, Type::Decimal) | (Type::Decimal, Type::Integer) => Some(Type::Decimal),
        (Type::Optional(x), y) | (y, Type::Optional(x)) => {
            unify(x, y.required()).map(|t| Type::Optional(Box::new(t)))
        }
        (Type::Set(x), Type::Set(y)) => unify(x, y).map(|t| Type::Set(Box::new(t))),
        _ => None,
    }
}

fn arith_type(op: Arith, left: &Type, right: &Type) -> Option<Type> {
    use Type::*;
    Some(match (op, left, right) {
        (Arith::Div, a, b) if a.is_number() && b.is_number() => Decimal,
        (_, Integer, Integer) => Integer,
        (_, a, b) if a.is_number() && b.is_number() => Decimal,
        (Arith::Add, Date, Duration)
        | (Arith::Add, Duration, Date)
        | (Arith::Sub, Date, Duration) => Date,
        (Arith::Sub, Date, Date) => Duration,
        (Arith::Add | Arith::Sub, Duration, Duration) => Duration,
        (Arith::Mul, Duration, Integer) | (Arith::Mul, Integer, Duration) => Duration,
        _ => return None,
    })
}

/// The optional facts a condition proves set when it is true (or, for `or`, false).
pub(super) fn narrowing(condition: Option<&CExpr>, when_false: bool) -> Vec<u32> {
    let mut out = Vec::new();
    if let Some(condition) = condition {
        collect_narrowing(condition, when_false, &mut out);
    }
    out
}

fn collect_narrowing(condition: &CExpr, when_false: bool, out: &mut Vec<u32>) {
    #[cfg(test)]
    tests::WALKED.with(|walked| walked.set(walked.get() + 1));
    match &condition.kind {
        CKind::IsSet { negated, operand } if *negated == when_false => {
            if let CKind::Fact(fact) = operand.kind {
                out.push(fact);
            }
        }
        CKind::And(a, b) if !when_false => {
            collect_narrowing(a, false, out);
            collect_narrowing(b, false, out);
        }
        CKind::Or(a, b) if when_false => {
            collect_narrowing(a, true, out);
            collect_narrowing(b, true, out);
        }
        CKind::Not(inner) => collect_narrowing(inner, !when_false, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    thread_local! {
        /// How many nodes the narrowing walks visited, on this thread.
        pub(super) static WALKED: Cell<usize> = const { Cell::new(0) };
    }

    /// How many nodes the narrowing walks visit to check a chain of `n` `and`s or `or`s.
    fn walked(n: usize, op: &str) -> usize {
        let chain = vec!["a"; n + 1].join(&format!(" {op} "));
        let text = format!(
            "policy p text t in force from 2020-01-01\n\
             verdicts refused allowed as satisfied unknown as undecided out as inapplicable\n\
             fact a: bool\n\
             rule R requires {chain} otherwise refused\n"
        );
        let file = crate::language::syntax::parse_file(&text, crate::source::FileId(0))
            .unwrap_or_else(|e| panic!("{e:?}"));
        WALKED.with(|walked| walked.set(0));
        let checked = crate::language::check::check(&[file], crate::eval::constant_or_reason);
        assert!(checked.is_ok(), "{:?}", checked.err());
        WALKED.with(Cell::get)
    }

    /// Each operator of a chain reads what the one before it narrows instead of walking it
    /// again: the work grows with the chain's length, not with its square (a 100,000-long
    /// chain took 47 s). Counted, not timed.
    #[test]
    fn a_chain_of_operators_is_narrowed_in_linear_work() {
        for op in ["and", "or"] {
            let (short, long) = (walked(20, op), walked(60, op));
            assert!(long <= 4 * 60, "{op}: {long} nodes walked for 60 operators");
            assert!(long <= 3 * short + 12, "{op}: {short} then {long}");
        }
    }
}
