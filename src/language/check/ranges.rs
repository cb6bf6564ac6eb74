//! Ranges of facts and parameters: bounds of the declared type, the lower one not above
//! the upper one, and every value the policy writes (a default, a parameter's values,
//! dated or amended) inside.

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::language::ast;
use crate::language::range::Range;
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::Span;

const CODE: &str = "doctrine::check::range";

impl Checker<'_> {
    /// Checks a written range against the type of what it bounds; `None` when there is no
    /// range or it is wrong (the error is reported).
    pub(super) fn resolve_range(
        &mut self,
        range: Option<&ast::RangeExpr>,
        ty: &Type,
    ) -> Option<Range> {
        let range = range?;
        let bounded = ty.required();
        if !matches!(
            bounded,
            Type::Integer | Type::Decimal | Type::Duration | Type::Date
        ) {
            let type_name = self.type_words(ty);
            self.error(
                Diagnostic::error(
                    CODE,
                    format!("a range bounds a number, a duration or a date, not `{type_name}`"),
                )
                .with_label(range.span, "a range on this type")
                .with_help(
                    "ranges apply to integer, decimal, duration and date facts and parameters",
                ),
            );
            return None;
        }
        let min = match &range.min {
            Some(bound) => Some(self.constant(bound, bounded)?),
            None => None,
        };
        let max = match &range.max {
            Some(bound) => Some(self.constant(bound, bounded)?),
            None => None,
        };
        let checked = Range { min, max };
        if checked.is_empty() {
            self.error(
                Diagnostic::error(
                    CODE,
                    "the lower bound of this range is above its upper bound",
                )
                .with_label(range.span, "no value lies in this range")
                .with_help("write the lower bound first: `between LOW and HIGH`"),
            );
            return None;
        }
        Some(checked)
    }

    /// Reports a value the policy writes outside the range of what it is the value of.
    pub(super) fn check_in_range(
        &mut self,
        range: Option<&Range>,
        value: &Value,
        span: Span,
        what: &str,
    ) {
        let Some(range) = range else {
            return;
        };
        if !range.contains(value) {
            self.error(
                Diagnostic::error(
                    CODE,
                    format!(
                        "this value is outside the range of {what}: {}",
                        range.words()
                    ),
                )
                .with_label(span, format!("not {}", range.words())),
            );
        }
    }

    /// A replacement of a parameter keeps its range: it may leave the range out (the
    /// declared one holds) or restate it, not change it.
    pub(super) fn same_range(
        &mut self,
        decl: &ast::ParamDecl,
        declared: Option<&ast::ParamDecl>,
        range: Option<&Range>,
        ty: &Type,
    ) {
        let (Some(written), Some(first)) = (&decl.range, declared) else {
            return;
        };
        if std::ptr::eq(decl, first) {
            return;
        }
        let Some(own) = self.resolve_range(Some(written), ty) else {
            return;
        };
        if range != Some(&own) {
            let mut diagnostic = Diagnostic::error(
                CODE,
                format!(
                    "this replacement changes the range of the parameter `{}`",
                    decl.name.name
                ),
            )
            .with_label(written.span, "a different range")
            .with_help("a replacement keeps the parameter's range: leave it out or restate it");
            if let Some(first_range) = &first.range {
                diagnostic = diagnostic.with_label(first_range.span, "declared here first");
            }
            self.error(diagnostic);
        }
    }

    fn type_words(&self, ty: &Type) -> String {
        let names: Vec<String> = self.vocabularies.iter().map(|v| v.name.clone()).collect();
        ty.display(&names).to_string()
    }
}
