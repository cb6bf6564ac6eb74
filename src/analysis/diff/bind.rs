//! Binding one fact file to the programs of both sides: a fact that only the other side
//! declares (one an amendment adds, say) is left out on this side instead of being an
//! unknown key, so that one corpus serves both; the other side reports it if it is wrong.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::FactSet;
use crate::facts::{RawKind, RawNode};
use crate::language::program::Program;
use crate::source::FileId;

/// The fact sets of one fact file under side A and side B. Errors found under one side
/// only say which side; errors found under both are reported once.
pub fn bind_both(
    a: &Program,
    b: &Program,
    root: &RawNode,
    file: FileId,
) -> Result<(FactSet, FactSet), Diagnostics> {
    let under_a = crate::facts::bind(a, &without_facts_of(root, b, a), file, &[]);
    let under_b = crate::facts::bind(b, &without_facts_of(root, a, b), file, &[]);
    match (under_a, under_b) {
        (Ok((a, _)), Ok((b, _))) => Ok((a, b)),
        (Err(errors), Ok(_)) => Err(tagged(errors.0, "A")),
        (Ok(_), Err(errors)) => Err(tagged(errors.0, "B")),
        (Err(a), Err(b)) => {
            let both: Vec<Diagnostic> = a.0.iter().filter(|d| b.0.contains(d)).cloned().collect();
            let mut out = Diagnostics(both);
            let only_a = a.0.into_iter().filter(|d| !out.0.contains(d)).collect();
            let only_b: Vec<Diagnostic> = b.0.into_iter().filter(|d| !out.0.contains(d)).collect();
            out.extend(tagged(only_a, "A"));
            out.extend(tagged(only_b, "B"));
            // In file order, as a single binding reports them.
            out.0.sort_by_key(|d| d.primary_span().map(|s| s.start));
            Err(out)
        }
    }
}

fn tagged(diagnostics: Vec<Diagnostic>, side: &str) -> Diagnostics {
    Diagnostics(
        diagnostics
            .into_iter()
            .map(|mut d| {
                d.message = format!("{} (under side {side})", d.message);
                d
            })
            .collect(),
    )
}

/// Whether `path` is a fact of `program` or a group of its facts.
fn declares(program: &Program, path: &str) -> bool {
    let group = format!("{path}.");
    program
        .facts
        .iter()
        .any(|f| f.path == path || f.path.starts_with(&group))
}

/// Whether `path`, or a group it stands in, is declared by `other` and not by `this`:
/// the other side binds it, and reports it if it is wrong.
fn foreign(path: &str, other: &Program, this: &Program) -> bool {
    let mut end = 0;
    loop {
        let next = path
            .get(end..)
            .and_then(|rest| rest.find('.'))
            .map(|i| end + i);
        let prefix = next.and_then(|i| path.get(..i)).unwrap_or(path);
        if declares(other, prefix) && !declares(this, prefix) {
            return true;
        }
        match next {
            Some(i) => end = i + 1,
            None => return false,
        }
    }
}

/// The tree without the entries that only the other side declares.
fn without_facts_of(root: &RawNode, other: &Program, this: &Program) -> RawNode {
    prune(root, "", other, this)
}

fn prune(node: &RawNode, prefix: &str, other: &Program, this: &Program) -> RawNode {
    let RawKind::Map(entries) = &node.kind else {
        return node.clone();
    };
    let kept = entries
        .iter()
        .filter_map(|(key, value)| {
            let path = if prefix.is_empty() {
                key.name.clone()
            } else {
                format!("{prefix}.{}", key.name)
            };
            (!foreign(&path, other, this)).then(|| (key.clone(), prune(value, &path, other, this)))
        })
        .collect();
    RawNode {
        kind: RawKind::Map(kept),
        span: node.span.clone(),
    }
}
