//! A test case's `expect:` section: what the decision must be, every name checked against
//! the policy (verdicts, rules, exceptions, advice, notes, facts) with a did-you-mean.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::case::{CODE, date, entries, error, string};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::facts::{RawKind, RawNode};
use crate::language::ast::RemarkKind;
use crate::language::program::{DecisionOf, Program};
use crate::source::{FileId, Span};

/// The keys of `expect:`.
pub const EXPECTATIONS: &[&str] = &[
    "decision", "until", "verdicts", "by", "outcomes", "grounds", "advice", "notes", "missing",
];

/// What a case expects; absent parts are not compared.
#[derive(Clone, Debug, Default)]
pub struct Expectation {
    /// The decision.
    pub decision: Option<String>,
    /// `until` (`Some(None)`: null).
    pub until: Option<Option<Date>>,
    /// Every rule's verdict (exactly the rules that gave one).
    pub verdicts: Option<BTreeMap<String, String>>,
    /// The exception that decided, per rule (exactly the rules an exception decided).
    pub by: Option<BTreeMap<String, String>>,
    /// Advice ids, in any order.
    pub advice: Option<Vec<String>>,
    /// Note ids, in any order.
    pub notes: Option<Vec<String>>,
    /// Missing facts, in any order.
    pub missing: Option<Vec<String>>,
    /// Outcomes' values, as a policy writes them (only the outcomes given are compared).
    pub outcomes: Option<BTreeMap<String, String>>,
    /// The labelled grounds that held, per outcome (only the outcomes given are compared).
    pub grounds: Option<BTreeMap<String, Vec<String>>>,
}

/// Checks that `name` is one of `known`, else says which `what` it could be.
fn known<'a>(
    name: String,
    span: &std::ops::Range<usize>,
    file: FileId,
    what: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Result<String, Diagnostic> {
    if known.clone().any(|k| k == name) {
        return Ok(name);
    }
    let names: Vec<&str> = known.clone().collect();
    let help = did_you_mean(&name, known).unwrap_or_else(|| {
        if names.is_empty() {
            format!("the policy has no {what}")
        } else {
            format!("the policy's {what}: {}", names.join(", "))
        }
    });
    Err(
        Diagnostic::error(CODE, format!("`{name}` is not one of the policy's {what}"))
            .with_label(Span::new(file, span.start, span.end), "unknown name")
            .with_help(help),
    )
}

/// Reads `expect:` into `e`, pushing every error found.
pub(super) fn read_expect(
    node: &RawNode,
    file: FileId,
    program: &Program,
    e: &mut Expectation,
    errors: &mut Diagnostics,
) {
    let RawKind::Map(list) = &node.kind else {
        errors.push(
            error(
                file,
                &node.span,
                format!("`expect` holds a map, found {}", node.kind.describe()),
            )
            .with_help(format!("expectations: {}", EXPECTATIONS.join(", "))),
        );
        return;
    };
    let verdicts = || {
        program
            .vocabularies
            .first()
            .into_iter()
            .flat_map(|v| v.members.iter().map(|m| m.name.as_str()))
    };
    // The names a decision takes: the verdicts, or those of the outcome it is.
    let (decision_vocabulary, decisions_are) = match &program.decision {
        DecisionOf::Outcome { vocabulary, .. } => (*vocabulary as usize, "decisions"),
        DecisionOf::Verdicts { .. } => (0, "verdicts"),
    };
    let decisions = || {
        program
            .vocabularies
            .get(decision_vocabulary)
            .into_iter()
            .flat_map(|v| v.members.iter().map(|m| m.name.as_str()))
    };
    let outcome_names = || program.outcomes().map(|(_, d)| d.name.as_str());
    let ground_ids = || program.grounds.iter().map(|g| g.id.as_str());
    let rules = || program.rules.iter().map(|r| r.id.as_str());
    let exceptions = || program.exceptions.iter().map(|x| x.id.as_str());
    let remarks = |kind: RemarkKind| {
        program
            .remarks
            .iter()
            .filter(move |r| r.kind == kind)
            .map(|r| r.id.as_str())
    };
    let facts = || program.facts.iter().map(|f| f.path.as_str());
    for (k, v) in list {
        let result: Result<(), Diagnostic> = match k.name.as_str() {
            "decision" => string(v, file)
                .and_then(|s| known(s, &v.span, file, decisions_are, decisions()))
                .map(|s| e.decision = Some(s)),
            "outcomes" => {
                e.outcomes = values(v, file, outcome_names(), errors);
                Ok(())
            }
            "grounds" => {
                e.grounds = grounds(v, file, (outcome_names(), ground_ids()), errors);
                Ok(())
            }
            "until" => match v.kind {
                RawKind::Null => {
                    e.until = Some(None);
                    Ok(())
                }
                _ => date(v, file).map(|d| e.until = Some(Some(d))),
            },
            "verdicts" => {
                let rules = ("rules", rules());
                e.verdicts = pairs(v, file, "verdicts", rules, ("verdicts", verdicts()), errors);
                Ok(())
            }
            "by" => {
                let rules = ("rules", rules());
                e.by = pairs(v, file, "by", rules, ("exceptions", exceptions()), errors);
                Ok(())
            }
            key @ ("advice" | "notes") => {
                let (kind, list) = match key {
                    "advice" => (RemarkKind::Advice, &mut e.advice),
                    _ => (RemarkKind::Note, &mut e.notes),
                };
                *list = ids(v, file, (key, key), remarks(kind), errors);
                Ok(())
            }
            "missing" => {
                e.missing = ids(v, file, ("missing", "facts"), facts(), errors);
                Ok(())
            }
            other => Err(
                Diagnostic::error(CODE, format!("unknown expectation `{other}`"))
                    .with_label(
                        Span::new(file, k.span.start, k.span.end),
                        "not an expectation",
                    )
                    .with_help(
                        did_you_mean(other, EXPECTATIONS.iter().copied()).unwrap_or_else(|| {
                            format!("expectations: {}", EXPECTATIONS.join(", "))
                        }),
                    ),
            ),
        };
        if let Err(d) = result {
            errors.push(d);
        }
    }
}

