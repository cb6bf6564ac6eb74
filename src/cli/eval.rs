//! `doctrine eval`: evaluate fact files against a policy and print the decisions.

use clap::Args;
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, OutputFormat, PolicyArgs, parse_date};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::eval::EvalOptions;
use crate::source::SourceMap;

/// Arguments of `doctrine eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Fact files: .yaml, .yml, .json or .toml; folders (every fact file under them) or
    /// quoted patterns; `-` reads JSON from standard input.
    #[arg(required = true, value_name = "FACTS")]
    facts: Vec<String>,
    /// The evaluation date (YYYY-MM-DD); default: the facts' `evaluated_on`, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    /// Override a parameter for this run, its value written as in a policy file (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Message language; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Exit 1 when a decision is this verdict or worse; default: the scale's worst verdict.
    #[arg(long, value_name = "VERDICT")]
    fail_on: Option<String>,
}

/// Runs `doctrine eval` and returns the exit code.
pub fn run(args: &EvalArgs) -> u8 {
    let mut sources = SourceMap::new();
    let program = match args.policy.load(&mut sources) {
        Ok(program) => program,
        Err(code) => return code,
    };
    let mut errors = Diagnostics::new();
    let overrides = super::parse_overrides(&program, &args.set, &mut sources, &mut errors);
    let verdicts = program
        .vocabularies
        .first()
        .map(|v| v.members.as_slice())
        .unwrap_or(&[]);
    let fail_on = match &args.fail_on {
        None => Some(0),
        Some(name) => match verdicts.iter().position(|m| &m.name == name) {
            Some(rank) => u32::try_from(rank).ok(),
            None => {
                let help = did_you_mean(name, verdicts.iter().map(|m| m.name.as_str()));
                let names: Vec<&str> = verdicts.iter().map(|m| m.name.as_str()).collect();
                errors.push(
                    Diagnostic::error(
                        "doctrine::cli",
                        format!("`--fail-on {name}`: not a verdict of the policy"),
                    )
                    .with_help(
                        help.unwrap_or_else(|| format!("the verdicts are: {}", names.join(", "))),
                    ),
                );
                None
            }
        },
    };
    let (files, not_found) = crate::load::fact_files(&args.facts);
    errors.extend(not_found);
    let mut loaded = Vec::new();
    for path in &files {
        match crate::load::load_facts(path, &program, &mut sources, &[]) {
            Ok((facts, _, _)) => loaded.push((path.clone(), facts)),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    // Asking the clock loads the time zone database (milliseconds): only when a file needs it.
    let today = std::cell::OnceCell::new();
    let mut decisions = Vec::new();
    for (path, facts) in &loaded {
        let options = EvalOptions {
            on: args
                .on
                .or(facts.evaluated_on)
                .unwrap_or_else(|| *today.get_or_init(|| jiff::ZonedDateTime::now().date())),
            overrides: overrides.clone(),
        };
        match crate::eval::evaluate(&program, facts, &options) {
            Ok(decision) => decisions.push((path.as_str(), decision)),
            Err(error) => errors.push(error.in_facts(path)),
        }
    }
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    let lang = language(args.lang);
    match args.format {
        OutputFormat::Json => {
            let mut values: Vec<serde_json::Value> = decisions
                .iter()
                .map(|(path, d)| crate::report::json::decision(d, path, lang))
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
            let texts: Vec<String> = decisions
                .iter()
                .map(|(path, d)| crate::report::text::decision(d, path, lang, &program.scale))
                .collect();
            print_stdout(&texts.join("\n"));
        }
    }
    let failed =
        fail_on.is_some_and(|limit| decisions.iter().any(|(_, d)| d.decision.rank <= limit));
    u8::from(failed)
}
