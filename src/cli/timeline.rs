//! `doctrine timeline`: when a case's decision changes, period by period.

use clap::Args;
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, OutputFormat, PolicyArgs, parse_date};
use doctrine::diagnostic::{Diagnostic, Diagnostics};
use doctrine::report::timeline::Heading;
use doctrine::source::SourceMap;
use doctrine::timeline::{default_from, default_to, timeline};

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
    /// Override a parameter for this run, its value written as in a policy file (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Message language; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Runs `doctrine timeline` and returns the exit code.
pub fn run(args: &TimelineArgs) -> u8 {
    let mut sources = SourceMap::new();
    let program = match args.policy.load(&mut sources) {
        Ok(program) => program,
        Err(code) => return code,
    };
    let mut errors = Diagnostics::new();
    let from = args.from.unwrap_or_else(|| default_from(&program));
    if let Some(to) = args.to
        && to < from
    {
        let error = match args.from {
            Some(_) => Diagnostic::error(
                "doctrine::cli",
                format!("`--from {from}` is after `--to {to}`"),
            )
            .with_help("the window runs from --from to --to, both included"),
            None => Diagnostic::error(
                "doctrine::cli",
                format!(
                    "`--to {to}` is before {from}, the day before the first text comes into force"
                ),
            )
            .with_help("give --from too"),
        };
        errors.push(error);
    }
    let overrides = super::parse_overrides(&program, &args.set, &mut sources, &mut errors);
    let mut loaded = Vec::new();
    for path in &args.facts {
        match doctrine::load::load_facts(path, &program, &mut sources, &[]) {
            Ok((facts, _, _)) => loaded.push((path.clone(), facts)),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    let mut timelines = Vec::new();
    for (path, facts) in &loaded {
        let to = args.to.unwrap_or_else(|| default_to(&program, facts, from));
        match timeline(&program, facts, &overrides, from, to) {
            Ok(periods) => timelines.push((path.as_str(), to, periods)),
            Err(error) => errors.push(error.in_facts(path)),
        }
    }
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    let lang = language(args.lang);
    let headings: Vec<Heading> = timelines
        .iter()
        .map(|(path, to, periods)| Heading {
            facts: path,
            policy: &program.id,
            from,
            to: *to,
            overrides: periods
                .first()
                .map_or(&[], |p| p.decision.overrides.as_slice()),
        })
        .collect();
    match args.format {
        OutputFormat::Json => {
            let mut values: Vec<serde_json::Value> = headings
                .iter()
                .zip(&timelines)
                .map(|(heading, (_, _, periods))| {
                    doctrine::report::timeline::json(heading, periods)
                })
                .collect();
            let json = if values.len() == 1 {
                values.remove(0)
            } else {
                serde_json::Value::Array(values)
            };
            let text = serde_json::to_string_pretty(&json).unwrap_or_default();
            print_stdout(&format!("{text}\n"));
        }
        OutputFormat::Text => {
            let texts: Vec<String> = headings
                .iter()
                .zip(&timelines)
                .map(|(heading, (_, _, periods))| {
                    doctrine::report::timeline::text(heading, periods, lang, &program.scale)
                })
                .collect();
            print_stdout(&texts.join("\n"));
        }
    }
    0
}
