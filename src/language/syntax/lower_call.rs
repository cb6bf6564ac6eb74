//! Lowering of a call by name (`max(a, b)`, `round(x, to 0.01, half even)`): the grammar
//! takes any name, and this refuses one that is no function, saying which exist.

use pest::iterators::Pair;

use super::grammar::Rule;
use super::lower_expr::{ident, lower_expr, span_of, syntax_error};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::language::ast::{Expr, ExprKind};
use crate::language::functions::{CALLABLE, Call, FunctionName, RoundMode};
use crate::source::{FileId, Span};

/// Lowers a `call_named` pair spanning `span`.
pub(super) fn lower_call(
    pair: Pair<'_, Rule>,
    span: Span,
    file: FileId,
) -> Result<Expr, Diagnostic> {
    let mut parts = pair.into_inner();
    let name = parts
        .next()
        .map(|p| ident(&p, file))
        .ok_or_else(|| syntax_error(span, "expected a function's name", "here"))?;
    let Some(function) = FunctionName::from_name(&name.name) else {
        return Err(unknown_function(&name.name, name.span));
    };
    let mut call = Call {
        function,
        name_span: name.span,
        args: Vec::new(),
        step: None,
        mode: None,
    };
    for part in parts {
        // A mode's pair may hold the spaces before the `,` or `)` it looks for.
        let part_span = match part.as_rule() {
            Rule::round_mode => part.clone().into_inner().last().map_or_else(
                || span_of(&part, file),
                |last| {
                    let (whole, last) = (span_of(&part, file), span_of(&last, file));
                    Span::new(file, whole.start as usize, last.end as usize)
                },
            ),
            _ => span_of(&part, file),
        };
        let word = part.as_str().trim();
        match part.as_rule() {
            Rule::expr => call.args.push(lower_expr(part, file)?),
            Rule::round_step if function == FunctionName::Round && call.step.is_none() => {
                let step = part
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::expr)
                    .ok_or_else(|| syntax_error(part_span, "expected a step", "here"))?;
                call.step = Some(Box::new(lower_expr(step, file)?));
            }
            // The first argument is always a value: `round(up)` rounds a fact named `up`.
            Rule::round_mode if call.args.is_empty() && matches!(word, "up" | "down") => {
                call.args.push(Expr {
                    kind: ExprKind::Path(word.to_string()),
                    span: part_span,
                });
            }
            Rule::round_mode if function == FunctionName::Round && call.mode.is_none() => {
                call.mode = Some((mode(word), part_span));
            }
            // `up` and `down` are names anywhere but among `round`'s options.
            Rule::round_mode if matches!(word, "up" | "down") => call.args.push(Expr {
                kind: ExprKind::Path(word.to_string()),
                span: part_span,
            }),
            Rule::round_step | Rule::round_mode => {
                let what = if part.as_rule() == Rule::round_step {
                    "step (`to …`)"
                } else {
                    "rounding mode"
                };
                let help = if function == FunctionName::Round {
                    "`round` takes one step and one mode: `round(x, to 0.01, half even)`"
                } else {
                    "only `round` takes a step and a mode: `round(x, to 0.01, half even)`"
                };
                return Err(syntax_error(
                    part_span,
                    format!("`{}` takes no {what}", function.name()),
                    "not expected here",
                )
                .with_help(help));
            }
            _ => {}
        }
    }
    arity(&call, span)?;
    Ok(Expr {
        kind: ExprKind::Call(call),
        span,
    })
}

/// A rounding mode as written (`half  even`: the words may stand apart).
fn mode(written: &str) -> RoundMode {
    let words: Vec<&str> = written.split_whitespace().collect();
    match words.as_slice() {
        ["half", "down"] => RoundMode::HalfDown,
        ["half", "even"] => RoundMode::HalfEven,
        ["half", ..] => RoundMode::HalfUp,
        ["up"] => RoundMode::Up,
        _ => RoundMode::Down,
    }
}

/// Refuses a call with too few or too many arguments.
fn arity(call: &Call, span: Span) -> Result<(), Diagnostic> {
    let count = call.args.len();
    let name = call.function.name();
    let (ok, expected) = match call.function {
        FunctionName::Min | FunctionName::Max => (count >= 2, "two values or more"),
        FunctionName::Abs => (count == 1, "one value"),
        FunctionName::Round => (count == 1, "one value, then `to STEP` and a mode if needed"),
    };
    if ok {
        return Ok(());
    }
    let example = match call.function {
        FunctionName::Min => "min(a, b)",
        FunctionName::Max => "max(a, b)",
        FunctionName::Abs => "abs(x)",
        FunctionName::Round => "round(x, to 0.01, half even)",
    };
    Err(Diagnostic::error(
        "doctrine::syntax::arguments",
        format!("`{name}` takes {expected}, not {count}"),
    )
    .with_label(span, format!("{count} given"))
    .with_help(format!("for example `{example}`")))
}

/// The error for a call of a name that is no function.
pub(super) fn unknown_function(name: &str, span: Span) -> Diagnostic {
    let mut help = format!("the functions are: {}", CALLABLE.join(", "));
    if let Some(close) = did_you_mean(name, CALLABLE) {
        help = format!("{close} ({help})");
    }
    Diagnostic::error(
        "doctrine::syntax::unknown_function",
        format!("`{name}` is not a function"),
    )
    .with_label(span, "no function has this name")
    .with_help(help)
}
