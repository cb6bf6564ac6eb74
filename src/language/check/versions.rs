//! Checks across versions: for every set of texts in force, what an item refers to must be
//! in force too, definitions must stay acyclic, and the exception tree must be a tree.

use std::collections::HashSet;

use super::{Checker, ItemRef};
use crate::diagnostic::Diagnostic;
use crate::language::program::{Program, Snapshot, Target, Versioned};
use crate::source::Span;

const CODE: &str = "doctrine::check::versions";

/// What the checks across versions need of an item, whatever its kind.
struct Item<'p> {
    /// How a message names it: `parameter`, `rule`… (empty for advice and notes).
    kind: &'static str,
    name: &'p str,
    /// Whether it checked at all (one that did not is already reported).
    checked: bool,
    /// The text of its version in force when `texts` texts apply, if it is not repealed.
    live: Option<u32>,
}

impl Item<'_> {
    fn describe(&self) -> String {
        match (self.kind, self.name) {
            ("", name) => format!("`{name}`"),
            (kind, "") => kind.to_string(),
            (kind, name) => format!("{kind} `{name}`"),
        }
    }
}

/// The item `item` names, as it stands when `texts` texts apply.
fn item(program: &Program, item: ItemRef, texts: usize) -> Option<Item<'_>> {
    fn of<'p, T>(
        kind: &'static str,
        name: &'p str,
        versioned: &Versioned<T>,
        texts: usize,
    ) -> Item<'p> {
        Item {
            kind,
            name,
            checked: !versioned.versions.is_empty(),
            live: versioned.at(texts).and(versioned.text_at(texts)),
        }
    }
    // An item of a list of the program: the list, the field that names its items, the kind.
    macro_rules! listed {
        ($list:ident, $i:expr, $name:ident, $kind:expr) => {{
            let found = program.$list.get($i as usize)?;
            of($kind, &found.$name, &found.versions, texts)
        }};
    }
    Some(match item {
        ItemRef::Param(i) => listed!(params, i, name, "parameter"),
        ItemRef::Def(i) => listed!(defs, i, name, "definition"),
        ItemRef::Rule(i) => listed!(rules, i, id, "rule"),
        ItemRef::Exception(i) => listed!(exceptions, i, id, "exception"),
        ItemRef::Remark(i) => listed!(remarks, i, id, ""),
        ItemRef::Scope => Item {
            checked: true,
            ..of("scope", "", &program.scope, texts)
        },
    })
}

/// The text of the version of `item` in force when `texts` texts apply, if it is not repealed.
fn live_text(program: &Program, item_ref: ItemRef, texts: usize) -> Option<u32> {
    item(program, item_ref, texts)?.live
}

