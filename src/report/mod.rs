//! Reports: decisions as JSON or text, diagnostics through miette.

pub mod diagnostics;
pub mod json;
pub mod text;
pub mod timeline;
