//! Comparisons of decisions (`doctrine diff`) as text, JSON or Markdown.

pub mod json;
pub mod markdown;
mod parts;
pub mod text;
mod words;
