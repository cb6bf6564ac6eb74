//! `doctrine eval`: evaluate fact files against a policy and print the decisions.

use clap::Args;
use doctrine::app::FactSource;
use doctrine::app::decide::json_output;
use doctrine::app::names::FailOn;
use doctrine::diagnostic::Diagnostic;

use super::eval_batch::Layout;
use super::output::print_stdout;
use super::{LangArgs, OnArgs, PolicyArgs, SetArgs, bad_input};

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
    #[command(flatten)]
    on: OnArgs,
    #[command(flatten)]
    set: SetArgs,
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
    #[command(flatten)]
    lang: LangArgs,
    /// Exit 1 when a decision is this verdict or worse (default: the policy's `fails on`, else
    /// the worst verdict); for a policy that decides by an outcome, when it is one of these
    /// names (`NAME[,NAME…]`; default: its `fails on`, else none).
    #[arg(long, value_name = "VERDICT")]
    fail_on: Option<String>,
}

/// Runs `doctrine eval` and returns the exit code.
pub fn run(args: &EvalArgs) -> u8 {
    let mut ws = match args.policy.open(&args.set, &args.lang) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let mut errors = ws.errors();
    let fail_on = FailOn::named(&ws.program, args.fail_on.as_deref())
        .map_err(|e| errors.push(e))
        .ok();
    let (inputs, not_found) = doctrine::app::inputs::discover(&args.facts, args.jsonl);
    errors.extend(not_found);
    let any_jsonl = inputs.iter().any(|i| i.jsonl);
    let format = args.format.unwrap_or(if any_jsonl {
        EvalFormat::Jsonl
    } else {
        EvalFormat::Text
    });
    if !errors.is_empty() {
        return bad_input(&errors, &ws.sources);
    }
    if any_jsonl || format == EvalFormat::Jsonl {
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
                return bad_input(&error.into(), &ws.sources);
            }
        };
        let jobs = args.jobs.map(usize::from);
        return super::eval_batch::run(&ws, args.on.on, fail_on, layout, jobs, inputs);
    }
    let files: Vec<FactSource<'_>> = inputs.iter().map(|i| FactSource::Path(&i.path)).collect();
    let decided = match ws.decide(&files, args.on.on) {
        Ok(decided) => decided,
        Err(errors) => return bad_input(&errors, &ws.sources),
    };
    for d in decided.iter().filter(|d| d.expect_ignored) {
        eprintln!(
            "note: `{}` is a test case: `eval` uses its facts, `on:` and `set:` and ignores its `expect:`; `doctrine test` checks it",
            d.path
        );
    }
    let lang = ws.lang;
    let output = match format {
        EvalFormat::Json | EvalFormat::Jsonl => json_output(&decided, decided.len() != 1),
        EvalFormat::Text => decided
            .iter()
            .map(|d| {
                doctrine::report::decision::text::decision(
                    &doctrine::report::decision::short::short_cites(&d.decision, &ws.program),
                    &d.path,
                    lang,
                    &ws.program.scale,
                ) + &doctrine::report::questions::text(&d.questions, lang)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        EvalFormat::Markdown | EvalFormat::Html => match ws.reports(&decided) {
            Ok(reports) if format == EvalFormat::Html => {
                doctrine::report::decision::html::reports(&reports, lang)
            }
            Ok(reports) => doctrine::report::decision::markdown::reports(&reports),
            Err(errors) => return bad_input(&errors, &ws.sources),
        },
    };
    if matches!(format, EvalFormat::Json | EvalFormat::Jsonl) {
        super::output::print_exact(&output);
    } else {
        print_stdout(&output);
    }
    let failed =
        fail_on.is_some_and(|gate| decided.iter().any(|d| gate.fails(d.decision.decision.rank)));
    u8::from(failed)
}
