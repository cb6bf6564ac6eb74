//! Why a rule's verdict, or the scope, differs between the two sides of a comparison: the
//! texts applied under one side only that bring a version of what it reads, the parameters it
//! reads whose values differ, an exception expired under one side, or the evaluation day.

use jiff::civil::Date;

use super::{CaseDiff, RuleChange};
use crate::analysis::reads::{Reads, brought};
use crate::eval::overrides::Override;
use crate::eval::render::value_text;
use crate::language::program::Program;

/// One cause of a difference.
#[derive(Clone, Debug, PartialEq)]
pub enum Cause {
    /// A text applied under one side only, which brings a version of what is read.
    Text {
        /// Its id.
        id: String,
        /// The side (`A` or `B`) that applies it.
        side: &'static str,
    },
    /// A parameter read whose value differs; `None` where a side has no such parameter.
    Param {
        /// Its name.
        name: String,
        /// Its value under side A, as a policy writes it.
        a: Option<String>,
        /// Its value under side B.
        b: Option<String>,
    },
    /// An exception that has expired under one side only.
    Expired {
        /// Its id.
        exception: String,
        /// The side under which it has expired.
        side: &'static str,
    },
    /// None of the above, and the sides decide on different days: a comparison with `today`
    /// reads these date facts (none: dates of the policy).
    Day {
        /// The date facts read, by path.
        facts: Vec<String>,
    },
}

/// One side as it decided a case.
pub struct Evaluated<'a> {
    /// `A` or `B`.
    pub name: &'static str,
    /// Its program.
    pub program: &'a Program,
    /// Its parameter overrides.
    pub overrides: &'a [Override],
    /// The day it decided on.
    pub on: Date,
    /// How many texts it applied.
    pub texts: usize,
}

impl Evaluated<'_> {
    /// A parameter's value on this side, as a policy writes it.
    fn param(&self, name: &str) -> Option<String> {
        let slot = self.program.params.iter().position(|p| p.name == name)?;
        if let Some((_, value, _)) = self.overrides.iter().find(|(s, _, _)| *s as usize == slot) {
            return Some(value_text(self.program, value, None));
        }
        let param = self.program.params.get(slot)?;
        let body = param.versions.at(self.texts)?;
        Some(value_text(self.program, body.value_on(self.on), None))
    }

    fn param_names(&self, reads: &Reads) -> Vec<String> {
        reads
            .params()
            .iter()
            .filter_map(|slot| self.program.params.get(*slot as usize))
            .map(|p| p.name.clone())
            .collect()
    }

    /// The texts applied here and not under `other`, which bring a version of the item
    /// (`own`) or of what `reads` holds.
    fn texts_only(
        &self,
        other: &Evaluated,
        reads: &Reads,
        own: &dyn Fn(u32) -> bool,
    ) -> Vec<Cause> {
        let program = self.program;
        let applied_there: Vec<&str> = other
            .program
            .texts
            .iter()
            .take(other.texts)
            .map(|t| t.id.as_str())
            .collect();
        let mut out = Vec::new();
        for (index, text) in program.texts.iter().enumerate().take(self.texts) {
            let Ok(index) = u32::try_from(index) else {
                continue;
            };
            if applied_there.contains(&text.id.as_str()) {
                continue;
            }
            let touched = own(index)
                || reads.exceptions().iter().any(|e| {
                    let e = program.exceptions.get(*e as usize);
                    e.is_some_and(|e| brought(&e.versions, index))
                })
                || reads.defs().iter().any(|d| {
                    let d = program.defs.get(*d as usize);
                    d.is_some_and(|d| brought(&d.versions, index))
                })
                || reads.params().iter().any(|p| {
                    let p = program.params.get(*p as usize);
                    p.is_some_and(|p| brought(&p.versions, index))
                });
            if touched {
                out.push(Cause::Text {
                    id: text.id.clone(),
                    side: self.name,
                });
            }
        }
        out
    }
}

