//! Checking a policy without stopping at its errors (`doctrine check`, a language server):
//! the policy and its amendments parsed, checked and linted, every diagnostic kept.

use crate::diagnostic::{Diagnostics, Severity};
use crate::language::program::Program;
use crate::source::SourceMap;

use super::workspace::PolicySpec;

/// A policy checked.
#[derive(Debug)]
pub struct Checked {
    /// The policy, when it has no error.
    pub program: Option<Program>,
    /// Its errors, or its warnings (lints).
    pub diagnostics: Diagnostics,
    /// The files read.
    pub sources: SourceMap,
    /// Whether a file could not be read at all (bad usage, not a bad policy).
    pub unreadable: bool,
}

impl Checked {
    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .0
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The JSON report: the policy's id, the counts, and every diagnostic.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "policy": self.program.as_ref().map(|p| p.id.clone()),
            "errors": self.count(Severity::Error),
            "warnings": self.count(Severity::Warning),
            "diagnostics": crate::report::diagnostics::to_json(&self.diagnostics, &self.sources),
        })
    }
}

/// Loads, checks and lints the policy of `spec` (its overrides are not read), the exception
/// analysis trying at most `analysis_budget` combinations of facts.
pub fn check(spec: &PolicySpec, analysis_budget: usize) -> Checked {
    let mut sources = SourceMap::new();
    match super::load::load_policy(&spec.policy, &spec.amend, &mut sources) {
        Ok(program) => Checked {
            diagnostics: crate::analysis::lint::lint_within(&program, analysis_budget),
            program: Some(program),
            sources,
            unreadable: false,
        },
        Err(diagnostics) => Checked {
            unreadable: diagnostics.0.iter().any(|d| d.code == "doctrine::io"),
            program: None,
            diagnostics,
            sources,
        },
    }
}
