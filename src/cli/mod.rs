//! The command line: arguments (clap), calls to the application layer ([`doctrine::app`]),
//! and printing.

pub mod ask;
pub mod check;
pub mod completions;
pub mod diff;
pub mod eval;
mod eval_batch;
pub mod explain;
pub mod fmt;
pub mod output;
pub mod params;
pub mod remedy;
pub mod replay;
pub mod schema;
#[cfg(feature = "server")]
pub mod serve;
pub mod test;
pub mod timeline;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use doctrine::app::{FactSource, PolicySpec, Workspace};
use doctrine::diagnostic::Diagnostics;
use doctrine::language::ast::Lang;
use doctrine::source::SourceMap;
use jiff::civil::Date;

/// Evaluates policies written in the doctrine language over fact files.
#[derive(Debug, Parser)]
#[command(name = "doctrine", version, about, long_about = None)]
pub struct Cli {
    /// How errors are printed: `human` (underlined source), `plain` (sentences), `json`.
    #[arg(long, value_enum, global = true, default_value = "human")]
    pub error_format: ErrorFormatArg,
    /// How deeply a fact file or a policy expression may nest (default 64, at most 10000).
    #[arg(long, global = true, value_name = "LEVELS", env = "DOCTRINE_MAX_DEPTH",
          default_value_t = doctrine::limits::Limits::DEFAULT.max_depth,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
              .range(0..=doctrine::limits::MAX_DEPTH_CEILING as u64))]
    pub max_depth: usize,
    /// The largest policy or fact file read, in bytes (default 67108864: 64 MiB).
    #[arg(long, global = true, value_name = "BYTES", env = "DOCTRINE_MAX_FILE_SIZE",
          default_value_t = doctrine::limits::Limits::DEFAULT.max_file_size)]
    pub max_file_size: u64,
    /// How many errors and warnings are shown per file, the rest counted (default 50; 0: all).
    #[arg(long, global = true, value_name = "COUNT", env = "DOCTRINE_MAX_ERRORS",
          default_value_t = doctrine::limits::Limits::DEFAULT.max_errors)]
    pub max_errors: usize,
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

impl From<ErrorFormatArg> for doctrine::report::diagnostics::ErrorFormat {
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
    /// Serve decisions over HTTP: decide, explain, remedy…; reload when the policy changes.
    #[cfg(feature = "server")]
    Serve(serve::ServeArgs),
    /// Print shell completions for `doctrine` (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the man page of `doctrine` (roff).
    Man,
}

/// The policy a command loads: a file or folder, and local amendments.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// The policy: a `.doctrine` file, or a folder with a base policy and its amendments.
    pub policy: PathBuf,
    /// Apply a local amendment too (repeatable).
    #[arg(long = "amend", value_name = "FILE")]
    pub amend: Vec<PathBuf>,
}

/// What a command on one case shares: the policy, the fact file, the day, the overrides
/// and the language.
#[derive(Debug, Args)]
pub struct CaseArgs {
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// The fact file: .yaml, .yml, .json or .toml; `-` reads JSON from standard input.
    #[arg(value_name = "FACTS")]
    pub facts: String,
    #[command(flatten)]
    pub on: OnArgs,
    #[command(flatten)]
    pub set: SetArgs,
    #[command(flatten)]
    pub lang: LangArgs,
}

impl CaseArgs {
    /// Loads the policy with its overrides; on errors, prints them and gives the exit code.
    pub fn open(&self) -> Result<Workspace, u8> {
        self.policy.open(&self.set, &self.lang)
    }

    /// The fact file.
    pub fn source(&self) -> FactSource<'_> {
        FactSource::Path(&self.facts)
    }

    /// Loads the policy and runs `operation` on the fact file and the day asked; on errors,
    /// prints them and gives the exit code.
    pub fn run<T>(
        &self,
        operation: impl FnOnce(&mut Workspace, FactSource<'_>, Option<Date>) -> Result<T, Diagnostics>,
    ) -> Result<(Workspace, T), u8> {
        let mut ws = self.open()?;
        match operation(&mut ws, self.source(), self.on.on) {
            Ok(found) => Ok((ws, found)),
            Err(errors) => Err(bad_input(&errors, &ws.sources)),
        }
    }
}

/// `--set`: parameter overrides for this run.
#[derive(Debug, Default, Args)]
pub struct SetArgs {
    /// Override a parameter for this run, its value written as in a policy file (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
}

/// `--on`: the day asked for.
#[derive(Debug, Args)]
pub struct OnArgs {
    /// The evaluation date (YYYY-MM-DD); default: the facts' `evaluated_on`, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<Date>,
}

/// `--lang`: the language of messages and reports.
#[derive(Debug, Args)]
pub struct LangArgs {
    /// Language of messages, labels and reports; default: from the environment's locale.
    #[arg(long, value_name = "LANG")]
    lang: Option<LangArg>,
}

impl LangArgs {
    /// The language asked for, else the environment's.
    pub fn get(&self) -> Lang {
        output::language(self.lang)
    }

    /// Notes on stderr where the language asked for falls back (`written`: the languages
    /// of the policy's texts, `None` where no one policy speaks).
    pub fn note_fallback(&self, written: Option<&[Lang]>) {
        output::note_fallback(self.lang, written);
    }
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
pub struct LangArg(pub doctrine::language::ast::Lang);

impl std::str::FromStr for LangArg {
    type Err = doctrine::i18n::LangError;

    fn from_str(text: &str) -> Result<LangArg, Self::Err> {
        doctrine::language::ast::Lang::parse(text).map(LangArg)
    }
}

impl PolicyArgs {
    /// What names the policy, with the overrides `set`.
    pub fn spec(&self, set: &SetArgs) -> PolicySpec {
        PolicySpec {
            policy: self.policy.clone(),
            amend: self.amend.clone(),
            set: set.set.clone(),
        }
    }

    /// Loads the policy with its overrides; on errors, prints them and gives the exit code.
    pub fn open(&self, set: &SetArgs, lang: &LangArgs) -> Result<Workspace, u8> {
        let ws = Workspace::open(self.spec(set), lang.get()).map_err(|failed| {
            output::print_diagnostics(&failed.diagnostics, &failed.sources);
            output::EXIT_BAD_INPUT
        })?;
        lang.note_fallback(Some(&ws.program.languages));
        Ok(ws)
    }
}

/// Prints the errors of a request on stderr and gives the exit code of bad input.
pub fn bad_input(errors: &Diagnostics, sources: &SourceMap) -> u8 {
    output::print_diagnostics(errors, sources);
    output::EXIT_BAD_INPUT
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date: expected YYYY-MM-DD, a day that exists"))
}

/// Prints a JSON value on stdout, pretty, with a final newline.
pub fn print_json(json: &serde_json::Value) {
    let text = serde_json::to_string_pretty(json).unwrap_or_default();
    output::print_exact(&format!("{text}\n"));
}
