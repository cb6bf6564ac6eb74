//! The decision an outcome gives, and each outcome's explained result: its value, the case
//! that decided, its message and sources, and the grounds that held.

use super::expr::{Context, Read};
use super::outcome::By;
use super::pass::Pass;
use super::render::value_text;
use super::{EvalError, citations, fact_refs, undecided_message};
use crate::eval::decision::{GroundHeld, OutcomeResult};
use crate::language::program::{
    CCase, CExpr, CKind, Citation, DecisionOf, DefInfo, Localized, Message, Program,
};
use crate::language::value::Value;

/// The decision when the policy decides by an outcome: the name (by position in its
/// vocabulary), and the unknown facts that kept it from deciding.
pub(crate) struct OutcomeDecision {
    /// The name's position in the outcome's vocabulary.
    pub member: u32,
    /// The unknown facts that kept the outcome from deciding, sorted.
    pub missing: Vec<u32>,
}

impl Context<'_> {
    /// The decision of a policy that decides by an outcome (`None`: by the worst verdict).
    pub(crate) fn outcome_decision(
        &mut self,
        pass: &Pass,
        scope_missing: &[u32],
    ) -> Result<Option<OutcomeDecision>, EvalError> {
        let program = self.program;
        let DecisionOf::Outcome {
            def, vocabulary, ..
        } = &program.decision
        else {
            return Ok(None);
        };
        let roles = program
            .vocabularies
            .get(*vocabulary as usize)
            .map(|v| (v.undecided.unwrap_or(0), v.inapplicable.unwrap_or(0)));
        let (undecided, inapplicable) = roles.unwrap_or((0, 0));
        let member = |member, missing| Ok(Some(OutcomeDecision { member, missing }));
        match pass.in_scope {
            _ if self.texts == 0 => return member(inapplicable, Vec::new()),
            Some(false) => return member(inapplicable, Vec::new()),
            None => return member(undecided, scope_missing.to_vec()),
            Some(true) => {}
        }
        let Some(cases) = cases_of(program, *def, self.texts) else {
            return member(inapplicable, Vec::new());
        };
        let walk = self.walk_outcome(Some(*def), cases)?;
        let missing = if walk.undecided() {
            walk.missing()
        } else {
            Vec::new()
        };
        let value = walk.value(&crate::language::types::Type::Enum(*vocabulary), |_| {
            Some(undecided)
        });
        Ok(Some(match value {
            Value::Enum { member, .. } => OutcomeDecision { member, missing },
            _ => OutcomeDecision {
                member: undecided,
                missing,
            },
        }))
    }

    /// Each outcome in force, explained, in policy order.
    pub(crate) fn outcome_results(&mut self) -> Result<Vec<OutcomeResult>, EvalError> {
        let program = self.program;
        let mut results = Vec::new();
        for (slot, def) in program.outcomes() {
            let Some(cases) = cases_of(program, slot, self.texts) else {
                continue;
            };
            results.push(self.outcome_result(slot, def, cases)?);
        }
        Ok(results)
    }

    fn outcome_result(
        &mut self,
        slot: u32,
        def: &DefInfo,
        cases: &[CCase],
    ) -> Result<OutcomeResult, EvalError> {
        let program = self.program;
        self.reads.clear();
        let walk = self.walk_outcome(Some(slot), cases)?;
        let mut reads = std::mem::take(&mut self.reads);
        reads.sort_unstable();
        reads.dedup();
        let because = self.basis(&reads);
        let value = walk.value(&def.ty, |v| {
            program
                .vocabularies
                .get(v as usize)
                .and_then(|v| v.undecided)
        });
        // What decided: a case, or an exception to the outcome; its condition, message,
        // title and sources are the result's.
        let decided: Option<Decider<'_>> = match walk.decided_by() {
            Some(By::Case(index)) => cases.get(index).map(|case| Decider {
                id: &case.id,
                title: &case.title,
                when: case.when.as_ref(),
                message: case.message.as_ref(),
                cites: &case.cites,
            }),
            Some(By::Exception(e)) => program.exceptions.get(e as usize).and_then(|info| {
                let body = info.versions.at(self.texts)?;
                Some(Decider {
                    id: &info.id,
                    title: &body.title,
                    when: Some(&body.when),
                    message: body.message.as_ref(),
                    cites: &body.cites,
                })
            }),
            None => None,
        };
        let grounds = match decided.as_ref().and_then(|d| d.when) {
            Some(when) => {
                self.eval(when)?;
                let held = std::mem::take(&mut self.reads);
                self.held_grounds(&held)
            }
            None => Vec::new(),
        };
        let missing_slots = if walk.undecided() {
            walk.missing()
        } else {
            Vec::new()
        };
        let missing = fact_refs(program, &missing_slots);
        let title = self.texts_title(def);
        let message = match &decided {
            _ if walk.undecided() => undecided_message(&missing, program.output_langs()),
            Some(decider) => match decider.message {
                Some(message) => self.render(message)?,
                None if !decider.title.is_empty() => decider.title.clone(),
                None => Localized::default(),
            },
            None => Localized::default(),
        };
        let outcome_cites = def
            .outcome
            .as_ref()
            .and_then(|c| c.at(self.texts))
            .map_or(&[][..], Vec::as_slice);
        let cites = match &decided {
            Some(decider) if !decider.cites.is_empty() => citations(program, decider.cites),
            _ => citations(program, outcome_cites),
        };
        Ok(OutcomeResult {
            name: def.name.clone(),
            title,
            written: value_text(program, &value, None),
            members: match &value {
                Value::Set(items) => items.iter().map(|v| value_text(program, v, None)).collect(),
                _ => Vec::new(),
            },
            shown: Localized::from_fn(program.output_langs(), |l| {
                value_text(program, &value, Some(l))
            }),
            value,
            by: decided.as_ref().map(|d| d.id.to_string()),
            by_exception: matches!(walk.decided_by(), Some(By::Exception(_))),
            by_title: decided.as_ref().map(|d| d.title.clone()),
            message,
            cites,
            because,
            grounds,
            missing,
        })
    }

    /// The title of an outcome in the version in force.
    fn texts_title(&self, def: &DefInfo) -> Localized {
        def.labels.at(self.texts).cloned().unwrap_or_default()
    }

    /// The labelled grounds among what a condition read, in the order they held.
    fn held_grounds(&self, reads: &[Read]) -> Vec<GroundHeld> {
        let mut held: Vec<GroundHeld> = Vec::new();
        for read in reads {
            let Read::Ground(slot) = read else {
                continue;
            };
            let Some(ground) = self.program.grounds.get(*slot as usize) else {
                continue;
            };
            if held.iter().any(|g| g.id == ground.id) {
                continue;
            }
            held.push(GroundHeld {
                id: ground.id.clone(),
                title: ground.title.clone(),
                cites: citations(self.program, &ground.cites),
            });
        }
        held
    }
}

/// What decided an outcome: a case or an exception to it.
struct Decider<'p> {
    id: &'p str,
    title: &'p Localized,
    when: Option<&'p CExpr>,
    message: Option<&'p Message>,
    cites: &'p [Citation],
}

/// The cases of an outcome in force (`None`: not an outcome, or not in force).
pub(super) fn cases_of(program: &Program, def: u32, texts: usize) -> Option<&[CCase]> {
    let info = program.defs.get(def as usize)?;
    info.outcome.as_ref()?;
    match &info.versions.at(texts)?.kind {
        CKind::Cases(cases) => Some(cases),
        _ => None,
    }
}
