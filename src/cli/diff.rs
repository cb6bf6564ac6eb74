//! `doctrine diff`: evaluate a corpus of fact files under two sides (policies, amendments,
//! dates, overrides) and list every decision that changes, and why.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::diff_sides::{LoadedSide, SideSpec, load_sides, split_paths};
use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, parse_date};
use doctrine::decision::Decision;
use doctrine::diagnostic::Diagnostics;
use doctrine::diff::{DiffReport, compare};
use doctrine::eval::{EvalOptions, FactSet};
use doctrine::source::SourceMap;

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
    /// Message language; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// List every case, also those whose decision stands.
    #[arg(long)]
    all: bool,
    /// Exit 1 when some decision changes.
    #[arg(long)]
    fail_on_change: bool,
}

impl DiffArgs {
    fn sides(&self, policy_a: PathBuf, policy_b: Option<PathBuf>) -> (SideSpec, SideSpec) {
        let join = |shared: &[PathBuf], own: &[PathBuf]| [shared, own].concat();
        let sets = |shared: &[String], own: &[String]| [shared, own].concat();
        let a = SideSpec {
            name: "A",
            policy: policy_a.clone(),
            amend: join(&self.amend, &self.amend_a),
            on: self.on_a.or(self.on),
            set: sets(&self.set, &self.set_a),
        };
        let b = SideSpec {
            name: "B",
            policy: policy_b.unwrap_or(policy_a),
            amend: join(&self.amend, &self.amend_b),
            on: self.on_b.or(self.on),
            set: sets(&self.set, &self.set_b),
        };
        (a, b)
    }
}

/// Reads every fact file and binds it under both sides; every error is collected.
fn load_corpus(
    paths: &[String],
    a: &LoadedSide,
    b: &LoadedSide,
    sources: &mut SourceMap,
) -> Result<Vec<(String, FactSet, FactSet)>, Diagnostics> {
    let (files, mut errors) = doctrine::load::fact_files(paths);
    let mut corpus = Vec::new();
    for path in files {
        let bound = doctrine::load::read_facts(&path, sources).and_then(|(root, id)| {
            doctrine::diff::bind::bind_both(&a.program, &b.program, &root, id)
        });
        match bound {
            Ok((x, y)) => corpus.push((path, x, y)),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(corpus)
    } else {
        Err(errors)
    }
}

fn evaluate(
    side: &LoadedSide,
    facts: &FactSet,
    path: &str,
    today: Date,
    errors: &mut Diagnostics,
) -> Option<Decision> {
    let options = EvalOptions {
        on: side.spec.on.or(facts.evaluated_on).unwrap_or(today),
        overrides: side.overrides.clone(),
    };
    match doctrine::eval::evaluate(&side.program, facts, &options) {
        Ok(decision) => Some(decision),
        Err(error) => {
            let mut diagnostic = error.to_diagnostic();
            diagnostic.message = format!(
                "{} (evaluating `{path}` under side {})",
                diagnostic.message, side.spec.name
            );
            errors.push(diagnostic);
            None
        }
    }
}

/// Runs `doctrine diff` and returns the exit code.
pub fn run(args: &DiffArgs) -> u8 {
    let mut sources = SourceMap::new();
    let result = split_paths(&args.paths).and_then(|(policy_a, policy_b, facts)| {
        let (a, b) = args.sides(policy_a, policy_b);
        let (a, b) = load_sides(a, b, &mut sources)?;
        let corpus = load_corpus(&facts, &a, &b, &mut sources)?;
        Ok((a, b, corpus))
    });
    let (a, b, corpus) = match result {
        Ok(loaded) => loaded,
        Err(errors) => {
            print_diagnostics(&errors, &sources);
            return EXIT_BAD_INPUT;
        }
    };
    let today = jiff::ZonedDateTime::now().date();
    let mut errors = Diagnostics::new();
    let mut cases = Vec::new();
    for (path, facts_a, facts_b) in &corpus {
        let before = evaluate(&a, facts_a, path, today, &mut errors);
        let after = evaluate(&b, facts_b, path, today, &mut errors);
        if let (Some(before), Some(after)) = (before, after) {
            cases.push(compare(path, before, after));
        }
    }
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    let report = DiffReport::new(a.describe(), b.describe(), cases);
    let lang = language(args.lang);
    let out = match args.format {
        DiffFormat::Text => doctrine::report::diff_text::render(&report, args.all, lang),
        DiffFormat::Markdown => doctrine::report::diff_markdown::render(&report, args.all, lang),
        DiffFormat::Json => {
            let json = doctrine::report::diff_json::render(&report, args.all, lang);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            )
        }
    };
    print_stdout(&out);
    u8::from(args.fail_on_change && report.summary.changed > 0)
}
