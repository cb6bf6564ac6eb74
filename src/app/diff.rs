//! Comparing two sides (policies, amendments, dates, overrides) over a corpus of fact
//! files: every decision under each side, and what changes.

use std::path::PathBuf;

use jiff::civil::Date;

use super::Today;
use super::diff_sides::{LoadedSide, SideSpec, load_sides, split_paths};
use crate::analysis::diff::{DiffReport, compare};
use crate::diagnostic::Diagnostics;
use crate::eval::decision::Decision;
use crate::eval::{EvalOptions, FactSet};
use crate::source::SourceMap;

/// What a diff compares: `POLICY_A [POLICY_B] FACTS...` and each option given for both
/// sides (`shared`) or for one (`a`, `b`).
#[derive(Clone, Debug, Default)]
pub struct DiffAsk {
    /// The policies, then the fact files, folders or patterns.
    pub paths: Vec<String>,
    /// Local amendments: on both sides, on A, on B.
    pub amend: [Vec<PathBuf>; 3],
    /// The evaluation date: on both sides, on A, on B (a side's own wins).
    pub on: [Option<Date>; 3],
    /// `NAME=VALUE` overrides: on both sides, on A, on B.
    pub set: [Vec<String>; 3],
}

impl DiffAsk {
    fn sides(&self, policy_a: PathBuf, policy_b: Option<PathBuf>) -> (SideSpec, SideSpec) {
        let [amend, amend_a, amend_b] = &self.amend;
        let [on, on_a, on_b] = self.on;
        let [set, set_a, set_b] = &self.set;
        let a = SideSpec {
            name: "A",
            policy: policy_a.clone(),
            amend: [amend.as_slice(), amend_a].concat(),
            on: on_a.or(on),
            set: [set.as_slice(), set_a].concat(),
        };
        let b = SideSpec {
            name: "B",
            policy: policy_b.unwrap_or(policy_a),
            amend: [amend.as_slice(), amend_b].concat(),
            on: on_b.or(on),
            set: [set.as_slice(), set_b].concat(),
        };
        (a, b)
    }
}

/// Loads both sides and the corpus, decides every fact file under each side, and compares.
/// Every error (of the sides, of the facts, of the evaluations) is returned together.
pub fn diff(
    ask: &DiffAsk,
    sources: &mut SourceMap,
    today: &Today,
) -> Result<DiffReport, Diagnostics> {
    let (policy_a, policy_b, facts) = split_paths(&ask.paths)?;
    let (a, b) = ask.sides(policy_a, policy_b);
    let (a, b) = load_sides(a, b, sources)?;
    let corpus = load_corpus(&facts, &a, &b, sources)?;
    let mut errors = Diagnostics::new();
    let mut cases = Vec::new();
    for (path, facts_a, facts_b) in &corpus {
        let before = evaluate(&a, facts_a, path, today, &mut errors);
        let after = evaluate(&b, facts_b, path, today, &mut errors);
        if let (Some(before), Some(after)) = (before, after) {
            let (on_a, on_b) = (before.evaluated_on, after.evaluated_on);
            let texts = (before.texts.len(), after.texts.len());
            let mut case = compare(path, before, after);
            crate::analysis::diff::causes::explain(
                &mut case,
                &a.evaluated(on_a, texts.0),
                &b.evaluated(on_b, texts.1),
            );
            cases.push(case);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(DiffReport::new(a.describe(), b.describe(), cases))
}

/// Reads every fact file and binds it under both sides; every error is collected.
fn load_corpus(
    paths: &[String],
    a: &LoadedSide,
    b: &LoadedSide,
    sources: &mut SourceMap,
) -> Result<Vec<(String, FactSet, FactSet)>, Diagnostics> {
    let (files, mut errors) = super::inputs::fact_files(paths);
    let mut corpus = Vec::new();
    for path in files {
        let bound = super::load::read_facts(&path, sources).and_then(|(root, id)| {
            crate::analysis::diff::bind::bind_both(&a.program, &b.program, &root, id)
        });
        match bound {
            Ok((x, y)) => corpus.push((path, x, y)),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(corpus)
    } else {
        Err(errors)
    }
}

fn evaluate(
    side: &LoadedSide,
    facts: &FactSet,
    path: &str,
    today: &Today,
    errors: &mut Diagnostics,
) -> Option<Decision> {
    let options = EvalOptions {
        on: today.date_for(side.spec.on, facts),
        overrides: side.overrides.clone(),
    };
    match crate::eval::evaluate(&side.program, facts, &options) {
        Ok(decision) => Some(decision),
        Err(error) => {
            let mut diagnostic = error.to_diagnostic();
            diagnostic.message = format!(
                "{} (evaluating `{path}` under side {})",
                diagnostic.message, side.spec.name
            );
            errors.push(diagnostic);
            None
        }
    }
}
