//! What `eval` and `replay` share: evaluating loaded fact files into decisions with their
//! records, and the JSON output of those decisions.

use jiff::civil::Date;

use crate::Program;
use crate::ast::Lang;
use crate::decision::Decision;
use crate::diagnostic::Diagnostics;
use crate::eval::{EvalOptions, FactSet};
use crate::params::Override;
use crate::record::{Inputs, Record};
use crate::source::SourceMap;

/// One fact file decided.
pub struct Decided {
    /// The fact file, as given.
    pub path: String,
    /// The decision.
    pub decision: Decision,
    /// What it read and how, to replay it.
    pub record: Record,
    /// The questions that would decide what its unknown facts keep undecided.
    pub questions: Vec<crate::questions::Question>,
    /// The facts it was decided on.
    pub facts: FactSet,
    /// The options it was decided with.
    pub options: EvalOptions,
}

/// Loads each fact file and decides it, on `on` (else the file's `evaluated_on`, else
/// today). Every error of every file is returned together.
pub fn decide(
    program: &Program,
    sources: &mut SourceMap,
    files: &[String],
    on: Option<Date>,
    overrides: &[Override],
    inputs: &Inputs,
) -> Result<Vec<Decided>, Diagnostics> {
    let mut errors = Diagnostics::new();
    let mut loaded = Vec::new();
    for path in files {
        match crate::load::load_facts(path, program, sources, &[]) {
            Ok((facts, _, id)) => loaded.push((path, facts, id)),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Asking the clock loads the time zone database (milliseconds): only when a file needs it.
    let today = std::cell::OnceCell::new();
    let mut decided = Vec::new();
    for (path, facts, id) in loaded {
        let options = EvalOptions {
            on: on
                .or(facts.evaluated_on)
                .unwrap_or_else(|| *today.get_or_init(|| jiff::ZonedDateTime::now().date())),
            overrides: overrides.to_vec(),
        };
        let evaluated = crate::eval::evaluate(program, &facts, &options).and_then(|decision| {
            crate::questions::questions(program, &facts, &options, &decision)
                .map(|questions| (decision, questions))
        });
        match evaluated {
            Ok((decision, questions)) => {
                let record = Record::new(inputs, program, sources, &decision, path, id);
                decided.push(Decided {
                    path: path.clone(),
                    decision,
                    record,
                    questions,
                    facts,
                    options,
                });
            }
            Err(error) => errors.push(error.in_facts(path)),
        }
    }
    if errors.is_empty() {
        Ok(decided)
    } else {
        Err(errors)
    }
}

/// The JSON output of decisions, each in its recorded language: one object, or an array
/// (`array`, as `eval` gives for several files), pretty, ending with a newline: the bytes
/// `replay` compares.
pub fn json_output(decided: &[Decided], array: bool) -> String {
    let mut values: Vec<serde_json::Value> = decided
        .iter()
        .map(|d| {
            let lang = d.record.language().unwrap_or(Lang::EN);
            let mut value = crate::report::json::decision(&d.decision, &d.path, lang);
            if let Some(object) = value.as_object_mut() {
                if !d.questions.is_empty() {
                    let questions = crate::report::questions::json(&d.questions, lang);
                    object.insert("questions".into(), questions);
                }
                let record = serde_json::to_value(&d.record).unwrap_or_default();
                object.insert("record".into(), record);
            }
            value
        })
        .collect();
    let json = match values.pop() {
        Some(one) if !array && values.is_empty() => one,
        last => {
            values.extend(last);
            serde_json::Value::Array(values)
        }
    };
    let text = serde_json::to_string_pretty(&json).unwrap_or_default();
    format!("{text}\n")
}
