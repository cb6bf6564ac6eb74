//! Replaying recorded decisions (the output of `eval --format json`) from their records:
//! check that every file they read is unchanged, decide again, and give the bytes recorded
//! and the bytes now, for the caller to compare.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::Today;
use super::decide::{Decided, Deciding, json_output};
use super::load::{FactSource, Root};
use crate::analysis::record::{Inputs, Record};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::Format;
use crate::language::program::Program;
use crate::source::{FileId, SourceMap, Span};

/// A record file replayed.
#[derive(Debug)]
pub struct Replayed {
    /// The bytes recorded.
    pub before: String,
    /// The bytes the decisions give now.
    pub after: String,
    /// How many decisions were replayed.
    pub count: usize,
}

/// Replays the decisions of a record file. The paths a record names are resolved from
/// `root` (by default the record's own folder) and must lead inside it.
pub fn replay(
    path: &Path,
    root: Option<&Path>,
    sources: &mut SourceMap,
) -> Result<Replayed, Diagnostics> {
    let (recorded, id, array) = read_records(path, sources)?;
    let root = Root::new(root.unwrap_or_else(|| path.parent().unwrap_or(Path::new(""))))?;
    let mut changed = Diagnostics::new();
    for error in recorded
        .iter()
        .flat_map(|record| changed_files(record, &root))
    {
        // A file named as the policy and as its text, or by two records, is named once.
        if !changed.0.iter().any(|e| e.message == error.message) {
            changed.push(error);
        }
    }
    if !changed.is_empty() {
        return Err(changed);
    }
    let mut programs: Vec<((String, Vec<String>), Program)> = Vec::new();
    let mut decided = Vec::new();
    for record in &recorded {
        decided.push(replay_one(record, &root, &mut programs, sources)?);
    }
    let before = sources
        .get(id)
        .map(|f| f.text.to_string())
        .unwrap_or_default();
    Ok(Replayed {
        before,
        after: json_output(&decided, array),
        count: decided.len(),
    })
}

/// Reads a record file: its records, its id in `sources`, and whether it holds an array.
fn read_records(
    path: &Path,
    sources: &mut SourceMap,
) -> Result<(Vec<Record>, FileId, bool), Diagnostics> {
    let text = crate::app::load::read_text(path, sources).map_err(Diagnostics::from)?;
    let id = sources.add(path.display().to_string(), text.as_str());
    let at = |line: usize, column: usize| {
        let offset = sources
            .get(id)
            .map_or(0, |f| f.offset_of(line, column.max(1)));
        Span::new(id, offset, offset + 1)
    };
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Diagnostic::error(
            "doctrine::replay",
            format!("`{}` is not JSON: {e}", path.display()),
        )
        .with_label(at(e.line(), e.column()), "here")
    })?;
    let (values, array) = match json {
        serde_json::Value::Array(values) => (values, true),
        value => (vec![value], false),
    };
    let mut records = Vec::new();
    let mut errors = Diagnostics::new();
    for (index, value) in values.into_iter().enumerate() {
        let record = value
            .get("record")
            .cloned()
            .ok_or_else(|| String::from("it has no `record`"))
            .and_then(|r| serde_json::from_value::<Record>(r).map_err(|e| e.to_string()));
        match record {
            Ok(record) => records.push(record),
            Err(reason) => errors.push(
                Diagnostic::error(
                    "doctrine::replay",
                    format!(
                        "`{}`: decision {} cannot be replayed: {reason}",
                        path.display(),
                        index + 1
                    ),
                )
                .with_help("replay reads what `doctrine eval --format json` writes, unchanged"),
            ),
        }
    }
    if errors.is_empty() {
        Ok((records, id, array))
    } else {
        Err(errors)
    }
}

