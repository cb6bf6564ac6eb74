//! Diagnostics: what went wrong (or may be wrong), where, and what to do about it.
//!
//! Detection builds these plain values; `report::diagnostics` renders them with miette.

use std::collections::BTreeMap;

use crate::source::{FileId, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input is wrong: nothing can be decided from it.
    Error,
    /// The input works but is probably not what was meant.
    Warning,
    /// Something worth knowing that is not a fault (an analysis cut short by its budget).
    Note,
}

/// A place in a source, with what to say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The place.
    pub span: Span,
    /// What to say there.
    pub message: String,
}

/// One finding about an input.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable code, such as `doctrine::language::check::unknown_name`.
    pub code: &'static str,
    /// What is wrong, lowercase, no final period.
    pub message: String,
    /// Where: the first label is the main place.
    pub labels: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with a message.
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    /// Adds a labelled place.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds advice.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds advice when there is some.
    pub fn with_optional_help(mut self, help: Option<String>) -> Diagnostic {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// The main place, if any.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|label| label.span)
    }
}

/// Several diagnostics, reported together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// No diagnostics.
    pub fn new() -> Diagnostics {
        Diagnostics(Vec::new())
    }

    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes all of another's.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// The diagnostics shown when at most `max` are shown per file (0 shows all), in their
    /// order, and what is left out of each file, in the order of the files.
    pub fn capped(&self, max: usize) -> (Vec<&Diagnostic>, Vec<Omitted>) {
        let mut shown = Vec::new();
        let mut seen: BTreeMap<Option<FileId>, usize> = BTreeMap::new();
        let mut omitted: BTreeMap<Option<FileId>, Omitted> = BTreeMap::new();
        for diagnostic in &self.0 {
            let file = diagnostic.primary_span().map(|span| span.file);
            let count = seen.entry(file).or_insert(0);
            *count += 1;
            if max == 0 || *count <= max {
                shown.push(diagnostic);
                continue;
            }
            let left = omitted.entry(file).or_insert(Omitted {
                file,
                errors: 0,
                warnings: 0,
                notes: 0,
            });
            match diagnostic.severity {
                Severity::Error => left.errors += 1,
                Severity::Warning => left.warnings += 1,
                Severity::Note => left.notes += 1,
            }
        }
        (shown, omitted.into_values().collect())
    }
}

/// What a cap on the diagnostics shown per file left out of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Omitted {
    /// The file (`None`: the diagnostics that point at no file).
    pub file: Option<FileId>,
    /// Errors not shown.
    pub errors: usize,
    /// Warnings not shown.
    pub warnings: usize,
    /// Notes not shown.
    pub notes: usize,
}

impl Omitted {
    /// Diagnostics not shown, of every severity.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.notes
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Diagnostics {
        Diagnostics(vec![diagnostic])
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", diagnostic.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The closest of `candidates` to `name`, for "did you mean" help.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        // Close enough: one edit away, or most of the name the same.
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(name, candidate),
                candidate,
            )
        })
        .filter(|(score, candidate)| {
            *score >= 0.7 || strsim::damerau_levenshtein(name, candidate) <= 1
        })
        // Ties go to the first in alphabetical order, whatever order the candidates came in.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| format!("did you mean `{candidate}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: u32, severity: Severity) -> Diagnostic {
        let mut diagnostic =
            Diagnostic::error("test", "wrong").with_label(Span::new(FileId(file), 0, 1), "here");
        diagnostic.severity = severity;
        diagnostic
    }

    #[test]
    fn the_cap_counts_per_file_and_keeps_the_order() {
        let mut all = Diagnostics::new();
        for i in 0..5 {
            all.push(at(0, Severity::Error));
            all.push(at(
                1,
                if i % 2 == 0 {
                    Severity::Warning
                } else {
                    Severity::Error
                },
            ));
        }
        all.push(Diagnostic::error("test", "nowhere"));
        let (shown, omitted) = all.capped(2);
        let files: Vec<Option<FileId>> = shown
            .iter()
            .map(|d| d.primary_span().map(|s| s.file))
            .collect();
        assert_eq!(
            files,
            [
                Some(FileId(0)),
                Some(FileId(1)),
                Some(FileId(0)),
                Some(FileId(1)),
                None
            ]
        );
        assert_eq!(
            omitted,
            [
                Omitted {
                    file: Some(FileId(0)),
                    errors: 3,
                    warnings: 0,
                    notes: 0
                },
                Omitted {
                    file: Some(FileId(1)),
                    errors: 1,
                    warnings: 2,
                    notes: 0
                },
            ]
        );
        assert_eq!(all.capped(0).0.len(), 11);
        assert!(all.capped(0).1.is_empty());
    }
}
