//! `doctrine check`: parse and check a policy with its amendments, then lint it.

use clap::{Args, ValueEnum};
use doctrine::diagnostic::Severity;

use super::output::{EXIT_BAD_INPUT, print_diagnostics, print_exact};
use super::{PolicyArgs, SetArgs, print_json};

/// Arguments of `doctrine check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Fail (exit 1) on warnings too, not only on errors: for CI.
    #[arg(long)]
    deny_warnings: bool,
    /// How many combinations of facts the analysis of sibling exceptions may try; past it, a
    /// note names the pairs it did not finish.
    #[arg(long, value_name = "N", default_value_t = doctrine::analysis::lint::ANALYSIS_BUDGET)]
    analysis_budget: usize,
    /// Output format: text (diagnostics on stderr), json or sarif (one document on stdout).
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
}

/// How `doctrine check` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics on stderr, a summary on stdout.
    Text,
    /// One JSON document on stdout.
    Json,
    /// SARIF 2.1.0 on stdout, for code hosts.
    Sarif,
}

/// Runs `doctrine check`: exit 0 when the policy checks (and, with `--deny-warnings`, has no
/// warning), 1 when it has errors (or denied warnings), 2 when it cannot be read.
pub fn run(args: &CheckArgs) -> u8 {
    let checked =
        doctrine::app::check::check(&args.policy.spec(&SetArgs::default()), args.analysis_budget);
    // A policy that cannot be read is bad usage, whatever the format.
    if checked.unreadable {
        print_diagnostics(&checked.diagnostics, &checked.sources);
        return EXIT_BAD_INPUT;
    }
    let (errors, warnings) = (
        checked.count(Severity::Error),
        checked.count(Severity::Warning),
    );
    match args.format {
        CheckFormat::Text => {
            print_diagnostics(&checked.diagnostics, &checked.sources);
            if let Some(program) = &checked.program {
                // Outcomes are counted where a policy has some: other summaries are unchanged.
                let outcomes = match program.outcomes().count() {
                    0 => String::new(),
                    count => format!(", {count} outcome(s)"),
                };
                let mut summary = format!(
                    "{}: {} text(s), {} rule(s), {} exception(s){outcomes}, {} fact(s): no error",
                    program.id,
                    program.texts.len(),
                    program.rules.len(),
                    program.exceptions.len(),
                    program.facts.len()
                );
                if warnings > 0 {
                    summary.push_str(&format!(", {warnings} warning(s)"));
                }
                println!("{summary}");
            }
        }
        CheckFormat::Json => print_json(&checked.json()),
        CheckFormat::Sarif => print_exact(&doctrine::report::diagnostics::sarif::render(
            &checked.diagnostics,
            &checked.sources,
            doctrine::analysis::lint::LINTS,
        )),
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        1
    } else {
        0
    }
}
