//! Explanations of decisions (see [`crate::analysis::explain`]) as prose for a person, in French or
//! English, and as JSON for tools.

pub mod json;
pub mod text;
mod tree;
mod words;

use crate::analysis::explain::Truth;

/// A line's mark: ✓ holds, ✗ does not hold, ? unknown, • a value that is not a condition.
pub(crate) fn mark(truth: Option<Truth>) -> &'static str {
    match truth {
        Some(Truth::True) => "✓",
        Some(Truth::False) => "✗",
        Some(Truth::Unknown) => "?",
        None => "•",
    }
}
