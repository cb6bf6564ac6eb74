//! The decision value: what an evaluation found, self-contained, ready for any report.

use crate::language::program::Localized;
use jiff::civil::Date;

/// The decision on one fact set.
#[derive(Clone, Debug)]
pub struct Decision {
    /// The policy's id.
    pub policy: String,
    /// The texts applied, base first.
    pub texts: Vec<TextApplied>,
    /// The day the evaluation speaks of.
    pub evaluated_on: Date,
    /// The decision.
    pub decision: VerdictRef,
    /// For a temporary verdict: its last day, when known.
    pub until: Option<Date>,
    /// Whether the fact set is in the policy's scope (`None`: unknown).
    pub in_scope: Option<bool>,
    /// Each rule that gave a verdict, in policy order.
    pub results: Vec<RuleResult>,
    /// Advice given.
    pub advice: Vec<RemarkResult>,
    /// Notes given.
    pub notes: Vec<RemarkResult>,
    /// Unknown facts that kept a rule (or the scope) from deciding, sorted.
    pub missing: Vec<FactRef>,
    /// Parameters overridden for this evaluation.
    pub overrides: Vec<(String, String)>,
    /// Each outcome in force, in policy order.
    pub outcomes: Vec<OutcomeResult>,
    /// The outcome whose value is the decision (none: the decision is the worst verdict).
    pub decided_by_outcome: Option<String>,
}

/// The value of one outcome, and why.
#[derive(Clone, Debug)]
pub struct OutcomeResult {
    /// The outcome's name.
    pub name: String,
    /// Its title.
    pub title: Localized,
    /// Its value (`NotSet` when no case holds; unknown, or the vocabulary's `as undecided`
    /// name, when unknown facts keep it from deciding).
    pub value: crate::language::value::Value,
    /// Its value as a policy writes it.
    pub written: String,
    /// For a set: each member as a policy writes it.
    pub members: Vec<String>,
    /// Its value for a reader, per language.
    pub shown: Localized,
    /// The case (or exception to the outcome) that decided, if one did.
    pub by: Option<String>,
    /// Whether what decided is an exception to the outcome, not one of its cases.
    pub by_exception: bool,
    /// That case's title.
    pub by_title: Option<Localized>,
    /// Why, in words: the case's message.
    pub message: Localized,
    /// Its sources: the case's, else the outcome's, as "title, pinpoint".
    pub cites: Vec<String>,
    /// The facts and parameters its value depended on.
    pub because: Vec<Basis>,
    /// The labelled grounds (`any of:`) that held in the deciding case's condition.
    pub grounds: Vec<GroundHeld>,
    /// When unknown facts kept it from deciding: those facts.
    pub missing: Vec<FactRef>,
}

/// A labelled ground that held.
#[derive(Clone, Debug)]
pub struct GroundHeld {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Localized,
    /// Its sources, as "title, pinpoint".
    pub cites: Vec<String>,
}

/// A text applied.
#[derive(Clone, Debug)]
pub struct TextApplied {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Localized,
    /// In force from.
    pub in_force: Date,
}

/// A verdict: its name and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct VerdictRef {
    /// Position on the scale (0 is the worst).
    pub rank: u32,
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Localized,
}

/// A fact, as named in messages.
#[derive(Clone, Debug, PartialEq)]
pub struct FactRef {
    /// Its dotted path.
    pub path: String,
    /// Its label.
    pub label: Localized,
}

/// A fact or parameter that a verdict or an outcome depended on, with its value: the
/// `because` of a result (a labelled `any of:` ground is a [`GroundHeld`]).
#[derive(Clone, Debug)]
pub struct Basis {
    /// The fact's path or the parameter's name.
    pub name: String,
    /// Whether it is a parameter.
    pub is_param: bool,
    /// Its label.
    pub label: Localized,
    /// Its value, as written in a policy.
    pub value: String,
    /// Its value for a reader, per language.
    pub shown: Localized,
}

/// The verdict of one rule.
#[derive(Clone, Debug)]
pub struct RuleResult {
    /// The rule's id.
    pub rule: String,
    /// The rule's title.
    pub title: Localized,
    /// The verdict.
    pub verdict: VerdictRef,
    /// The exception that decided, if one did.
    pub by: Option<String>,
    /// The title of that exception.
    pub by_title: Option<Localized>,
    /// The last day of a temporary verdict.
    pub until: Option<Date>,
    /// An exception that held but has expired, and its last day.
    pub expired: Option<(String, Option<Date>)>,
    /// Why, in words.
    pub message: Localized,
    /// Its sources, as "title, pinpoint".
    pub cites: Vec<String>,
    /// The facts and parameters the verdict depended on.
    pub because: Vec<Basis>,
    /// For an undecided verdict: the unknown facts.
    pub missing: Vec<FactRef>,
}

/// Advice or a note that was given.
#[derive(Clone, Debug)]
pub struct RemarkResult {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Localized,
    /// Its message.
    pub message: Localized,
    /// Its sources.
    pub cites: Vec<String>,
}
