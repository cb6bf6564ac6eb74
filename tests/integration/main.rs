//! Every integration test in one binary, so `cargo test` links one test program, not one per
//! file. `harness = false`: libtest-mimic runs the data cases (`cases`) and each module's test
//! functions as trials, in parallel, and prints libtest's summary line.
//!
//! A trial is named `module::function` (the data cases by their path), so
//! `cargo test -- readme` or `cargo test -- tests/cases/eval` selects tests as libtest does.
//! To add a module: write `tests/integration/NAME.rs` with plain functions (no `#[test]`)
//! that panic or return `Err` on failure, end it with `tests![fn_a, fn_b];`, declare it below
//! with `mod NAME;` and add `NAME::trials()` to [`modules`]. A function left out of `tests!`
//! is dead code, which clippy (`-D warnings`) reports.

// What clippy.toml allows in `#[test]` functions, allowed in this whole test program.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed expectation is a panic"
)]

use libtest_mimic::{Arguments, Failed, Trial};

/// Declares a module's test functions: `tests![a, b, #[ignore = "why"] c];` defines
/// `trials()`, one trial per function, named `module::function`.
macro_rules! tests {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {
        /// The trials of this module, one per test function.
        pub fn trials() -> Vec<libtest_mimic::Trial> {
            vec![$(
                crate::trial(
                    module_path!(),
                    stringify!($name),
                    $name,
                    &[$(stringify!($attr)),*],
                )
            ),*]
        }
    };
}

mod ask;
mod batch;
mod budgets;
mod cases;
mod completions;
mod fast_facts;
#[cfg(unix)]
mod files;
mod floods;
mod fmt;
mod fuzz_seeds;
mod hostile;
mod init;
mod junit;
mod layout;
mod nis2_reference;
mod properties;
mod readme;
mod remedy;
mod replay;
mod report;
mod sarif;
mod schema;
#[cfg(feature = "server")]
mod serve;
mod timeline;
mod verdicts;

fn main() {
    let args = Arguments::from_args();
    libtest_mimic::run(&args, modules()).exit();
}

/// Every trial. The worker threads take trials in this order: the slowest come first, so
/// that none starts last and runs alone.
fn modules() -> Vec<Trial> {
    [
        budgets::trials(),
        fast_facts::trials(),
        report::trials(),
        remedy::trials(),
        readme::trials(),
        #[cfg(feature = "server")]
        serve::trials(),
        batch::trials(),
        properties::trials(),
        nis2_reference::trials(),
        timeline::trials(),
        fmt::trials(),
        #[cfg(unix)]
        files::trials(),
        hostile::trials(),
        floods::trials(),
        schema::trials(),
        init::trials(),
        replay::trials(),
        verdicts::trials(),
        fuzz_seeds::trials(),
        junit::trials(),
        completions::trials(),
        ask::trials(),
        sarif::trials(),
        layout::trials(),
        cases::trials(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// What a test function returns: nothing (it panics on failure) or a `Result`.
trait TestResult {
    fn into_result(self) -> Result<(), Failed>;
}

impl TestResult for () {
    fn into_result(self) -> Result<(), Failed> {
        Ok(())
    }
}

impl<E: std::fmt::Display> TestResult for Result<(), E> {
    fn into_result(self) -> Result<(), Failed> {
        self.map_err(|e| e.to_string().into())
    }
}

/// A trial running `test`, named `module::function` (without the crate's name); ignored
/// when one of its attributes is `ignore`.
fn trial<R: TestResult + 'static>(
    module_path: &str,
    name: &str,
    test: fn() -> R,
    attributes: &[&str],
) -> Trial {
    let module = module_path
        .split_once("::")
        .map_or(module_path, |(_, module)| module);
    let ignored = attributes.iter().any(|a| a.starts_with("ignore"));
    Trial::test(format!("{module}::{name}"), move || test().into_result())
        .with_ignored_flag(ignored)
}
