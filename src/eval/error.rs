//! An error during evaluation, and its diagnostic.

use crate::diagnostic::{Diagnostic, Label};
use crate::language::program::Program;
use crate::source::{FileId, SourceMap, Span};

/// An error during evaluation (overflow, a conflict of exceptions…), pointing at the policy.
#[derive(Clone, Debug)]
pub struct EvalError {
    /// What went wrong.
    pub message: String,
    /// Where in the policy.
    pub span: Option<Span>,
    /// A fuller diagnostic, when there is one.
    pub diagnostic: Option<Box<Diagnostic>>,
    /// The facts (by slot) whose values the failing operation read, to point at them in
    /// the fact file (a date that leaves the calendar once a duration is added).
    pub facts: Vec<u32>,
}

impl EvalError {
    pub(crate) fn new(message: impl Into<String>, span: Span) -> EvalError {
        EvalError {
            message: message.into(),
            span: Some(span),
            diagnostic: None,
            facts: Vec::new(),
        }
    }

    /// The error as a diagnostic that names the fact file it came from.
    pub fn in_facts(&self, facts: &str) -> Diagnostic {
        let mut diagnostic = self.to_diagnostic();
        diagnostic.message = format!("{} (evaluating `{facts}`)", diagnostic.message);
        diagnostic
    }

    /// The error as a diagnostic that names the fact file it came from, and points first
    /// at the value, in that file, of each fact the failing operation read.
    pub fn in_fact_file(
        &self,
        facts: &str,
        program: &Program,
        sources: &SourceMap,
        file: FileId,
    ) -> Diagnostic {
        let mut diagnostic = self.in_facts(facts);
        let Some(source) = sources.get(file).filter(|_| !self.facts.is_empty()) else {
            return diagnostic;
        };
        // Read again, on this error only: a fact set keeps values, not where they were.
        let format =
            crate::facts::Format::from_path(&source.name).unwrap_or(crate::facts::Format::Json);
        let Ok(root) = crate::facts::parse(source, file, format) else {
            return diagnostic;
        };
        let mut places = Vec::new();
        for slot in &self.facts {
            let Some(fact) = program.facts.get(*slot as usize) else {
                continue;
            };
            if let Some(range) = crate::facts::value_span(&root, &fact.path) {
                places.push(Label {
                    span: Span::new(file, range.start, range.end),
                    message: format!("`{}` is given here", fact.path),
                });
            }
        }
        diagnostic.labels.splice(0..0, places);
        diagnostic
    }

    /// The error as a diagnostic.
    pub fn to_diagnostic(&self) -> Diagnostic {
        if let Some(diagnostic) = &self.diagnostic {
            return diagnostic.as_ref().clone();
        }
        let mut diagnostic = Diagnostic::error("doctrine::eval", self.message.clone());
        if let Some(span) = self.span {
            diagnostic = diagnostic.with_label(span, "while evaluating this");
        }
        diagnostic
    }
}
