//! Test-suite results (`doctrine test`) as text, JSON or JUnit XML.

pub mod json;
pub mod junit;
pub mod text;

pub use text::{COVERAGE_OVER, Summary, text};
