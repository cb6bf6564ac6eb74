//! `doctrine test`: run test cases (fact files with `expect:`) against a policy and
//! report each case, a summary and the rule coverage.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, PolicyArgs, parse_date};
use doctrine::diagnostic::Diagnostics;
use doctrine::report::suite::Summary;
use doctrine::testing::{CaseReport, Options, Outcome, Runner};

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
    /// Override a parameter in every case (repeatable); a case's own `set:` wins.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TestFormat,
    /// Language of the titles in the coverage; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Runs `doctrine test`: exit 0 when every case passes, 1 when one fails, 2 when one
/// could not run (or the policy, an amendment or an option is bad).
pub fn run(args: &TestArgs) -> u8 {
    let options = Options {
        amend: args.policy.amend.clone(),
        set: args.set.clone(),
        on: args.on,
    };
    let mut runner = Runner::new(&args.policy.policy, options);
    let program = match runner.check() {
        Ok(program) => program,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, &runner.sources);
            return EXIT_BAD_INPUT;
        }
    };
    let named = if args.cases.is_empty() {
        vec![doctrine::load::default_cases(&args.policy.policy)]
    } else {
        args.cases.clone()
    };
    let mut reports = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in &named {
        let files = match doctrine::load::case_files(path) {
            Ok(files) if files.is_empty() => Err(doctrine::diagnostic::Diagnostic::error(
                "doctrine::test",
                format!("the folder `{}` holds no test case", path.display()),
            )
            .with_help("test cases are .yaml, .yml, .json or .toml fact files with `expect:`")),
            other => other,
        };
        let files = match files {
            Ok(files) => files,
            Err(diagnostic) => {
                let diagnostic = if args.cases.is_empty() {
                    diagnostic.with_help("name the cases: doctrine test POLICY CASES...")
                } else {
                    diagnostic
                };
                let report = error(
                    path.display().to_string(),
                    diagnostic.into(),
                    &reports,
                    &runner,
                );
                reports.push(report);
                continue;
            }
        };
        for file in files.into_iter().filter(|f| seen.insert(f.clone())) {
            let report = runner.run(&file);
            if let Outcome::Error(diagnostics) = &report.outcome {
                separate(&reports);
                print_diagnostics(diagnostics, &runner.sources);
            }
            reports.push(report);
        }
    }
    match args.format {
        TestFormat::Text => print_stdout(&doctrine::report::suite::text(
            &reports,
            &runner.coverage,
            language(args.lang),
        )),
        TestFormat::Json => {
            let json =
                doctrine::report::suite_json::json(&reports, &runner.coverage, &runner.sources);
            let text = serde_json::to_string_pretty(&json).unwrap_or_default();
            print_stdout(&format!("{text}\n"));
        }
        TestFormat::Junit => print_stdout(&doctrine::report::junit::junit(
            &reports,
            &program.id,
            &runner.sources,
        )),
    }
    let summary = Summary::of(&reports);
    if summary.errors > 0 {
        EXIT_BAD_INPUT
    } else {
        u8::from(summary.failed > 0)
    }
}

/// A blank line on stderr between the errors of two cases.
fn separate(reports: &[CaseReport]) {
    if reports
        .iter()
        .any(|r| matches!(r.outcome, Outcome::Error(_)))
    {
        eprintln!();
    }
}

/// A named path that gave no case, reported like a case that could not run.
fn error(
    path: String,
    diagnostics: Diagnostics,
    reports: &[CaseReport],
    runner: &Runner,
) -> CaseReport {
    separate(reports);
    print_diagnostics(&diagnostics, &runner.sources);
    CaseReport {
        path,
        outcome: Outcome::Error(diagnostics),
    }
}
