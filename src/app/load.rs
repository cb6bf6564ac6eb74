//! The loader: the one part of the library that reads files — policy files and folders,
//! and fact files.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::FactSet;
use crate::facts::{self, Extras, Format, RawNode};
use crate::program::Program;
use crate::source::{FileId, SourceMap};

// Where fact inputs are found; kept here too for the callers of the loader's old paths.
pub use super::inputs::{case_files, default_cases, fact_files, is_fact_file, policy_files_under};

/// Reads a file as UTF-8 text, refusing what is not text or is larger than the configured
/// limit ([`crate::limits`]). A file that is not UTF-8 is added to `sources` as far as it can
/// be read, so the error can point at it.
pub fn read_text(path: &Path, sources: &mut SourceMap) -> Result<String, Diagnostic> {
    let shown = path.display();
    let bytes = read_bytes(path)?;
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
    Ok(crate::source::sha256_hex(&read_bytes(path)?))
}

/// Reads a file's bytes, refusing one larger than the configured limit.
fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let shown = path.display();
    let metadata = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot read `{shown}`: {}", io_reason(&e)),
        )
    })?;
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

fn too_large(shown: &str, limit: u64) -> Diagnostic {
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
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "doctrine"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::error(
            "doctrine::io",
            format!("the folder `{}` holds no `.doctrine` file", path.display()),
        ));
    }
    Ok(files)
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

/// Writes a file whole (a formatted policy, a completed fact file).
pub fn write_text(path: &str, text: &str) -> Result<(), Diagnostic> {
    std::fs::write(path, text)
        .map_err(|e| Diagnostic::error("doctrine::io", format!("cannot write `{path}`: {e}")))
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

/// Reads and parses a fact file (`-` reads JSON from standard input) into a tree with spans,
/// without binding it to a policy: `doctrine diff` binds one tree to two policies.
pub fn read_facts(path: &str, sources: &mut SourceMap) -> Result<(RawNode, FileId), Diagnostics> {
    let (text, format) = if path == "-" {
        (read_stdin()?, Format::Json)
    } else {
        let format = Format::from_path(path).ok_or_else(|| {
            Diagnostic::error(
                "doctrine::io",
                format!("cannot tell the format of `{path}`"),
            )
            .with_help(
                "fact files end in .yaml, .yml, .json or .toml; `-` reads JSON from standard input",
            )
        })?;
        (read_text(Path::new(path), sources)?, format)
    };
    let name = if path == "-" { "<stdin>" } else { path };
    parse_facts(name, text, format, sources)
}

/// Parses fact text already in memory (a request's body), named `name` in messages.
pub fn parse_facts(
    name: &str,
    text: String,
    format: Format,
    sources: &mut SourceMap,
) -> Result<(RawNode, FileId), Diagnostics> {
    let id = sources.add(name, text);
    let source = sources
        .get(id)
        .cloned()
        .ok_or_else(|| Diagnostic::error("doctrine::io", "lost a source file"))?;
    let root = facts::parse(&source, id, format)?;
    Ok((root, id))
}

/// Where one fact set comes from.
#[derive(Clone, Copy, Debug)]
pub enum FactSource<'a> {
    /// A fact file by path; `-` reads JSON from standard input.
    Path(&'a str),
    /// Fact text in memory (a request's body, a JSON value written out), named for messages.
    Text {
        /// The name errors give it.
        name: &'a str,
        /// The text.
        text: &'a str,
        /// Its format.
        format: Format,
    },
}

impl FactSource<'_> {
    /// The name decisions and errors give the fact set.
    pub fn name(&self) -> &str {
        match self {
            FactSource::Path(path) => path,
            FactSource::Text { name, .. } => name,
        }
    }

    /// Reads (if a path) and parses the facts into a tree with spans.
    pub fn read(&self, sources: &mut SourceMap) -> Result<(RawNode, FileId), Diagnostics> {
        match *self {
            FactSource::Path(path) => read_facts(path, sources),
            FactSource::Text { name, text, format } => {
                parse_facts(name, text.to_string(), format, sources)
            }
        }
    }

    /// Reads the facts and binds them to a program; `extra_keys` are top-level keys that
    /// are not facts (a test case's `expect:`), returned apart.
    pub fn load(
        &self,
        program: &Program,
        sources: &mut SourceMap,
        extra_keys: &[&str],
    ) -> Result<(FactSet, Extras, FileId), Diagnostics> {
        let (root, id) = self.read(sources)?;
        let (facts, extras) = facts::bind(program, &root, id, extra_keys)?;
        Ok((facts, extras, id))
    }
}

/// Loads a fact file (`-` reads JSON from standard input) and binds it to a program.
pub fn load_facts(
    path: &str,
    program: &Program,
    sources: &mut SourceMap,
    extra_keys: &[&str],
) -> Result<(FactSet, Extras, FileId), Diagnostics> {
    FactSource::Path(path).load(program, sources, extra_keys)
}

/// Loads a fact file as [`load_facts`] does, with the fast reader first for JSON: the
/// spanned reader runs only to say what is wrong.
pub fn load_fact_set(
    path: &str,
    program: &Program,
    index: &facts::FactIndex,
    sources: &mut SourceMap,
) -> Result<FactSet, Diagnostics> {
    if path != "-" && Format::from_path(path) == Some(Format::Json) {
        let mut scratch = SourceMap::new();
        if let Ok(text) = read_text(Path::new(path), &mut scratch)
            && let Some(facts) = facts::read_json(index, &text)
        {
            return Ok(facts);
        }
    }
    load_facts(path, program, sources, &[]).map(|(facts, _, _)| facts)
}

/// Opens a JSON Lines file (`-`: standard input) for reading line by line, with its size
/// when known.
pub fn open_lines(
    path: &str,
) -> Result<(Box<dyn std::io::BufRead + Send>, Option<u64>), Diagnostic> {
    if path == "-" {
        return Ok((Box::new(std::io::BufReader::new(std::io::stdin())), None));
    }
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot read `{path}`: {}", io_reason(&e)),
        )
    };
    require_file(Path::new(path))?;
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    Ok((
        Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
        Some(size),
    ))
}

/// Fails, as reading would, when `path` is not a file that can be read.
pub fn require_file(path: &Path) -> Result<(), Diagnostic> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Ok(()),
        Ok(_) => Err(Diagnostic::error(
            "doctrine::io",
            format!("`{}` is a folder, not a file", path.display()),
        )),
        Err(e) => Err(Diagnostic::error(
            "doctrine::io",
            format!("cannot read `{}`: {}", path.display(), io_reason(&e)),
        )),
    }
}
