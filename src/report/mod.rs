//! Reports, one folder per subject, one renderer per format: decisions (JSON, text, Markdown,
//! HTML), comparisons, explanations, parameters, timelines, remedies, questions, test suites
//! (text, JSON, JUnit XML) and diagnostics (miette, SARIF).

pub mod decision;
pub mod diagnostics;
pub mod diff;
pub mod escape;
pub mod explain;
pub mod literal;
pub mod params;
pub mod policy;
pub mod questions;
pub mod remedy;
mod run;
pub mod suite;
pub mod timeline;
#[cfg(feature = "server")]
pub mod workbench;
