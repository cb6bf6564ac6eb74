//! Reports: decisions as JSON or text, test suites as text, JSON or JUnit XML,
//! diagnostics through miette.

pub mod diagnostics;
pub mod json;
pub mod junit;
pub mod suite;
pub mod suite_json;
pub mod text;
