//! Conflicts between amendments that come into force on the same day: nothing says which
//! applies first, so two of them must not add, replace or repeal the same item.

use std::collections::HashMap;

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::language::ast::{Action, Decl, Ident, Item, ItemKind, RemarkKind};
use crate::source::Span;

const CODE: &str = "doctrine::check::amendment_conflict";

/// What an amendment's item touches: the same key in two texts of one day is a conflict.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Item(ItemKind, String),
    Scope,
    Fact(String),
    Vocabulary(String),
}

impl Key {
    /// The item as a message names it.
    fn describe(&self) -> String {
        match self {
            Key::Item(kind, name) => {
                let kind = match kind {
                    ItemKind::Param => "parameter",
                    ItemKind::Def => "definition",
                    ItemKind::Rule => "rule",
                    ItemKind::Exception => "exception",
                    ItemKind::Advice => "advice",
                    ItemKind::Note => "note",
                };
                format!("the {kind} `{name}`")
            }
            Key::Scope => String::from("the scope"),
            Key::Fact(path) => format!("the fact `{path}`"),
            Key::Vocabulary(name) => format!("the vocabulary `{name}`"),
        }
    }
}

/// One touch of an item: which text, where, and how (`added`, `replaced`, `repealed`).
#[derive(Clone, Copy)]
struct Touch {
    text: u32,
    span: Span,
    verb: &'static str,
}

/// The key an item touches, where to point at it, and how it touches it.
fn touch(item: &Item) -> Option<(Key, Span, &'static str)> {
    let verb = match item.action {
        Action::Replace => "replaced",
        Action::Add | Action::Declare => "added",
    };
    let named = |kind: ItemKind, id: &Ident| (Key::Item(kind, id.name.clone()), id.span, verb);
    Some(match &item.decl {
        Decl::Param(p) => named(ItemKind::Param, &p.name),
        Decl::Def(d) => named(ItemKind::Def, &d.name),
        Decl::Rule(r) => named(ItemKind::Rule, &r.id),
        Decl::Exception(e) => named(ItemKind::Exception, &e.id),
        Decl::Remark(r) => match r.kind {
            RemarkKind::Advice => named(ItemKind::Advice, &r.id),
            RemarkKind::Note => named(ItemKind::Note, &r.id),
        },
        Decl::Repeal { kind, id } => (Key::Item(*kind, id.name.clone()), id.span, "repealed"),
        // Points at the keywords only: the condition may run over many lines.
        Decl::Scope(_) => {
            let keywords = if item.action == Action::Replace {
                "replace scope".len()
            } else {
                "scope".len()
            };
            let start = item.span.start as usize;
            (
                Key::Scope,
                Span::new(item.span.file, start, start + keywords),
                "replaced",
            )
        }
        Decl::Fact(f) => (Key::Fact(f.path.name.clone()), f.path.span, "added"),
        Decl::Vocabulary(v) => (Key::Vocabulary(v.name.name.clone()), v.name.span, "added"),
        Decl::Verdicts(_) | Decl::Total(_) | Decl::Decision(_) => return None,
    })
}

impl Checker<'_> {
    /// Reports every item that two amendments of the same day both touch, and marks the
    /// second touch to be skipped: the error is reported once, not again as "declared twice".
    pub(super) fn check_conflicts(&mut self) {
        let ordered = self.files_in_order();
        let mut by_day: Vec<(jiff::civil::Date, Vec<(u32, &crate::language::ast::File)>)> =
            Vec::new();
        for &(text, file) in ordered.iter().skip(1) {
            let day = file.header.in_force.date;
            match by_day.iter_mut().find(|(d, _)| *d == day) {
                Some((_, texts)) => texts.push((text, file)),
                None => by_day.push((day, vec![(text, file)])),
            }
        }
        for (day, texts) in by_day.iter().filter(|(_, texts)| texts.len() > 1) {
            let mut seen: HashMap<Key, Touch> = HashMap::new();
            for &(text, file) in texts {
                for item in &file.items {
                    let Some((key, span, verb)) = touch(item) else {
                        continue;
                    };
                    let here = Touch { text, span, verb };
                    match seen.get(&key) {
                        Some(first) if first.text != text => {
                            let first = *first;
                            self.conflict(&key, *day, first, here);
                            self.skipped.insert(item.span);
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(key, here);
                        }
                    }
                }
            }
        }
    }

    fn conflict(&mut self, key: &Key, day: jiff::civil::Date, first: Touch, second: Touch) {
        let id = |text: u32| {
            self.texts
                .get(text as usize)
                .map(|t| t.id.clone())
                .unwrap_or_default()
        };
        let (first_id, second_id) = (id(first.text), id(second.text));
        let second_label = if first.verb == second.verb {
            String::from("and here")
        } else {
            format!("and {} here", second.verb)
        };
        self.error(
            Diagnostic::error(
                CODE,
                format!(
                    "the amendments `{first_id}` and `{second_id}` both change {} and come into force on the same day, {day}",
                    key.describe()
                ),
            )
            .with_label(first.span, format!("{} here", first.verb))
            .with_label(second.span, second_label)
            .with_help(
                "nothing says which applies first: give them different in-force dates (the later one wins) or merge them into one amendment",
            ),
        );
    }
}
