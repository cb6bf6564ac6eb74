//! Test-suite results as text for a person: one line per case, the differences under a
//! failing one, a summary, and the rule coverage.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::analysis::testing::{CaseReport, Coverage, Outcome};
use crate::language::ast::Lang;

/// How many cases passed, failed and could not run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Cases whose decision is as expected.
    pub passed: usize,
    /// Cases whose decision differs.
    pub failed: usize,
    /// Cases that could not run.
    pub errors: usize,
}

impl Summary {
    /// Counts the outcomes of a suite.
    pub fn of(cases: &[CaseReport]) -> Summary {
        let mut summary = Summary::default();
        for case in cases {
            match case.outcome {
                Outcome::Passed => summary.passed += 1,
                Outcome::Failed(_) => summary.failed += 1,
                Outcome::Error(_) => summary.errors += 1,
            }
        }
        summary
    }
}

impl std::fmt::Display for Summary {
    /// `80 passed, 1 failed, 2 errors`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors = if self.errors == 1 { "error" } else { "errors" };
        write!(
            f,
            "{} passed, {} failed, {} {errors}",
            self.passed, self.failed, self.errors
        )
    }
}

/// What the coverage counts, said once in every report.
pub const COVERAGE_OVER: &str = "items in force in the texts the cases applied";

/// Renders a suite: `PASS path`, `FAIL path` with a line per difference, `ERROR path`
/// with the first line of each error (the whole diagnostics go to stderr), then the
/// summary and the coverage, with the titles of never-exercised items in `lang`.
pub fn text(cases: &[CaseReport], coverage: &Coverage, lang: Lang) -> String {
    let paint = |colour: AnsiColor| Style::new().fg_color(Some(colour.into())).bold();
    let (pass, fail, error) = (
        paint(AnsiColor::Green),
        paint(AnsiColor::Red),
        paint(AnsiColor::Magenta),
    );
    let dim = Style::new().dimmed();
    let mut out = String::new();
    for case in cases {
        match &case.outcome {
            Outcome::Passed => {
                let _ = writeln!(out, "{pass}PASS{pass:#} {}", case.path);
            }
            Outcome::Failed(failures) => {
                let _ = writeln!(out, "{fail}FAIL{fail:#} {}", case.path);
                for failure in failures {
                    let _ = writeln!(out, "    {failure}");
                }
            }
            Outcome::Error(diagnostics) => {
                let _ = writeln!(out, "{error}ERROR{error:#} {}", case.path);
                for diagnostic in &diagnostics.0 {
                    let _ = writeln!(out, "    {}", diagnostic.message);
                }
            }
        }
    }
    let _ = writeln!(out, "\n{}", Summary::of(cases));
    let _ = writeln!(out, "\ncoverage ({COVERAGE_OVER}):");
    let kinds = coverage
        .kinds()
        .map(|(kind, tally)| (kind, tally, "exercised"));
    for (kind, tally, counted) in kinds.into_iter().chain(coverage.outcome_kinds()) {
        let never = tally.never();
        let _ = writeln!(
            out,
            "  {kind}: {}/{} {counted}",
            tally.in_force.len() - never.len(),
            tally.in_force.len()
        );
        for id in never {
            let title = tally
                .in_force
                .get(id)
                .and_then(|t| t.get(lang))
                .map(|t| format!(" {dim}— {t}{dim:#}"))
                .unwrap_or_default();
            let _ = writeln!(out, "    never: {id}{title}");
        }
    }
    out
}