/// The files a record names that lead outside the root, cannot be read, or whose bytes are
/// not those recorded (standard input is checked once read, by [`replay_one`]).
fn changed_files(record: &Record, root: &Root) -> Vec<Diagnostic> {
    let texts = record.texts.iter().map(|t| (&t.file, Some(&t.sha256)));
    let facts = std::iter::once((&record.facts.file, Some(&record.facts.sha256)))
        .filter(|(f, _)| *f != "-");
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
            match crate::app::load::file_sha256(&path) {
                Ok(now) if &now == recorded => None,
                Ok(_) => Some(changed(&path.display().to_string(), recorded)),
                Err(error) => Some(error),
            }
        })
        .collect()
}

/// A file whose bytes differ from those recorded: named, with the recorded SHA-256 only (the
/// current one would tell the digest of any file a record names).
fn changed(file: &str, recorded: &str) -> Diagnostic {
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
fn load_policy(
    record: &Record,
    root: &Root,
    sources: &mut SourceMap,
) -> Result<Program, Diagnostics> {
    let given = &record.given;
    let policy = root.resolve(&given.policy)?;
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
        match crate::app::load::read_text(&path, &mut scratch) {
            Ok(text) => {
                let sha256 = crate::source::sha256_hex(text.as_bytes());
                let verified = record
                    .texts
                    .iter()
                    .any(|t| t.file == name && t.sha256 == sha256);
                let id = sources.add(name.as_str(), text);
                if !verified {
                    unverified.push((id, path));
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
fn read_facts(record: &Record, root: &Root) -> Result<(String, Format), Diagnostics> {
    let file = &record.facts.file;
    let path = root.resolve(file)?;
    let format = Format::from_path(file).ok_or_else(|| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot tell the format of `{}`", path.display()),
        )
    })?;
    let mut scratch = SourceMap::new();
    let text = crate::app::load::read_text(&path, &mut scratch).map_err(|mut error| {
        error.labels.clear();
        error
    })?;
    if crate::source::sha256_hex(text.as_bytes()) != record.facts.sha256 {
        return Err(changed(&path.display().to_string(), &record.facts.sha256).into());
    }
    Ok((text, format))
}

/// Evaluates one record again, loading its policy once per policy and amendments.
fn replay_one(
    record: &Record,
    root: &Root,
    programs: &mut Vec<((String, Vec<String>), Program)>,
    sources: &mut SourceMap,
) -> Result<Decided, Diagnostics> {
    let bad = |what: String| Diagnostics::from(Diagnostic::error("doctrine::replay", what));
    let lang = record.language().ok_or_else(|| {
        bad(format!(
            "the record of `{}` names the language `{}`: expected `fr` or `en`",
            record.facts.file, record.lang
        ))
    })?;
    let on: Date = record.evaluated_on.parse().map_err(|_| {
        bad(format!(
            "the record of `{}` gives `{}` as its date: expected YYYY-MM-DD",
            record.facts.file, record.evaluated_on
        ))
    })?;
    let key = (record.given.policy.clone(), record.given.amendments.clone());
    let index = match programs.iter().position(|(k, _)| *k == key) {
        Some(index) => index,
        None => {
            let program = load_policy(record, root, sources)?;
            programs.push((key, program));
            programs.len() - 1
        }
    };
    let Some((_, program)) = programs.get(index) else {
        return Err(bad(String::from("lost a loaded policy")));
    };
    let mut errors = Diagnostics::new();
    let overrides =
        super::workspace::parse_overrides(program, &record.given.set, sources, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let inputs = Inputs {
        given: record.given.clone(),
        lang,
    };
    let deciding = Deciding {
        program,
        overrides: &overrides,
        on: Some(on),
        today: &Today::fixed(on),
        inputs: &inputs,
    };
    let facts = if record.facts.file == "-" {
        None
    } else {
        Some(read_facts(record, root)?)
    };
    let source = match &facts {
        None => FactSource::Path("-"),
        Some((text, format)) => FactSource::Text {
            name: &record.facts.file,
            text,
            format: *format,
        },
    };
    let mut decided = deciding.decide(&[source], sources)?;
    let one = decided
        .pop()
        .ok_or_else(|| bad(format!("`{}` gave no decision", record.facts.file)))?;
    if one.record.facts.sha256 != record.facts.sha256 {
        return Err(changed("-", &record.facts.sha256).into());
    }
    Ok(one)
}
