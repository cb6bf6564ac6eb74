//! `doctrine params`: every parameter of a policy on a day, with its value and where that
//! value comes from (the base text, an amendment, or `--set`), the step in force and its sources.

use clap::Args;
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, OutputFormat, PolicyArgs, parse_date};
use doctrine::diagnostic::Diagnostics;
use doctrine::report::params::ParamsView;
use doctrine::source::SourceMap;

/// Arguments of `doctrine params`.
#[derive(Debug, Args)]
pub struct ParamsArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The day (YYYY-MM-DD) whose values are listed; default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    /// Override a parameter, its value written as in a policy file (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// List every version of each parameter and each dated step too.
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Language of labels and of the report; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Runs `doctrine params`: exit 0, or 2 on bad input.
pub fn run(args: &ParamsArgs) -> u8 {
    let mut sources = SourceMap::new();
    let program = match args.policy.load(&mut sources) {
        Ok(program) => program,
        Err(code) => return code,
    };
    let mut errors = Diagnostics::new();
    let overrides = super::parse_overrides(&program, &args.set, &mut sources, &mut errors);
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    }
    let on = args.on.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let view = ParamsView {
        program: &program,
        sources: &sources,
        on,
        params: doctrine::provenance::params_on(&program, on, &overrides),
        all: args.all,
        lang: language(args.lang),
    };
    match args.format {
        OutputFormat::Json => {
            let json = doctrine::report::params::json::params(&view);
            let text = serde_json::to_string_pretty(&json).unwrap_or_default();
            print_stdout(&format!("{text}\n"));
        }
        OutputFormat::Text => print_stdout(&doctrine::report::params::text::params(&view)),
    }
    0
}
