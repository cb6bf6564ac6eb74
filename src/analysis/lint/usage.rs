//! Unused facts, parameters and definitions: declared, but read by no version of any item
//! (a version not yet or no longer in force still counts as a reader).

use std::collections::BTreeSet;

use super::warning;
use crate::diagnostic::Diagnostic;
use crate::language::program::{CKind, Program};
use crate::language::walk;

/// A fact nothing reads.
pub const UNUSED_FACT: &str = "doctrine::lint::unused_fact";
/// A parameter nothing reads.
pub const UNUSED_PARAM: &str = "doctrine::lint::unused_param";
/// A definition nothing reads.
pub const UNUSED_DEF: &str = "doctrine::lint::unused_def";

/// The unused facts, parameters and definitions.
pub(crate) fn lint(program: &Program) -> Vec<Diagnostic> {
    let mut facts = BTreeSet::new();
    let mut params = BTreeSet::new();
    let mut defs = BTreeSet::new();
    walk::each_node(program, &mut |expr| match expr.kind {
        CKind::Fact(slot) => {
            facts.insert(slot);
        }
        CKind::Param(slot) => {
            params.insert(slot);
        }
        CKind::Def(slot) => {
            defs.insert(slot);
        }
        _ => {}
    });
    // An outcome is read by whoever asks for the decision: it is never unused.
    defs.extend(program.outcomes().map(|(slot, _)| slot));
    let facts = unread(&program.facts, &facts).map(|f| (UNUSED_FACT, "fact", &f.path, f.span));
    let params =
        unread(&program.params, &params).map(|p| (UNUSED_PARAM, "parameter", &p.name, p.span));
    let defs = unread(&program.defs, &defs).map(|d| (UNUSED_DEF, "definition", &d.name, d.span));
    facts
        .chain(params)
        .chain(defs)
        .map(|(code, what, name, span)| {
            let (verb, label, remove) = match code {
                UNUSED_FACT => ("read", "declared here", "remove its declaration"),
                UNUSED_PARAM => ("read", "declared here", "remove it"),
                _ => ("used", "defined here", "remove it"),
            };
            let help = String::from("use it in a condition or a message, or ") + remove;
            warning(
                code,
                format!("the {what} `{name}` is never {verb}"),
                span,
                label,
                help,
            )
        })
        .collect()
}

/// The items of a list whose slot (their place in it) is not among those read.
fn unread<'a, T>(items: &'a [T], read: &'a BTreeSet<u32>) -> impl Iterator<Item = &'a T> {
    (0u32..)
        .zip(items)
        .filter(|(slot, _)| !read.contains(slot))
        .map(|(_, item)| item)
}