/// The causes of a difference of an item that reads `reads` under each side (`own`: whether
/// a text of that side brought a version of the item itself), with the exceptions expired
/// under each side.
fn causes(
    sides: (&Evaluated, &Evaluated),
    reads: (&Reads, &Reads),
    own: (&dyn Fn(u32) -> bool, &dyn Fn(u32) -> bool),
    expired: (Option<&str>, Option<&str>),
) -> Vec<Cause> {
    let (a, b) = sides;
    let mut out = a.texts_only(b, reads.0, own.0);
    out.extend(b.texts_only(a, reads.1, own.1));
    let mut names = a.param_names(reads.0);
    for name in b.param_names(reads.1) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    for name in names {
        let (x, y) = (a.param(&name), b.param(&name));
        if x != y {
            out.push(Cause::Param { name, a: x, b: y });
        }
    }
    if expired.0 != expired.1 {
        for (side, exception) in [(a.name, expired.0), (b.name, expired.1)] {
            if let Some(exception) = exception {
                out.push(Cause::Expired {
                    exception: exception.to_string(),
                    side,
                });
            }
        }
    }
    if out.is_empty() && a.on != b.on && (reads.0.today() || reads.1.today()) {
        let mut facts: Vec<String> = Vec::new();
        for (side, r) in [(a, reads.0), (b, reads.1)] {
            for slot in r.date_facts() {
                if let Some(f) = side.program.facts.get(*slot as usize)
                    && !facts.contains(&f.path)
                {
                    facts.push(f.path.clone());
                }
            }
        }
        out.push(Cause::Day { facts });
    }
    out
}

fn rule_reads(side: &Evaluated, rule: &str) -> (Reads, Option<usize>) {
    let slot = side.program.rules.iter().position(|r| r.id == rule);
    let reads = slot.map_or_else(Reads::default, |slot| {
        Reads::rule(side.program, slot, side.texts)
    });
    (reads, slot)
}

fn rule_causes(change: &RuleChange, a: &Evaluated, b: &Evaluated) -> Vec<Cause> {
    let (reads_a, slot_a) = rule_reads(a, &change.rule);
    let (reads_b, slot_b) = rule_reads(b, &change.rule);
    let own = |side: &Evaluated, slot: Option<usize>, text: u32| {
        slot.and_then(|s| side.program.rules.get(s))
            .is_some_and(|r| brought(&r.versions, text))
    };
    let own_a = |text: u32| own(a, slot_a, text);
    let own_b = |text: u32| own(b, slot_b, text);
    let expired = |r: Option<&crate::eval::decision::RuleResult>| {
        r.and_then(|r| r.expired.as_ref().map(|(id, _)| id.clone()))
    };
    let (ea, eb) = (
        expired(change.before.as_ref()),
        expired(change.after.as_ref()),
    );
    causes(
        (a, b),
        (&reads_a, &reads_b),
        (&own_a, &own_b),
        (ea.as_deref(), eb.as_deref()),
    )
}

/// Says why each rule of a compared case differs, and the scope when it does. A rule that
/// gives a verdict under one side only because the scope differs is left to the scope.
pub fn explain(case: &mut CaseDiff, a: &Evaluated, b: &Evaluated) {
    let scope_differs = case.before.in_scope != case.after.in_scope;
    if scope_differs {
        let reads = (
            Reads::scope(a.program, a.texts),
            Reads::scope(b.program, b.texts),
        );
        let own = |side: &Evaluated, text: u32| brought(&side.program.scope, text);
        let own_a = |text: u32| own(a, text);
        let own_b = |text: u32| own(b, text);
        case.scope_causes = causes((a, b), (&reads.0, &reads.1), (&own_a, &own_b), (None, None));
    }
    for change in &mut case.rules {
        let by_scope = scope_differs && (change.before.is_none() || change.after.is_none());
        if !by_scope {
            change.causes = rule_causes(change, a, b);
        }
    }
}
