//! The loader: the one part of the library that reads files — policy files and folders,
//! and fact files.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::FactSet;
use crate::facts::{self, Extras, Format, RawNode};
use crate::program::Program;
use crate::source::{FileId, SourceMap};

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

fn io_reason(error: &std::io::Error) -> String {
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

/// Reads and parses a fact file (`-` reads JSON from standard input) into a tree with spans,
/// without binding it to a policy: `doctrine diff` binds one tree to two policies.
pub fn read_facts(path: &str, sources: &mut SourceMap) -> Result<(RawNode, FileId), Diagnostics> {
    let (text, format) = if path == "-" {
        let mut text = String::new();
        let limit = crate::limits::current().max_file_size;
        let mut input = std::io::Read::take(std::io::stdin(), limit.saturating_add(1));
        std::io::Read::read_to_string(&mut input, &mut text).map_err(|e| {
            Diagnostic::error("doctrine::io", format!("cannot read standard input: {e}"))
        })?;
        if text.len() as u64 > limit {
            return Err(too_large("<stdin>", limit).into());
        }
        (text, Format::Json)
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
    let id = sources.add(name, text);
    let source = sources
        .get(id)
        .cloned()
        .ok_or_else(|| Diagnostic::error("doctrine::io", "lost a source file"))?;
    let root = facts::parse(&source, id, format)?;
    Ok((root, id))
}

/// Loads a fact file (`-` reads JSON from standard input) and binds it to a program.
pub fn load_facts(
    path: &str,
    program: &Program,
    sources: &mut SourceMap,
    extra_keys: &[&str],
) -> Result<(FactSet, Extras, FileId), Diagnostics> {
    let (root, id) = read_facts(path, sources)?;
    let (facts, extras) = facts::bind(program, &root, id, extra_keys)?;
    Ok((facts, extras, id))
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

/// The test cases a policy keeps next to it: `POLICY/tests` for a folder, the `tests`
/// folder beside it for a file.
pub fn default_cases(policy: &Path) -> PathBuf {
    if policy.is_dir() {
        policy.join("tests")
    } else {
        policy.parent().unwrap_or(Path::new("")).join("tests")
    }
}

/// The test-case files of a path: a file is itself (whatever its extension, so that a
/// case named by hand is never skipped silently); a folder gives every `.yaml`, `.yml`,
/// `.json` and `.toml` file under it, recursively, sorted, hidden entries skipped.
pub fn case_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let metadata = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot read `{}`: {}", path.display(), io_reason(&e)),
        )
    })?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    Ok(folder_fact_files(path)?
        .into_iter()
        .map(PathBuf::from)
        .collect())
}

/// Whether a path names a fact file by its extension.
pub fn is_fact_file(path: &Path) -> bool {
    path.to_str().and_then(Format::from_path).is_some()
}

/// The fact files that command-line arguments name, each once, in the order given: a file
/// (or `-`) as it is; a folder, the fact files under it, subfolders included, sorted by path
/// (hidden entries and symbolic links to folders left out); a quoted pattern (`*`, `?`,
/// `[…]`) that names no file, the fact files and folders it matches, sorted. Returns the
/// files found and an error for each argument that names nothing, so that the caller can
/// report those together with the errors of the files found.
pub fn fact_files(arguments: &[String]) -> (Vec<String>, Diagnostics) {
    let mut files = Vec::new();
    let mut errors = Diagnostics::new();
    for argument in arguments {
        let path = Path::new(argument);
        let found = if path.is_dir() {
            folder_fact_files(path).and_then(|found| {
                if found.is_empty() {
                    Err(Diagnostic::error(
                        "doctrine::io",
                        format!("the folder `{argument}` holds no fact file"),
                    )
                    .with_help("fact files end in .yaml, .yml, .json or .toml"))
                } else {
                    Ok(found)
                }
            })
        } else if argument != "-" && !path.exists() && is_pattern(argument) {
            pattern_fact_files(argument)
        } else {
            Ok(vec![argument.clone()])
        };
        match found {
            Ok(found) => files.extend(found),
            Err(error) => errors.push(error),
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    (files, errors)
}

fn is_pattern(argument: &str) -> bool {
    argument.contains(['*', '?', '['])
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The fact files under a folder, walked without following links to folders (no cycles).
fn folder_fact_files(folder: &Path) -> Result<Vec<String>, Diagnostic> {
    folder_files(folder, is_fact_file)
}

/// The `.doctrine` files under a folder, subfolders included, sorted by path (hidden
/// entries and symbolic links to folders left out): what `doctrine fmt` formats.
pub fn policy_files_under(folder: &Path) -> Result<Vec<String>, Diagnostic> {
    folder_files(folder, |p| p.extension().is_some_and(|x| x == "doctrine"))
}

/// The files under a folder that `keep` accepts, walked without following links to folders.
fn folder_files(folder: &Path, keep: fn(&Path) -> bool) -> Result<Vec<String>, Diagnostic> {
    let mut found: Vec<PathBuf> = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            Diagnostic::error(
                "doctrine::io",
                format!(
                    "cannot read the folder `{}`: {}",
                    dir.display(),
                    io_reason(&e)
                ),
            )
        })?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if is_hidden(&path) {
                continue;
            }
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if path.is_dir() {
                if !is_link {
                    pending.push(path);
                }
            } else if path.is_file() && keep(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found.iter().map(|p| p.display().to_string()).collect())
}

/// The fact files a pattern matches: matching files with a fact extension, and the fact
/// files of matching folders.
fn pattern_fact_files(pattern: &str) -> Result<Vec<String>, Diagnostic> {
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let paths = glob::glob_with(pattern, options).map_err(|e| {
        Diagnostic::error(
            "doctrine::io",
            format!("`{pattern}` is not a valid pattern: {}", e.msg),
        )
        .with_help("`*` matches any part of a name, `?` one character, `[abc]` one of those")
    })?;
    let mut matched: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
    matched.sort();
    let mut found = Vec::new();
    for path in matched {
        if path.is_dir() {
            found.extend(folder_fact_files(&path)?);
        } else if is_fact_file(&path) {
            found.push(path.display().to_string());
        }
    }
    if found.is_empty() {
        return Err(
            Diagnostic::error("doctrine::io", format!("`{pattern}` matches no fact file"))
                .with_help("fact files end in .yaml, .yml, .json or .toml"),
        );
    }
    Ok(found)
}
