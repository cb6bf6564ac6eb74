//! Labels, messages and citations, and the languages they are written in.

use super::Checker;
use super::expr::Scope;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::i18n::Lang;
use crate::language::ast::{self, Segment};
use crate::language::program::{Citation, Localized, Message, MessageSegment, Program, Versioned};

impl Checker<'_> {
    /// A label without interpolation.
    pub(crate) fn localized(&self, label: &ast::Label) -> Localized {
        let mut localized = Localized::default();
        for (lang, string) in &label.parts {
            let text = string
                .segments
                .iter()
                .map(|segment| match segment {
                    Segment::Text(text) => text.clone(),
                    Segment::Expr(expr) => format!("{{{:?}}}", expr.span),
                })
                .collect::<String>();
            localized.set(*lang, text);
        }
        localized
    }

    /// A label that must not interpolate (titles, labels): reports interpolations.
    pub(super) fn plain_label(&mut self, label: &ast::Label) -> Localized {
        for (_, string) in &label.parts {
            if string.plain().is_none() {
                self.error(
                    Diagnostic::error(
                        "doctrine::check",
                        "a title or label cannot interpolate `{…}`",
                    )
                    .with_label(string.span, "interpolation in a title")
                    .with_help(
                        "write `{{` for a literal brace, or move the value into the message",
                    ),
                );
            }
        }
        self.localized(label)
    }

    /// A message: each interpolated expression is checked in `scope`.
    pub(super) fn message(&mut self, label: &ast::Label, scope: &mut Scope) -> Message {
        let mut message = Message::default();
        // The parser refuses a language given twice.
        for (lang, string) in &label.parts {
            let segments = self.segments(&string.segments, scope);
            message.parts.push((*lang, segments));
        }
        message
    }

    /// Checks the segments of a string.
    pub(super) fn segments(
        &mut self,
        segments: &[Segment],
        scope: &mut Scope,
    ) -> Vec<MessageSegment> {
        segments
            .iter()
            .filter_map(|segment| match segment {
                Segment::Text(text) => Some(MessageSegment::Text(text.clone())),
                Segment::Expr(expr) => self.expr(expr, None, scope).map(MessageSegment::Expr),
            })
            .collect()
    }

    /// Citations: each key must be a declared source.
    pub(super) fn citations(&mut self, cites: &[ast::Citation]) -> Vec<Citation> {
        let mut out = Vec::new();
        for citation in cites {
            match self.source_index.get(&citation.key.name) {
                Some(&source) => out.push(Citation {
                    source,
                    pinpoint: citation.pinpoint.as_ref().and_then(|p| p.plain()),
                }),
                None => {
                    let help = did_you_mean(
                        &citation.key.name,
                        self.source_index.keys().map(String::as_str),
                    );
                    self.error(
                        Diagnostic::error(
                            "doctrine::check::unknown_source",
                            format!("unknown source `{}`", citation.key.name),
                        )
                        .with_label(citation.key.span, "not declared with `source`")
                        .with_help(help.unwrap_or_else(|| {
                            String::from("declare it in the header: `source KEY \"title\"`")
                        })),
                    );
                }
            }
        }
        out
    }
}

/// Every language the policy writes a label or message in: the title's first, then the
/// others in the order of the items.
pub(crate) fn languages_written(program: &Program) -> Vec<Lang> {
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
