//! Comparing the decisions on the same cases under two sides: what changes, and why.
//!
//! A side is a policy with its amendments, an evaluation date and parameter overrides; the
//! command line builds both, evaluates every case under each, and [`compare`] says what
//! differs. Reports render a [`DiffReport`] (`report::diff::{text, json,
//! markdown}`).

pub mod bind;
pub mod causes;

use jiff::civil::Date;

use crate::eval::decision::{Decision, FactRef, RemarkResult, RuleResult, VerdictRef};
use crate::language::program::Localized;

/// How a case's decision changes from side A to side B.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The decision, or the last day of a temporary decision, differs.
    Decision,
    /// The decision stands, but a rule's verdict, advice, a note or a missing fact differs.
    Detail,
    /// Nothing that a decision reports differs (the texts applied may).
    None,
}

impl Change {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Change::Decision => "decision",
            Change::Detail => "detail",
            Change::None => "none",
        }
    }
}

/// A rule whose result differs between the sides; `None` where it gave no verdict.
#[derive(Clone, Debug)]
pub struct RuleChange {
    /// The rule's id.
    pub rule: String,
    /// The rule's title (side B's, else side A's).
    pub title: Localized,
    /// Its result under side A.
    pub before: Option<RuleResult>,
    /// Its result under side B.
    pub after: Option<RuleResult>,
    /// Why it differs (see [`causes::explain`]; empty until explained).
    pub causes: Vec<causes::Cause>,
}

/// The comparison of one case.
#[derive(Clone, Debug)]
pub struct CaseDiff {
    /// The fact file, as named.
    pub facts: String,
    /// The decision under side A.
    pub before: Decision,
    /// The decision under side B.
    pub after: Decision,
    /// What kind of change.
    pub change: Change,
    /// The rules whose results differ, in side A's order, then side B's new ones.
    pub rules: Vec<RuleChange>,
    /// Advice given under one side only.
    pub advice: Difference<RemarkResult>,
    /// Notes given under one side only.
    pub notes: Difference<RemarkResult>,
    /// Unknown facts that matter under one side only.
    pub missing: Difference<FactRef>,
    /// Why the scope differs, when it does (see [`causes::explain`]).
    pub scope_causes: Vec<causes::Cause>,
}

/// What one side of a comparison lists and the other does not.
#[derive(Clone, Debug)]
pub struct Difference<T> {
    /// Listed under B only.
    pub added: Vec<T>,
    /// Listed under A only.
    pub removed: Vec<T>,
}

impl<T: Clone> Difference<T> {
    /// The items of `before` and of `after` that the other lacks, told apart by `key`.
    fn between(before: &[T], after: &[T], key: fn(&T) -> &str) -> Self {
        let only = |from: &[T], to: &[T]| -> Vec<T> {
            from.iter()
                .filter(|item| !to.iter().any(|other| key(other) == key(item)))
                .cloned()
                .collect()
        };
        Difference {
            added: only(after, before),
            removed: only(before, after),
        }
    }

