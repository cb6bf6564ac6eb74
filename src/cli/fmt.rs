//! `doctrine fmt`: rewrite policy files in the canonical layout, or check that they are.

use std::io::Write;

use clap::Args;

use super::bad_input;

/// Arguments of `doctrine fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Write nothing: list the files that are not formatted, and exit 1 if there is one.
    #[arg(long)]
    check: bool,
    /// Policy files, folders (every `.doctrine` file under them) or `-` (stdin to stdout).
    #[arg(required = true, value_name = "FILES")]
    files: Vec<String>,
}

/// Runs `doctrine fmt`: 0 when done (or all formatted), 1 when `--check` finds a file to
/// format, 2 when a file cannot be read, parsed or written.
pub fn run(args: &FmtArgs) -> u8 {
    let done = doctrine::app::fmt::format(&args.files, args.check);
    let _ = std::io::stdout().write_all(done.stdout.as_bytes());
    // A file name may hold control characters: shown escaped, as every name is.
    for file in &done.unformatted {
        println!("{}", doctrine::report::escape::visible_line(file));
    }
    if !done.errors.is_empty() {
        bad_input(&done.errors, &done.sources)
    } else if done.unformatted.is_empty() {
        0
    } else {
        1
    }
}
