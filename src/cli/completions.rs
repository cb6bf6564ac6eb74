//! `doctrine completions` and `doctrine man`: shell completions and the man page, generated
//! from the command line's own definition so they never drift from it.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;
use super::output::{EXIT_BAD_INPUT, print_exact};

/// Arguments of `doctrine completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Runs `doctrine completions`: prints the script on stdout; exit 0.
pub fn run_completions(args: &CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "doctrine", &mut out);
    print_exact(&String::from_utf8_lossy(&out));
    0
}

/// Runs `doctrine man`: prints the roff man page (section 1) on stdout; exit 0, or 2 when
/// it cannot be written.
pub fn run_man() -> u8 {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => {
            print_exact(&String::from_utf8_lossy(&out));
            0
        }
        Err(e) => {
            eprintln!("doctrine: cannot write the man page: {e}");
            EXIT_BAD_INPUT
        }
    }
}
