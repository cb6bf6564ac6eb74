//! Test cases as files: a fact file with an `expect:` section (and optional `on:` and
//! `set:`), checked against the decision the policy gives.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::decision::Decision;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::EvalOptions;
use crate::facts::{RawKind, RawNode};
use crate::program::Program;
use crate::source::{FileId, SourceMap, Span};

/// The top-level keys a test case adds to a fact file.
pub const CASE_KEYS: &[&str] = &["expect", "on", "set"];

/// What a case expects; absent parts are not compared.
#[derive(Clone, Debug, Default)]
pub struct Expectation {
    /// The decision.
    pub decision: Option<String>,
    /// `until` (`Some(None)`: null).
    pub until: Option<Option<Date>>,
    /// Every rule's verdict (exactly the rules that gave one).
    pub verdicts: Option<BTreeMap<String, String>>,
    /// The exception that decided, per rule.
    pub by: Option<BTreeMap<String, String>>,
    /// Advice ids, in any order.
    pub advice: Option<Vec<String>>,
    /// Note ids, in any order.
    pub notes: Option<Vec<String>>,
    /// Missing facts, in any order.
    pub missing: Option<Vec<String>>,
}

/// A test case read from a file.
#[derive(Clone, Debug)]
pub struct Case {
    /// The evaluation date given by `on:`.
    pub on: Option<Date>,
    /// `set:` overrides, as `NAME=VALUE`.
    pub set: Vec<String>,
    /// The expectation.
    pub expect: Expectation,
}

fn error(file: FileId, node: &RawNode, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("doctrine::test", message)
        .with_label(Span::new(file, node.span.start, node.span.end), "here")
}

fn string(node: &RawNode, file: FileId) -> Result<String, Diagnostic> {
    match &node.kind {
        RawKind::String(s) | RawKind::Datetime(s) | RawKind::Number(s) => Ok(s.clone()),
        RawKind::Bool(b) => Ok(b.to_string()),
        _ => Err(error(file, node, "expected a text")),
    }
}

fn date(node: &RawNode, file: FileId) -> Result<Date, Diagnostic> {
    let text = string(node, file)?;
    text.parse()
        .map_err(|_| error(file, node, format!("`{text}` is not a date (YYYY-MM-DD)")))
}

fn list(node: &RawNode, file: FileId) -> Result<Vec<String>, Diagnostic> {
    match &node.kind {
        RawKind::Seq(items) => items.iter().map(|i| string(i, file)).collect(),
        RawKind::Null => Ok(Vec::new()),
        _ => Err(error(file, node, "expected a list")),
    }
}

fn map(node: &RawNode, file: FileId) -> Result<BTreeMap<String, String>, Diagnostic> {
    match &node.kind {
        RawKind::Map(entries) => entries
            .iter()
            .map(|(k, v)| Ok((k.name.clone(), string(v, file)?)))
            .collect(),
        RawKind::Null => Ok(BTreeMap::new()),
        _ => Err(error(file, node, "expected a map")),
    }
}

