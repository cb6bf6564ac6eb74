//! Documentation lints: rules and exceptions that cite no source, and titles or messages
//! missing a language that the policy otherwise writes them in.

use super::warning;
use crate::diagnostic::Diagnostic;
use crate::language::ast::Lang;
use crate::language::program::{Localized, Message, Program};
use crate::source::Span;

/// A rule or exception that cites no source.
pub const MISSING_CITATION: &str = "doctrine::lint::missing_citation";
/// A title or message missing a language the policy writes its other texts in.
pub const MISSING_LANGUAGE: &str = "doctrine::lint::missing_language";

/// The documentation lints, on the version of each item in force once every text is.
pub(crate) fn lint(program: &Program) -> Vec<Diagnostic> {
    let all = program.texts.len();
    let mut found = Vec::new();
    let mut texts: Vec<(String, Span, Vec<Lang>)> = Vec::new();
    let rules = program.rules.iter().filter_map(|r| {
        let b = r.versions.at(all)?;
        let parts = (&b.title, &b.message, ("satisfied message", &b.satisfied));
        Some(("rule", &r.id, r.span, b.cites.is_empty(), parts))
    });
    let exceptions = program.exceptions.iter().filter_map(|x| {
        let b = x.versions.at(all)?;
        let parts = (&b.title, &b.message, ("expired message", &b.expired));
        Some(("exception", &x.id, x.span, b.cites.is_empty(), parts))
    });
    for (kind, id, span, cites_nothing, (title, message, other)) in rules.chain(exceptions) {
        if cites_nothing {
            found.push(uncited(kind, id, span));
        }
        texts.push((format!("the title of {kind} `{id}`"), span, of_label(title)));
        for (what, message) in [("message", message), other] {
            if let Some(message) = message {
                texts.push((
                    format!("the {what} of {kind} `{id}`"),
                    span,
                    of_message(message),
                ));
            }
        }
    }
    for remark in &program.remarks {
        let Some(body) = remark.versions.at(all) else {
            continue;
        };
        let id = &remark.id;
        texts.push((
            format!("the title of `{id}`"),
            remark.span,
            of_label(&body.title),
        ));
        texts.push((
            format!("the message of `{id}`"),
            remark.span,
            of_message(&body.message),
        ));
    }
    // Only a policy that writes a text in several languages is expected to write each
    // text in every language it uses.
    if texts.iter().any(|(_, _, langs)| langs.len() > 1) {
        let help = |lang: Lang| match program.languages.len() {
            2 => format!("the policy writes both languages elsewhere: add `{lang} \"…\"`"),
            _ => format!(
                "the policy writes {} elsewhere: add `{lang} \"…\"`",
                language_name(lang)
            ),
        };
        for (what, span, langs) in texts {
            if langs.is_empty() {
                continue;
            }
            for &lang in program.languages.iter().filter(|l| !langs.contains(l)) {
                found.push(warning(
                    MISSING_LANGUAGE,
                    format!("{what} has no {} text", language_name(lang)),
                    span,
                    "declared here",
                    help(lang),
                ));
            }
        }
    }
    found
}

fn uncited(kind: &str, id: &str, span: Span) -> Diagnostic {
    warning(
        MISSING_CITATION,
        format!("the {kind} `{id}` cites no source"),
        span,
        "cites nothing",
        String::from("say where it comes from: `cites SOURCE \"article …\"` after its title"),
    )
}

/// A language's English name when it is a common one, else its tag: `French`, `` `pt-BR` ``.
fn language_name(lang: Lang) -> String {
    let name = match lang.code() {
        "fr" => "French",
        "en" => "English",
        "de" => "German",
        "es" => "Spanish",
        "it" => "Italian",
        "nl" => "Dutch",
        "pt" => "Portuguese",
        _ => return format!("`{lang}`"),
    };
    name.to_string()
}

/// The languages a label is written in.
fn of_label(label: &Localized) -> Vec<Lang> {
    label.texts.iter().map(|(lang, _)| *lang).collect()
}

/// The languages a message is written in.
fn of_message(message: &Message) -> Vec<Lang> {
    message.langs().collect()
}
