//! Deciding fact sets one by one, each with the record that replays it and the questions
//! its unknown facts raise (what `eval`, `replay` and a server's request run), and the
//! report of each decision with its explanation and remedies.

use jiff::civil::Date;

use super::Today;
use super::load::FactSource;
use super::workspace::Workspace;
use crate::analysis::questions::Question;
use crate::analysis::record::{Inputs, Record};
use crate::analysis::testing::case::CASE_KEYS;
use crate::diagnostic::Diagnostics;
use crate::eval::decision::Decision;
use crate::eval::overrides::Override;
use crate::eval::{EvalOptions, FactSet};
use crate::facts::Extras;
use crate::language::program::Program;
use crate::report::decision::document::Report;
use crate::source::{FileId, SourceMap};

/// One fact set decided.
#[derive(Debug)]
pub struct Decided {
    /// The fact set's name: its file as given.
    pub path: String,
    /// The decision.
    pub decision: Decision,
    /// What it read and how, to replay it.
    pub record: Record,
    /// The questions that would decide what its unknown facts keep undecided.
    pub questions: Vec<Question>,
    /// The facts it was decided on.
    pub facts: FactSet,
    /// The options it was decided with.
    pub options: EvalOptions,
    /// Its text in the workspace's sources.
    pub file: FileId,
    /// Whether it is a test case whose `expect:` was not checked (`doctrine test` does).
    pub expect_ignored: bool,
}

/// How fact sets are decided: the policy, its overrides, the day asked and today.
pub struct Deciding<'a> {
    /// The policy.
    pub program: &'a Program,
    /// Its overrides.
    pub overrides: &'a [Override],
    /// The day asked for, if any.
    pub on: Option<Date>,
    /// The day standing for today.
    pub today: &'a Today,
    /// What the records keep of how the policy was loaded.
    pub inputs: &'a Inputs,
    /// The policy's fact index, for the fast reader of JSON text, if built.
    pub index: Option<&'a crate::facts::FactIndex>,
}

