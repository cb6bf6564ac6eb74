//! Analyses of decisions: explanations, remedies, questions and answers, comparisons,
//! timelines, parameter provenance and test suites.

pub mod answers;
pub mod diff;
pub mod explain;
pub mod lint;
pub mod provenance;
pub mod questions;
pub mod reads;
pub mod record;
pub mod remedy;
pub mod testing;
pub mod timeline;
