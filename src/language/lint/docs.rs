//! Documentation lints: rules and exceptions that cite no source, and titles or messages
//! missing French or English in a policy that otherwise speaks both.

use super::warning;
use crate::ast::Lang;
use crate::diagnostic::Diagnostic;
use crate::program::{Localized, Message, Program};
use crate::source::Span;

/// A rule or exception that cites no source.
pub const MISSING_CITATION: &str = "doctrine::lint::missing_citation";
/// A title or message in one language only, in a bilingual policy.
pub const MISSING_LANGUAGE: &str = "doctrine::lint::missing_language";

/// The documentation lints, on the version of each item in force once every text is.
pub(crate) fn lint(program: &Program) -> Vec<Diagnostic> {
    let all = program.texts.len();
    let mut found = Vec::new();
    let mut texts: Vec<(String, Span, Languages)> = Vec::new();
    for rule in &program.rules {
        let Some(body) = rule.versions.at(all) else {
            continue;
        };
        if body.cites.is_empty() {
            found.push(uncited("rule", &rule.id, rule.span));
        }
        texts.push((
            format!("the title of rule `{}`", rule.id),
            rule.span,
            of_label(&body.title),
        ));
        for (what, message) in [
            ("message", &body.message),
            ("satisfied message", &body.satisfied),
        ] {
            if let Some(message) = message {
                texts.push((
                    format!("the {what} of rule `{}`", rule.id),
                    rule.span,
                    of_message(message),
                ));
            }
        }
    }
    for exception in &program.exceptions {
        let Some(body) = exception.versions.at(all) else {
            continue;
        };
        if body.cites.is_empty() {
            found.push(uncited("exception", &exception.id, exception.span));
        }
        let id = &exception.id;
        texts.push((
            format!("the title of exception `{id}`"),
            exception.span,
            of_label(&body.title),
        ));
        for (what, message) in [
            ("message", &body.message),
            ("expired message", &body.expired),
        ] {
            if let Some(message) = message {
                texts.push((
                    format!("the {what} of exception `{id}`"),
                    exception.span,
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
    // Only a policy that writes both languages somewhere is expected to write both everywhere.
    let bilingual = texts.iter().any(|(_, _, l)| l.fr && l.en);
    if bilingual {
        for (what, span, languages) in texts {
            let missing = match (languages.fr, languages.en) {
                (true, false) => Lang::En,
                (false, true) => Lang::Fr,
                _ => continue,
            };
            let (name, keyword) = match missing {
                Lang::Fr => ("French", "fr"),
                Lang::En => ("English", "en"),
            };
            found.push(warning(
                MISSING_LANGUAGE,
                format!("{what} has no {name} text"),
                span,
                "declared here",
                format!("the policy writes both languages elsewhere: add `{keyword} \"…\"`"),
            ));
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

/// Which languages a text is written in.
#[derive(Clone, Copy, Debug)]
struct Languages {
    fr: bool,
    en: bool,
}

fn of_label(label: &Localized) -> Languages {
    Languages {
        fr: label.fr.is_some(),
        en: label.en.is_some(),
    }
}

fn of_message(message: &Message) -> Languages {
    let has = |lang| message.parts.iter().any(|(l, _)| *l == Some(lang));
    Languages {
        fr: has(Lang::Fr),
        en: has(Lang::En),
    }
}
