//! An error during evaluation, and its diagnostic.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// An error during evaluation (overflow, a conflict of exceptions…), pointing at the policy.
#[derive(Clone, Debug)]
pub struct EvalError {
    /// What went wrong.
    pub message: String,
    /// Where in the policy.
    pub span: Option<Span>,
    /// A fuller diagnostic, when there is one.
    pub diagnostic: Option<Box<Diagnostic>>,
}

impl EvalError {
    pub(crate) fn new(message: impl Into<String>, span: Span) -> EvalError {
        EvalError {
            message: message.into(),
            span: Some(span),
            diagnostic: None,
        }
    }

    /// The error as a diagnostic that names the fact file it came from.
    pub fn in_facts(&self, facts: &str) -> Diagnostic {
        let mut diagnostic = self.to_diagnostic();
        diagnostic.message = format!("{} (evaluating `{facts}`)", diagnostic.message);
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
