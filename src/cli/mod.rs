//! The command line: arguments (clap) and the commands built on the library API.

pub mod ask;
pub mod check;
pub mod completions;
pub mod diff;
mod diff_sides;
pub mod eval;
mod eval_batch;
mod evaluate;
pub mod explain;
pub mod fmt;
pub mod output;
pub mod params;
pub mod remedy;
pub mod replay;
pub mod schema;
pub mod test;
pub mod timeline;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// Evaluates policies written in the doctrine language over fact files.
#[derive(Debug, Parser)]
#[command(name = "doctrine", version, about, long_about = None)]
pub struct Cli {
    /// How errors are printed: `human` (underlined source), `plain` (sentences), `json`.
    #[arg(long, value_enum, global = true, default_value = "human")]
    pub error_format: ErrorFormatArg,
    /// How deeply a fact file or a policy expression may nest (default 64).
    #[arg(long, global = true, value_name = "LEVELS", env = "DOCTRINE_MAX_DEPTH",
          default_value_t = crate::limits::Limits::DEFAULT.max_depth)]
    pub max_depth: usize,
    /// The largest policy or fact file read, in bytes (default 67108864: 64 MiB).
    #[arg(long, global = true, value_name = "BYTES", env = "DOCTRINE_MAX_FILE_SIZE",
          default_value_t = crate::limits::Limits::DEFAULT.max_file_size)]
    pub max_file_size: u64,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--error-format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ErrorFormatArg {
    /// Underlined source, for people.
    Human,
    /// Sentences with file, line and column.
    Plain,
    /// One JSON object per error.
    Json,
}

impl From<ErrorFormatArg> for crate::report::diagnostics::ErrorFormat {
    fn from(arg: ErrorFormatArg) -> Self {
        match arg {
            ErrorFormatArg::Human => Self::Human,
            ErrorFormatArg::Plain => Self::Plain,
            ErrorFormatArg::Json => Self::Json,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate fact files (YAML, JSON or TOML; `-` reads JSON from stdin) and print each decision.
    Eval(eval::EvalArgs),
    /// Explain one fact file's decision: each rule, condition by condition, with the values that decided.
    Explain(explain::ExplainArgs),
    /// Parse and check a policy and its amendments; print every error and warning (lints).
    Check(check::CheckArgs),
    /// Evaluate fact files under two policies, amendments or dates; list the decisions that change, and why.
    Diff(diff::DiffArgs),
    /// List a policy's parameters on a day: value, the text or `--set` it comes from, its sources.
    Params(params::ParamsArgs),
    /// Run test cases (fact files with `expect:`) and report each, a summary and the rule coverage.
    Test(test::TestArgs),
    /// Show when each fact file's decision changes: the periods and what changed.
    Timeline(timeline::TimelineArgs),
    /// Find the smallest sets of fact changes that would move a decision to a target verdict.
    Remedy(remedy::RemedyArgs),
    /// Ask the questions of an undecided case on standard input; write the completed facts.
    Ask(ask::AskArgs),
    /// Rewrite policy files in the canonical layout (`--check`: list those that are not).
    Fmt(fmt::FmtArgs),
    /// Print the JSON Schema (2020-12) of the policy's fact files, for editors and tools.
    Schema(schema::FactsOfArgs),
    /// Print a commented YAML fact-file template with every fact the policy reads.
    Init(schema::FactsOfArgs),
    /// Replay recorded decisions (`eval --format json`): check the files read, re-evaluate, compare the bytes.
    Replay(replay::ReplayArgs),
    /// Print shell completions for `doctrine` (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the man page of `doctrine` (roff).
    Man,
}

/// Options every command that loads a policy shares.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// The policy: a `.doctrine` file, or a folder with a base policy and its amendments.
    pub policy: PathBuf,
    /// Apply a local amendment too (repeatable).
    #[arg(long = "amend", value_name = "FILE")]
    pub amend: Vec<PathBuf>,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
}

/// A message language, `--lang TAG`: any language tag (BCP 47), such as `fr`, `en`, `de`
/// or `fr-CA`; what the policy or the tool lacks falls back (see `cli::output::language`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LangArg(pub crate::ast::Lang);

impl std::str::FromStr for LangArg {
    type Err = crate::language::lang::LangError;

    fn from_str(text: &str) -> Result<LangArg, Self::Err> {
        crate::ast::Lang::parse(text).map(LangArg)
    }
}

impl PolicyArgs {
    /// Loads the policy and its amendments; on errors, prints them and gives the exit code.
    pub fn load(&self, sources: &mut crate::source::SourceMap) -> Result<crate::Program, u8> {
        let program = crate::load::load_policy(&self.policy, &self.amend, sources).map_err(
            |diagnostics| {
                output::print_diagnostics(&diagnostics, sources);
                output::EXIT_BAD_INPUT
            },
        )?;
        output::policy_loaded(&program);
        Ok(program)
    }
}

/// Parses `--set NAME=VALUE` overrides, adding the errors of the bad ones to `errors`.
pub fn parse_overrides(
    program: &crate::Program,
    assignments: &[String],
    sources: &mut crate::source::SourceMap,
    errors: &mut crate::diagnostic::Diagnostics,
) -> Vec<crate::params::Override> {
    let mut overrides = Vec::new();
    for assignment in assignments {
        match crate::params::parse_override(program, assignment, sources) {
            Ok(o) => overrides.push(o),
            Err(e) => errors.extend(e),
        }
    }
    overrides
}

/// Loads the one fact file of a command that decides a single case; its errors join
/// `errors`, and nothing is returned while any error (of the file or before it) stands.
pub fn single_fact_set(
    path: &str,
    program: &crate::Program,
    sources: &mut crate::source::SourceMap,
    errors: &mut crate::diagnostic::Diagnostics,
) -> Option<crate::eval::FactSet> {
    match crate::load::load_facts(path, program, sources, &[]) {
        Ok((facts, _, _)) if errors.is_empty() => Some(facts),
        Ok(_) => None,
        Err(e) => {
            errors.extend(e);
            None
        }
    }
}

/// The options of an evaluation: on `on`, else the facts' `evaluated_on`, else today (the
/// clock is read only then).
pub fn eval_options(
    on: Option<Date>,
    facts: &crate::eval::FactSet,
    overrides: Vec<crate::params::Override>,
) -> crate::eval::EvalOptions {
    crate::eval::EvalOptions {
        on: on
            .or(facts.evaluated_on)
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date()),
        overrides,
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date: expected YYYY-MM-DD, a day that exists"))
}
