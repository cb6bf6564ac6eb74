//! The explanation of a decision: for each rule, whether it applied and why, its requirement,
//! the exceptions tried, each condition with the fact and parameter values that made it hold
//! or fail, and the sources. A tree of plain data, self-contained like a
//! [`Decision`](crate::eval::decision::Decision), ready for any report (text, JSON, Markdown…).
//!
//! It is built after the evaluation by a walk of its own over the checked program
//! ([`explain`]): the evaluator is not touched, and explaining costs nothing when it is not
//! asked for.

mod build;
mod node;
mod outcome;
#[cfg(test)]
mod tests;

use jiff::civil::Date;

pub use build::explain;

use crate::analysis::provenance::Origin;
use crate::eval::decision::{FactRef, OutcomeResult, RuleResult, TextApplied, VerdictRef};
use crate::language::program::Localized;
use crate::source::Span;

/// How much of the tree to keep.
#[derive(Clone, Debug, Default)]
pub struct Detail {
    /// Every branch: every rule, both sides of every `and`/`or`, exceptions not tried.
    /// Otherwise only what decided the outcome.
    pub all: bool,
    /// Only this rule (by id).
    pub rule: Option<String>,
    /// Only this outcome (by name).
    pub outcome: Option<String>,
}

/// The explanation of one decision.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The policy's id.
    pub policy: String,
    /// The texts applied, base first.
    pub texts: Vec<TextApplied>,
    /// The day the evaluation speaks of.
    pub evaluated_on: Date,
    /// The decision.
    pub decision: VerdictRef,
    /// For a temporary decision: its last day, when known.
    pub until: Option<Date>,
    /// The scope condition and whether it held; `None` when the policy has none (or no text
    /// is in force).
    pub scope: Option<Branch>,
    /// Whether every branch is kept ([`Detail::all`]).
    pub all: bool,
    /// The outcomes explained: the one the policy decides by first, then the others in
    /// force in policy order (only the one asked for with `--outcome`, none with `--rule`).
    pub outcomes: Vec<OutcomeExplanation>,
    /// The outcome whose value is the decision (none: the decision is the worst verdict).
    pub decided_by_outcome: Option<String>,
    /// The rules explained, in policy order: those whose verdict is the decision (all of
    /// them with `--all`, or the one asked for).
    pub rules: Vec<RuleExplanation>,
    /// The other rules in force, in one line each.
    pub others: Vec<RuleSummary>,
    /// Unknown facts that kept a rule (or the scope) from deciding.
    pub missing: Vec<FactRef>,
    /// Parameters overridden for this evaluation: name, value as written.
    pub overrides: Vec<(String, String)>,
    /// The short names its citations are shown by in text.
    pub short_names: crate::language::short_names::ShortNames,
}

/// A rule left out of the explanation, with its verdict.
#[derive(Clone, Debug)]
pub struct RuleSummary {
    /// The rule's id.
    pub rule: String,
    /// Its title.
    pub title: Localized,
    /// Its verdict; `None`: it gave none (it does not apply).
    pub verdict: Option<VerdictRef>,
}

/// Why a rule gave its verdict (or none).
#[derive(Clone, Debug)]
pub struct RuleExplanation {
    /// The rule's id.
    pub rule: String,
    /// Its title.
    pub title: Localized,
    /// Its sources, as "title, pinpoint".
    pub cites: Vec<String>,
    /// What the evaluation decided; `None`: the rule gave no verdict.
    pub result: Option<RuleResult>,
    /// Whether its verdict is the decision.
    pub decisive: bool,
    /// When it applies; `None`: always.
    pub applies: Option<Branch>,
    /// Its requirement; `None` when it was not looked at (the rule does not apply).
    pub requires: Option<Branch>,
    /// The exceptions to it.
    pub exceptions: Vec<ExceptionExplanation>,
    /// The verdict it gives when its requirement does not hold.
    pub violation: VerdictRef,
}

/// Why an outcome has its value.
#[derive(Clone, Debug)]
pub struct OutcomeExplanation {
    /// Its name.
    pub name: String,
    /// Its title.
    pub title: Localized,
    /// Its own sources (each case may cite others).
    pub cites: Vec<String>,
    /// What the evaluation found: its value, the case that decided, the message, the
    /// grounds that held, the facts still needed.
    pub result: OutcomeResult,
    /// Whether its value is the decision.
    pub decisive: bool,
    /// Its cases in order, as far as the walk went (every one with `--all`).
    pub cases: Vec<CaseExplanation>,
}

/// One case of an outcome, and whether it held.
#[derive(Clone, Debug)]
pub struct CaseExplanation {
    /// Its id.
    pub case: String,
    /// Its title (empty when it has none).
    pub title: Localized,
    /// Its sources.
    pub cites: Vec<String>,
    /// Whether its condition holds (a case without one always holds).
    pub holds: Truth,
    /// Whether the walk reached it (no case before it held).
    pub tried: bool,
    /// Whether it decided the outcome's value.
    pub decided: bool,
    /// Its condition; `None`: it has none (the base definition).
    pub when: Option<Branch>,
    /// The value it gives; `None` when not looked at (its condition does not hold).
    pub gives: Option<Node>,
}

