//! What replay reads, checked: each path a record names confined to the root, each file's
//! bytes against the SHA-256 recorded, and no line shown of a file the record did not verify.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::analysis::record::Record;
use crate::app::load::{Resolved, Root};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::Format;
use crate::language::program::Program;
use crate::source::{FileId, SourceMap};

/// The SHA-256 of each file read in one run, by the path opened: records that name the same
/// policy and facts (a batch replayed) hash each file once, not once per record.
#[derive(Default)]
pub(super) struct Digests {
    by_path: HashMap<PathBuf, Result<String, Diagnostic>>,
    /// How many files were read and hashed.
    computed: usize,
}

impl Digests {
    fn of(&mut self, file: &Resolved) -> Result<String, Diagnostic> {
        if let Some(known) = self.by_path.get(&file.open) {
            return known.clone();
        }
        self.computed += 1;
        let digest = file.sha256();
        self.by_path.insert(file.open.clone(), digest.clone());
        digest
    }
}

/// The files a record names that lead outside the root, cannot be read, or whose bytes are
/// not those recorded (standard input is checked once read, by `replay_one`); the fact file
/// only if `facts` (a decision log keeps the facts' text, not a file).
pub(super) fn changed_files(
    record: &Record,
    root: &Root,
    digests: &mut Digests,
    facts: bool,
) -> Vec<Diagnostic> {
    let texts = record.texts.iter().map(|t| (&t.file, Some(&t.sha256)));
    let facts = std::iter::once((&record.facts.file, Some(&record.facts.sha256)))
        .filter(|(f, _)| facts && *f != "-");
    let policy = std::iter::once((&record.given.policy, None));
    let amendments = record.given.amendments.iter().map(|a| (a, None));
    policy
        .chain(amendments)
        .chain(texts)
        .chain(facts)
        .filter_map(|(file, recorded)| {
            let path = match root.resolve(file) {
                Ok(path) => path,
                Err(error) => return Some(error),
            };
            let recorded = recorded?;
            match digests.of(&path) {
                Ok(now) if &now == recorded => None,
                Ok(_) => Some(changed(&path.shown.display().to_string(), recorded)),
                Err(error) => Some(error),
            }
        })
        .collect()
}

/// A file whose bytes differ from those recorded: named, with the recorded SHA-256 only (the
/// current one would tell the digest of any file a record names).
pub(super) fn changed(file: &str, recorded: &str) -> Diagnostic {
    let shown = if file == "-" {
        String::from("standard input")
    } else {
        format!("`{file}`")
    };
    Diagnostic::error(
        "doctrine::replay",
        format!("{shown} has changed since the decision was recorded"),
    )
    .with_help(format!(
        "recorded SHA-256 {recorded}; the bytes read now differ"
    ))
}

/// Loads the policy a record names, from the root: each file is read once, checked against
/// the SHA-256 the record keeps of it, and named as the record names it (so that the
/// decisions replayed name the same files). A file the record does not verify (an amendment
/// added since) is loaded, but its errors are not shown: it may be any file of the folder.
pub(super) fn load_policy(
    record: &Record,
    root: &Root,
    sources: &mut SourceMap,
) -> Result<Program, Diagnostics> {
    let given = &record.given;
    // The folder is listed by its name; each file listed is resolved and checked again.
    let policy = root.resolve(&given.policy)?.shown;
    let mut names = Vec::new();
    for file in crate::app::load::policy_files(&policy)? {
        if file == policy {
            names.push(given.policy.clone());
        } else if let Some(name) = file.file_name() {
            names.push(Path::new(&given.policy).join(name).display().to_string());
        }
    }
    names.extend(given.amendments.iter().cloned());
    let mut ids = Vec::new();
    let mut unverified = Vec::new();
    let mut errors = Diagnostics::new();
    for name in names {
        let path = root.resolve(&name)?;
        let mut scratch = SourceMap::new();
        match path.read_text(&mut scratch) {
            Ok(text) => {
                let sha256 = crate::source::sha256_hex(text.as_bytes());
                let verified = record
                    .texts
                    .iter()
                    .any(|t| t.file == name && t.sha256 == sha256);
                let id = sources.add(name.as_str(), text);
                if !verified {
                    unverified.push((id, path.shown));
                }
                ids.push(id);
            }
            Err(mut error) => {
                error.labels.clear();
                errors.push(error);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    crate::compile(sources, &ids).map_err(|found| hide_unverified(found, &unverified))
}

/// The errors of a policy, those that show a file the record does not verify replaced by
/// one error per such file, without its content.
fn hide_unverified(found: Diagnostics, unverified: &[(FileId, PathBuf)]) -> Diagnostics {
    let shows = |d: &Diagnostic| {
        d.labels.is_empty()
            || d.labels
                .iter()
                .any(|l| unverified.iter().any(|(id, _)| *id == l.span.file))
    };
    if unverified.is_empty() || !found.0.iter().any(shows) {
        return found;
    }
    let mut kept: Vec<Diagnostic> = found.0.into_iter().filter(|d| !shows(d)).collect();
    kept.extend(unverified.iter().map(|(_, path)| {
        Diagnostic::error(
            "doctrine::replay",
            format!(
                "the policy does not load, and `{}` is not a text the record verified: its \
                 errors are not shown",
                path.display()
            ),
        )
        .with_help(
            "check the policy with `doctrine check`, or replay a record that names this text",
        )
    }));
    Diagnostics(kept)
}

/// Reads the fact file a record names, from the root, checked against its SHA-256.
pub(super) fn read_facts(record: &Record, root: &Root) -> Result<(String, Format), Diagnostics> {
    let file = &record.facts.file;
    let path = root.resolve(file)?;
    let format = Format::from_path(file).ok_or_else(|| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot tell the format of `{}`", path.shown.display()),
        )
    })?;
    let mut scratch = SourceMap::new();
    let text = path.read_text(&mut scratch).map_err(|mut error| {
        error.labels.clear();
        error
    })?;
    if crate::source::sha256_hex(text.as_bytes()) != record.facts.sha256 {
        return Err(changed(&path.shown.display().to_string(), &record.facts.sha256).into());
    }
    Ok((text, format))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use super::*;

    /// A thousand records naming the same policy and facts hash each file once, not once per
    /// record (which made replaying a batch quadratic in its size).
    #[test]
    fn each_file_is_hashed_once_per_run() {
        let folder = Path::new("tests/cases/replay/changed-policy");
        let text = std::fs::read_to_string(folder.join("record.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let record: Record = serde_json::from_value(json["record"].clone()).unwrap();
        let root = Root::new(folder).unwrap();
        let mut digests = Digests::default();
        let mut errors = 0;
        for _ in 0..1000 {
            errors += changed_files(&record, &root, &mut digests, true).len();
        }
        // The policy's text is not the one recorded: said for every record, read once.
        assert_eq!(errors, 1000);
        assert_eq!(digests.computed, 2);
    }
}
