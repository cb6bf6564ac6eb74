//! The loader: the one part of the library that reads (and writes) files — policy files
//! and folders here, fact files in `facts.rs` ([`FactSource`]), atomic writes in `write.rs`,
//! paths confined to a folder in `confine.rs` ([`Root`]).

use std::path::{Path, PathBuf};

mod confine;
mod facts;
mod write;

pub use confine::{Resolved, Root};
pub use facts::{FactSource, load_fact_set, load_facts, open_lines, parse_facts, read_facts};
pub use write::write_text;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::language::program::Program;
use crate::source::SourceMap;

// Where fact inputs are found; kept here too for the callers of the loader's old paths.

/// Reads a file as UTF-8 text, refusing what is not text or is larger than the configured
/// limit ([`crate::limits`]). A file that is not UTF-8 is added to `sources` as far as it can
/// be read, so the error can point at it.
pub fn read_text(path: &Path, sources: &mut SourceMap) -> Result<String, Diagnostic> {
    read_text_as(path, path, sources)
}

/// [`read_text`] of the file at `open`, named `shown` in messages and in `sources`: a path
/// resolved for reading ([`Root::resolve`]) keeps the name its user wrote.
pub(crate) fn read_text_as(
    open: &Path,
    shown: &Path,
    sources: &mut SourceMap,
) -> Result<String, Diagnostic> {
    let bytes = read_bytes(open, shown)?;
    let shown = shown.display();
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let id = sources.add(shown.to_string(), lossy);
        Diagnostic::error("doctrine::io", format!("`{shown}` is not UTF-8 text"))
            .with_label(
                crate::source::Span::new(id, offset, offset + 1),
                "this byte is not UTF-8",
            )
            .with_help("save the file as UTF-8")
    })
}

/// The SHA-256 of a file's bytes (lowercase hex): what a decision record keeps of each file
/// it read, and what `doctrine replay` checks again.
pub fn file_sha256(path: &Path) -> Result<String, Diagnostic> {
    file_sha256_as(path, path)
}

/// [`file_sha256`] of the file at `open`, named `shown` in messages.
pub(crate) fn file_sha256_as(open: &Path, shown: &Path) -> Result<String, Diagnostic> {
    Ok(crate::source::sha256_hex(&read_bytes(open, shown)?))
}

/// Reads the bytes of the file at `open` (named `shown` in messages), refusing one larger
/// than the configured limit.
fn read_bytes(open: &Path, named: &Path) -> Result<Vec<u8>, Diagnostic> {
    let path = open;
    let shown = named.display();
    let metadata = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot read `{shown}`: {}", io_reason(&e)),
        )
    })?;
    if !metadata.is_file() {
        return Err(not_a_file(named, &metadata));
    }
    let limit = crate::limits::current().max_file_size;
    if metadata.len() > limit {
        return Err(too_large(&shown.to_string(), limit));
    }
    // Read at most one byte past the limit: a pipe or a device has no length to check first.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            std::io::Read::read_to_end(
                &mut std::io::Read::take(file, limit.saturating_add(1)),
                &mut bytes,
            )
        })
        .map_err(|e| {
            Diagnostic::error(
                "doctrine::io",
                format!("cannot read `{shown}`: {}", io_reason(&e)),
            )
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(&shown.to_string(), limit));
    }
    Ok(bytes)
}

/// The error for a path that exists but is not a regular file: a folder, or a FIFO, socket
/// or device, which would block a read forever or never end (`-` reads standard input).
pub(crate) fn not_a_file(path: &Path, metadata: &std::fs::Metadata) -> Diagnostic {
    let shown = path.display();
    if metadata.is_dir() {
        return Diagnostic::error("doctrine::io", format!("`{shown}` is a folder, not a file"));
    }
    Diagnostic::error(
        "doctrine::io",
        format!("`{shown}` is not a regular file (a FIFO, socket or device)"),
    )
    .with_help("name a regular file, or `-` to read standard input")
}

