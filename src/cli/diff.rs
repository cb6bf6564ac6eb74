//! `doctrine diff`: evaluate a corpus of fact files under two sides (policies, amendments,
//! dates, overrides) and list every decision that changes, and why.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use doctrine::app::Today;
use doctrine::app::diff::{DiffAsk, diff};
use doctrine::source::SourceMap;

use super::output::print_stdout;
use super::{LangArgs, bad_input, parse_date};

/// Output formats of `doctrine diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
    /// Tables to paste into a memo.
    Markdown,
}

/// Arguments of `doctrine diff`.
#[derive(Debug, Args)]
#[command(override_usage = "doctrine diff [OPTIONS] <POLICY_A> [POLICY_B] <FACTS>...")]
pub struct DiffArgs {
    /// POLICY_A; then POLICY_B when the second path is a policy (a `.doctrine` file or a
    /// folder holding some), else side B uses POLICY_A too; then the fact files: files,
    /// folders (every .yaml, .yml, .json, .toml under them) or quoted patterns.
    #[arg(required = true, num_args = 2.., value_name = "PATHS")]
    paths: Vec<String>,
    /// Apply a local amendment on both sides (repeatable).
    #[arg(long = "amend", value_name = "FILE")]
    amend: Vec<PathBuf>,
    /// Apply a local amendment on side A only (repeatable).
    #[arg(long = "amend-a", value_name = "FILE")]
    amend_a: Vec<PathBuf>,
    /// Apply a local amendment on side B only (repeatable).
    #[arg(long = "amend-b", value_name = "FILE")]
    amend_b: Vec<PathBuf>,
    /// The evaluation date on both sides; default: each file's `evaluated_on`, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    /// The evaluation date on side A (wins over --on).
    #[arg(long = "on-a", value_name = "DATE", value_parser = parse_date)]
    on_a: Option<Date>,
    /// The evaluation date on side B (wins over --on).
    #[arg(long = "on-b", value_name = "DATE", value_parser = parse_date)]
    on_b: Option<Date>,
    /// Override a parameter on both sides, its value written as in a policy (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Override a parameter on side A only (repeatable).
    #[arg(long = "set-a", value_name = "NAME=VALUE")]
    set_a: Vec<String>,
    /// Override a parameter on side B only (repeatable).
    #[arg(long = "set-b", value_name = "NAME=VALUE")]
    set_b: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    #[command(flatten)]
    lang: LangArgs,
    /// List every case, also those whose decision stands.
    #[arg(long)]
    all: bool,
    /// Exit 1 when some decision changes.
    #[arg(long)]
    fail_on_change: bool,
}

/// Runs `doctrine diff` and returns the exit code.
pub fn run(args: &DiffArgs) -> u8 {
    let mut sources = SourceMap::new();
    let ask = DiffAsk {
        paths: args.paths.clone(),
        amend: [
            args.amend.clone(),
            args.amend_a.clone(),
            args.amend_b.clone(),
        ],
        on: [args.on, args.on_a, args.on_b],
        set: [args.set.clone(), args.set_a.clone(), args.set_b.clone()],
    };
    let report = match diff(&ask, &mut sources, &Today::system()) {
        Ok(report) => report,
        Err(errors) => return bad_input(&errors, &sources),
    };
    let lang = args.lang.get();
    // The policies' texts are noted when both sides write the same languages.
    let (a, b) = (&report.a.languages, &report.b.languages);
    args.lang.note_fallback((a == b).then_some(a.as_slice()));
    let out = match args.format {
        DiffFormat::Text => doctrine::report::diff::text::render(&report, args.all, lang),
        DiffFormat::Markdown => doctrine::report::diff::markdown::render(&report, args.all, lang),
        DiffFormat::Json => {
            let json = doctrine::report::diff::json::render(&report, args.all, lang);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            )
        }
    };
    if matches!(args.format, DiffFormat::Json) {
        super::output::print_exact(&out);
    } else {
        print_stdout(&out);
    }
    u8::from(args.fail_on_change && report.summary.changed > 0)
}
