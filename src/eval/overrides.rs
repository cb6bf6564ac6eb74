//! Parameter overrides (`--set NAME=VALUE`): the value is written as in a policy file.

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::language::program::{ParamInfo, Program};
use crate::language::value::Value;
use crate::source::{SourceMap, Span};

/// One override: the parameter's slot, its value, and the value as written.
pub type Override = (u32, Value, String);

/// Parses `NAME=VALUE` against a program's parameters.
pub fn parse_override(
    program: &Program,
    assignment: &str,
    sources: &mut SourceMap,
) -> Result<Override, Diagnostics> {
    let id = sources.add("--set", assignment.to_string());
    let Some((name, value)) = assignment.split_once('=') else {
        return Err(Diagnostic::error(
            "doctrine::set",
            format!("`--set {assignment}`: expected NAME=VALUE"),
        )
        .with_label(Span::new(id, 0, assignment.len()), "no `=`")
        .with_help("for example: --set derogation_period=\"1 month\"")
        .into());
    };
    let name = name.trim();
    let Some(slot) = program.params.iter().position(|p| p.name == name) else {
        let help = did_you_mean(name, program.params.iter().map(|p| p.name.as_str()));
        let names: Vec<&str> = program.params.iter().map(|p| p.name.as_str()).collect();
        return Err(
            Diagnostic::error("doctrine::set", format!("unknown parameter `{name}`"))
                .with_label(Span::new(id, 0, name.len()), "no such parameter")
                .with_help(
                    help.unwrap_or_else(|| format!("the parameters are: {}", names.join(", "))),
                )
                .into(),
        );
    };
    let param = program
        .params
        .get(slot)
        .ok_or_else(|| Diagnostic::error("doctrine::set", "lost a parameter"))?;
    // A value quoted for a shell that did not take the quotes away: `"1 month"`.
    let trimmed = value.trim();
    let unquoted = trimmed.len() >= 2
        && trimmed.starts_with('"')
        && trimmed.ends_with('"')
        && param.ty != crate::language::types::Type::Text;
    let (value, offset) = if unquoted {
        let inner = trimmed.get(1..trimmed.len() - 1).unwrap_or("");
        (
            inner,
            assignment.len() - value.len() + (value.len() - value.trim_start().len()) + 1,
        )
    } else {
        (value, assignment.len() - value.len())
    };
    if let Some(error) = misshapen_date(program, name, param, value, offset, id) {
        return Err(error.into());
    }
    // Pad the value so that its spans point into the whole assignment.
    // Errors name the option, and say how to write the value when they do not.
    let in_set = |mut errors: Diagnostics| {
        let help = format!(
            "`{name}` is `{}`: write its value as in a policy, for example `{name}={}`",
            program.type_name(&param.ty),
            example(program, &param.ty)
        );
        for error in &mut errors.0 {
            error.message = format!("`--set {name}`: {}", error.message);
            error.help.get_or_insert_with(|| help.clone());
        }
        errors
    };
    let expr = crate::language::syntax::parse_value(&format!("{}{value}", " ".repeat(offset)), id)
        .map_err(in_set)?;
    let value_text = value.trim();
    let value =
        crate::language::check::constant_for(program, &expr, &param.ty, super::constant_or_reason)
            .map_err(in_set)?;
    in_range(param, &value, expr.span)?;
    Ok((
        u32::try_from(slot).unwrap_or(u32::MAX),
        value,
        value_text.to_string(),
    ))
}

/// Refuses a value outside the range the parameter declares (`at least 0 days`).
fn in_range(param: &ParamInfo, value: &Value, span: Span) -> Result<(), Diagnostics> {
    let Some(range) = &param.range else {
        return Ok(());
    };
    match range.refusal(value, crate::i18n::Lang::EN) {
        Some(refusal) => {
            let (name, words) = (&param.name, range.words());
            Err(
                Diagnostic::error("doctrine::set", format!("`--set {name}` {refusal}"))
                    .with_label(span, format!("not {words}"))
                    .with_help(format!("the policy declares `{name}` {words}"))
                    .into(),
            )
        }
        _ => Ok(()),
    }
}

/// A date parameter given a day in the shape of a date but not of four (or more), two and
/// two digits (`2024-1-1`): the language would read it as a subtraction of whole numbers and
/// say "found integer"; say instead that it is no date.
fn misshapen_date(
    program: &Program,
    name: &str,
    param: &crate::language::program::ParamInfo,
    value: &str,
    offset: usize,
    id: crate::source::FileId,
) -> Option<Diagnostic> {
    if *param.ty.required() != crate::language::types::Type::Date {
        return None;
    }
    let text = value.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    // A year of more than four digits is a date literal the language itself refuses.
    let long_year = lengths.first().is_some_and(|year| *year > 4);
    if parts.len() != 3 || !parts.iter().all(digits) || lengths == [4, 2, 2] || long_year {
        return None;
    }
    let start = offset + (value.len() - value.trim_start().len());
    let what = "a date is written YYYY-MM-DD";
    Some(
        Diagnostic::error(
            "doctrine::set",
            format!("`--set {name}`: `{text}` is not a date: {what}"),
        )
        .with_label(Span::new(id, start, start + text.len()), "not a date")
        .with_help(format!(
            "`{name}` is `{}`: a day from 0000-01-01 to 9999-12-31, written YYYY-MM-DD, \
             for example `{name}=2024-01-01`",
            program.type_name(&param.ty)
        )),
    )
}

/// An example value of a type, as a policy writes it.
fn example(program: &Program, ty: &crate::language::types::Type) -> String {
    use crate::language::types::Type;
    let member = |v: u32| {
        program
            .vocabularies
            .get(v as usize)
            .and_then(|v| v.members.first())
            .map_or_else(|| String::from("name"), |m| m.name.clone())
    };
    match ty.required() {
        Type::Bool => String::from("true"),
        Type::Integer => String::from("3"),
        Type::Decimal => String::from("1_500_000"),
        Type::Text => String::from("\"…\""),
        Type::Date => String::from("2024-01-01"),
        Type::Duration => String::from("12 months"),
        Type::Enum(v) => member(*v),
        Type::Set(inner) => format!("{{{}}}", example(program, inner)),
        Type::Optional(inner) => example(program, inner),
    }
}

/// A parameter's value on a day under `--set` overrides: a computed parameter one of whose
/// inputs is set is computed again. `None` when no text in force gives it a value.
pub fn param_value(
    program: &Program,
    slot: u32,
    day: jiff::civil::Date,
    overrides: &[Override],
) -> Result<Option<Value>, super::EvalError> {
    let texts = super::texts_in_force(program, day);
    let context = super::expr::Context::new(program, &[], day, texts, overrides);
    if let Some((_, Err(error))) = context.derived.iter().find(|(s, _)| *s == slot) {
        return Err(error.clone());
    }
    let in_force = program
        .params
        .get(slot as usize)
        .is_some_and(|p| p.versions.at(texts).is_some());
    Ok(context.param(slot).filter(|_| in_force).cloned())
}
