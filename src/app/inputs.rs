//! Which fact inputs command-line arguments (or a request) name: fact files, folders of them,
//! quoted patterns, JSON Lines inputs and standard input, each once, in the order given.
//! Only names are found here; [`super::load`] reads the files.

use std::path::{Path, PathBuf};

use super::load::{cannot_list, io_reason, readable_entry};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::Format;

/// One input found: a fact file, standard input (`-`), or a JSON Lines input holding one
/// fact set per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as given (`-`: standard input).
    pub path: String,
    /// Whether it holds one fact set per line.
    pub jsonl: bool,
}

/// The inputs arguments name ([`fact_files`]), each read as JSON Lines when it ends in
/// `.jsonl` or when `all_jsonl`; with an error for each argument that names nothing.
pub fn discover(arguments: &[String], all_jsonl: bool) -> (Vec<Input>, Diagnostics) {
    let (files, errors) = fact_files(arguments);
    let inputs = files
        .into_iter()
        .map(|path| Input {
            jsonl: is_jsonl(&path, all_jsonl),
            path,
        })
        .collect();
    (inputs, errors)
}

/// Whether an input is read as JSON Lines: `all`, or a `.jsonl` extension.
pub fn is_jsonl(path: &str, all: bool) -> bool {
    all || Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
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

/// Whether a path is a policy: a `.doctrine` file, or a folder holding one.
pub fn is_policy(path: &Path) -> bool {
    if path.is_dir() {
        return std::fs::read_dir(path).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "doctrine"))
        });
    }
    path.extension().is_some_and(|x| x == "doctrine")
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
        // Sorted, so that of two bad entries the same one is named first every time.
        let mut listed = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| cannot_list(&dir, &e))?;
            listed.push((
                entry.path(),
                entry.file_type().is_ok_and(|t| t.is_symlink()),
            ));
        }
        listed.sort();
        for (path, is_link) in listed {
            if is_hidden(&path) {
                continue;
            }
            if path.is_dir() {
                if !is_link {
                    pending.push(path);
                }
            } else if keep(&path) && readable_entry(&path)? {
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
