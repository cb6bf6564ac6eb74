//! Reports: decisions as JSON or text, comparisons of decisions, parameters, test suites
//! as text, JSON or JUnit XML, and diagnostics through miette.

pub mod diagnostics;
pub mod diff_json;
pub mod diff_markdown;
pub mod diff_text;
mod diff_words;
pub mod json;
pub mod junit;
pub mod literal;
pub mod params;
mod part;
pub mod sarif;
pub mod suite;
pub mod suite_json;
pub mod text;
pub mod timeline;
