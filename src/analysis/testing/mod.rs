//! Test cases as files: a fact file with an `expect:` section (and optional `on:`, `set:`
//! and `amend:`), run against a policy and compared with the decision it gives.

pub mod case;
pub mod compare;
pub mod coverage;
pub mod expect;
pub mod runner;

pub use case::{CASE_KEYS, Case, read_case};
pub use compare::{Failure, Shown, compare};
pub use coverage::{Coverage, Tally};
pub use expect::{EXPECTATIONS, Expectation};
pub use runner::{CaseReport, Options, Outcome, Runner};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::program::Program;
use crate::source::SourceMap;

/// Runs a case file against a compiled program. `Ok(failures)`; an empty list means the
/// case passes. A case that names amendments needs a [`Runner`], which compiles them.
pub fn run_case(
    program: &Program,
    path: &str,
    sources: &mut SourceMap,
) -> Result<Vec<Failure>, Diagnostics> {
    let (root, file) = crate::load::read_facts(path, sources)?;
    if let Some((_, span)) = case::amendments(&root, file)?.first() {
        return Err(Diagnostic::error(
            "doctrine::test",
            "this case names amendments, which a compiled program cannot take",
        )
        .with_label(*span, "amendment")
        .with_help("run it with `doctrine test` (or `testing::Runner`)")
        .into());
    }
    runner::decide(program, &root, file, path, &Options::default(), sources)
        .map(|(_, failures)| failures)
}
