//! `doctrine remedy`: the smallest sets of fact changes that would move a decision to a target.

use clap::Args;
use doctrine::app::analyse::RemedyAsk;

use super::output::print_stdout;
use super::{CaseArgs, OutputFormat, print_json};

/// Arguments of `doctrine remedy`.
#[derive(Debug, Args)]
pub struct RemedyArgs {
    #[command(flatten)]
    case: CaseArgs,
    /// What to reach: a verdict (or better), a name of the outcome the policy decides by, or
    /// OUTCOME=VALUE; default: any verdict better than the decision (for a policy deciding
    /// by an outcome: any decision but those it fails on).
    #[arg(long, value_name = "TARGET")]
    target: Option<String>,
    /// Facts that may not change: a pattern on their paths, like `data.*` (repeatable).
    #[arg(long = "fixed", value_name = "PATTERN")]
    fixed: Vec<String>,
    /// The most changes in one remedy.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=8))]
    max_changes: u8,
    /// How many remedies to show; larger sets are not searched once this many are found.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    limit: u16,
    /// The most fact sets the search evaluates; the memory it keeps grows with it. Past it,
    /// the search stops and says so.
    #[arg(long, value_name = "N", default_value_t = doctrine::analysis::remedy::BUDGET as u64, value_parser = clap::value_parser!(u64).range(1..))]
    budget: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

/// Runs `doctrine remedy` and returns the exit code.
pub fn run(args: &RemedyArgs) -> u8 {
    let ask = RemedyAsk {
        target: args.target.clone(),
        fixed: args.fixed.clone(),
        max_changes: usize::from(args.max_changes),
        limit: usize::from(args.limit),
        budget: usize::try_from(args.budget).unwrap_or(usize::MAX),
    };
    let (ws, found) = match args.case.run(|ws, facts, on| ws.remedy(facts, on, &ask)) {
        Ok(done) => done,
        Err(code) => return code,
    };
    match args.format {
        OutputFormat::Json => print_json(&doctrine::report::remedy::json::report(
            &ws.program,
            &found.report,
            &args.case.facts,
            found.on,
            ask.limit,
            ws.lang,
        )),
        OutputFormat::Text => print_stdout(&doctrine::report::remedy::text::report(
            &ws.program,
            &found.report,
            &args.case.facts,
            ask.limit,
            ws.lang,
        )),
    }
    0
}
