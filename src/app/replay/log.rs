//! Replaying a decision log (`doctrine serve --decision-log`, JSON Lines): each line logged
//! with its facts (`--log-facts`) is decided again and compared with the decision logged;
//! a line without its facts cannot be, and is said so, its policy files still checked.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::{Replayed, replay_one, unchanged};
use crate::analysis::record::Record;
use crate::app::decide::json_value;
use crate::app::load::Root;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceMap;

/// The keys a decision log adds to the decision answered: not part of the decision.
pub const LOG_ONLY_KEYS: &[&str] = &["decision_id", "logged_at", "policy_version", "facts_text"];

/// Whether a file's text is a decision log: its first line is a whole JSON object with the
/// keys the log adds (a record file written by `eval` is pretty, its first line `{` or `[`).
pub(super) fn is_log(text: &str) -> bool {
    let Some(first) = text.lines().find(|line| !line.trim().is_empty()) else {
        return false;
    };
    serde_json::from_str::<Map<String, Value>>(first)
        .is_ok_and(|object| object.contains_key("logged_at") && object.contains_key("record"))
}

/// One line of a decision log, read.
struct Logged {
    /// Its line number, from 1.
    line: usize,
    /// The decision answered, without the keys the log adds.
    decision: Map<String, Value>,
    /// The record of how it was decided.
    record: Record,
    /// The facts' text, if logged.
    facts: Option<String>,
}

/// Replays a decision log: the files every line names are checked; each line with its facts
/// is decided again.
pub(super) fn replay(
    path: &Path,
    text: &str,
    root: &Root,
    sources: &mut SourceMap,
) -> Result<Replayed, Diagnostics> {
    let lines = read_lines(path, text)?;
    unchanged(lines.iter().map(|l| &l.record), root, false)?;
    let mut programs = HashMap::new();
    let (mut before, mut after) = (String::new(), String::new());
    let mut count = 0;
    let mut not_redecided = Vec::new();
    let mut differ = Vec::new();
    for logged in &lines {
        let Some(facts) = &logged.facts else {
            not_redecided.push(logged.line);
            continue;
        };
        let decided = replay_one(&logged.record, root, &mut programs, sources, Some(facts))?;
        let mut now = json_value(&decided);
        if let Some(object) = now.as_object_mut()
            && batch_line(&logged.record)
            && !logged.decision.contains_key("questions")
        {
            // A batch answers each line without its questions.
            object.shift_remove("questions");
        }
        let header = format!("line {}:\n", logged.line);
        let was = pretty(&Value::Object(logged.decision.clone()));
        let is = pretty(&now);
        if was != is {
            differ.push(logged.line);
        }
        before.push_str(&header);
        before.push_str(&was);
        after.push_str(&header);
        after.push_str(&is);
        count += 1;
    }
    Ok(Replayed {
        before,
        after,
        count,
        not_redecided,
        differ,
    })
}

/// Whether a record is that of a line of a batch: its facts are named `NAME:LINE`.
fn batch_line(record: &Record) -> bool {
    record
        .facts
        .file
        .rsplit_once(':')
        .is_some_and(|(_, line)| !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()))
}

fn pretty(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    format!("{text}\n")
}

/// Reads every line of a decision log; a line that is not a logged decision, or whose
/// facts are not those its record hashed, is an error naming it.
fn read_lines(path: &Path, text: &str) -> Result<Vec<Logged>, Diagnostics> {
    let mut lines = Vec::new();
    let mut errors = Diagnostics::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        match read_line(line, number) {
            Ok(logged) => lines.push(logged),
            // The line is not shown: it may hold facts (personal data) and is long.
            Err(reason) => {
                errors.push(
                    Diagnostic::error(
                        "doctrine::replay",
                        format!(
                            "`{}`: line {number} cannot be replayed: {reason}",
                            path.display()
                        ),
                    )
                    .with_help(
                        "a decision log holds one decision per line, as `doctrine serve \
                         --decision-log` writes it, unchanged",
                    ),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// One line of a decision log.
fn read_line(line: &str, number: usize) -> Result<Logged, String> {
    let mut decision: Map<String, Value> =
        serde_json::from_str(line).map_err(|e| format!("it is not a JSON object: {e}"))?;
    let record = decision
        .get("record")
        .cloned()
        .ok_or_else(|| String::from("it has no `record`"))
        .and_then(|r| serde_json::from_value::<Record>(r).map_err(|e| e.to_string()))?;
    let facts = match decision.get("facts_text") {
        None => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => return Err(String::from("its `facts_text` is not a string")),
    };
    if let Some(text) = &facts
        && crate::source::sha256_hex(text.as_bytes()) != record.facts.sha256
    {
        return Err(format!(
            "its `facts_text` is not the facts its record hashed (SHA-256 {})",
            record.facts.sha256
        ));
    }
    for key in LOG_ONLY_KEYS {
        decision.shift_remove(*key);
    }
    Ok(Logged {
        line: number,
        decision,
        record,
        facts,
    })
}

/// The error for the lines logged without their facts: how many, which, and how to keep
/// them.
pub(super) fn not_redecided(path: &Path, lines: &[usize]) -> Diagnostic {
    Diagnostic::error(
        "doctrine::replay",
        format!(
            "`{}`: {} decision(s) cannot be decided again: logged without their facts ({})",
            path.display(),
            lines.len(),
            line_list(lines)
        ),
    )
    .with_help(
        "their policy files were checked unchanged; `doctrine serve --log-facts` logs the \
         facts of each decision (they may be personal data), so that replay decides it again",
    )
}

/// `line 3`, `lines 1-4, 7`: runs of lines shortened.
pub(super) fn line_list(lines: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &line in lines {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => runs.push((line, line)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let word = if lines.len() == 1 { "line" } else { "lines" };
    format!("{word} {}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_lines_are_shortened() {
        assert_eq!(line_list(&[3]), "line 3");
        assert_eq!(line_list(&[1, 2, 3, 4, 7, 9, 10]), "lines 1-4, 7, 9-10");
    }

    #[test]
    fn a_pretty_record_is_not_a_log() {
        assert!(!is_log("{\n  \"decision\": \"x\"\n}\n"));
        assert!(is_log(
            "{\"decision_id\":\"1\",\"logged_at\":\"t\",\"record\":{}}\n"
        ));
    }
}
