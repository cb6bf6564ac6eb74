//! Remedies (counterfactuals): the smallest sets of fact changes that would move a decision
//! to a target verdict, each confirmed by evaluating the changed facts.
//!
//! The changes come from the checked program: flip a bool, pick another name, add or remove
//! an element of a set (or keep only, or drop, the elements of a set the policy names), move
//! a number, a duration or a day across the threshold it is compared with (the smallest such
//! move, on either side), set a fact left unknown or not set, or unset an optional fact. The
//! search is breadth-first by number of changes and guided by what each evaluation read: only
//! facts that the rules holding the decision back (or the scope) read are changed, widening as
//! a change makes new facts relevant. Only minimal sets are kept: a set of which a strict
//! subset already reaches the target is never tried.

mod candidates;
mod confirm;
mod rank;
mod search;
mod sites;
mod thresholds;

pub use search::{BUDGET, Cut, KEPT_PER_EVALUATION};

use jiff::civil::Date;

use crate::eval::decision::{Decision, VerdictRef};
use crate::eval::{EvalError, EvalOptions, FactSet};
use crate::language::program::{Localized, Program};
use crate::language::value::Value;

/// What to search for.
#[derive(Clone, Debug)]
pub struct Request {
    /// The verdict to reach, by rank on the scale: the decision must be this verdict or a
    /// better one (never the inapplicable verdict, unless it is the target, nor the undecided
    /// one, unless it is the target). `None`: any verdict better than the current decision.
    pub target: Option<u32>,
    /// Facts that may not change, by slot.
    pub fixed: Vec<u32>,
    /// The most changes in one remedy.
    pub max_changes: usize,
    /// Once this many remedies are found, larger sets are not searched.
    pub limit: usize,
    /// The most evaluations the search makes ([`BUDGET`] by default); the sets it keeps for
    /// the next size hold at most [`KEPT_PER_EVALUATION`] slots per evaluation of it.
    pub budget: usize,
}

/// What the remedies reach.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// Any verdict better than the current decision (neither undecided nor inapplicable).
    Better,
    /// This verdict or a better one.
    AtLeast(VerdictRef),
}

/// One change of one fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The fact's slot in [`Program::facts`].
    pub slot: u32,
    /// The fact's dotted path.
    pub fact: String,
    /// The fact's label.
    pub label: Localized,
    /// Its value now ([`Value::Unknown`] or [`Value::NotSet`] when it has none).
    pub from: Value,
    /// Its value in the remedy ([`Value::NotSet`]: an optional fact left out).
    pub to: Value,
    /// What kind of change it is.
    pub kind: ChangeKind,
}

/// The kinds of changes.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    /// A bool flipped.
    Flip,
    /// Another name of the vocabulary.
    Pick,
    /// Elements added to or removed from a set.
    Elements {
        /// Added, sorted.
        added: Vec<Value>,
        /// Removed, sorted.
        removed: Vec<Value>,
    },
    /// A number, duration or day moved across a value it is compared with.
    Move {
        /// The value it is compared with.
        across: Value,
    },
    /// A value given to a fact that had none (unknown, or optional and not set).
    Assign,
    /// An optional fact left out.
    Unset,
}

/// A rule whose outcome a remedy changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    /// The rule's id.
    pub rule: String,
    /// Its verdict now (`None`: it gives none).
    pub before: Option<VerdictRef>,
    /// Its verdict with the remedy (`None`: it gives none).
    pub after: Option<VerdictRef>,
    /// The exception that decides with the remedy, if one does.
    pub by: Option<String>,
    /// The last day of a temporary verdict with the remedy.
    pub until: Option<Date>,
}

/// A set of changes that reaches the target, confirmed by evaluating it.
#[derive(Clone, Debug)]
pub struct Remedy {
    /// The changes, in the order of the policy's facts.
    pub changes: Vec<Change>,
    /// The decision with the changes.
    pub decision: VerdictRef,
    /// Its last day, for a temporary decision.
    pub until: Option<Date>,
    /// Whether the changed facts are in the policy's scope.
    pub in_scope: Option<bool>,
    /// The rules whose outcome changes, in policy order.
    pub effects: Vec<Effect>,
}

/// What a search found.
#[derive(Clone, Debug)]
pub struct RemedyReport {
    /// The decision now.
    pub decision: VerdictRef,
    /// Whether the facts as given are in the policy's scope (`None`: unknown).
    pub in_scope: Option<bool>,
    /// What the remedies reach.
    pub goal: Goal,
    /// Whether there is no remedy to seek: the decision already reaches the goal, or (for
    /// [`Goal::Better`]) no verdict better than it could.
    pub reached: bool,
    /// The remedies, smallest first, then best decision first, then in fact order.
    pub remedies: Vec<Remedy>,
    /// The best decision a remedy reaches.
    pub best: Option<VerdictRef>,
    /// The most changes searched.
    pub max_changes: usize,
    /// Whether every set of up to `max_changes` changes was searched (false: see `cut`).
    pub exhausted: bool,
    /// Why the search stopped early: `limit` remedies found, or the budget spent.
    pub cut: Option<Cut>,
    /// How many fact sets were evaluated.
    pub evaluations: usize,
    /// The most slots the sets waiting for the next size held at once (the memory bound).
    pub kept: usize,
}

/// Searches the remedies of a decision.
pub fn remedies(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
    request: &Request,
) -> Result<RemedyReport, EvalError> {
    search::run(program, facts, options, request)
}

/// Whether a decision reaches the goal, on a program's scale.
pub fn reaches(program: &Program, goal: &Goal, now: &VerdictRef, decision: &Decision) -> bool {
    acceptable(program, goal, now.rank, decision.decision.rank)
}

/// Whether a verdict (of a rule or a decision) is at the goal.
fn acceptable(program: &Program, goal: &Goal, now: u32, rank: u32) -> bool {
    let scale = &program.scale;
    match goal {
        Goal::Better => rank > now && rank != scale.undecided && rank != scale.inapplicable,
        Goal::AtLeast(target) => {
            if rank == scale.inapplicable || rank == scale.undecided {
                rank == target.rank
            } else {
                rank >= target.rank && target.rank != scale.inapplicable
            }
        }
    }
}

/// The facts of a set with changes applied.
pub fn apply(facts: &FactSet, changes: &[Change]) -> FactSet {
    let mut changed = facts.clone();
    for change in changes {
        if let Some(value) = changed.values.get_mut(change.slot as usize) {
            *value = change.to.clone();
        }
    }
    changed
}
