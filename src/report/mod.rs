//! Reports: decisions as JSON, text, Markdown or HTML, comparisons of decisions, parameters, test suites
//! as text, JSON or JUnit XML, and diagnostics through miette.

pub mod diagnostics;
pub mod diff_json;
pub mod diff_markdown;
pub mod diff_text;
mod diff_words;
pub mod document;
mod document_base;
pub mod document_explain;
pub mod document_remedy;
pub mod explain;
pub mod html;
pub mod json;
pub mod junit;
pub mod literal;
pub mod markdown;
pub mod params;
mod part;
pub mod questions;
pub mod remedy_json;
pub mod remedy_text;
mod report_words;
pub mod sarif;
pub mod suite;
pub mod suite_json;
pub mod text;
pub mod timeline;
