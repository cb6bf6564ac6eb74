//! Why each outcome has its value: its cases walked in order as the evaluation walks them,
//! each condition as a tree, the value each case gives, the case that decided.

use super::build::Walker;
use super::{Branch, CaseExplanation, OutcomeExplanation, Truth};
use crate::eval::citations;
use crate::eval::decision::OutcomeResult;
use crate::language::program::{CCase, CKind, DefInfo};

impl Walker<'_> {
    /// The explanation of an outcome in force, whose evaluated result is `result`.
    pub(super) fn outcome(
        &mut self,
        result: &OutcomeResult,
        decisive: bool,
    ) -> Option<OutcomeExplanation> {
        let program = self.program;
        let def = program.defs.iter().find(|d| d.name == result.name)?;
        let CKind::Cases(cases) = &def.versions.at(self.texts)?.kind else {
            return None;
        };
        self.fresh();
        let slot = program.defs.iter().position(|d| d.name == result.name)?;
        let slot = u32::try_from(slot).ok()?;
        // Its exceptions first, as the evaluation looks at them; then its cases, unless an
        // exception surely holds.
        let mut walked = self.outcome_exceptions(slot, result.by.as_deref());
        let settled = walked.iter().any(|e| e.holds == Truth::True);
        let mut rest = self.cases(cases, result.by.as_deref());
        if settled {
            for case in &mut rest {
                case.tried = false;
            }
            if !self.all {
                rest.clear();
            }
        }
        walked.extend(rest);
        Some(OutcomeExplanation {
            name: def.name.clone(),
            title: result.title.clone(),
            cites: own_cites(self, def),
            result: result.clone(),
            decisive,
            cases: walked,
        })
    }

    /// The exceptions to an outcome in force, each followed by those to it: whether each
    /// holds, and what it gives.
    fn outcome_exceptions(&mut self, def: u32, by: Option<&str>) -> Vec<CaseExplanation> {
        let program = self.program;
        let Some(snapshot) = program.snapshots.get(self.texts.saturating_sub(1)) else {
            return Vec::new();
        };
        let mut pending: Vec<u32> = snapshot
            .outcome_children
            .get(def as usize)
            .cloned()
            .unwrap_or_default();
        pending.reverse();
        let mut out = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        while let Some(exception) = pending.pop() {
            if seen.contains(&exception) {
                continue;
            }
            seen.push(exception);
            let Some(info) = program.exceptions.get(exception as usize) else {
                continue;
            };
            let Some(body) = info.versions.at(self.texts) else {
                continue;
            };
            let condition = self.node(&body.when);
            let holds = condition.truth.unwrap_or(Truth::False);
            let gives = match (&body.value, holds != Truth::False || self.all) {
                (Some(value), true) => Some(self.node(value)),
                _ => None,
            };
            out.push(CaseExplanation {
                case: info.id.clone(),
                title: body.title.clone(),
                cites: citations(program, &body.cites),
                holds,
                tried: true,
                decided: by == Some(info.id.as_str()),
                when: Some(Branch {
                    holds,
                    tried: true,
                    condition,
                }),
                gives,
            });
            if holds != Truth::False {
                let children = snapshot.exception_children.get(exception as usize);
                for child in children.into_iter().flatten().rev() {
                    pending.push(*child);
                }
            }
        }
        out
    }

    /// The cases in order: each reached until one holds (every one with `--all`, those
    /// not reached marked so).
    fn cases(&mut self, cases: &[CCase], by: Option<&str>) -> Vec<CaseExplanation> {
        let mut out = Vec::new();
        let mut reached = true;
        for case in cases {
            if !reached && !self.all {
                break;
            }
            let when = case.when.as_ref().map(|when| {
                let condition = self.node(when);
                Branch {
                    holds: condition.truth.unwrap_or(Truth::False),
                    tried: reached,
                    condition,
                }
            });
            let holds = when.as_ref().map_or(Truth::True, |w| w.holds);
            // The value is looked at when the case could give it.
            let gives = (holds != Truth::False || self.all).then(|| self.node(&case.gives));
            out.push(CaseExplanation {
                case: case.id.clone(),
                title: case.title.clone(),
                cites: citations(self.program, &case.cites),
                holds,
                tried: reached,
                decided: reached && by == Some(case.id.as_str()),
                when,
                gives,
            });
            if holds == Truth::True {
                reached = false;
            }
        }
        out
    }
}

/// The outcome's own sources in the version in force.
fn own_cites(walker: &Walker<'_>, def: &DefInfo) -> Vec<String> {
    let cites = def.outcome.as_ref().and_then(|c| c.at(walker.texts));
    cites.map_or_else(Vec::new, |c| citations(walker.program, c))
}
