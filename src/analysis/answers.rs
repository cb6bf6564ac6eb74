//! Answers to questions, as a person types them: checked against the fact's type and
//! turned into values, or refused with what was expected.

use crate::analysis::questions::Question;
use crate::language::ast::Lang;
use crate::language::program::Program;
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::SourceMap;

/// The value an answer gives, or why it is not one. `true`/`false` (also `yes`/`no`,
/// `oui`/`non`), a name of the vocabulary or its number in the list of choices, names
/// separated by commas for a set (`[]` for none), numbers, days and durations as a policy
/// writes them, any text for a text.
pub fn parse(
    program: &Program,
    question: &Question,
    answer: &str,
    lang: Lang,
) -> Result<Value, String> {
    let answer = answer.trim();
    match &question.ty {
        Type::Bool => match answer.to_lowercase().as_str() {
            "true" | "yes" | "y" | "oui" | "o" | "vrai" | "1" => Ok(Value::Bool(true)),
            "false" | "no" | "n" | "non" | "faux" | "2" => Ok(Value::Bool(false)),
            _ => Err(expected(lang, answer, "true, false")),
        },
        Type::Enum(_) => choice(question, answer, lang),
        Type::Set(_) => {
            let inner = answer
                .trim_start_matches(['[', '{'])
                .trim_end_matches([']', '}']);
            let mut items = Vec::new();
            for part in inner.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
                items.push(choice(question, part.trim(), lang)?);
            }
            Ok(Value::set_of(items))
        }
        Type::Text => Ok(Value::Text(answer.into())),
        ty => literal(program, ty, answer, lang)
            .and_then(|value| in_range(program, question, value, answer, lang)),
    }
}

/// Refuses a value outside the range the fact declares (`at least 0`).
fn in_range(
    program: &Program,
    question: &Question,
    value: Value,
    answer: &str,
    lang: Lang,
) -> Result<Value, String> {
    let range = program
        .facts
        .get(question.slot as usize)
        .and_then(|f| f.range.as_ref());
    match range.and_then(|range| range.refusal(&value, lang)) {
        Some(why) => {
            let args = [("answer", answer.into()), ("why", why.into())];
            Err(crate::i18n::words(lang).format("answer-refused", &args))
        }
        None => Ok(value),
    }
}

/// One name of a question's choices, by name or by its number in the list.
fn choice(question: &Question, answer: &str, lang: Lang) -> Result<Value, String> {
    let vocabulary = match &question.ty {
        Type::Enum(v) => *v,
        Type::Set(inner) => match inner.as_ref() {
            Type::Enum(v) => *v,
            _ => return Err(String::from("?")),
        },
        _ => return Err(String::from("?")),
    };
    let by_number = answer
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .filter(|n| *n < question.choices.len());
    let index = by_number.or_else(|| question.choices.iter().position(|c| c.name == answer));
    match index {
        Some(member) => Ok(Value::Enum {
            vocabulary,
            member: u32::try_from(member).unwrap_or(u32::MAX),
        }),
        None => {
            let names: Vec<&str> = question.choices.iter().map(|c| c.name.as_str()).collect();
            let mut message = expected(lang, answer, &names.join(", "));
            if let Some(hint) = crate::diagnostic::did_you_mean(answer, names.iter().copied()) {
                message = format!("{message} ({hint})");
            }
            Err(message)
        }
    }
}

/// A number, day or duration written as in a policy.
fn literal(program: &Program, ty: &Type, answer: &str, lang: Lang) -> Result<Value, String> {
    let mut sources = SourceMap::new();
    let file = sources.add("answer", answer.to_string());
    let names: Vec<String> = program
        .vocabularies
        .iter()
        .map(|v| v.name.clone())
        .collect();
    let shape = match ty {
        Type::Integer => "2, 1_000",
        Type::Decimal => "0.5, 1_000_000, 50%",
        Type::Date => "2021-07-05",
        Type::Duration => "12 months, 30 days, 2 years",
        _ => "",
    };
    let wanted = format!("{} ({shape})", ty.display(&names));
    crate::language::syntax::parse_value(answer, file)
        .and_then(|expr| {
            crate::language::check::constant_for(
                program,
                &expr,
                ty,
                crate::eval::constant_or_reason,
            )
        })
        .map_err(|_| expected(lang, answer, &wanted))
}

fn expected(lang: Lang, answer: &str, wanted: &str) -> String {
    let args = [("answer", answer.into()), ("expected", wanted.into())];
    crate::i18n::words(lang).format("answer-invalid", &args)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        reason = "tests may unwrap"
    )]

    use super::*;
    use crate::analysis::questions::choices;

    fn program() -> Program {
        let mut sources = SourceMap::new();
        let file = sources.add(
            "p.doctrine",
            "policy p text p1 in force from 2020-01-01
             verdicts no yes as satisfied unsure as undecided out as inapplicable
             vocabulary colour red green blue
             fact a: bool fact c: colour fact s: set of colour fact n: decimal at least 0
             fact d: date fact k: duration
             rule R requires a and c = red and s is empty and n > 1 and d > 2020-01-01
                 and k > 1 month otherwise no"
                .to_string(),
        );
        crate::compile(&sources, &[file]).unwrap()
    }

    fn ask(program: &Program, slot: usize, answer: &str) -> Result<Value, String> {
        let fact = &program.facts[slot];
        let ty = fact.ty.required().clone();
        let question = Question {
            slot: u32::try_from(slot).unwrap(),
            fact: fact.path.clone(),
            label: fact.label.clone(),
            type_name: String::new(),
            choices: choices(program, &ty),
            rules: Vec::new(),
            scope: false,
            outcomes: None,
            ty,
        };
        parse(program, &question, answer, Lang::EN)
    }

    #[test]
    fn answers_of_each_type() {
        let p = program();
        assert_eq!(ask(&p, 0, "oui"), Ok(Value::Bool(true)));
        assert_eq!(ask(&p, 0, "No"), Ok(Value::Bool(false)));
        assert!(ask(&p, 0, "maybe").is_err());
        let green = Value::Enum {
            vocabulary: 1,
            member: 1,
        };
        assert_eq!(ask(&p, 1, "green"), Ok(green.clone()));
        assert_eq!(ask(&p, 1, "2"), Ok(green.clone()));
        assert!(
            ask(&p, 1, "4")
                .unwrap_err()
                .contains("expected red, green, blue")
        );
        assert!(
            ask(&p, 1, "gren")
                .unwrap_err()
                .contains("did you mean `green`?")
        );
        assert_eq!(ask(&p, 2, "[]"), Ok(Value::set_of(Vec::new())));
        let both = Value::set_of(vec![
            Value::Enum {
                vocabulary: 1,
                member: 2,
            },
            green,
        ]);
        assert_eq!(ask(&p, 2, "blue, green"), Ok(both.clone()));
        assert_eq!(ask(&p, 2, "{green, 3}"), Ok(both));
        assert_eq!(
            ask(&p, 3, "1_000.5"),
            Ok(Value::Decimal("1000.5".parse().unwrap()))
        );
        assert!(ask(&p, 3, "many").is_err());
        assert!(
            ask(&p, 3, "-1")
                .unwrap_err()
                .contains("is not an answer: must be at least 0, found -1")
        );
        assert_eq!(
            ask(&p, 4, "2021-07-05"),
            Ok(Value::Date("2021-07-05".parse().unwrap()))
        );
        assert!(ask(&p, 4, "2021-02-30").is_err());
        assert!(ask(&p, 5, "12 months").is_ok());
    }
}
