//! `doctrine check`: parse and check a policy with its amendments, then lint it.

use clap::{Args, ValueEnum};

use super::PolicyArgs;
use super::output::{EXIT_BAD_INPUT, print_diagnostics, print_stdout};
use doctrine::diagnostic::{Diagnostics, Severity};
use doctrine::source::SourceMap;

/// Arguments of `doctrine check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Fail (exit 1) on warnings too, not only on errors: for CI.
    #[arg(long)]
    deny_warnings: bool,
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
    let mut sources = SourceMap::new();
    let (program, diagnostics) =
        match doctrine::load::load_policy(&args.policy.policy, &args.policy.amend, &mut sources) {
            Ok(program) => {
                let warnings = doctrine::lint::lint(&program);
                (Some(program), warnings)
            }
            Err(diagnostics) => {
                // A policy that cannot be read is bad usage, whatever the format.
                if diagnostics.0.iter().any(|d| d.code == "doctrine::io") {
                    print_diagnostics(&diagnostics, &sources);
                    return EXIT_BAD_INPUT;
                }
                (None, diagnostics)
            }
        };
    let count = |severity| {
        diagnostics
            .0
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    match args.format {
        CheckFormat::Text => {
            print_diagnostics(&diagnostics, &sources);
            if let Some(program) = &program {
                let mut summary = format!(
                    "{}: {} text(s), {} rule(s), {} exception(s), {} fact(s): no error",
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
        CheckFormat::Json => print_stdout(&json(program.as_ref(), &diagnostics, &sources)),
        CheckFormat::Sarif => print_stdout(&doctrine::report::sarif::render(
            &diagnostics,
            &sources,
            doctrine::lint::LINTS,
        )),
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        1
    } else {
        0
    }
}

/// The JSON report: the policy's id, the counts, and every diagnostic.
fn json(
    program: Option<&doctrine::Program>,
    diagnostics: &Diagnostics,
    sources: &SourceMap,
) -> String {
    let count = |severity| {
        diagnostics
            .0
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let report = serde_json::json!({
        "policy": program.map(|p| p.id.clone()),
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "diagnostics": doctrine::report::diagnostics::to_json(diagnostics, sources),
    });
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