impl Checker<'_> {
    pub(super) fn check_versions(&mut self, program: &mut Program) {
        let mut reported: HashSet<Span> = HashSet::new();
        for texts in 1..=program.texts.len() {
            let text_id = program
                .texts
                .get(texts - 1)
                .map(|t| t.id.clone())
                .unwrap_or_default();
            for reference in &self.references {
                if live_text(program, reference.from, texts) != Some(reference.from_text) {
                    continue;
                }
                let Some(to) = item(program, reference.to, texts) else {
                    continue;
                };
                if reference.to != ItemRef::Scope
                    && to.checked
                    && to.live.is_none()
                    && reported.insert(reference.span)
                {
                    self.diagnostics.push(
                        Diagnostic::error(
                            CODE,
                            format!("the {} is not in force once `{text_id}` applies", to.describe()),
                        )
                        .with_label(reference.span, "used here")
                        .with_help("an amendment that repeals an item must also replace or repeal what uses it"),
                    );
                }
            }
            self.check_def_cycles(program, texts, &mut reported);
            let mut snapshot = self.snapshot(program, texts, &mut reported);
            self.order_rules(program, texts, &mut snapshot, &mut reported);
            program.snapshots.push(snapshot);
        }
    }

    fn check_def_cycles(&mut self, program: &Program, texts: usize, reported: &mut HashSet<Span>) {
        let edges: Vec<(u32, u32, Span)> = self
            .references
            .iter()
            .filter_map(|r| match (r.from, r.to) {
                (ItemRef::Def(from), ItemRef::Def(to))
                    if live_text(program, r.from, texts) == Some(r.from_text) =>
                {
                    Some((from, to, r.span))
                }
                _ => None,
            })
            .collect();
        let count = program.defs.len();
        // 0 = unvisited, 1 = on the stack, 2 = done
        let mut state = vec![0u8; count];
        for start in 0..count {
            let mut stack: Vec<(u32, usize)> = vec![(u32::try_from(start).unwrap_or(0), 0)];
            if state.get(start) != Some(&0) {
                continue;
            }
            if let Some(s) = state.get_mut(start) {
                *s = 1;
            }
            while let Some((node, next)) = stack.pop() {
                let out: Vec<&(u32, u32, Span)> =
                    edges.iter().filter(|(f, _, _)| *f == node).collect();
                match out.get(next) {
                    None => {
                        if let Some(s) = state.get_mut(node as usize) {
                            *s = 2;
                        }
                    }
                    Some(&&(_, to, span)) => {
                        stack.push((node, next + 1));
                        match state.get(to as usize) {
                            Some(0) => {
                                if let Some(s) = state.get_mut(to as usize) {
                                    *s = 1;
                                }
                                stack.push((to, 0));
                            }
                            Some(1) if reported.insert(span) => {
                                let name = program
                                    .defs
                                    .get(to as usize)
                                    .map(|d| d.name.clone())
                                    .unwrap_or_default();
                                self.diagnostics.push(
                                    Diagnostic::error("doctrine::check::cycle", format!("the definition `{name}` depends on itself"))
                                        .with_label(span, "this use closes the cycle")
                                        .with_help("definitions must not refer to themselves, directly or through others"),
                                );
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    fn snapshot(
        &mut self,
        program: &Program,
        texts: usize,
        reported: &mut HashSet<Span>,
    ) -> Snapshot {
        let mut snapshot = Snapshot {
            rule_children: vec![Vec::new(); program.rules.len()],
            exception_children: vec![Vec::new(); program.exceptions.len()],
            rule_order: Vec::new(),
            outcome_children: vec![Vec::new(); program.defs.len()],
        };
        for (index, exception) in program.exceptions.iter().enumerate() {
            let Some(body) = exception.versions.at(texts) else {
                continue;
            };
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            // Walk up the targets (each may have several): every path must end at a rule.
            let cyclic = reaches_itself(program, texts, index);
            if cyclic {
                if reported.insert(exception.span) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "doctrine::check::cycle",
                            format!(
                                "the exception `{}` is, through others, an exception to itself",
                                exception.id
                            ),
                        )
                        .with_label(exception.span, "in a cycle of exceptions"),
                    );
                }
                continue;
            }
            for target in &body.targets {
                let list = match *target {
                    Target::Rule(rule) => snapshot.rule_children.get_mut(rule as usize),
                    Target::Exception(parent) => {
                        snapshot.exception_children.get_mut(parent as usize)
                    }
                    Target::Outcome(def) => snapshot.outcome_children.get_mut(def as usize),
                };
                if let Some(list) = list {
                    list.push(index);
                }
            }
        }
        snapshot
    }
}

/// Whether an exception is, through the exceptions it is an exception to, an exception to
/// itself, with the texts in force.
fn reaches_itself(program: &Program, texts: usize, start: u32) -> bool {
    let targets = |exception: u32| {
        program
            .exceptions
            .get(exception as usize)
            .and_then(|e| e.versions.at(texts))
            .map_or(&[][..], |b| b.targets.as_slice())
    };
    let mut seen = vec![start];
    let mut stack: Vec<u32> = vec![start];
    while let Some(exception) = stack.pop() {
        for target in targets(exception) {
            let Target::Exception(parent) = *target else {
                continue;
            };
            if parent == start {
                return true;
            }
            if !seen.contains(&parent) {
                seen.push(parent);
                stack.push(parent);
            }
        }
    }
    false
}
