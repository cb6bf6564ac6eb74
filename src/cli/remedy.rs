//! `doctrine remedy`: the smallest sets of fact changes that would move a decision to a target.

use clap::Args;
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, OutputFormat, PolicyArgs, parse_date};
use doctrine::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use doctrine::program::Program;
use doctrine::remedy::Request;
use doctrine::source::SourceMap;

/// Arguments of `doctrine remedy`.
#[derive(Debug, Args)]
pub struct RemedyArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The fact file: .yaml, .yml, .json or .toml; `-` reads JSON from standard input.
    #[arg(value_name = "FACTS")]
    facts: String,
    /// The verdict to reach (or better); default: any verdict better than the decision.
    #[arg(long, value_name = "VERDICT")]
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
}

/// The rank of a verdict named on the command line (`flag` names the option).
pub fn verdict_rank(program: &Program, flag: &str, name: &str) -> Result<u32, Diagnostic> {
    let verdicts = program
        .vocabularies
        .first()
        .map(|v| v.members.as_slice())
        .unwrap_or(&[]);
    if let Some(rank) = verdicts.iter().position(|m| m.name == name) {
        return Ok(u32::try_from(rank).unwrap_or(u32::MAX));
    }
    let names: Vec<&str> = verdicts.iter().map(|m| m.name.as_str()).collect();
    let help = did_you_mean(name, names.iter().copied())
        .unwrap_or_else(|| format!("the verdicts are: {}", names.join(", ")));
    Err(Diagnostic::error(
        "doctrine::cli",
        format!("`{flag} {name}`: not a verdict of the policy"),
    )
    .with_help(help))
}

/// The slots of the facts `--fixed` patterns name; a bad pattern, or one that names no
/// fact, is an error.
pub fn fixed_facts(program: &Program, patterns: &[String], errors: &mut Diagnostics) -> Vec<u32> {
    let mut slots = Vec::new();
    for text in patterns {
        let pattern = match glob::Pattern::new(text) {
            Ok(pattern) => pattern,
            Err(e) => {
                errors.push(
                    Diagnostic::error(
                        "doctrine::cli",
                        format!("`--fixed {text}`: not a pattern: {}", e.msg),
                    )
                    .with_help(
                        "a fact path, `*` for any characters: `data.*`, `hosting.secnumcloud`",
                    ),
                );
                continue;
            }
        };
        let before = slots.len();
        for (slot, fact) in program.facts.iter().enumerate() {
            if pattern.matches(&fact.path) {
                slots.push(u32::try_from(slot).unwrap_or(u32::MAX));
            }
        }
        if slots.len() == before {
            let help = did_you_mean(text, program.facts.iter().map(|f| f.path.as_str()))
                .unwrap_or_else(|| String::from("`doctrine init POLICY` lists the facts"));
            errors.push(
                Diagnostic::error(
                    "doctrine::cli",
                    format!("`--fixed {text}`: names no fact of the policy"),
                )
                .with_help(help),
            );
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// Runs `doctrine remedy` and returns the exit code.
pub fn run(args: &RemedyArgs) -> u8 {
    let mut sources = SourceMap::new();
    let program = match args.policy.load(&mut sources) {
        Ok(program) => program,
        Err(code) => return code,
    };
    let mut errors = Diagnostics::new();
    let overrides = super::parse_overrides(&program, &args.set, &mut sources, &mut errors);
    let target = match &args.target {
        None => None,
        Some(name) => match verdict_rank(&program, "--target", name) {
            Ok(rank) => Some(rank),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    let fixed = fixed_facts(&program, &args.fixed, &mut errors);
    let facts = super::single_fact_set(&args.facts, &program, &mut sources, &mut errors);
    let Some(facts) = facts else {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    };
    let options = super::eval_options(args.on, &facts, overrides);
    let request = Request {
        target,
        fixed,
        max_changes: usize::from(args.max_changes),
        limit: usize::from(args.limit),
    };
    let report = match doctrine::remedy::remedies(&program, &facts, &options, &request) {
        Ok(report) => report,
        Err(error) => {
            print_diagnostics(&error.in_facts(&args.facts).into(), &sources);
            return EXIT_BAD_INPUT;
        }
    };
    let lang = language(args.lang);
    let shown = request.limit;
    match args.format {
        OutputFormat::Json => {
            let json = doctrine::report::remedy_json::report(
                &program,
                &report,
                &args.facts,
                options.on,
                shown,
                lang,
            );
            let text = serde_json::to_string_pretty(&json).unwrap_or_default();
            print_stdout(&format!("{text}\n"));
        }
        OutputFormat::Text => {
            print_stdout(&doctrine::report::remedy_text::report(
                &program,
                &report,
                &args.facts,
                shown,
                lang,
            ));
        }
    }
    0
}
