//! The policy language: source text → syntax tree → checked program, with its lints and
//! its canonical layout.

pub mod ast;
pub mod check;
pub mod format;
pub mod functions;
pub mod program;
pub mod range;
pub mod short_names;
pub mod syntax;
pub mod types;
pub mod value;
pub(crate) mod walk;
