//! `doctrine test`: run test cases (fact files with `expect:`) against a policy and
//! report each case, a summary and the rule coverage.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use doctrine::analysis::testing::{CaseReport, Options, Outcome};
use doctrine::app::suite::Runner;
use doctrine::report::suite::Summary;

use super::output::{EXIT_BAD_INPUT, print_diagnostics, print_stdout};
use super::{LangArgs, PolicyArgs, SetArgs, bad_input, parse_date, print_json};

/// Output formats of `doctrine test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
    /// JUnit XML, for CI systems.
    Junit,
}

/// Arguments of `doctrine test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Case files, and folders of them (every .yaml, .yml, .json and .toml file inside,
    /// recursively); default: the `tests` folder next to the policy.
    #[arg(value_name = "CASES")]
    cases: Vec<PathBuf>,
    /// The date of a case that gives neither `on:` nor `evaluated_on:` (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    #[command(flatten)]
    set: SetArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TestFormat,
    #[command(flatten)]
    lang: LangArgs,
}

/// Runs `doctrine test`: exit 0 when every case passes, 1 when one fails, 2 when one
/// could not run (or the policy, an amendment or an option is bad).
pub fn run(args: &TestArgs) -> u8 {
    let options = Options {
        amend: args.policy.amend.clone(),
        set: args.set.set.clone(),
        on: args.on,
    };
    let each = |report: &CaseReport, before: &[CaseReport], runner: &Runner| {
        if let Outcome::Error(diagnostics) = &report.outcome {
            // A blank line on stderr between the errors of two cases.
            if before
                .iter()
                .any(|r| matches!(r.outcome, Outcome::Error(_)))
            {
                eprintln!();
            }
            print_diagnostics(diagnostics, &runner.sources);
        }
    };
    let suite = match doctrine::app::suite::run(&args.policy.policy, options, &args.cases, each) {
        Ok(suite) => suite,
        Err(failed) => return bad_input(&failed.0, &failed.1.sources),
    };
    let (reports, runner) = (&suite.reports, &suite.runner);
    args.lang.note_fallback(Some(&suite.program.languages));
    match args.format {
        TestFormat::Text => print_stdout(&doctrine::report::suite::text(
            reports,
            &runner.coverage,
            args.lang.get(),
        )),
        TestFormat::Json => print_json(&doctrine::report::suite::json::json(
            reports,
            &runner.coverage,
            &runner.sources,
        )),
        TestFormat::Junit => super::output::print_exact(&doctrine::report::suite::junit::junit(
            reports,
            &suite.program.id,
            &runner.sources,
        )),
    }
    let summary = Summary::of(reports);
    if summary.errors > 0 {
        EXIT_BAD_INPUT
    } else {
        u8::from(summary.failed > 0)
    }
}