/// A map of names to names, both checked; each wrong name is reported.
fn pairs<'a>(
    node: &RawNode,
    file: FileId,
    field: &str,
    (key_kind, keys): (&str, impl Iterator<Item = &'a str> + Clone),
    (value_kind, values): (&str, impl Iterator<Item = &'a str> + Clone),
    errors: &mut Diagnostics,
) -> Option<BTreeMap<String, String>> {
    let list = entries(node, file, field)
        .map_err(|e| errors.push(e))
        .ok()?;
    let mut out = BTreeMap::new();
    let before = errors.0.len();
    for (key, value) in list {
        let name = known(key.name.clone(), &key.span, file, key_kind, keys.clone());
        let value = string(value, file)
            .and_then(|v| known(v, &value.span, file, value_kind, values.clone()));
        match (name, value) {
            (Ok(name), Ok(value)) => {
                out.insert(name, value);
            }
            (name, value) => errors.extend(Diagnostics(
                [name.err(), value.err()].into_iter().flatten().collect(),
            )),
        }
    }
    (errors.0.len() == before).then_some(out)
}

/// A scalar as a policy writes it: a name, a number, a date, `true`.
fn scalar(node: &RawNode, file: FileId) -> Result<String, Diagnostic> {
    match &node.kind {
        RawKind::Bool(b) => Ok(b.to_string()),
        RawKind::Number(n) | RawKind::String(n) | RawKind::Datetime(n) => Ok(n.clone()),
        other => Err(error(
            file,
            &node.span,
            format!(
                "expected a value as a policy writes it, found {}",
                other.describe()
            ),
        )),
    }
}

/// `outcomes:`: each outcome (checked) to its value as a policy writes it.
fn values<'a>(
    node: &RawNode,
    file: FileId,
    outcomes: impl Iterator<Item = &'a str> + Clone,
    errors: &mut Diagnostics,
) -> Option<BTreeMap<String, String>> {
    let list = entries(node, file, "outcomes")
        .map_err(|e| errors.push(e))
        .ok()?;
    let before = errors.0.len();
    let mut out = BTreeMap::new();
    for (key, value) in list {
        let name = known(
            key.name.clone(),
            &key.span,
            file,
            "outcomes",
            outcomes.clone(),
        );
        match (name, scalar(value, file)) {
            (Ok(name), Ok(value)) => {
                out.insert(name, value);
            }
            (name, value) => errors.extend(Diagnostics(
                [name.err(), value.err()].into_iter().flatten().collect(),
            )),
        }
    }
    (errors.0.len() == before).then_some(out)
}

/// `grounds:`: each outcome (checked) to the ids of the grounds that held (checked).
fn grounds<'a>(
    node: &RawNode,
    file: FileId,
    (outcomes, ground_ids): (
        impl Iterator<Item = &'a str> + Clone,
        impl Iterator<Item = &'a str> + Clone,
    ),
    errors: &mut Diagnostics,
) -> Option<BTreeMap<String, Vec<String>>> {
    let list = entries(node, file, "grounds")
        .map_err(|e| errors.push(e))
        .ok()?;
    let before = errors.0.len();
    let mut out = BTreeMap::new();
    for (key, value) in list {
        let name = known(
            key.name.clone(),
            &key.span,
            file,
            "outcomes",
            outcomes.clone(),
        );
        let held = ids(
            value,
            file,
            ("grounds", "grounds"),
            ground_ids.clone(),
            errors,
        );
        match (name, held) {
            (Ok(name), Some(held)) => {
                out.insert(name, held);
            }
            (Err(e), _) => errors.push(e),
            _ => {}
        }
    }
    (errors.0.len() == before).then_some(out)
}

/// A list of names, each checked; each wrong name is reported.
fn ids<'a>(
    node: &RawNode,
    file: FileId,
    (field, what): (&str, &str),
    names: impl Iterator<Item = &'a str> + Clone,
    errors: &mut Diagnostics,
) -> Option<Vec<String>> {
    let list = match &node.kind {
        RawKind::Seq(list) => list,
        RawKind::Null => return Some(Vec::new()),
        other => {
            errors.push(error(
                file,
                &node.span,
                format!("`{field}` holds a list, found {}", other.describe()),
            ));
            return None;
        }
    };
    let before = errors.0.len();
    let mut out = Vec::new();
    for item in list {
        match string(item, file).and_then(|s| known(s, &item.span, file, what, names.clone())) {
            Ok(name) => out.push(name),
            Err(e) => errors.push(e),
        }
    }
    (errors.0.len() == before).then_some(out)
}
