//! `doctrine check`: parse and check a policy with its amendments.

use clap::Args;

use super::PolicyArgs;
use super::output::{EXIT_BAD_INPUT, print_diagnostics};
use crate::source::SourceMap;

/// Arguments of `doctrine check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    policy: PolicyArgs,
}

/// Runs `doctrine check`: exit 0 when the policy checks, 1 when it has errors.
pub fn run(args: &CheckArgs) -> u8 {
    let mut sources = SourceMap::new();
    match crate::load::load_policy(&args.policy.policy, &args.policy.amend, &mut sources) {
        Ok(program) => {
            println!(
                "{}: {} text(s), {} rule(s), {} exception(s), {} fact(s): no error",
                program.id,
                program.texts.len(),
                program.rules.len(),
                program.exceptions.len(),
                program.facts.len()
            );
            0
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, &sources);
            // A policy that cannot be read is bad usage; one that can but has errors fails the check.
            if diagnostics.0.iter().any(|d| d.code == "doctrine::io") {
                EXIT_BAD_INPUT
            } else {
                1
            }
        }
    }
}
