//! Test cases as files: a fact file with an `expect:` section (and optional `on:`, `set:`
//! and `amend:`), run against a policy and compared with the decision it gives.

pub mod case;
pub mod compare;
pub mod coverage;
pub mod expect;
pub mod run;

pub use case::{CASE_KEYS, Case, read_case};
pub use compare::{Failure, Shown, compare};
pub use coverage::{Coverage, Tally};
pub use expect::{EXPECTATIONS, Expectation};
pub use run::{CaseReport, Options, Outcome};