impl Deciding<'_> {
    /// Loads each fact set and decides it. Every error of every fact set is returned
    /// together; nothing is decided while one fails to load.
    pub fn decide(
        &self,
        facts: &[FactSource<'_>],
        sources: &mut SourceMap,
    ) -> Result<Vec<Decided>, Diagnostics> {
        let mut errors = Diagnostics::new();
        let mut loaded = Vec::new();
        // A test case's keys, unless the policy has facts of those names.
        let case_keys: Vec<&str> = CASE_KEYS
            .iter()
            .copied()
            .filter(|key| {
                let group = format!("{key}.");
                !self
                    .program
                    .facts
                    .iter()
                    .any(|f| f.path == *key || f.path.starts_with(&group))
            })
            .collect();
        for source in facts {
            let read = match self.index {
                Some(index) => source.load_indexed(self.program, index, sources, &case_keys),
                None => source.load(self.program, sources, &case_keys),
            };
            let case = read.and_then(|(facts, extras, id)| {
                let case = self.case(&extras, id, sources)?;
                Ok((facts, case, id))
            });
            match case {
                Ok((facts, case, id)) => loaded.push((source.name().to_string(), facts, case, id)),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut decided = Vec::new();
        for (path, facts, (on, overrides, expect_ignored), id) in loaded {
            let options = EvalOptions {
                on: self.today.date_for(self.on.or(on), &facts),
                overrides,
            };
            let evaluated = crate::eval::evaluate(self.program, &facts, &options).and_then(|d| {
                crate::analysis::questions::questions(self.program, &facts, &options, &d)
                    .map(|questions| (d, questions))
            });
            match evaluated {
                Ok((decision, questions)) => {
                    let record =
                        Record::new(self.inputs, self.program, sources, &decision, &path, id);
                    decided.push(Decided {
                        path,
                        decision,
                        record,
                        questions,
                        facts,
                        options,
                        file: id,
                        expect_ignored,
                    });
                }
                Err(error) => errors.push(error.in_fact_file(&path, self.program, sources, id)),
            }
        }
        if errors.is_empty() {
            Ok(decided)
        } else {
            Err(errors)
        }
    }
}

impl Deciding<'_> {
    /// What a fact file that is a test case adds (`on:`, `set:`): its day (which `--on`
    /// overrides, as it does `evaluated_on`), the overrides (a `--set` of the same parameter
    /// wins) and whether it has an `expect:`, which `eval` does not check. A case that names
    /// amendments is refused: they change the policy, which `doctrine test` compiles per case.
    fn case(
        &self,
        extras: &Extras,
        file: FileId,
        sources: &mut SourceMap,
    ) -> Result<(Option<Date>, Vec<Override>, bool), Diagnostics> {
        let case = crate::analysis::testing::case::read_inputs(extras, file)?;
        if let Some(span) = case.amend {
            return Err(crate::diagnostic::Diagnostic::error(
                "doctrine::eval",
                "this test case names amendments (`amend:`), which `eval` does not apply",
            )
            .with_label(span, "amendments of the case")
            .with_help("run it with `doctrine test`, or give each amendment with `--amend FILE` and leave `amend:` out")
            .into());
        }
        let mut overrides = self.overrides.to_vec();
        let mut errors = Diagnostics::new();
        for (assignment, span) in &case.set {
            match crate::analysis::testing::case::case_override(
                self.program,
                assignment,
                *span,
                sources,
            ) {
                Ok(o) if !overrides.iter().any(|given| given.0 == o.0) => overrides.push(o),
                Ok(_) => {}
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() {
            Ok((case.on, overrides, case.expect))
        } else {
            Err(errors)
        }
    }
}

impl Workspace {
    /// Decides fact sets on `on` (else each one's `evaluated_on`, else today).
    pub fn decide(
        &mut self,
        facts: &[FactSource<'_>],
        on: Option<Date>,
    ) -> Result<Vec<Decided>, Diagnostics> {
        let inputs = self.record_inputs();
        let deciding = Deciding {
            program: &self.program,
            overrides: &self.overrides,
            on,
            today: &self.today,
            inputs: &inputs,
            index: Some(&self.index),
        };
        deciding.decide(facts, &mut self.sources)
    }

    /// Decides one fact set given as a JSON value (a request's body), named `name` in the
    /// decision and its errors.
    pub fn decide_json(
        &mut self,
        name: &str,
        facts: &serde_json::Value,
        on: Option<Date>,
    ) -> Result<Decided, Diagnostics> {
        // Written out pretty, so that an error's line and column point at one value.
        let text = serde_json::to_string_pretty(facts).unwrap_or_default();
        let format = crate::facts::Format::Json;
        let source = FactSource::Text {
            name,
            text: &text,
            format,
        };
        let mut decided = self.decide(&[source], on)?;
        decided.pop().ok_or_else(|| {
            crate::diagnostic::Diagnostic::error("doctrine::io", "no fact set was decided").into()
        })
    }

    /// The report of each decision, with its explanation and remedies.
    pub fn reports(&self, decided: &[Decided]) -> Result<Vec<Report>, Diagnostics> {
        let mut reports = Vec::new();
        let mut errors = Diagnostics::new();
        for d in decided {
            let mut report = Report::new(&d.decision, &d.record, &self.program, self.lang);
            crate::report::decision::explain::add(
                &mut report,
                &self.program,
                &self.sources,
                &d.facts,
                &d.options,
                &d.decision,
            );
            let remedies = crate::report::decision::remedy::add(
                &mut report,
                &self.program,
                &d.facts,
                &d.options,
            );
            if let Err(error) = remedies {
                errors.push(error.in_fact_file(&d.path, &self.program, &self.sources, d.file));
            }
            reports.push(report);
        }
        if errors.is_empty() {
            Ok(reports)
        } else {
            Err(errors)
        }
    }
}

/// The JSON output of decisions, each in its recorded language: one object, or an array
/// (`array`, as `eval` gives for several files), pretty, ending with a newline: the bytes
/// `replay` compares.
pub fn json_output(decided: &[Decided], array: bool) -> String {
    let mut values: Vec<serde_json::Value> = decided.iter().map(json_value).collect();
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

/// One decision as `eval --format json` gives it, in its recorded language: the decision,
/// its questions and its record.
pub fn json_value(d: &Decided) -> serde_json::Value {
    let lang = d
        .record
        .language()
        .unwrap_or(crate::language::ast::Lang::EN);
    let mut value = crate::report::decision::json::decision(&d.decision, &d.path, lang);
    if let Some(object) = value.as_object_mut() {
        if !d.questions.is_empty() {
            let questions = crate::report::questions::json(&d.questions, lang);
            object.insert("questions".into(), questions);
        }
        let record = serde_json::to_value(&d.record).unwrap_or_default();
        object.insert("record".into(), record);
    }
    value
}

/// The questions of one decision, in its recorded language, as `POST /v1/questions`
/// answers them: see [`crate::report::questions::answer`].
pub fn questions_value(d: &Decided) -> serde_json::Value {
    let lang = d
        .record
        .language()
        .unwrap_or(crate::language::ast::Lang::EN);
    crate::report::questions::answer(&d.decision, &d.questions, &d.path, lang)
}
