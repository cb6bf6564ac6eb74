//! The `doctrine` command.

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command};

mod cli;

/// The work runs on a thread with a large stack: parsing, checking and evaluation recurse
/// on the policy's nesting, and a hostile policy must not overflow a small main stack.
const STACK_BYTES: usize = 256 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::output::set_error_format(cli.error_format.into());
    doctrine::limits::configure(doctrine::limits::Limits {
        max_depth: cli.max_depth,
        max_file_size: cli.max_file_size,
        max_errors: cli.max_errors,
    });
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || match &cli.command {
            Command::Eval(args) => cli::eval::run(args),
            Command::Explain(args) => cli::explain::run(args),
            Command::Check(args) => cli::check::run(args),
            Command::Diff(args) => cli::diff::run(args),
            Command::Params(args) => cli::params::run(args),
            Command::Test(args) => cli::test::run(args),
            Command::Timeline(args) => cli::timeline::run(args),
            Command::Remedy(args) => cli::remedy::run(args),
            Command::Ask(args) => cli::ask::run(args),
            Command::Fmt(args) => cli::fmt::run(args),
            Command::Schema(args) => cli::schema::run_schema(args),
            Command::Init(args) => cli::schema::run_init(args),
            Command::Replay(args) => cli::replay::run(args),
            #[cfg(feature = "server")]
            Command::Serve(args) => cli::serve::run(args),
            Command::Completions(args) => cli::completions::run_completions(args),
            Command::Man => cli::completions::run_man(),
        });
    let code = match worker.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("doctrine: internal error: the worker thread failed");
            70
        }
    };
    ExitCode::from(code)
}
