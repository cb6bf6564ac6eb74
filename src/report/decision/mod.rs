//! Decisions as reports: JSON for tools, text for a person, and a document (with its
//! sections: the base, the explanation, the remedies) rendered as Markdown or HTML.

mod base;
pub mod document;
pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
pub mod remedy;
pub mod text;
mod words;
