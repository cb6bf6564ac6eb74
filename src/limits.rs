//! Limits on what the loader and the parsers accept: a file's size, and how deeply a fact
//! file or a policy expression may nest; and how many diagnostics are shown per file.
//! Hostile input is refused by them, not by a crash or a flood.

use std::sync::OnceLock;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

/// The limits in force for a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How deeply a fact file's maps and lists, and a policy's expressions (brackets, `if`,
    /// `any`/`all`, `not`, chains of operators), may nest.
    pub max_depth: usize,
    /// The largest policy or fact file read, in bytes.
    pub max_file_size: u64,
    /// How many diagnostics are shown per file; the rest are counted in one line. 0 shows all.
    pub max_errors: usize,
}

impl Limits {
    /// The limits when none are configured: 64 levels, 64 MiB, 50 diagnostics per file.
    pub const DEFAULT: Limits = Limits {
        max_depth: 64,
        max_file_size: 64 * 1024 * 1024,
        max_errors: 50,
    };
}

/// The deepest nesting any configuration allows. The parser, the checker and the evaluator
/// recurse once per level; measured on the command line's 256 MiB stack, a debug build
/// overflows past about 15,000 levels, so a raised `--max-depth` stops here instead.
pub const MAX_DEPTH_CEILING: usize = 10_000;

/// The longest chain of definitions and outcomes each reading the next: checking and
/// evaluating such a chain recurse once per link, on the command line's large stack.
pub const MAX_DEFINITION_CHAIN: usize = 2_000;

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// The limits of this process, set once (the command line sets them from its options).
static CONFIGURED: OnceLock<Limits> = OnceLock::new();

/// Sets the limits of this process, the depth at most [`MAX_DEPTH_CEILING`]; returns
/// `false`, changing nothing, when they were already set (or already read): a run never
/// changes its limits half-way.
pub fn configure(limits: Limits) -> bool {
    CONFIGURED
        .set(Limits {
            max_depth: limits.max_depth.min(MAX_DEPTH_CEILING),
            ..limits
        })
        .is_ok()
}

/// The limits in force: those configured, else [`Limits::DEFAULT`].
pub fn current() -> Limits {
    *CONFIGURED.get_or_init(Limits::default)
}

/// How to get past the depth limit, for the help of a "too deep" error: raise the option
/// while it is below [`MAX_DEPTH_CEILING`]; at the ceiling, say that nothing can.
pub fn deeper_help() -> String {
    if current().max_depth >= MAX_DEPTH_CEILING {
        format!("the limit is at its highest: `--max-depth` allows at most {MAX_DEPTH_CEILING}")
    } else {
        format!(
            "raise the limit with `--max-depth LEVELS` (or `DOCTRINE_MAX_DEPTH`), \
             up to {MAX_DEPTH_CEILING}"
        )
    }
}

/// A size in bytes for messages: `64 MiB`, `1500 bytes`.
pub fn show_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    const KIB: u64 = 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Refuses a text that starts with a UTF-8 byte-order mark: JSON and TOML forbid it, and a
/// policy file is UTF-8 text; a mark is refused, not skipped, so nothing is ignored silently.
pub fn refuse_byte_order_mark(text: &str, file: FileId) -> Result<(), Diagnostic> {
    if !text.starts_with('\u{feff}') {
        return Ok(());
    }
    Err(Diagnostic::error(
        "doctrine::bom",
        "the file starts with a byte-order mark (U+FEFF)",
    )
    .with_label(Span::new(file, 0, 3), "byte-order mark")
    .with_help("save the file as UTF-8 without a byte-order mark"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_written() {
        assert_eq!(show_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(show_size(2048), "2 KiB");
        assert_eq!(show_size(1500), "1500 bytes");
    }
}
