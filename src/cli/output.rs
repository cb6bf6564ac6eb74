//! Where output goes: stdout for results, stderr for diagnostics; colour and language.

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use doctrine::diagnostic::Diagnostics;
use doctrine::language::ast::Lang;
use doctrine::report::diagnostics::{ErrorFormat, render_as};
use doctrine::source::SourceMap;

use super::LangArg;

/// The exit code for bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

/// The message language: `--lang`, else the environment's locale, else English.
pub fn language(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg(lang)) => lang,
        None => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
                .unwrap_or_default();
            Lang::from_locale(&locale).unwrap_or(Lang::EN)
        }
    }
}

/// Says on stderr, once, when a language asked for with `--lang` falls back: for the
/// policy's texts (`written`: the languages the policy writes, empty for a policy written
/// without a language, `None` where no one policy speaks), to its primary language or the
/// policy's default; for the tool's own words, to the primary language or English. A
/// language taken from the environment is not noted.
pub fn note_fallback(arg: Option<LangArg>, written: Option<&[Lang]>) {
    static NOTED: OnceLock<()> = OnceLock::new();
    let Some(LangArg(lang)) = arg else {
        return;
    };
    if NOTED.set(()).is_err() {
        return;
    }
    for note in doctrine::i18n::fallback_notes(written, lang) {
        eprintln!("{note}");
    }
}

/// Whether stderr takes colour.
pub fn stderr_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

static ERROR_FORMAT: OnceLock<ErrorFormat> = OnceLock::new();

/// Sets how diagnostics are printed for the rest of the run (`--error-format`).
pub fn set_error_format(format: ErrorFormat) {
    let _ = ERROR_FORMAT.set(format);
}

/// Prints diagnostics on stderr, in the `--error-format` of the run.
pub fn print_diagnostics(diagnostics: &Diagnostics, sources: &SourceMap) {
    let format = ERROR_FORMAT.get().copied().unwrap_or_default();
    let rendered = render_as(diagnostics, sources, format, stderr_colour());
    let _ = std::io::stderr().write_all(rendered.as_bytes());
}

/// Whether diagnostics are printed for people (boxes, a blank line between reports).
pub fn errors_for_people() -> bool {
    ERROR_FORMAT.get().copied().unwrap_or_default() == ErrorFormat::Human
}

/// Diagnostics as [`print_diagnostics`] writes them, for printing later.
pub fn diagnostics_text(diagnostics: &Diagnostics, sources: &SourceMap) -> String {
    let format = ERROR_FORMAT.get().copied().unwrap_or_default();
    render_as(diagnostics, sources, format, stderr_colour())
}

/// Prints text on stdout, keeping ANSI styles only where the terminal takes them; every
/// other control character and bidirectional override, which a fact value or a policy text
/// may hold, is shown escaped (`\u{1b}`), never obeyed.
pub fn print_stdout(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(doctrine::report::escape::terminal(text).as_bytes());
    let _ = out.flush();
}

/// Prints a machine format (JSON, SARIF, XML, a schema, a script) on stdout as it is: its
/// texts stay exact (JSON escapes controls itself).
pub fn print_exact(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