/// A condition and whether it holds.
#[derive(Clone, Debug)]
pub struct Branch {
    /// Whether it holds.
    pub holds: Truth,
    /// Whether the evaluation looked at it (with `--all`, branches it skipped are kept).
    pub tried: bool,
    /// The condition, with what made it hold or fail.
    pub condition: Node,
}

/// An exception and why it held or not.
#[derive(Clone, Debug)]
pub struct ExceptionExplanation {
    /// The exception's id.
    pub exception: String,
    /// Its title.
    pub title: Localized,
    /// Its sources.
    pub cites: Vec<String>,
    /// The verdict it gives.
    pub gives: VerdictRef,
    /// Its condition.
    pub when: Branch,
    /// Its last day, when it has one.
    pub until: Option<Until>,
    /// Whether it held but its last day has passed.
    pub expired: bool,
    /// The exceptions to it.
    pub exceptions: Vec<ExceptionExplanation>,
}

/// An exception's last day.
#[derive(Clone, Debug)]
pub struct Until {
    /// The day; `None` when unknown or not set.
    pub last: Option<Date>,
    /// The expression that gives it.
    pub expression: Node,
}

/// Three-valued truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Unknown: some fact it needs is missing.
    Unknown,
}

impl Truth {
    /// The truth's name in JSON: `true`, `false`, `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            Truth::True => "true",
            Truth::False => "false",
            Truth::Unknown => "unknown",
        }
    }
}

/// One expression of a condition, with its value and the sub-expressions that mattered.
#[derive(Clone, Debug)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Its source text, on one line.
    pub source: String,
    /// Where it is written.
    pub span: Span,
    /// Its value; `None` when it could not be computed (a branch the evaluation skipped,
    /// kept by `--all`, that fails on these facts).
    pub value: Option<Shown>,
    /// For a boolean: whether it holds.
    pub truth: Option<Truth>,
    /// For an unknown value: the facts that block it.
    pub blockers: Vec<FactRef>,
    /// The sub-expressions that mattered (every one with `--all`).
    pub children: Vec<Node>,
    /// A definition already shown in full higher up in the same rule (or scope): its body
    /// is not repeated, which also keeps the tree as small as the policy.
    pub repeated: bool,
}

/// A value, as written in a policy and for a reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// As written in a policy (`commercial_cloud`, `12 months`, `[email, documents]`).
    pub written: String,
    /// For a reader, per language (labels of names, grouped digits).
    pub read: Localized,
    /// For a reader of text output, per language: `read`, large sets and texts abbreviated.
    pub brief: Localized,
    /// Whether it reads as words (text, a name), which prose puts in quotes.
    pub words: bool,
    /// Whether it is unknown.
    pub unknown: bool,
    /// Whether it is an optional fact left out.
    pub not_set: bool,
}

/// What kind of expression a node is.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// A fact.
    Fact {
        /// Its path.
        path: String,
        /// Its label.
        label: Localized,
    },
    /// A parameter, and where its value comes from.
    Param {
        /// Its name.
        name: String,
        /// Its label.
        label: Localized,
        /// Where its value comes from.
        origin: ParamOrigin,
    },
    /// A definition; its child is its body.
    Def {
        /// Its name.
        name: String,
        /// Its label (empty when it has none).
        label: Localized,
    },
    /// `and`
    And,
    /// `or`
    Or,
    /// `not`
    Not,
    /// `if … then … else …`
    If,
    /// `any`/`all x in S: …`; its child is the set.
    Quantifier,
    /// A comparison or a test on sets and optional facts.
    Test,
    /// An outcome read by name: its value (it is explained on its own).
    Outcome {
        /// Its name.
        name: String,
        /// Its title (empty when it has none).
        label: Localized,
    },
    /// `any of:` labelled grounds; its children are the grounds.
    AnyOf,
    /// One labelled ground of `any of:`; its child is its condition.
    Ground {
        /// Its id.
        id: String,
        /// Its title.
        title: Localized,
        /// Its sources, as "title, pinpoint".
        cites: Vec<String>,
    },
    /// Any other computation (arithmetic, sets, `count`, `today`, `verdict(…)`).
    Compute,
    /// A value written in the policy.
    Constant,
}

impl NodeKind {
    /// The kind's name in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            NodeKind::Fact { .. } => "fact",
            NodeKind::Param { .. } => "param",
            NodeKind::Def { .. } => "def",
            NodeKind::And => "and",
            NodeKind::Or => "or",
            NodeKind::Not => "not",
            NodeKind::If => "if",
            NodeKind::Quantifier => "quantifier",
            NodeKind::Test => "test",
            NodeKind::Outcome { .. } => "outcome",
            NodeKind::AnyOf => "any_of",
            NodeKind::Ground { .. } => "ground",
            NodeKind::Compute => "compute",
            NodeKind::Constant => "constant",
        }
    }
}

/// Where a parameter's value comes from (see [`crate::analysis::provenance`]).
#[derive(Clone, Debug)]
pub struct ParamOrigin {
    /// Base text, amendment, `--set`…
    pub origin: Origin,
    /// The id of the text whose version is in force.
    pub text: Option<String>,
    /// The first day of the dated step in force.
    pub step: Option<Date>,
    /// With `--set`: the value as written on the command line.
    pub set: Option<String>,
    /// The sources of the value.
    pub cites: Vec<String>,
}
