//! When a case's decision changes: the periods over which the policy decides it the same way.
//!
//! Which days to evaluate on. An evaluation is a deterministic function of the program, the
//! facts and the evaluation date, and the evaluator reads the date in five places only; each
//! tells the first later day on which it would read otherwise:
//! - the texts in force: the next text comes into force on its date;
//! - parameters: the next dated step (of the version in force) takes effect on its date;
//! - an exception's `until`: holding through its last day `D`, it has expired from `D + 1`;
//! - a comparison with `today` under arithmetic (`today - start >= 30 days`,
//!   `start + period < today`): adding or subtracting durations, subtracting dates and
//!   negating are monotone, so bisection over the calendar finds the day its result changes;
//! - durations in months compared with durations in days (which count from the evaluation
//!   date), comparisons where `today` appears twice, and `today` anywhere else: followed day
//!   by day.
//!
//! Everything else is computed from facts, constants and what earlier steps computed
//! (parameters, definitions, verdicts read with `verdict(…)`, sets and quantifiers over them).
//! So if every date read made on day `d` reads the same on a later day `d'`, the evaluation on
//! `d'` takes exactly the steps it took on `d`, and decides the same. The timeline evaluates on
//! the first day of the window with [`crate::eval::evaluate_watching`], which returns the first
//! later day on which one of the reads it made changes; evaluates again on that day; and so
//! on, merging consecutive days whose decisions are the [`same_state`]. When no read can ever
//! change, the last period is open-ended. `tests/timeline.rs` checks the periods against an
//! evaluation on every single day of the window.

use jiff::civil::Date;

mod causes;
mod changes;

pub use causes::Cause;
pub use changes::{Change, RuleState, changes, same_state};

use crate::eval::decision::Decision;
use crate::eval::overrides::Override;
use crate::eval::{EvalError, EvalOptions, FactSet, evaluate_watching};
use crate::language::program::Program;
use crate::language::value::Value;

/// How many years after the last date of the policy or of the facts the default window ends.
pub const DEFAULT_YEARS_AFTER: i16 = 5;

/// A period over which the decision stays the same.
#[derive(Clone, Debug)]
pub struct Period {
    /// Its first day.
    pub from: Date,
    /// Its last day; `None`: it never ends.
    pub to: Option<Date>,
    /// The decision over the period (evaluated on its first day).
    pub decision: Decision,
    /// Texts that come into force after its first day, within it, and the day each does:
    /// they change nothing the timeline follows.
    pub later_texts: Vec<(String, Date)>,
    /// What changed on its first day, from the period before (empty for the first period).
    pub changed: Vec<Change>,
}

fn add_years(day: Date, years: i16) -> Date {
    day.checked_add(jiff::Span::new().years(years))
        .unwrap_or(Date::MAX)
}

/// The default first day: the day before the first text comes into force.
pub fn default_from(program: &Program) -> Date {
    program
        .texts
        .iter()
        .map(|t| t.in_force)
        .min()
        .and_then(|d| d.yesterday().ok())
        .unwrap_or(Date::MIN)
}

/// The default last day: [`DEFAULT_YEARS_AFTER`] years after the latest of `from`, the texts'
/// dates, the parameters' dated steps, and the dates the facts give (`evaluated_on` too).
pub fn default_to(program: &Program, facts: &FactSet, from: Date) -> Date {
    let mut latest = from;
    let mut consider = |d: Date| latest = latest.max(d);
    program.texts.iter().for_each(|t| consider(t.in_force));
    program
        .params
        .iter()
        .flat_map(|p| p.versions.versions.iter())
        .filter_map(|(_, body)| body.as_ref())
        .flat_map(|b| b.steps.iter())
        .for_each(|step| consider(step.from));
    for value in &facts.values {
        match value {
            Value::Date(d) => consider(*d),
            Value::Set(items) => items.iter().for_each(|v| {
                if let Value::Date(d) = v {
                    consider(*d);
                }
            }),
            _ => {}
        }
    }
    if let Some(d) = facts.evaluated_on {
        consider(d);
    }
    add_years(latest, DEFAULT_YEARS_AFTER)
}

/// The periods of a case's decision from `from` to `to` (both included): the first starts on
/// `from`; the last ends on `to`, or never (`to: None`) when nothing can change after it.
pub fn timeline(
    program: &Program,
    facts: &FactSet,
    overrides: &[Override],
    from: Date,
    to: Date,
) -> Result<Vec<Period>, EvalError> {
    if from > to {
        return Err(EvalError {
            message: format!("the window ends ({to}) before it starts ({from})"),
            span: None,
            diagnostic: None,
            facts: Vec::new(),
        });
    }
    let mut periods: Vec<Period> = Vec::new();
    let mut day = from;
    loop {
        let options = EvalOptions {
            on: day,
            overrides: overrides.to_vec(),
        };
        let (decision, next) =
            evaluate_watching(program, facts, &options, to).map_err(|error| on_day(error, day))?;
        match periods.last_mut() {
            Some(last) if same_state(&last.decision, &decision) => {}
            Some(last) => {
                last.to = day.yesterday().ok();
                let changed = changes(program, overrides, &last.decision, &decision);
                periods.push(Period {
                    from: day,
                    to: None,
                    decision,
                    later_texts: Vec::new(),
                    changed,
                });
            }
            None => periods.push(Period {
                from: day,
                to: None,
                decision,
                later_texts: Vec::new(),
                changed: Vec::new(),
            }),
        }
        match next {
            // Always a later day; `max` keeps the walk going forward whatever happens.
            Some(next) if next <= to => match day.tomorrow() {
                Ok(tomorrow) => day = next.max(tomorrow),
                Err(_) => break,
            },
            Some(_) => {
                if let Some(last) = periods.last_mut() {
                    last.to = Some(to);
                }
                break;
            }
            None => break,
        }
    }
    for period in &mut periods {
        period.later_texts = program
            .texts
            .iter()
            .filter(|t| t.in_force > period.from && period.to.is_none_or(|to| t.in_force <= to))
            .map(|t| (t.id.clone(), t.in_force))
            .collect();
    }
    Ok(periods)
}

/// Says on which day an evaluation failed.
fn on_day(mut error: EvalError, day: Date) -> EvalError {
    error.message = format!("{} (on {day})", error.message);
    if let Some(diagnostic) = error.diagnostic.as_mut() {
        diagnostic.message = format!("{} (on {day})", diagnostic.message);
    }
    error
}
