//! Remedies (`doctrine remedy`) as text or JSON.

pub mod json;
pub mod text;
