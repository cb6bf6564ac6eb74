//! `doctrine explain`: the derivation of one fact file's decision, rule by rule, condition by
//! condition, in prose (in the language asked for) or JSON.

use clap::Args;
use doctrine::analysis::explain::Detail;

use super::output::print_stdout;
use super::{CaseArgs, OutputFormat, print_json};

/// Arguments of `doctrine explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    case: CaseArgs,
    /// Explain only this rule (by id).
    #[arg(long, value_name = "ID")]
    rule: Option<String>,
    /// Explain only this outcome (by name).
    #[arg(long, value_name = "NAME", conflicts_with = "rule")]
    outcome: Option<String>,
    /// Show every branch: every rule, every operand, the exceptions not tried.
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

/// Runs `doctrine explain`: exit 0 whatever the verdict, 2 on bad input.
pub fn run(args: &ExplainArgs) -> u8 {
    let detail = Detail {
        all: args.all,
        rule: args.rule.clone(),
        outcome: args.outcome.clone(),
    };
    let (ws, explanation) = match args
        .case
        .run(|ws, facts, on| ws.explain(facts, on, &detail))
    {
        Ok(done) => done,
        Err(code) => return code,
    };
    match args.format {
        OutputFormat::Json => print_json(&doctrine::report::explain::json::explanation(
            &explanation,
            &args.case.facts,
            ws.lang,
        )),
        OutputFormat::Text => print_stdout(&doctrine::report::explain::text::explanation(
            &explanation,
            &args.case.facts,
            ws.lang,
            &ws.program.scale,
        )),
    }
    0
}
