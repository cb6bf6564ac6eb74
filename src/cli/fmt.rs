//! `doctrine fmt`: rewrite policy files in the canonical layout, or check that they are.

use std::io::{Read, Write};
use std::path::Path;

use clap::Args;

use super::output::{EXIT_BAD_INPUT, print_diagnostics};
use doctrine::diagnostic::{Diagnostic, Diagnostics};
use doctrine::source::SourceMap;

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
    let mut sources = SourceMap::new();
    let mut errors = Diagnostics::new();
    let mut unformatted = Vec::new();
    for argument in &args.files {
        if argument == "-" {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                errors.push(Diagnostic::error(
                    "doctrine::io",
                    format!("cannot read stdin: {e}"),
                ));
                continue;
            }
            let id = sources.add("<stdin>", text.as_str());
            match doctrine::format::format_text(&text, id) {
                Ok(formatted) if args.check => {
                    if formatted != text {
                        unformatted.push(String::from("<stdin>"));
                    }
                }
                Ok(formatted) => {
                    let _ = std::io::stdout().write_all(formatted.as_bytes());
                }
                Err(diagnostics) => errors.extend(diagnostics),
            }
            continue;
        }
        let path = Path::new(argument);
        let files = if path.is_dir() {
            match doctrine::load::policy_files_under(path) {
                Ok(files) if files.is_empty() => {
                    errors.push(Diagnostic::error(
                        "doctrine::io",
                        format!("the folder `{argument}` holds no .doctrine file"),
                    ));
                    continue;
                }
                Ok(files) => files,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            }
        } else {
            vec![argument.clone()]
        };
        for file in files {
            if let Err(diagnostics) = format_file(&file, args.check, &mut sources, &mut unformatted)
            {
                errors.extend(diagnostics);
            }
        }
    }
    for file in &unformatted {
        println!("{file}");
    }
    if !errors.is_empty() {
        print_diagnostics(&errors, &sources);
        EXIT_BAD_INPUT
    } else if unformatted.is_empty() {
        0
    } else {
        1
    }
}

/// Formats one file: rewrites it, or with `check` notes it when it would change.
fn format_file(
    file: &str,
    check: bool,
    sources: &mut SourceMap,
    unformatted: &mut Vec<String>,
) -> Result<(), Diagnostics> {
    let path = Path::new(file);
    let text = doctrine::load::read_text(path, sources)?;
    let id = sources.add(file, text.as_str());
    let formatted = doctrine::format::format_text(&text, id)?;
    if formatted == text {
        return Ok(());
    }
    if check {
        unformatted.push(file.to_string());
        return Ok(());
    }
    std::fs::write(path, formatted).map_err(|e| {
        Diagnostic::error("doctrine::io", format!("cannot write `{file}`: {e}")).into()
    })
}
