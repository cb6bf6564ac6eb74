//! Calls by name: `min`, `max` (numbers, dates, durations), `abs` and `round` (numbers).

use super::Checker;
use super::expr::Scope;
use super::operators::unify;
use crate::diagnostic::Diagnostic;
use crate::language::functions::{Call, Function, FunctionName, RoundMode};
use crate::language::program::{CExpr, CKind};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::Span;

const CODE: &str = "doctrine::check::type";

impl Checker<'_> {
    /// Checks a call by name; an argument that may be not set makes the result so.
    pub(super) fn call(
        &mut self,
        call: &Call,
        span: Span,
        hint: Option<&Type>,
        scope: &mut Scope,
    ) -> Option<CExpr> {
        let number_hint = hint.filter(|h| h.required().is_number());
        let mut args = Vec::new();
        let mut failed = false;
        for arg in &call.args {
            match self.expr(arg, number_hint, scope) {
                Some(checked) => args.push(checked),
                None => failed = true,
            }
        }
        if failed {
            return None;
        }
        let name = call.function.name();
        let mut ty: Option<Type> = None;
        for arg in &args {
            let required = arg.ty.required();
            let allowed = match call.function {
                FunctionName::Min | FunctionName::Max => {
                    required.is_number() || matches!(required, Type::Date | Type::Duration)
                }
                FunctionName::Abs | FunctionName::Round => required.is_number(),
            };
            if !allowed {
                let expected = match call.function {
                    FunctionName::Min | FunctionName::Max => {
                        format!("a number, a date or a duration for `{name}`")
                    }
                    _ => format!("a number for `{name}`"),
                };
                self.mismatch(arg.span, &expected, &arg.ty);
                return None;
            }
            ty = match ty {
                None => Some(required.clone()),
                Some(so_far) => match unify(&so_far, required) {
                    Some(unified) => Some(unified),
                    None => {
                        let expected =
                            format!("`{}` like the first value", self.type_name(&so_far));
                        self.mismatch(arg.span, &expected, &arg.ty);
                        return None;
                    }
                },
            };
        }
        let mut ty = ty?;
        if args.iter().any(|a| a.ty.is_optional()) {
            ty = Type::Optional(Box::new(ty));
        }
        let function = match call.function {
            FunctionName::Min => Function::Min,
            FunctionName::Max => Function::Max,
            FunctionName::Abs => Function::Abs,
            FunctionName::Round => Function::Round {
                step: match &call.step {
                    Some(step) => self.round_step(step)?,
                    None => rust_decimal::Decimal::ONE,
                },
                mode: call.mode.map_or(RoundMode::HalfUp, |(mode, _)| mode),
            },
        };
        Some(CExpr {
            kind: CKind::Call(function, args),
            ty,
            span,
        })
    }

    /// The step of `round(x, to STEP)`: a positive constant number.
    fn round_step(&mut self, step: &crate::language::ast::Expr) -> Option<rust_decimal::Decimal> {
        let value = self.constant(step, &Type::Decimal)?;
        let step_value = match value {
            Value::Decimal(d) => d,
            Value::Integer(i) => rust_decimal::Decimal::from(i),
            _ => return None,
        };
        if step_value <= rust_decimal::Decimal::ZERO {
            self.error(
                Diagnostic::error(CODE, "a rounding step must be above zero")
                    .with_label(step.span, format!("this is {step_value}"))
                    .with_help("round to a positive amount: `to 1`, `to 0.01`, `to 1000`"),
            );
            return None;
        }
        Some(step_value)
    }
}