pub(super) fn too_large(shown: &str, limit: u64) -> Diagnostic {
    Diagnostic::error(
        "doctrine::io::too_large",
        format!(
            "`{shown}` is larger than the file size limit ({})",
            crate::limits::show_size(limit)
        ),
    )
    .with_help("raise the limit with `--max-file-size BYTES` (or `DOCTRINE_MAX_FILE_SIZE`)")
}

pub(crate) fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => String::from("no such file or folder"),
        std::io::ErrorKind::PermissionDenied => String::from("permission denied"),
        _ => error.to_string(),
    }
}

/// The policy files of a path: the file itself, or the `.doctrine` files of a folder
/// (not its subfolders), sorted by name.
pub fn policy_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| {
        Diagnostic::error(
            "doctrine::io",
            format!(
                "cannot read the folder `{}`: {}",
                path.display(),
                io_reason(&e)
            ),
        )
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| cannot_list(path, &e))?;
        paths.push(entry.path());
    }
    paths.sort();
    let mut files = Vec::new();
    for file in paths {
        if file.extension().is_some_and(|x| x == "doctrine") && readable_entry(&file)? {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(Diagnostic::error(
            "doctrine::io",
            format!("the folder `{}` holds no `.doctrine` file", path.display()),
        ));
    }
    Ok(files)
}

/// Whether a folder's entry whose name says it is a policy or fact file is a file to read:
/// `true` for a regular file, `false` for a folder, and an error naming the entry for
/// anything else (a symbolic link that leads nowhere or loops, a FIFO, socket or device):
/// skipping it would silently change the policy or the corpus.
pub(crate) fn readable_entry(path: &Path) -> Result<bool, Diagnostic> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Ok(true),
        Ok(metadata) if metadata.is_dir() => Ok(false),
        Ok(metadata) => Err(not_a_file(path, &metadata)),
        Err(error) => {
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            let reason = if link {
                String::from("it is a symbolic link that leads nowhere or loops")
            } else {
                io_reason(&error)
            };
            Err(Diagnostic::error(
                "doctrine::io",
                format!("cannot read `{}`: {reason}", path.display()),
            )
            .with_help("remove the entry or make it a readable file: it is not skipped"))
        }
    }
}

/// The error for a folder entry that cannot be listed.
pub(crate) fn cannot_list(folder: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "doctrine::io",
        format!(
            "cannot read the folder `{}`: {}",
            folder.display(),
            io_reason(error)
        ),
    )
}

/// Loads a policy (file or folder) and local amendments, then parses and checks them.
pub fn load_policy(
    path: &Path,
    amendments: &[PathBuf],
    sources: &mut SourceMap,
) -> Result<Program, Diagnostics> {
    let mut ids = Vec::new();
    let mut errors = Diagnostics::new();
    let paths = policy_files(path).map_err(Diagnostics::from)?;
    for file in paths.iter().chain(amendments) {
        match read_text(file, sources) {
            Ok(text) => ids.push(sources.add(file.display().to_string(), text)),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    crate::compile(sources, &ids)
}

/// The size of a file in bytes; 0 when it cannot be read (reading it will say why).
pub fn file_size(path: &str) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Reads standard input as text, refusing more than the file size limit.
pub fn read_stdin() -> Result<String, Diagnostic> {
    let mut text = String::new();
    let limit = crate::limits::current().max_file_size;
    let mut input = std::io::Read::take(std::io::stdin(), limit.saturating_add(1));
    std::io::Read::read_to_string(&mut input, &mut text).map_err(|e| {
        Diagnostic::error("doctrine::io", format!("cannot read standard input: {e}"))
    })?;
    if text.len() as u64 > limit {
        return Err(too_large("<stdin>", limit));
    }
    Ok(text)
}

/// Fails, as reading would, when `path` is not a file that can be read.
pub fn require_file(path: &Path) -> Result<(), Diagnostic> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Ok(()),
        Ok(metadata) => Err(not_a_file(path, &metadata)),
        Err(e) => Err(Diagnostic::error(
            "doctrine::io",
            format!("cannot read `{}`: {}", path.display(), io_reason(&e)),
        )),
    }
}
