//! `total over PATH, …`: the facts named must be declared, bool, enum or set of an enum, in
//! the base text.

use super::Checker;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::language::ast::{self, Action};
use crate::language::program::Total;
use crate::language::types::Type;

const CODE: &str = "doctrine::check";

impl Checker<'_> {
    /// Checks one `total over …` and keeps it for the linter.
    pub(super) fn register_total(&mut self, item: &ast::Item, paths: &[ast::Ident]) {
        if item.action != Action::Declare {
            self.error(
                Diagnostic::error(CODE, "`total over` cannot be replaced or added")
                    .with_label(item.span, "here")
                    .with_help("declare it once, as an item of a text"),
            );
            return;
        }
        let mut facts = Vec::new();
        for path in paths {
            let found = (0u32..)
                .zip(&self.facts)
                .find(|(_, fact)| fact.path == path.name);
            match found {
                Some((slot, fact)) => {
                    let finite = match fact.ty.required() {
                        Type::Bool | Type::Enum(_) => true,
                        // A set of a vocabulary's names takes each of its subsets.
                        Type::Set(inner) => matches!(inner.as_ref(), Type::Enum(_)),
                        _ => false,
                    };
                    if finite {
                        facts.push(slot);
                    } else {
                        self.error(
                            Diagnostic::error(
                                CODE,
                                format!("`total over` takes bool, vocabulary and set-of-vocabulary facts, and `{}` is none", path.name),
                            )
                            .with_label(path.span, "not bool, a vocabulary nor a set of one")
                            .with_help("totality is checked over the finite values of bool and vocabulary facts, and the subsets of a vocabulary"),
                        );
                    }
                }
                None => {
                    let help = did_you_mean(&path.name, self.facts.iter().map(|f| f.path.as_str()));
                    self.error(
                        Diagnostic::error(CODE, format!("unknown fact `{}`", path.name))
                            .with_label(path.span, "not declared")
                            .with_optional_help(help),
                    );
                }
            }
        }
        self.totals.push(Total {
            facts,
            span: item.span,
        });
    }
}
