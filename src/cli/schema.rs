//! `doctrine schema` and `doctrine init`: the JSON Schema of a policy's fact files, and a
//! commented fact-file template.

use clap::Args;
use doctrine::app::Workspace;

use super::output::print_stdout;
use super::{LangArgs, PolicyArgs, SetArgs};

/// Arguments of `doctrine schema` and `doctrine init`.
#[derive(Debug, Args)]
pub struct FactsOfArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    #[command(flatten)]
    lang: LangArgs,
}

/// Runs `doctrine schema`: prints the JSON Schema; exit 0, or 2 on bad input.
pub fn run_schema(args: &FactsOfArgs) -> u8 {
    match args.policy.open(&SetArgs::default(), &args.lang) {
        Ok(ws) => {
            let text = serde_json::to_string_pretty(&ws.schema()).unwrap_or_default();
            super::output::print_exact(&format!("{text}\n"));
            0
        }
        Err(code) => code,
    }
}

/// Runs `doctrine init`: prints the YAML template; exit 0, or 2 on bad input.
pub fn run_init(args: &FactsOfArgs) -> u8 {
    with_workspace(args, Workspace::template)
}

fn with_workspace(args: &FactsOfArgs, render: impl Fn(&Workspace) -> String) -> u8 {
    match args.policy.open(&SetArgs::default(), &args.lang) {
        Ok(ws) => {
            print_stdout(&render(&ws));
            0
        }
        Err(code) => code,
    }
}
