//! Remedies (counterfactuals): the smallest sets of fact changes that would move a decision
//! to a target verdict, or give an outcome a target value, each confirmed by evaluating the
//! changed facts.
//!
//! The changes come from the checked program: flip a bool, pick another name, add or remove
//! an element of a set (or keep only, or drop, the elements of a set the policy names), move
//! a number, a duration or a day across the threshold it is compared with (the smallest such
//! move, on either side), set a fact left unknown or not set, or unset an optional fact. The
//! search is breadth-first by number of changes and guided by what each evaluation read: only
//! facts that the rules holding the decision back (or the scope, or the target outcome's
//! cases) read are changed, widening as a change makes new facts relevant. Only minimal sets are kept: a set of which a strict
//! subset already reaches the target is never tried.

mod candidates;
mod confirm;
mod goal;
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
    /// What to reach. `None`: any verdict better than the current decision; for a policy
    /// that decides by an outcome, any decision but those it fails on (none: nothing to seek
    /// unless the decision is undecided).
    pub target: Option<Target>,
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

/// A target of a search.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A verdict, by rank on the scale: the verdict (for a policy that decides by an outcome,
    /// the worst verdict of the rules) must be this one or a better one (never the
    /// inapplicable verdict, unless it is the target, nor the undecided one, unless it is the
    /// target).
    Verdict(u32),
    /// A value of an outcome, by definition slot: the outcome must have exactly this value.
    Outcome {
        /// The outcome's definition slot.
        def: u32,
        /// The value, of the outcome's type.
        value: Value,
    },
}

/// What the remedies reach.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// Any verdict better than the current decision (neither undecided nor inapplicable).
    Better,
    /// This verdict or a better one.
    AtLeast(VerdictRef),
    /// An outcome with a value.
    Outcome(OutcomeGoal),
    /// For a policy that decides by an outcome: any decision but these (those it fails on),
    /// neither undecided nor inapplicable.
    Leave(Vec<VerdictRef>),
}

/// An outcome to give a value.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeGoal {
    /// Its definition's slot in [`Program::defs`].
    pub def: u32,
    /// Its name.
    pub name: String,
    /// The value to give it.
    pub value: Value,
    /// Whether it is the outcome the policy decides by: then the decision is what must have
    /// the value (outside the scope, the decision is the inapplicable name whatever the
    /// outcome).
    pub decides: bool,
}

/// An outcome's value in one evaluation, and the case that decided it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeValue {
    /// The outcome's name.
    pub outcome: String,
    /// Its value ([`Value::NotSet`]: no case holds).
    pub value: Value,
    /// The case that decided it, if one did.
    pub by: Option<String>,
}

/// An outcome whose value (or deciding case) a remedy changes.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeEffect {
    /// Its value now.
    pub before: OutcomeValue,
    /// Its value with the remedy.
    pub after: OutcomeValue,
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
    /// The outcomes whose value or deciding case changes, in policy order (the target
    /// outcome always).
    pub outcomes: Vec<OutcomeEffect>,
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
    /// For a goal on an outcome (or a decision by an outcome): that outcome now.
    pub outcome: Option<OutcomeValue>,
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

/// Whether a decision (evaluated in full) reaches the goal; `now` is the decision the search
/// started from.
pub fn reaches(program: &Program, goal: &Goal, now: &VerdictRef, decision: &Decision) -> bool {
    goal::met(program, goal, now.rank, decision, None)
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
        Goal::Outcome(_) | Goal::Leave(_) => false,
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
