//! `doctrine explain`: the derivation of one fact file's decision, rule by rule, condition by
//! condition, in prose (French or English) or JSON.

use clap::Args;
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, OutputFormat, PolicyArgs, parse_date};
use doctrine::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use doctrine::explain::Detail;
use doctrine::source::SourceMap;

/// Arguments of `doctrine explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The fact file: .yaml, .yml, .json or .toml; `-` reads JSON from standard input.
    #[arg(value_name = "FACTS")]
    facts: String,
    /// Explain only this rule (by id).
    #[arg(long, value_name = "ID")]
    rule: Option<String>,
    /// Show every branch: every rule, every operand, the exceptions not tried.
    #[arg(long)]
    all: bool,
    /// The evaluation date (YYYY-MM-DD); default: the facts' `evaluated_on`, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    /// Override a parameter for this run, its value written as in a policy file (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Language of the prose, labels and messages; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Runs `doctrine explain`: exit 0 whatever the verdict, 2 on bad input.
pub fn run(args: &ExplainArgs) -> u8 {
    let mut sources = SourceMap::new();
    let program = match args.policy.load(&mut sources) {
        Ok(program) => program,
        Err(code) => return code,
    };
    let mut errors = Diagnostics::new();
    let overrides = super::parse_overrides(&program, &args.set, &mut sources, &mut errors);
    if let Some(id) = &args.rule
        && !program.rules.iter().any(|r| &r.id == id)
    {
        let ids = program.rules.iter().map(|r| r.id.as_str());
        let help = did_you_mean(id, ids.clone());
        let list: Vec<&str> = ids.collect();
        errors.push(
            Diagnostic::error("doctrine::cli", format!("`--rule {id}`: no such rule"))
                .with_help(help.unwrap_or_else(|| format!("the rules are: {}", list.join(", ")))),
        );
    }
    let facts = super::single_fact_set(&args.facts, &program, &mut sources, &mut errors);
    let Some(facts) = facts else {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    };
    let options = super::eval_options(args.on, &facts, overrides);
    if let Some(id) = &args.rule {
        let texts = doctrine::provenance::texts_in_force(&program, options.on);
        let in_force = program
            .rules
            .iter()
            .any(|r| &r.id == id && r.versions.at(texts).is_some());
        if !in_force {
            let error = Diagnostic::error(
                "doctrine::cli",
                format!("`--rule {id}`: the rule is not in force on {}", options.on),
            )
            .with_help("a text in force on that day must declare it; see `--on`");
            print_diagnostics(&error.into(), &sources);
            return EXIT_BAD_INPUT;
        }
    }
    let decision = match doctrine::eval::evaluate(&program, &facts, &options) {
        Ok(decision) => decision,
        Err(error) => {
            print_diagnostics(&error.in_facts(&args.facts).into(), &sources);
            return EXIT_BAD_INPUT;
        }
    };
    let detail = Detail {
        all: args.all,
        rule: args.rule.clone(),
    };
    let explanation =
        doctrine::explain::explain(&program, &sources, &facts, &options, &decision, &detail);
    let lang = language(args.lang);
    match args.format {
        OutputFormat::Json => {
            let json =
                doctrine::report::explain::json::explanation(&explanation, &args.facts, lang);
            let text = serde_json::to_string_pretty(&json).unwrap_or_default();
            print_stdout(&format!("{text}\n"));
        }
        OutputFormat::Text => print_stdout(&doctrine::report::explain::text::explanation(
            &explanation,
            &args.facts,
            lang,
            &program.scale,
        )),
    }
    0
}
