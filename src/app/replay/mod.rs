//! Replaying recorded decisions (the output of `eval --format json`) from their records:
//! check that every file they read is unchanged, decide again, and give the bytes recorded
//! and the bytes now, for the caller to compare.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use jiff::civil::Date;

mod log;
mod verify;

use verify::{Digests, changed, changed_files, load_policy, read_facts};

use super::Today;
use super::decide::{Decided, Deciding, json_output};
use super::load::{FactSource, Root};
use crate::analysis::record::{Inputs, Record};
use crate::diagnostic::{Diagnostic, Diagnostics};
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
    /// The lines of a decision log that cannot be decided again: logged without their
    /// facts (`doctrine serve` without `--log-facts`). Their files were checked.
    pub not_redecided: Vec<usize>,
    /// The lines of a decision log whose decision comes out different.
    pub differ: Vec<usize>,
}

impl Replayed {
    /// The lines of a decision log whose decision differs, said: `line 3`, `lines 1-2, 7`.
    pub fn differing_lines(&self) -> Option<String> {
        (!self.differ.is_empty()).then(|| log::line_list(&self.differ))
    }

    /// The error for the lines of a decision log that cannot be decided again, if any.
    pub fn incomplete(&self, path: &Path) -> Option<Diagnostics> {
        (!self.not_redecided.is_empty())
            .then(|| Diagnostics::from(log::not_redecided(path, &self.not_redecided)))
    }
}

/// Replays the decisions of a record file, or of a decision log (`doctrine serve
/// --decision-log`). The paths a record names are resolved from `root` (by default the
/// record's own folder) and must lead inside it.
pub fn replay(
    path: &Path,
    root: Option<&Path>,
    sources: &mut SourceMap,
) -> Result<Replayed, Diagnostics> {
    let text = crate::app::load::read_text(path, sources).map_err(Diagnostics::from)?;
    let root = Root::new(root.unwrap_or_else(|| path.parent().unwrap_or(Path::new(""))))?;
    if log::is_log(&text) {
        return log::replay(path, &text, &root, sources);
    }
    let (recorded, id, array) = read_records(path, text, sources)?;
    unchanged(recorded.iter(), &root, true)?;
    let mut programs = HashMap::new();
    let mut decided = Vec::new();
    for record in &recorded {
        decided.push(replay_one(record, &root, &mut programs, sources, None)?);
    }
    let before = sources
        .get(id)
        .map(|f| f.text.to_string())
        .unwrap_or_default();
    Ok(Replayed {
        before,
        after: json_output(&decided, array),
        count: decided.len(),
        not_redecided: Vec::new(),
        differ: Vec::new(),
    })
}

/// Checks that the files the records name are unchanged: the facts too, if `facts` (a
/// decision log keeps no fact file, but the facts' text). Each file changed is named once.
fn unchanged<'r>(
    records: impl Iterator<Item = &'r Record>,
    root: &Root,
    facts: bool,
) -> Result<(), Diagnostics> {
    let mut digests = Digests::default();
    let mut changed = Diagnostics::new();
    let mut seen = HashSet::new();
    for error in records.flat_map(|record| changed_files(record, root, &mut digests, facts)) {
        // A file named as the policy and as its text, or by two records, is named once.
        if seen.insert(error.message.clone()) {
            changed.push(error);
        }
    }
    if changed.is_empty() {
        Ok(())
    } else {
        Err(changed)
    }
}

/// Reads a record file: its records, its id in `sources`, and whether it holds an array.
fn read_records(
    path: &Path,
    text: String,
    sources: &mut SourceMap,
) -> Result<(Vec<Record>, FileId, bool), Diagnostics> {
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

/// The policies loaded in a run, by the policy and amendments a record names.
type Programs = HashMap<(String, Vec<String>), Program>;

/// Evaluates one record again, loading its policy once per policy and amendments; on the
/// facts `logged` (a decision log's JSON text), else on the fact file the record names.
fn replay_one(
    record: &Record,
    root: &Root,
    programs: &mut Programs,
    sources: &mut SourceMap,
    logged: Option<&str>,
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
    let program = match programs.entry(key) {
        Entry::Occupied(entry) => entry.into_mut(),
        Entry::Vacant(entry) => entry.insert(load_policy(record, root, sources)?),
    };
    let program = &*program;
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
        index: None,
    };
    let facts = match logged {
        Some(text) => Some((text.to_string(), crate::facts::Format::Json)),
        None if record.facts.file == "-" => None,
        None => Some(read_facts(record, root)?),
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
