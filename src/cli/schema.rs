//! `doctrine schema` and `doctrine init`: the JSON Schema of a policy's fact files, and a
//! commented fact-file template.

use clap::Args;

use super::output::{language, print_stdout};
use super::{LangArg, PolicyArgs};
use doctrine::program::Program;
use doctrine::source::SourceMap;

/// Arguments of `doctrine schema` and `doctrine init`.
#[derive(Debug, Args)]
pub struct FactsOfArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Language of titles, labels and comments; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Runs `doctrine schema`: prints the JSON Schema; exit 0, or 2 on bad input.
pub fn run_schema(args: &FactsOfArgs) -> u8 {
    with_program(args, |program| {
        let schema = doctrine::schema::schema(program, language(args.lang));
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        format!("{text}\n")
    })
}

/// Runs `doctrine init`: prints the YAML template; exit 0, or 2 on bad input.
pub fn run_init(args: &FactsOfArgs) -> u8 {
    with_program(args, |program| {
        doctrine::template::template(program, language(args.lang))
    })
}

fn with_program(args: &FactsOfArgs, render: impl Fn(&Program) -> String) -> u8 {
    let mut sources = SourceMap::new();
    match args.policy.load(&mut sources) {
        Ok(program) => {
            print_stdout(&render(&program));
            0
        }
        Err(code) => code,
    }
}
