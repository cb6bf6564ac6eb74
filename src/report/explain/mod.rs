//! Explanations of decisions (see [`crate::explain`]) as prose for a person, in French or
//! English, and as JSON for tools.

pub mod json;
pub mod text;
mod tree;
mod words;
