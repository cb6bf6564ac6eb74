//! The languages a program's texts are written in, in the order a reader meets them.

use crate::language::ast::Lang;
use crate::language::program::{Localized, Message, Program, Versioned};

/// Every language the policy writes a label or message in: the title's first, then the
/// others in the order of the items.
pub fn written(program: &Program) -> Vec<Lang> {
    let mut all: Vec<Lang> = Vec::new();
    let label =
        |l: &Localized, all: &mut Vec<Lang>| all.extend(l.texts.iter().map(|(lang, _)| *lang));
    let message = |m: Option<&Message>, all: &mut Vec<Lang>| {
        all.extend(m.into_iter().flat_map(Message::langs))
    };
    label(&program.title, &mut all);
    for text in &program.texts {
        label(&text.title, &mut all);
    }
    for vocabulary in &program.vocabularies {
        label(&vocabulary.label, &mut all);
        for member in &vocabulary.members {
            label(&member.label, &mut all);
        }
    }
    for fact in &program.facts {
        label(&fact.label, &mut all);
    }
    for param in &program.params {
        for body in bodies(&param.versions) {
            label(&body.label, &mut all);
        }
    }
    for def in &program.defs {
        for l in bodies(&def.labels) {
            label(l, &mut all);
        }
    }
    for rule in &program.rules {
        for body in bodies(&rule.versions) {
            label(&body.title, &mut all);
            message(body.message.as_ref(), &mut all);
            message(body.satisfied.as_ref(), &mut all);
        }
    }
    for exception in &program.exceptions {
        for body in bodies(&exception.versions) {
            label(&body.title, &mut all);
            message(body.message.as_ref(), &mut all);
            message(body.expired.as_ref(), &mut all);
        }
    }
    for remark in &program.remarks {
        for body in bodies(&remark.versions) {
            label(&body.title, &mut all);
            message(Some(&body.message), &mut all);
        }
    }
    let mut out: Vec<Lang> = Vec::new();
    for lang in all {
        if !out.contains(&lang) {
            out.push(lang);
        }
    }
    out
}

fn bodies<T>(versioned: &Versioned<T>) -> impl Iterator<Item = &T> {
    versioned
        .versions
        .iter()
        .filter_map(|(_, body)| body.as_ref())
}
