//! The `doctrine` command.

use std::process::ExitCode;

use clap::Parser;
use doctrine::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Eval(args) => doctrine::cli::eval::run(args),
        Command::Check(args) => doctrine::cli::check::run(args),
    };
    ExitCode::from(code)
}
