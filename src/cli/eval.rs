//! `doctrine eval`: evaluate fact files against a policy and print the decisions.

use clap::Args;
use jiff::civil::Date;

use super::eval_batch::{Input, Layout};
use super::evaluate::{Decided, decide, json_output};
use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, PolicyArgs, parse_date};
use doctrine::ast::Lang;
use doctrine::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use doctrine::record::Inputs;
use doctrine::report::document::Report;
use doctrine::report::{document_explain, document_remedy};
use doctrine::source::SourceMap;

/// `doctrine eval --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    /// For people, on a terminal.
    Text,
    /// For tools: the contract's keys, and the record to replay the decision.
    Json,
    /// A report of each decision in Markdown.
    Markdown,
    /// A report of the decisions as one HTML page, with no external asset.
    Html,
    /// For tools and many fact sets: one JSON object per line, each as soon as it is known.
    Jsonl,
}

/// Whether an input is read as JSON Lines.
fn is_jsonl(path: &str, all: bool) -> bool {
    all || std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

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
    /// Output format: `markdown` and `html` give a self-contained report to attach to a
    /// file; default: `jsonl` when an input is JSON Lines, else `text`.
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
    let (files, not_found) = doctrine::load::fact_files(&args.facts);
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
        let layout = match format {
            EvalFormat::Text => Layout::Text,
            EvalFormat::Json => Layout::JsonArray,
            EvalFormat::Jsonl => Layout::Jsonl,
            EvalFormat::Markdown | EvalFormat::Html => {
                let error = Diagnostic::error(
                    "doctrine::cli",
                    "a report (`--format markdown` or `html`) is made of fact files, not JSON Lines",
                )
                .with_help("give the fact sets as files, or use `--format jsonl`, `json` or `text`");
                print_diagnostics(&error.into(), &sources);
                return EXIT_BAD_INPUT;
            }
        };
        let today = jiff::ZonedDateTime::now().date();
        let run = super::eval_batch::Run {
            batch: doctrine::batch::Batch::new(&program, &sources, args.on, today, overrides),
            verdicts: verdicts.iter().map(|m| m.name.as_str()).collect(),
            scale: &program.scale,
            fail_on,
            lang: language(args.lang),
            layout,
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
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    let lang = language(args.lang);
    let inputs = Inputs {
        policy: args.policy.policy.display().to_string(),
        amendments: args
            .policy
            .amend
            .iter()
            .map(|a| a.display().to_string())
            .collect(),
        set: args.set.clone(),
        lang,
    };
    let decided = match decide(&program, &mut sources, &files, args.on, &overrides, &inputs) {
        Ok(decided) => decided,
        Err(errors) => {
            print_diagnostics(&errors, &sources);
            return EXIT_BAD_INPUT;
        }
    };
    let output = match format {
        EvalFormat::Json | EvalFormat::Jsonl => json_output(&decided, decided.len() != 1),
        EvalFormat::Text => decided
            .iter()
            .map(|d| {
                doctrine::report::text::decision(&d.decision, &d.path, lang, &program.scale)
                    + &doctrine::report::questions::text(&d.questions, lang)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        EvalFormat::Markdown | EvalFormat::Html => {
            match reports(&decided, &program, &sources, lang) {
                Ok(reports) if format == EvalFormat::Html => {
                    doctrine::report::html::reports(&reports, lang)
                }
                Ok(reports) => doctrine::report::markdown::reports(&reports),
                Err(errors) => {
                    print_diagnostics(&errors, &sources);
                    return EXIT_BAD_INPUT;
                }
            }
        }
    };
    print_stdout(&output);
    let failed =
        fail_on.is_some_and(|limit| decided.iter().any(|d| d.decision.decision.rank <= limit));
    u8::from(failed)
}

/// The report of each decision, with its explanation and remedies.
fn reports(
    decided: &[Decided],
    program: &doctrine::Program,
    sources: &SourceMap,
    lang: Lang,
) -> Result<Vec<Report>, Diagnostics> {
    let mut reports = Vec::new();
    let mut errors = Diagnostics::new();
    for d in decided {
        let mut report = Report::new(&d.decision, &d.record, program, lang);
        document_explain::add(
            &mut report,
            program,
            sources,
            &d.facts,
            &d.options,
            &d.decision,
        );
        if let Err(error) = document_remedy::add(&mut report, program, &d.facts, &d.options) {
            errors.push(error.in_facts(&d.path));
        }
        reports.push(report);
    }
    if errors.is_empty() {
        Ok(reports)
    } else {
        Err(errors)
    }
}
