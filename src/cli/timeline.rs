//! `doctrine timeline`: when a case's decision changes, period by period.

use clap::Args;
use doctrine::app::FactSource;
use jiff::civil::Date;

use super::output::print_stdout;
use super::{LangArgs, OutputFormat, PolicyArgs, SetArgs, bad_input, parse_date, print_json};

/// Arguments of `doctrine timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Fact files: .yaml, .yml, .json or .toml; `-` reads JSON from standard input.
    #[arg(required = true, value_name = "FACTS")]
    facts: Vec<String>,
    /// The first day (YYYY-MM-DD); default: the day before the first text comes into force.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<Date>,
    /// The last day (YYYY-MM-DD); default: five years after the latest date of the policy
    /// (texts, parameter steps) and of the facts.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<Date>,
    #[command(flatten)]
    set: SetArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    #[command(flatten)]
    lang: LangArgs,
}

/// Runs `doctrine timeline` and returns the exit code.
pub fn run(args: &TimelineArgs) -> u8 {
    let mut ws = match args.policy.open(&args.set, &args.lang) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let sources: Vec<FactSource<'_>> = args.facts.iter().map(|f| FactSource::Path(f)).collect();
    let (from, timelines) = match ws.timelines(&sources, args.from, args.to) {
        Ok(found) => found,
        Err(errors) => return bad_input(&errors, &ws.sources),
    };
    let policy = ws.program.id.as_str();
    match args.format {
        OutputFormat::Json => {
            let mut values: Vec<serde_json::Value> = timelines
                .iter()
                .map(|t| doctrine::report::timeline::json(&t.heading(policy, from), &t.periods))
                .collect();
            let json = match values.pop() {
                Some(one) if values.is_empty() => one,
                last => {
                    values.extend(last);
                    serde_json::Value::Array(values)
                }
            };
            print_json(&json);
        }
        OutputFormat::Text => {
            let texts: Vec<String> = timelines
                .iter()
                .map(|t| {
                    doctrine::report::timeline::text(
                        &t.heading(policy, from),
                        &t.periods,
                        ws.lang,
                        &ws.program.scale,
                    )
                })
                .collect();
            print_stdout(&texts.join("\n"));
        }
    }
    0
}