    /// Whether both sides list the same.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// One side of a comparison, as the reports describe it.
#[derive(Clone, Debug)]
pub struct Side {
    /// `A` or `B`.
    pub name: &'static str,
    /// The policy's path, as given.
    pub path: String,
    /// The policy's id.
    pub policy: String,
    /// Local amendments applied, as given.
    pub amendments: Vec<String>,
    /// The evaluation date for every case; `None`: each case's own.
    pub on: Option<Date>,
    /// Parameters overridden, as `(name, value as written)`.
    pub overrides: Vec<(String, String)>,
    /// The languages its policy's texts are written in (empty: without a language tag).
    pub languages: Vec<crate::language::ast::Lang>,
}

/// A whole comparison, ready for a report.
#[derive(Clone, Debug)]
pub struct DiffReport {
    /// Side A.
    pub a: Side,
    /// Side B.
    pub b: Side,
    /// Every case, in the order given.
    pub cases: Vec<CaseDiff>,
    /// The counts.
    pub summary: Summary,
}

impl DiffReport {
    /// Builds the report and its summary from compared cases.
    pub fn new(a: Side, b: Side, cases: Vec<CaseDiff>) -> DiffReport {
        let summary = summarize(&cases);
        DiffReport {
            a,
            b,
            cases,
            summary,
        }
    }
}

/// Whether two results of one rule say the same: verdict, exception, last day, expiry.
fn same_result(a: &RuleResult, b: &RuleResult) -> bool {
    a.verdict.name == b.verdict.name && a.by == b.by && a.until == b.until && a.expired == b.expired
}

fn rule_changes(before: &Decision, after: &Decision) -> Vec<RuleChange> {
    let find = |d: &Decision, id: &str| d.results.iter().find(|r| r.rule == id).cloned();
    let mut ids: Vec<&str> = before.results.iter().map(|r| r.rule.as_str()).collect();
    for result in &after.results {
        if !ids.contains(&result.rule.as_str()) {
            ids.push(&result.rule);
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let (a, b) = (find(before, id), find(after, id));
            let same = match (&a, &b) {
                (Some(a), Some(b)) => same_result(a, b),
                (None, None) => true,
                _ => false,
            };
            if same {
                return None;
            }
            let title = b.as_ref().or(a.as_ref()).map(|r| r.title.clone())?;
            Some(RuleChange {
                rule: id.to_string(),
                title,
                before: a,
                after: b,
                causes: Vec::new(),
            })
        })
        .collect()
}

/// Compares the decisions on one case under side A (`before`) and side B (`after`).
pub fn compare(facts: &str, before: Decision, after: Decision) -> CaseDiff {
    let rules = rule_changes(&before, &after);
    let advice = Difference::between(&before.advice, &after.advice, |r| &r.id);
    let notes = Difference::between(&before.notes, &after.notes, |r| &r.id);
    let missing = Difference::between(&before.missing, &after.missing, |f| &f.path);
    let change = if before.decision.name != after.decision.name || before.until != after.until {
        Change::Decision
    } else if rules.is_empty() && advice.is_empty() && notes.is_empty() && missing.is_empty() {
        Change::None
    } else {
        Change::Detail
    };
    CaseDiff {
        facts: facts.to_string(),
        before,
        after,
        change,
        rules,
        advice,
        notes,
        missing,
        scope_causes: Vec::new(),
    }
}

// The counts of a comparison: cases that change, by transition, and the texts applied.

/// A count of cases whose decision went from one verdict to another.
#[derive(Clone, Debug)]
pub struct Transition {
    /// The decision under A.
    pub before: VerdictRef,
    /// The decision under B.
    pub after: VerdictRef,
    /// How many cases.
    pub count: usize,
}

/// The counts of a comparison.
#[derive(Clone, Debug)]
pub struct Summary {
    /// Cases compared.
    pub total: usize,
    /// Cases whose decision changes.
    pub changed: usize,
    /// Cases whose decision stands but whose details change.
    pub detail: usize,
    /// Decision changes by transition, worst verdict before first.
    pub transitions: Vec<Transition>,
}

/// Counts the cases and their transitions, worst verdict before first, then worst after.
pub fn summarize(cases: &[CaseDiff]) -> Summary {
    let mut transitions: Vec<Transition> = Vec::new();
    for case in cases.iter().filter(|c| c.change == Change::Decision) {
        let (before, after) = (&case.before.decision, &case.after.decision);
        match transitions
            .iter_mut()
            .find(|t| t.before.name == before.name && t.after.name == after.name)
        {
            Some(t) => t.count += 1,
            None => transitions.push(Transition {
                before: before.clone(),
                after: after.clone(),
                count: 1,
            }),
        }
    }
    transitions.sort_by(|x, y| {
        (x.before.rank, x.after.rank, &x.before.name, &x.after.name).cmp(&(
            y.before.rank,
            y.after.rank,
            &y.before.name,
            &y.after.name,
        ))
    });
    let count = |kind: Change| cases.iter().filter(|c| c.change == kind).count();
    Summary {
        total: cases.len(),
        changed: count(Change::Decision),
        detail: count(Change::Detail),
        transitions,
    }
}

/// The texts applied to any case under one side, by the day they came into force.
pub fn texts_applied<'a>(decisions: impl Iterator<Item = &'a Decision>) -> Vec<String> {
    let mut texts: Vec<(Date, String)> = Vec::new();
    for decision in decisions {
        for text in &decision.texts {
            if !texts.iter().any(|(_, id)| id == &text.id) {
                texts.push((text.in_force, text.id.clone()));
            }
        }
    }
    texts.sort();
    texts.into_iter().map(|(_, id)| id).collect()
}
