//! The application layer: what every front end (command line, server, workbench, language
//! server) calls. Its loaders are the only code that reads files.

pub mod batch;
pub mod load;
pub mod record;
