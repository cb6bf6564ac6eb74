//! Formatting policy files in the canonical layout, or finding those that are not: files,
//! folders (every `.doctrine` file under them) and standard input (`-`).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceMap;

/// What formatting did.
#[derive(Debug, Default)]
pub struct Formatted {
    /// Standard input formatted, to be written out (not with `check`).
    pub stdout: String,
    /// With `check`, the files that are not formatted (`<stdin>` for standard input).
    pub unformatted: Vec<String>,
    /// Files that could not be read, parsed or written.
    pub errors: Diagnostics,
    /// The files read, for the errors.
    pub sources: SourceMap,
}

/// Formats the files `arguments` name, rewriting them; with `check`, writes nothing and
/// lists those that would change.
pub fn format(arguments: &[String], check: bool) -> Formatted {
    let mut out = Formatted::default();
    for argument in arguments {
        if argument == "-" {
            let text = match super::load::read_stdin() {
                Ok(text) => text,
                Err(error) => {
                    out.errors.push(error);
                    continue;
                }
            };
            let id = out.sources.add("<stdin>", text.as_str());
            match crate::language::format::format_text(&text, id) {
                Ok(formatted) if check => {
                    if formatted != text {
                        out.unformatted.push(String::from("<stdin>"));
                    }
                }
                Ok(formatted) => out.stdout.push_str(&formatted),
                Err(diagnostics) => out.errors.extend(diagnostics),
            }
            continue;
        }
        let path = Path::new(argument);
        let files = if path.is_dir() {
            match super::inputs::policy_files_under(path) {
                Ok(files) if files.is_empty() => {
                    out.errors.push(Diagnostic::error(
                        "doctrine::io",
                        format!("the folder `{argument}` holds no .doctrine file"),
                    ));
                    continue;
                }
                Ok(files) => files,
                Err(error) => {
                    out.errors.push(error);
                    continue;
                }
            }
        } else {
            vec![argument.clone()]
        };
        for file in files {
            if let Err(diagnostics) = format_file(&file, check, &mut out) {
                out.errors.extend(diagnostics);
            }
        }
    }
    out
}

/// Formats one file: rewrites it, or with `check` notes it when it would change.
fn format_file(file: &str, check: bool, out: &mut Formatted) -> Result<(), Diagnostics> {
    let path = Path::new(file);
    let text = super::load::read_text(path, &mut out.sources)?;
    let id = out.sources.add(file, text.as_str());
    let formatted = crate::language::format::format_text(&text, id)?;
    if formatted == text {
        return Ok(());
    }
    if check {
        out.unformatted.push(file.to_string());
        return Ok(());
    }
    super::load::write_text(file, &formatted).map_err(Diagnostics::from)
}
