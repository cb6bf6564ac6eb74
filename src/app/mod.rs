//! The application layer: what every front end (command line, server, workbench, language
//! server) calls. A [`Workspace`] is a loaded policy; its operations return data (decisions,
//! report models, diagnostics), never printed text. Its loaders are the only code that
//! reads files.

pub mod analyse;
pub mod ask;
pub mod batch;
pub mod check;
pub mod decide;
pub mod diff;
mod diff_sides;
pub mod fmt;
pub mod inputs;
pub mod load;
pub mod names;
pub mod replay;
pub mod suite;
pub mod target;
pub mod workspace;

pub use load::FactSource;
pub use workspace::{Failed, PolicySpec, Today, Workspace};

#[cfg(test)]
#[allow(clippy::panic, reason = "tests")]
mod tests;
