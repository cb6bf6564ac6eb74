//! `doctrine remedy --target`, resolved against the policy: a verdict (`compliant`), a name of
//! the outcome the policy decides by (`essential`), or `OUTCOME=VALUE` with the value written
//! as in a policy (`classification=essential`, `penalty=0`, `in_scope=false`). A name that is
//! not the policy's, or a value not of the outcome's type, is an error with a did-you-mean.

use crate::analysis::remedy::Target;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::language::program::{DecisionOf, Program};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::{SourceMap, Span};

/// The target `--target` names (`None`: no target given and none needed).
pub fn remedy_target(
    program: &Program,
    sources: &mut SourceMap,
    given: Option<&str>,
) -> Result<Option<Target>, Diagnostics> {
    let Some(text) = given else {
        return default(program).map_err(Diagnostics::from);
    };
    match text.split_once('=') {
        Some((name, value)) => outcome_value(program, sources, text, name, value).map(Some),
        None => named(program, text.trim())
            .map(Some)
            .map_err(Diagnostics::from),
    }
}

/// Without `--target`: any better verdict, or the decisions a policy deciding by an outcome
/// fails on, to leave; a policy that fails on none must be told what to reach.
fn default(program: &Program) -> Result<Option<Target>, Diagnostic> {
    let DecisionOf::Outcome {
        def,
        vocabulary,
        fails_on,
    } = &program.decision
    else {
        return Ok(None);
    };
    if !fails_on.is_empty() {
        return Ok(None);
    }
    let outcome = program
        .defs
        .get(*def as usize)
        .map_or("", |d| d.name.as_str());
    let names = super::names::decision_names(program);
    // A name a remedy could reach: neither undecided nor inapplicable.
    let roles = program
        .vocabularies
        .get(*vocabulary as usize)
        .map_or((None, None), |v| (v.undecided, v.inapplicable));
    let example = (0_u32..)
        .zip(&names)
        .find(|(rank, _)| roles.0 != Some(*rank) && roles.1 != Some(*rank))
        .map_or("NAME", |(_, name)| *name);
    Err(Diagnostic::error(
        "doctrine::cli",
        format!(
            "the policy decides by its outcome `{outcome}` and fails on none of its names: \
             say which value to reach with `--target`"
        ),
    )
    .with_help(format!(
        "for example `--target {example}` or `--target {outcome}={example}`; the names are: {}",
        names.join(", ")
    )))
}

/// `--target NAME`: a name of the decision's outcome, else a verdict.
fn named(program: &Program, name: &str) -> Result<Target, Diagnostic> {
    if let DecisionOf::Outcome {
        def, vocabulary, ..
    } = &program.decision
    {
        let names = super::names::decision_names(program);
        if let Some(member) = names.iter().position(|n| *n == name) {
            return Ok(Target::Outcome {
                def: *def,
                value: Value::Enum {
                    vocabulary: *vocabulary,
                    member: u32::try_from(member).unwrap_or(u32::MAX),
                },
            });
        }
        if super::names::verdict_rank(program, "--target", name).is_err() {
            let outcome = program
                .defs
                .get(*def as usize)
                .map_or("", |d| d.name.as_str());
            let help = did_you_mean(name, names.iter().copied()).unwrap_or_else(|| {
                format!(
                    "the decisions are: {}; `--target OUTCOME=VALUE` names an outcome's value",
                    names.join(", ")
                )
            });
            return Err(Diagnostic::error(
                "doctrine::cli",
                format!("`--target {name}`: not a name of the decision (`{outcome}`)"),
            )
            .with_help(help));
        }
    }
    super::names::verdict_rank(program, "--target", name).map(Target::Verdict)
}

/// `--target OUTCOME=VALUE`: an outcome of the policy, and a value of its type.
fn outcome_value(
    program: &Program,
    sources: &mut SourceMap,
    text: &str,
    name: &str,
    value: &str,
) -> Result<Target, Diagnostics> {
    let id = sources.add("--target", text.to_string());
    let name = name.trim();
    let outcomes = || {
        program
            .defs
            .iter()
            .filter(|d| d.outcome.is_some())
            .map(|d| d.name.as_str())
    };
    let Some(slot) = program
        .defs
        .iter()
        .position(|d| d.outcome.is_some() && d.name == name)
    else {
        let listed: Vec<&str> = outcomes().collect();
        let help = did_you_mean(name, outcomes()).unwrap_or_else(|| {
            if listed.is_empty() {
                String::from("the policy declares no outcome: `--target VERDICT` names a verdict")
            } else {
                format!("the outcomes are: {}", listed.join(", "))
            }
        });
        let start = text.len() - text.trim_start().len();
        return Err(Diagnostic::error(
            "doctrine::cli",
            format!("`--target {text}`: `{name}` is not an outcome of the policy"),
        )
        .with_label(Span::new(id, start, start + name.len()), "no such outcome")
        .with_help(help)
        .into());
    };
    let def = program
        .defs
        .get(slot)
        .ok_or_else(|| Diagnostic::error("doctrine::cli", "lost an outcome"))?;
    let ty = def.ty.required().clone();
    let help = format!(
        "`{name}` is `{}`: write its value as in a policy, for example `--target {name}={}`",
        program.type_name(&ty),
        example(program, &ty)
    );
    let in_target = |mut errors: Diagnostics| {
        for error in &mut errors.0 {
            error.message = format!("`--target {name}`: {}", error.message);
            error.help.get_or_insert_with(|| help.clone());
        }
        errors
    };
    // Pad the value so that its spans point into the whole option.
    let offset = text.len() - value.len();
    let padded = format!("{}{value}", " ".repeat(offset));
    let expr = crate::language::syntax::parse_value(&padded, id).map_err(in_target)?;
    let value =
        crate::language::check::constant_for(program, &expr, &ty, crate::eval::constant_or_reason)
            .map_err(in_target)?;
    Ok(Target::Outcome {
        def: u32::try_from(slot).unwrap_or(u32::MAX),
        value,
    })
}

/// An example value of a type, as a policy writes it.
fn example(program: &Program, ty: &Type) -> String {
    match ty {
        Type::Bool => String::from("true"),
        Type::Integer => String::from("3"),
        Type::Decimal => String::from("1_500"),
        Type::Text => String::from("\"…\""),
        Type::Date => String::from("2024-01-01"),
        Type::Duration => String::from("\"12 months\""),
        Type::Enum(v) => program
            .vocabularies
            .get(*v as usize)
            .and_then(|v| v.members.first())
            .map_or_else(|| String::from("name"), |m| m.name.clone()),
        Type::Set(inner) => format!("{{{}}}", example(program, inner)),
        Type::Optional(inner) => example(program, inner),
    }
}
