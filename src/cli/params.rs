//! `doctrine params`: every parameter of a policy on a day, with its value and where that
//! value comes from (the base text, an amendment, or `--set`), the step in force and its sources.

use clap::Args;
use doctrine::report::params::ParamsView;

use super::output::print_stdout;
use super::{LangArgs, OnArgs, OutputFormat, PolicyArgs, SetArgs, bad_input, print_json};

/// Arguments of `doctrine params`.
#[derive(Debug, Args)]
pub struct ParamsArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    #[command(flatten)]
    on: OnArgs,
    #[command(flatten)]
    set: SetArgs,
    /// List every version of each parameter and each dated step too.
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    #[command(flatten)]
    lang: LangArgs,
}

/// Runs `doctrine params`: exit 0, or 2 on bad input.
pub fn run(args: &ParamsArgs) -> u8 {
    let ws = match args.policy.open(&args.set, &args.lang) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let (on, params) = match ws.params(args.on.on) {
        Ok(found) => found,
        Err(errors) => return bad_input(&errors, &ws.sources),
    };
    let view = ParamsView {
        program: &ws.program,
        sources: &ws.sources,
        on,
        params,
        all: args.all,
        lang: ws.lang,
    };
    match args.format {
        OutputFormat::Json => print_json(&doctrine::report::params::json::params(&view)),
        OutputFormat::Text => print_stdout(&doctrine::report::params::text::params(&view)),
    }
    0
}
