//! Where output goes: stdout for results, stderr for diagnostics; colour and language.

use std::io::{IsTerminal, Write};

use crate::ast::Lang;
use crate::diagnostic::Diagnostics;
use crate::source::SourceMap;

use super::LangArg;

/// The exit code for bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

/// The message language: `--lang`, else the environment's locale, else English.
pub fn language(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Fr) => Lang::Fr,
        Some(LangArg::En) => Lang::En,
        None => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
                .unwrap_or_default();
            if locale.to_ascii_lowercase().starts_with("fr") {
                Lang::Fr
            } else {
                Lang::En
            }
        }
    }
}

/// Whether stderr takes colour.
pub fn stderr_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Prints diagnostics on stderr.
pub fn print_diagnostics(diagnostics: &Diagnostics, sources: &SourceMap) {
    let rendered = crate::report::diagnostics::render(diagnostics, sources, stderr_colour());
    let _ = std::io::stderr().write_all(rendered.as_bytes());
}

/// Prints text on stdout, keeping ANSI styles only where the terminal takes them.
pub fn print_stdout(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
