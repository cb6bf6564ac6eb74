//! Batch evaluation: many fact sets (fact files, lines of JSON Lines inputs) against one
//! policy compiled once, evaluated in parallel, each outcome in its input's place.

pub mod stream;

use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::app::Today;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::decision::Decision;
use crate::eval::{EvalError, EvalOptions, FactSet};
use crate::facts::FactIndex;
use crate::facts::lines::{Line, bind_line};
use crate::language::program::Program;
use crate::source::SourceMap;

pub use stream::Stream;

/// One fact set to evaluate.
#[derive(Debug)]
pub enum Item {
    /// A fact file, by path.
    File(String),
    /// A line of a JSON Lines input.
    Line {
        /// The input's name.
        input: Arc<str>,
        /// The line.
        line: Line,
    },
    /// An input that could not be read, reported in its place.
    Broken(Diagnostic),
}

impl Item {
    /// Where the fact set comes from: the file, or `file:line`.
    pub fn origin(&self) -> String {
        match self {
            Item::File(path) => path.clone(),
            Item::Line { input, line } => format!("{input}:{}", line.number),
            Item::Broken(_) => String::new(),
        }
    }
}

/// What came of one fact set.
#[derive(Debug)]
pub enum Outcome {
    /// A decision: its rank on the verdict scale, and its report.
    Decided {
        /// The decision's rank (0 is the worst verdict).
        rank: u32,
        /// The report, as the caller renders it.
        report: String,
    },
    /// The fact set could not be read or evaluated: the diagnostics, rendered.
    Failed(String),
}

/// How a batch evaluates: the policy, compiled once, and the options of the run.
pub struct Batch<'p> {
    program: &'p Program,
    index: FactIndex,
    sources: &'p SourceMap,
    on: Option<Date>,
    today: Today,
    overrides: Vec<(u32, crate::language::value::Value, String)>,
}

impl<'p> Batch<'p> {
    /// A batch over a program whose sources are in `sources`; each fact set is evaluated on
    /// `on`, else its own `evaluated_on`, else `today` (a [`Today`], or a fixed day).
    pub fn new(
        program: &'p Program,
        sources: &'p SourceMap,
        on: Option<Date>,
        today: impl Into<Today>,
        overrides: Vec<(u32, crate::language::value::Value, String)>,
    ) -> Batch<'p> {
        Batch {
            program,
            index: FactIndex::new(program),
            sources,
            on,
            today: today.into(),
            overrides,
        }
    }

    /// Evaluates items in parallel (on the current rayon pool); the outcomes are in the
    /// items' order. `report` renders a decision with its origin, `errors` diagnostics.
    pub fn run<R, E>(&self, items: Vec<Item>, report: &R, errors: &E) -> Vec<Outcome>
    where
        R: Fn(&Decision, &str) -> String + Sync,
        E: Fn(&Diagnostics, &SourceMap) -> String + Sync,
    {
        self.run_each(&items, &|_, item, decided| match decided {
            Ok(decision) => Outcome::Decided {
                rank: decision.decision.rank,
                report: report(decision, &item.origin()),
            },
            Err((diagnostics, sources)) => Outcome::Failed(errors(diagnostics, sources)),
        })
    }

    /// Evaluates items in parallel (on the current rayon pool) and hands each, with its
    /// place in `items`, its decision or its errors and the sources they point into, to
    /// `each`; the results are in the items' order.
    pub fn run_each<T, F>(&self, items: &[Item], each: &F) -> Vec<T>
    where
        T: Send,
        F: Fn(usize, &Item, Result<&Decision, (&Diagnostics, &SourceMap)>) -> T + Sync,
    {
        items
            .par_iter()
            .enumerate()
            .map(|(at, item)| {
                let origin = item.origin();
                let mut sources = self.sources.clone();
                let decided = self.facts(item, &mut sources).and_then(|facts| {
                    self.evaluate(&facts)
                        .map_err(|error| self.located(&error, item, &origin, &mut sources))
                });
                match &decided {
                    Ok(decision) => each(at, item, Ok(decision)),
                    Err(diagnostics) => each(at, item, Err((diagnostics, &sources))),
                }
            })
            .collect()
    }

    fn facts(&self, item: &Item, sources: &mut SourceMap) -> Result<FactSet, Diagnostics> {
        match item {
            Item::File(path) => {
                crate::app::load::load_fact_set(path, self.program, &self.index, sources)
            }
            Item::Line { input, line } => {
                bind_line(self.program, &self.index, input, line, sources)
            }
            Item::Broken(diagnostic) => Err(diagnostic.clone().into()),
        }
    }

    /// An evaluation error pointing at the values it read in the fact set's text. The fast
    /// reader keeps no text, so it is read again, on this error only.
    fn located(
        &self,
        error: &EvalError,
        item: &Item,
        origin: &str,
        sources: &mut SourceMap,
    ) -> Diagnostics {
        let file = match item {
            Item::File(path) => crate::app::load::load_facts(path, self.program, sources, &[])
                .ok()
                .map(|(_, _, id)| id),
            Item::Line { input, line } => std::str::from_utf8(&line.bytes)
                .ok()
                .map(|text| sources.add_part(&**input, text, line.number.saturating_sub(1))),
            Item::Broken(_) => None,
        };
        match file {
            Some(file) => error.in_fact_file(origin, self.program, sources, file),
            None => error.in_facts(origin),
        }
        .into()
    }

    fn evaluate(&self, facts: &FactSet) -> Result<Decision, EvalError> {
        let options = EvalOptions {
            on: self.today.date_for(self.on, facts),
            overrides: self.overrides.clone(),
        };
        crate::eval::evaluate(self.program, facts, &options)
    }
}

// The summary of a batch: how many fact sets got each verdict, and how many failed.

/// Counts of outcomes.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Per verdict rank, the decisions of that verdict.
    pub decisions: Vec<u64>,
    /// The fact sets that could not be read or evaluated.
    pub errors: u64,
}

impl Summary {
    /// An empty summary for a scale of `verdicts` verdicts.
    pub fn new(verdicts: usize) -> Summary {
        Summary {
            decisions: vec![0; verdicts],
            errors: 0,
        }
    }

    /// Counts one outcome.
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Decided { rank, .. } => {
                if let Some(count) = self.decisions.get_mut(*rank as usize) {
                    *count += 1;
                }
            }
            Outcome::Failed(_) => self.errors += 1,
        }
    }

    /// The fact sets counted.
    pub fn total(&self) -> u64 {
        self.decisions.iter().sum::<u64>() + self.errors
    }

    /// One line: `12 fact sets: 3 non_compliant, 9 compliant; 0 errors`, verdicts in scale
    /// order, those given to no fact set left out.
    pub fn line(&self, names: &[&str]) -> String {
        let total = self.total();
        let counts: Vec<String> = self
            .decisions
            .iter()
            .zip(names)
            .filter(|(count, _)| **count > 0)
            .map(|(count, name)| format!("{count} {name}"))
            .collect();
        let sets = if total == 1 { "fact set" } else { "fact sets" };
        let errors = if self.errors == 1 { "error" } else { "errors" };
        if counts.is_empty() {
            format!("{total} {sets}; {} {errors}", self.errors)
        } else {
            format!(
                "{total} {sets}: {}; {} {errors}",
                counts.join(", "),
                self.errors
            )
        }
    }
}
