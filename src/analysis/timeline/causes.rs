//! Why a rule's verdict or the scope changed on a day: the texts that came into force, the
//! parameter steps, the exception that ran out, or the day passing a date limit, among what
//! the rule (with its exceptions and the definitions they use) or the scope reads.

use crate::analysis::reads::{Reads, brought};
use crate::language::program::Program;

/// One cause of a change.
#[derive(Clone, Debug, PartialEq)]
pub enum Cause {
    /// A text came into force that day and changed what is read (the item itself, one of its
    /// exceptions, a definition or a parameter it reads).
    Text {
        /// Its id.
        id: String,
    },
    /// A parameter read took another value that day (a dated step, or a new text).
    Param {
        /// Its name.
        name: String,
        /// Its value the day before, as a policy writes it.
        before: String,
        /// Its value that day.
        after: String,
    },
    /// An exception's `until` passed: it held through the day before.
    Expired {
        /// The exception's id.
        exception: String,
    },
    /// None of the above: the day passed a limit of a comparison with `today`, computed from
    /// these date facts (none: from dates of the policy).
    Day {
        /// The date facts read, by path.
        facts: Vec<String>,
    },
}

/// What one day changed for one item (a rule or the scope).
pub struct Day<'a> {
    /// The program.
    pub program: &'a Program,
    /// Texts applied the day before and that day.
    pub texts: (usize, usize),
    /// The parameters whose value changed that day: slot, value before and after as a
    /// policy writes them.
    pub params: &'a [(usize, String, String)],
}

impl Day<'_> {
    /// The causes of a change of an item that read `before` the day before and `after` that
    /// day; `own` says whether a text brought a version of the item itself; `expired` is the
    /// exception that ran out.
    pub fn causes(
        &self,
        before: &Reads,
        after: &Reads,
        own: &dyn Fn(u32) -> bool,
        expired: Option<&str>,
    ) -> Vec<Cause> {
        let program = self.program;
        let reads = before.union(after);
        let mut out = Vec::new();
        let (from, to) = self.texts;
        for text in from..to {
            let Ok(index) = u32::try_from(text) else {
                continue;
            };
            let touched = own(index)
                || before.exceptions() != after.exceptions()
                || reads.exceptions().iter().any(|e| {
                    let versions = program.exceptions.get(*e as usize).map(|e| &e.versions);
                    versions.is_some_and(|v| brought(v, index))
                })
                || reads.defs().iter().any(|d| {
                    let versions = program.defs.get(*d as usize).map(|d| &d.versions);
                    versions.is_some_and(|v| brought(v, index))
                })
                || reads.params().iter().any(|p| {
                    let versions = program.params.get(*p as usize).map(|p| &p.versions);
                    versions.is_some_and(|v| brought(v, index))
                });
            if touched && let Some(info) = program.texts.get(text) {
                out.push(Cause::Text {
                    id: info.id.clone(),
                });
            }
        }
        for (slot, old, new) in self.params {
            if let (true, Some(param)) = (reads.reads_param(*slot), program.params.get(*slot)) {
                out.push(Cause::Param {
                    name: param.name.clone(),
                    before: old.clone(),
                    after: new.clone(),
                });
            }
        }
        if let Some(exception) = expired {
            out.push(Cause::Expired {
                exception: exception.to_string(),
            });
        }
        if out.is_empty() && reads.today() {
            let facts = reads
                .date_facts()
                .iter()
                .filter_map(|slot| program.facts.get(*slot as usize))
                .map(|f| f.path.clone())
                .collect();
            out.push(Cause::Day { facts });
        }
        out
    }
}
