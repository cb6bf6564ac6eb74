//! Reports, one folder per subject, one renderer per format: decisions (JSON, text, Markdown,
//! HTML), comparisons, explanations, parameters, timelines, remedies, questions, test suites
//! (text, JSON, JUnit XML) and diagnostics (miette, SARIF).

pub mod decision;
pub mod diagnostics;
pub mod diff;
pub mod explain;
pub mod literal;
pub mod params;
pub mod questions;
pub mod remedy;
mod run;
pub mod suite;
pub mod timeline;

// TRANSITIONAL: the paths of the flat layout, kept so that callers compile unchanged.
pub use decision::explain as document_explain;
pub use decision::remedy as document_remedy;
pub use decision::{document, html, json, markdown, text};
pub use diagnostics::sarif;
pub use diff::json as diff_json;
pub use diff::markdown as diff_markdown;
pub use diff::text as diff_text;
pub use remedy::json as remedy_json;
pub use remedy::text as remedy_text;
pub use suite::json as suite_json;
pub use suite::junit;
