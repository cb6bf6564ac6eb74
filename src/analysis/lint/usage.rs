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
    let mut found = Vec::new();
    for (slot, fact) in (0u32..).zip(&program.facts) {
        if !facts.contains(&slot) {
            found.push(warning(
                UNUSED_FACT,
                format!("the fact `{}` is never read", fact.path),
                fact.span,
                "declared here",
                String::from("use it in a condition or a message, or remove its declaration"),
            ));
        }
    }
    for (slot, param) in (0u32..).zip(&program.params) {
        if !params.contains(&slot) {
            found.push(warning(
                UNUSED_PARAM,
                format!("the parameter `{}` is never read", param.name),
                param.span,
                "declared here",
                String::from("use it in a condition or a message, or remove it"),
            ));
        }
    }
    for (slot, def) in (0u32..).zip(&program.defs) {
        if !defs.contains(&slot) {
            found.push(warning(
                UNUSED_DEF,
                format!("the definition `{}` is never used", def.name),
                def.span,
                "defined here",
                String::from("use it in a condition or a message, or remove it"),
            ));
        }
    }
    found
}
