//! The command line: arguments (clap) and the commands built on the library API.

pub mod check;
pub mod eval;
pub mod output;
pub mod timeline;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// Evaluates policies written in the doctrine language over fact files.
#[derive(Debug, Parser)]
#[command(name = "doctrine", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate fact files (YAML, JSON or TOML; `-` reads JSON from stdin) and print each decision.
    Eval(eval::EvalArgs),
    /// Parse and check a policy and its amendments; print every error.
    Check(check::CheckArgs),
    /// Show when each fact file's decision changes: the periods and what changed.
    Timeline(timeline::TimelineArgs),
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

/// Message languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Français.
    Fr,
    /// English.
    En,
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date: expected YYYY-MM-DD, a day that exists"))
}
