//! Running a policy's test cases: the case files named (or the `tests` folder beside the
//! policy), each run once, in order, with the coverage of the whole suite.

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub mod runner;

pub use runner::{Runner, run_case};

use crate::analysis::testing::{CaseReport, Options, Outcome};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::language::program::Program;

/// A suite that ran.
#[derive(Debug)]
pub struct Suite {
    /// The runner: its sources (for the errors) and the coverage.
    pub runner: Runner,
    /// The policy with the run's amendments.
    pub program: Arc<Program>,
    /// Each case, in order: those of each path named, sorted, each file once.
    pub reports: Vec<CaseReport>,
}

/// Runs the cases under `cases` (default: [`super::inputs::default_cases`] of the policy).
/// `each` sees every case report as it comes, with those before it and the runner. Fails
/// when the policy, an amendment or an override of the run is bad.
pub fn run(
    policy: &Path,
    options: Options,
    cases: &[PathBuf],
    mut each: impl FnMut(&CaseReport, &[CaseReport], &Runner),
) -> Result<Suite, Box<(Diagnostics, Runner)>> {
    let mut runner = Runner::new(policy, options);
    let program = match runner.check() {
        Ok(program) => program,
        Err(diagnostics) => return Err(Box::new((diagnostics, runner))),
    };
    let named = if cases.is_empty() {
        vec![super::inputs::default_cases(policy)]
    } else {
        cases.to_vec()
    };
    let mut reports = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in &named {
        let files = match super::inputs::case_files(path) {
            Ok(files) if files.is_empty() => Err(Diagnostic::error(
                "doctrine::test",
                format!("the folder `{}` holds no test case", path.display()),
            )
            .with_help("test cases are .yaml, .yml, .json or .toml fact files with `expect:`")),
            other => other,
        };
        let files = match files {
            Ok(files) => files,
            Err(diagnostic) => {
                let diagnostic = if cases.is_empty() {
                    diagnostic.with_help("name the cases: doctrine test POLICY CASES...")
                } else {
                    diagnostic
                };
                let report = CaseReport {
                    path: path.display().to_string(),
                    outcome: Outcome::Error(diagnostic.into()),
                };
                each(&report, &reports, &runner);
                reports.push(report);
                continue;
            }
        };
        for file in files.into_iter().filter(|f| seen.insert(f.clone())) {
            let report = runner.run(&file);
            each(&report, &reports, &runner);
            reports.push(report);
        }
    }
    Ok(Suite {
        runner,
        program,
        reports,
    })
}
