//! `doctrine eval`: evaluate fact files against a policy and print the decisions.

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::eval_batch::{Input, Layout};
use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, PolicyArgs, parse_date};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::eval::EvalOptions;
use crate::source::SourceMap;

/// Arguments of `doctrine eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Fact files: .yaml, .yml, .json or .toml; folders (every fact file under them) or
    /// quoted patterns; `-` reads JSON from standard input; .jsonl files hold one fact set
    /// per line.
    #[arg(required = true, value_name = "FACTS")]
    facts: Vec<String>,
    /// The evaluation date (YYYY-MM-DD); default: the facts' `evaluated_on`, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    /// Override a parameter for this run, its value written as in a policy file (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Output format; default: `jsonl` when an input is JSON Lines, else `text`.
    #[arg(long, value_enum)]
    format: Option<EvalFormat>,
    /// Read every input (`-` too) as JSON Lines: one fact set per line. Inputs ending in
    /// `.jsonl` are read so without it.
    #[arg(long)]
    jsonl: bool,
    /// Worker threads for JSON Lines and `--format jsonl` runs; default: one per core.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Message language; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Exit 1 when a decision is this verdict or worse; default: the scale's worst verdict.
    #[arg(long, value_name = "VERDICT")]
    fail_on: Option<String>,
}

/// `eval --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// For people.
    Text,
    /// For tools: one JSON object, or an array of them for several fact sets.
    Json,
    /// For tools and many fact sets: one JSON object per line, each as soon as it is known.
    Jsonl,
}

/// Whether an input is read as JSON Lines.
fn is_jsonl(path: &str, all: bool) -> bool {
    all || std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
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
    let any_jsonl = files.iter().any(|f| is_jsonl(f, args.jsonl));
    let format = args.format.unwrap_or(if any_jsonl {
        EvalFormat::Jsonl
    } else {
        EvalFormat::Text
    });
    if any_jsonl || format == EvalFormat::Jsonl {
        if !errors.is_empty() {
            print_diagnostics(&errors, &sources);
            return EXIT_BAD_INPUT;
        }
        let today = jiff::ZonedDateTime::now().date();
        let run = super::eval_batch::Run {
            batch: crate::batch::Batch::new(&program, &sources, args.on, today, overrides),
            verdicts: verdicts.iter().map(|m| m.name.as_str()).collect(),
            scale: &program.scale,
            fail_on,
            lang: language(args.lang),
            layout: match format {
                EvalFormat::Text => Layout::Text,
                EvalFormat::Json => Layout::JsonArray,
                EvalFormat::Jsonl => Layout::Jsonl,
            },
            jobs: args.jobs.map(usize::from),
        };
        let inputs = files
            .into_iter()
            .map(|path| Input {
                jsonl: is_jsonl(&path, args.jsonl),
                path,
            })
            .collect();
        return super::eval_batch::run(&run, inputs);
    }
    let mut loaded = Vec::new();
    let index = crate::facts::FactIndex::new(&program);
    for path in &files {
        match crate::load::load_fact_set(path, &program, &index, &mut sources) {
            Ok(facts) => loaded.push((path.clone(), facts)),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    let today = jiff::ZonedDateTime::now().date();
    let mut decisions = Vec::new();
    for (path, facts) in &loaded {
        let options = EvalOptions {
            on: args.on.or(facts.evaluated_on).unwrap_or(today),
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
    match format {
        EvalFormat::Json | EvalFormat::Jsonl => {
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
        EvalFormat::Text => {
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