/// Reads a case's own keys, taken out of its fact file.
pub fn read_case(
    extras: &[(String, RawNode)],
    file: FileId,
    whole: Span,
) -> Result<Case, Diagnostics> {
    let mut case = Case {
        on: None,
        set: Vec::new(),
        expect: Expectation::default(),
    };
    let mut has_expect = false;
    let mut errors = Diagnostics::new();
    for (key, node) in extras {
        let result: Result<(), Diagnostic> = (|| {
            match key.as_str() {
                "on" => case.on = Some(date(node, file)?),
                "set" => {
                    for (name, value) in map(node, file)? {
                        case.set.push(format!("{name}={value}"));
                    }
                }
                "expect" => {
                    has_expect = true;
                    let RawKind::Map(entries) = &node.kind else {
                        return Err(error(file, node, "`expect` holds a map"));
                    };
                    for (k, v) in entries {
                        let e = &mut case.expect;
                        match k.name.as_str() {
                            "decision" => e.decision = Some(string(v, file)?),
                            "until" => {
                                e.until = Some(match v.kind {
                                    RawKind::Null => None,
                                    _ => Some(date(v, file)?),
                                })
                            }
                            "verdicts" => e.verdicts = Some(map(v, file)?),
                            "by" => e.by = Some(map(v, file)?),
                            "advice" => e.advice = Some(list(v, file)?),
                            "notes" => e.notes = Some(list(v, file)?),
                            "missing" => e.missing = Some(list(v, file)?),
                            other => {
                                return Err(Diagnostic::error("doctrine::test", format!("unknown expectation `{other}`"))
                                    .with_label(Span::new(file, k.span.start, k.span.end), "not an expectation")
                                    .with_help("expectations: decision, until, verdicts, by, advice, notes, missing"));
                            }
                        }
                    }
                }
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if !has_expect {
        errors.push(
            Diagnostic::error("doctrine::test", "this test case has no `expect:` section")
                .with_label(whole, "in this file")
                .with_help("add `expect:` with the decision and verdicts the case expects"),
        );
    }
    if errors.is_empty() {
        Ok(case)
    } else {
        Err(errors)
    }
}

/// Runs a case file: loads it against the program and compares. `Ok(failures)`; an empty
/// list means the case passes.
pub fn run_case(
    program: &Program,
    path: &str,
    sources: &mut SourceMap,
) -> Result<Vec<String>, Diagnostics> {
    let (facts, extras, file) = crate::load::load_facts(path, program, sources, CASE_KEYS)?;
    let whole = Span::new(file, 0, 0);
    let case = read_case(&extras, file, whole)?;
    let mut overrides = Vec::new();
    for assignment in &case.set {
        overrides.push(crate::params::parse_override(program, assignment, sources)?);
    }
    let on = case.on.or(facts.evaluated_on).ok_or_else(|| {
        Diagnostic::error(
            "doctrine::test",
            format!("`{path}` gives no date: add `on:` or `evaluated_on:`"),
        )
    })?;
    let decision = crate::eval::evaluate(program, &facts, &EvalOptions { on, overrides })
        .map_err(|e| Diagnostics::from(e.to_diagnostic()))?;
    Ok(compare(&case.expect, &decision))
}

/// The differences between what a case expects and a decision.
pub fn compare(expect: &Expectation, decision: &Decision) -> Vec<String> {
    let mut failures = Vec::new();
    let mut check = |what: &str, expected: String, actual: String| {
        if expected != actual {
            failures.push(format!("{what}: expected {expected}, got {actual}"));
        }
    };
    if let Some(d) = &expect.decision {
        check("decision", d.clone(), decision.decision.name.clone());
    }
    if let Some(u) = &expect.until {
        let show = |d: &Option<Date>| d.map_or(String::from("null"), |d| d.to_string());
        check("until", show(u), show(&decision.until));
    }
    if let Some(v) = &expect.verdicts {
        let actual: BTreeMap<String, String> = decision
            .results
            .iter()
            .map(|r| (r.rule.clone(), r.verdict.name.clone()))
            .collect();
        check("verdicts", format!("{v:?}"), format!("{actual:?}"));
    }
    if let Some(by) = &expect.by {
        let actual: BTreeMap<String, String> = decision
            .results
            .iter()
            .filter_map(|r| r.by.clone().map(|b| (r.rule.clone(), b)))
            .collect();
        check("by", format!("{by:?}"), format!("{actual:?}"));
    }
    let sorted = |mut v: Vec<String>| {
        v.sort();
        format!("{v:?}")
    };
    if let Some(a) = &expect.advice {
        check(
            "advice",
            sorted(a.clone()),
            sorted(decision.advice.iter().map(|r| r.id.clone()).collect()),
        );
    }
    if let Some(n) = &expect.notes {
        check(
            "notes",
            sorted(n.clone()),
            sorted(decision.notes.iter().map(|r| r.id.clone()).collect()),
        );
    }
    if let Some(m) = &expect.missing {
        check(
            "missing",
            sorted(m.clone()),
            sorted(decision.missing.iter().map(|f| f.path.clone()).collect()),
        );
    }
    failures
}
