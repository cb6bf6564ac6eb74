//! A test case's own keys (`on:`, `set:`, `amend:`, and `expect:` through [`super::expect`]),
//! read from its fact file.

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::{RawKind, RawNode};
use crate::language::program::Program;
use crate::source::{FileId, Span};

/// The top-level keys a test case adds to a fact file.
pub const CASE_KEYS: &[&str] = &["expect", "on", "set", "amend"];

/// The code of the errors a test case's own keys give.
pub(super) const CODE: &str = "doctrine::test";

/// A test case read from a file.
#[derive(Clone, Debug)]
pub struct Case {
    /// The evaluation date given by `on:`.
    pub on: Option<Date>,
    /// `set:` overrides as `NAME=VALUE`, each with where the case writes it.
    pub set: Vec<(String, Span)>,
    /// The expectation.
    pub expect: super::expect::Expectation,
}

/// An error at a place of the case file.
pub(super) fn error(
    file: FileId,
    span: &std::ops::Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::error(CODE, message).with_label(Span::new(file, span.start, span.end), "here")
}

/// A scalar as text: names, dates and numbers are all written as text in a case.
pub(super) fn string(node: &RawNode, file: FileId) -> Result<String, Diagnostic> {
    match &node.kind {
        RawKind::String(s) | RawKind::Datetime(s) | RawKind::Number(s) => Ok(s.clone()),
        RawKind::Bool(b) => Ok(b.to_string()),
        other => Err(error(
            file,
            &node.span,
            format!("expected a text, found {}", other.describe()),
        )),
    }
}

/// A day, `YYYY-MM-DD`.
pub(super) fn date(node: &RawNode, file: FileId) -> Result<Date, Diagnostic> {
    let text = string(node, file)?;
    text.parse().map_err(|_| {
        error(
            file,
            &node.span,
            format!("`{text}` is not a date (YYYY-MM-DD)"),
        )
    })
}

/// The items of a list (a lone value counts as a list of one; null as none).
fn items(node: &RawNode) -> Vec<&RawNode> {
    match &node.kind {
        RawKind::Seq(items) => items.iter().collect(),
        RawKind::Null => Vec::new(),
        _ => vec![node],
    }
}

/// The entries of a map, keys with their spans.
pub(super) fn entries<'n>(
    node: &'n RawNode,
    file: FileId,
    field: &str,
) -> Result<Vec<(&'n crate::facts::raw::RawKey, &'n RawNode)>, Diagnostic> {
    match &node.kind {
        RawKind::Map(entries) => Ok(entries.iter().map(|(k, v)| (k, v)).collect()),
        RawKind::Null => Ok(Vec::new()),
        other => Err(error(
            file,
            &node.span,
            format!("`{field}` holds a map, found {}", other.describe()),
        )),
    }
}

/// The `amend:` entry of a case's fact file, read before the file is bound: the
/// amendments decide which facts the policy declares. Paths as written, with their spans.
pub fn amendments(root: &RawNode, file: FileId) -> Result<Vec<(String, Span)>, Diagnostics> {
    let RawKind::Map(entries) = &root.kind else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut errors = Diagnostics::new();
    for (_, node) in entries.iter().filter(|(k, _)| k.name == "amend") {
        for item in items(node) {
            match &item.kind {
                RawKind::String(path) if !path.is_empty() => {
                    out.push((
                        path.clone(),
                        Span::new(file, item.span.start, item.span.end),
                    ));
                }
                other => errors.push(
                    error(
                        file,
                        &item.span,
                        format!(
                            "expected the path of an amendment, found {}",
                            other.describe()
                        ),
                    )
                    .with_help(
                        "`amend:` holds a path (or a list of paths) relative to the case file",
                    ),
                ),
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A case's `set:` entry as an override; its errors point at the entry.
pub fn case_override(
    program: &Program,
    assignment: &str,
    span: Span,
    sources: &mut crate::source::SourceMap,
) -> Result<crate::eval::overrides::Override, Diagnostics> {
    crate::eval::overrides::parse_override(program, assignment, sources).map_err(|e| {
        Diagnostics(
            e.0.into_iter()
                .map(|mut d| {
                    // The override is the case's `set:` entry, not a command-line one.
                    d.message = d.message.replacen("`--set ", "`set: ", 1);
                    d.labels.insert(
                        0,
                        crate::diagnostic::Label {
                            span,
                            message: String::from("this `set:` entry"),
                        },
                    );
                    d
                })
                .collect(),
        )
    })
}

/// What `doctrine eval` takes of a test case given as a fact file: its day and its `set:`
/// overrides. Its `expect:` is for `doctrine test`.
#[derive(Clone, Debug, Default)]
pub struct CaseInputs {
    /// The day `on:` gives.
    pub on: Option<Date>,
    /// `set:` overrides as `NAME=VALUE`, each with where the case writes it.
    pub set: Vec<(String, Span)>,
    /// Whether the file has an `expect:` section (which `eval` ignores).
    pub expect: bool,
    /// Where the file names amendments (`amend:`), if it does.
    pub amend: Option<Span>,
}

/// Reads the keys of a test case that `eval` applies, `on:` and `set:`, and notes `expect:`
/// and `amend:`.
pub fn read_inputs(extras: &[(String, RawNode)], file: FileId) -> Result<CaseInputs, Diagnostics> {
    let mut inputs = CaseInputs::default();
    let mut errors = Diagnostics::new();
    for (key, node) in extras {
        let result = match key.as_str() {
            "on" => date(node, file).map(|d| inputs.on = Some(d)),
            "set" => set_entries(node, file).map(|set| inputs.set = set),
            "expect" => {
                inputs.expect = true;
                Ok(())
            }
            "amend" => {
                inputs.amend = Some(Span::new(file, node.span.start, node.span.end));
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(errors)
    }
}

/// A case's `set:` map as `NAME=VALUE` overrides, each with where it is written.
fn set_entries(node: &RawNode, file: FileId) -> Result<Vec<(String, Span)>, Diagnostic> {
    let list = entries(node, file, "set")
        .map_err(|e| e.with_help("`set:` holds a map of parameters: `NAME: VALUE`"))?;
    let mut set = Vec::new();
    for (name, value) in list {
        let span = Span::new(file, name.span.start, value.span.end.max(name.span.end));
        set.push((format!("{}={}", name.name, string(value, file)?), span));
    }
    Ok(set)
}

/// Reads a case's own keys, taken out of its fact file, and checks the names it expects
/// against the program: verdicts, rules, exceptions, advice, notes and facts.
pub fn read_case(
    extras: &[(String, RawNode)],
    file: FileId,
    whole: Span,
    program: &Program,
) -> Result<Case, Diagnostics> {
    let mut case = Case {
        on: None,
        set: Vec::new(),
        expect: super::expect::Expectation::default(),
    };
    let mut has_expect = false;
    let mut errors = Diagnostics::new();
    for (key, node) in extras {
        let result = match key.as_str() {
            "on" => date(node, file).map(|d| case.on = Some(d)),
            "set" => set_entries(node, file).map(|set| case.set = set),
            "expect" => {
                has_expect = true;
                super::expect::read_expect(node, file, program, &mut case.expect, &mut errors);
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if !has_expect {
        errors.push(
            Diagnostic::error(CODE, "this test case has no `expect:` section")
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
