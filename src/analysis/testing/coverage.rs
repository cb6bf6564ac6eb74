//! Rule coverage of a suite: which rules, exceptions, advice and notes its cases
//! exercised, among the items in force in the texts those cases applied.

use std::collections::BTreeSet;

use crate::eval::decision::Decision;
use crate::language::ast::RemarkKind;
use crate::language::program::{Localized, Program};

/// One kind of item: those in force somewhere in the suite, and those exercised.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Every item in force in the texts some case applied, by id, with a title.
    pub in_force: std::collections::BTreeMap<String, Localized>,
    /// The items some case exercised.
    pub exercised: BTreeSet<String>,
}

impl Tally {
    /// The items in force that no case exercised, sorted.
    pub fn never(&self) -> Vec<&str> {
        self.in_force
            .keys()
            .filter(|id| !self.exercised.contains(*id))
            .map(String::as_str)
            .collect()
    }

    /// The items in force that some case exercised, sorted.
    pub fn exercised(&self) -> Vec<&str> {
        self.in_force
            .keys()
            .filter(|id| self.exercised.contains(*id))
            .map(String::as_str)
            .collect()
    }
}

/// Coverage of a suite. A rule is exercised when it gave a verdict in some case; an
/// exception when it decided a verdict (`by`) or held but had expired; advice and notes
/// when they were given; an outcome's case when it decided its outcome; a labelled ground
/// when it held in the condition of the case that decided an outcome.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    /// Rules.
    pub rules: Tally,
    /// Exceptions.
    pub exceptions: Tally,
    /// Advice.
    pub advice: Tally,
    /// Notes.
    pub notes: Tally,
    /// The cases of outcomes, as `outcome.CASE`.
    pub cases: Tally,
    /// The labelled grounds (`any of:`) the outcomes' conditions reach.
    pub grounds: Tally,
}

impl Coverage {
    /// The kinds, with the names reports give them.
    pub fn kinds(&self) -> [(&'static str, &Tally); 4] {
        [
            ("rules", &self.rules),
            ("exceptions", &self.exceptions),
            ("advice", &self.advice),
            ("notes", &self.notes),
        ]
    }

    /// The kinds of a policy with outcomes, only those it has: the name reports give each,
    /// its tally, and what its count says (`outcomes: 3/4 cases exercised`,
    /// `grounds: 2/2 held`).
    pub fn outcome_kinds(&self) -> Vec<(&'static str, &Tally, &'static str)> {
        [
            ("outcomes", &self.cases, "cases exercised"),
            ("grounds", &self.grounds, "held"),
        ]
        .into_iter()
        .filter(|(_, tally, _)| !tally.in_force.is_empty())
        .collect()
    }

    /// Records one decision of `program`: the items in force in the texts it applied,
    /// and those it exercised.
    pub fn record(&mut self, program: &Program, decision: &Decision) {
        let texts = decision.texts.len();
        for rule in &program.rules {
            if let Some(body) = rule.versions.at(texts) {
                self.rules
                    .in_force
                    .insert(rule.id.clone(), body.title.clone());
            }
        }
        for exception in &program.exceptions {
            if let Some(body) = exception.versions.at(texts) {
                self.exceptions
                    .in_force
                    .insert(exception.id.clone(), body.title.clone());
            }
        }
        for remark in &program.remarks {
            if let Some(body) = remark.versions.at(texts) {
                let tally = match remark.kind {
                    RemarkKind::Advice => &mut self.advice,
                    RemarkKind::Note => &mut self.notes,
                };
                tally.in_force.insert(remark.id.clone(), body.title.clone());
            }
        }
        for result in &decision.results {
            self.rules.exercised.insert(result.rule.clone());
            if let Some(by) = &result.by {
                self.exceptions.exercised.insert(by.clone());
            }
            if let Some((expired, _)) = &result.expired {
                self.exceptions.exercised.insert(expired.clone());
            }
        }
        // An exception to an outcome is exercised when it decided the outcome's value.
        for outcome in &decision.outcomes {
            if let Some(by) = &outcome.by
                && self.exceptions.in_force.contains_key(by)
            {
                self.exceptions.exercised.insert(by.clone());
            }
        }
        for advice in &decision.advice {
            self.advice.exercised.insert(advice.id.clone());
        }
        for note in &decision.notes {
            self.notes.exercised.insert(note.id.clone());
        }
        super::outcomes::record(&mut self.cases, &mut self.grounds, program, decision);
    }
}
