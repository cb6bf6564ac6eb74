//! Reports: decisions as JSON or text, comparisons of decisions, diagnostics through miette.

pub mod diagnostics;
pub mod diff_json;
pub mod diff_markdown;
pub mod diff_text;
mod diff_words;
pub mod json;
pub mod literal;
pub mod params;
pub mod text;
