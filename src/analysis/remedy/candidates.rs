//! The changes one fact can take, on the facts of the moment: from its type, the names of
//! its vocabulary, the sets of names the policy writes, and the thresholds it is compared
//! with (computed on the facts of the moment, parameters in force and overrides applied).

use jiff::civil::Date;

use super::ChangeKind;
use super::sites::{Site, Sites};
use super::thresholds::{nearest, order, truth};
use crate::eval::{EvalOptions, expression_with};
use crate::language::program::Program;
use crate::language::types::Type;
use crate::language::value::Value;

/// How far from the current day a moved day is looked for.
const DAYS_AROUND: i32 = 36_525;

/// A value a fact can change to.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// The new value.
    pub to: Value,
    /// What kind of change it is.
    pub kind: ChangeKind,
}

/// Computes candidate changes for facts.
pub(crate) struct Candidates<'a> {
    program: &'a Program,
    options: &'a EvalOptions,
    sites: &'a Sites,
    /// The sets of names the policy writes or holds, computed, by vocabulary.
    sets: Vec<Vec<Value>>,
}

impl<'a> Candidates<'a> {
    /// Prepares the candidates of a program's facts.
    pub fn new(
        program: &'a Program,
        options: &'a EvalOptions,
        sites: &'a Sites,
        facts: &[Value],
    ) -> Candidates<'a> {
        let sets = sites
            .sets
            .iter()
            .map(|exprs| {
                let mut values: Vec<Value> = exprs
                    .iter()
                    .filter_map(|e| expression_with(program, facts, options, e).ok())
                    .filter(|v| matches!(v, Value::Set(_)))
                    .collect();
                values.sort_by(Value::total_cmp);
                values.dedup();
                values
            })
            .collect();
        Candidates {
            program,
            options,
            sites,
            sets,
        }
    }

    /// The changes the fact in `slot` can take, given the facts `values`.
    pub fn of(&self, values: &[Value], slot: u32) -> Vec<Candidate> {
        let Some(fact) = self.program.facts.get(slot as usize) else {
            return Vec::new();
        };
        let current = values.get(slot as usize).cloned().unwrap_or(Value::NotSet);
        let known = !matches!(current, Value::Unknown(_) | Value::NotSet);
        let mut out: Vec<(Value, Option<Value>)> = Vec::new();
        match fact.ty.required() {
            Type::Bool => match current {
                Value::Bool(b) => out.push((Value::Bool(!b), None)),
                _ => out.extend([false, true].map(|b| (Value::Bool(b), None))),
            },
            Type::Enum(vocabulary) => {
                out.extend(self.members(*vocabulary).into_iter().map(|m| (m, None)));
            }
            Type::Set(inner) => {
                if let Type::Enum(vocabulary) = inner.as_ref() {
                    out.extend(
                        self.sets_from(&current, *vocabulary)
                            .into_iter()
                            .map(|s| (s, None)),
                    );
                }
            }
            Type::Integer | Type::Decimal | Type::Date | Type::Duration => {
                for site in self.sites.by_fact.get(slot as usize).into_iter().flatten() {
                    out.extend(self.across(values, slot, &current, site));
                }
            }
            Type::Text | Type::Optional(_) => {}
        }
        if known && fact.ty.is_optional() {
            out.push((Value::NotSet, None));
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        for (to, across) in out {
            if (known && to == current) || candidates.iter().any(|c| c.to == to) {
                continue;
            }
            // A value the fact may not take is no remedy. Ranges are intervals, so when the
            // nearest value across a threshold is outside, every farther one is too.
            if fact
                .range
                .as_ref()
                .is_some_and(|range| !range.contains(&to))
            {
                continue;
            }
            let kind = kind_of(&current, &to, across);
            candidates.push(Candidate { to, kind });
        }
        candidates
    }

    fn members(&self, vocabulary: u32) -> Vec<Value> {
        let count = self
            .program
            .vocabularies
            .get(vocabulary as usize)
            .map_or(0, |v| v.members.len());
        (0..count)
            .map(|member| Value::Enum {
                vocabulary,
                member: u32::try_from(member).unwrap_or(u32::MAX),
            })
            .collect()
    }

    /// A set with one name more or less, cut down to a set the policy names, or rid of it;
    /// with no set yet: empty, one name, or a set the policy names.
    fn sets_from(&self, current: &Value, vocabulary: u32) -> Vec<Value> {
        let members = self.members(vocabulary);
        let named = self
            .sets
            .get(vocabulary as usize)
            .map_or(&[][..], Vec::as_slice);
        let Value::Set(items) = current else {
            let mut out = vec![Value::set_of(Vec::new())];
            out.extend(members.into_iter().map(|m| Value::set_of(vec![m])));
            out.extend(named.iter().cloned());
            return out;
        };
        let mut out = Vec::new();
        for member in members {
            let mut changed: Vec<Value> = items.iter().filter(|i| **i != member).cloned().collect();
            if changed.len() == items.len() {
                changed.push(member);
            }
            out.push(Value::set_of(changed));
        }
        for set in named {
            let Value::Set(names) = set else { continue };
            let (kept, dropped): (Vec<Value>, Vec<Value>) =
                items.iter().cloned().partition(|i| names.contains(i));
            out.push(Value::set_of(kept));
            out.push(Value::set_of(dropped));
        }
        out
    }

    /// The values nearest the current one across the threshold of one comparison.
    fn across(
        &self,
        values: &[Value],
        slot: u32,
        current: &Value,
        site: &Site,
    ) -> Vec<(Value, Option<Value>)> {
        let Ok(threshold) = expression_with(self.program, values, self.options, &site.other) else {
            return Vec::new();
        };
        if matches!(threshold, Value::Unknown(_) | Value::NotSet) {
            return Vec::new();
        }
        let ty = self
            .program
            .facts
            .get(slot as usize)
            .map_or(&Type::Text, |f| f.ty.required());
        let found = if site.alias {
            nearest(site.op, &threshold, current, ty)
        } else {
            self.moved_days(values, slot, current, site, &threshold)
        };
        found
            .into_iter()
            .map(|v| (v, Some(threshold.clone())))
            .collect()
    }

    /// For a day under arithmetic (`day + duration >= today`): the nearest days, earlier and
    /// later, on which the comparison goes the other way, by bisection (the side moves
    /// monotonically with the day). With no day yet, the evaluation date is the start.
    fn moved_days(
        &self,
        values: &[Value],
        slot: u32,
        current: &Value,
        site: &Site,
        threshold: &Value,
    ) -> Vec<Value> {
        let start = match current {
            Value::Date(d) => *d,
            _ => self.options.on,
        };
        let mut scratch = values.to_vec();
        let mut test = |day: Date| -> Option<bool> {
            let cell = scratch.get_mut(slot as usize)?;
            *cell = Value::Date(day);
            let side =
                expression_with(self.program, &scratch, self.options, &site.fact_side).ok()?;
            truth(site.op, order(&side, threshold)?)
        };
        let Some(now) = test(start) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if !matches!(current, Value::Date(_)) {
            out.push(Value::Date(start));
        }
        for direction in [-1, 1] {
            let day = |offset: i32| start.checked_add(jiff::Span::new().days(offset)).ok();
            let Some(far) = day(direction * DAYS_AROUND) else {
                continue;
            };
            if test(far) == Some(now) {
                continue;
            }
            // `test` gives `now` at `low` offset and not at `high`; keep it so.
            let (mut low, mut high) = (0, DAYS_AROUND);
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                match day(direction * middle) {
                    Some(d) if test(d) == Some(now) => low = middle,
                    _ => high = middle,
                }
            }
            out.extend(day(direction * high).map(Value::Date));
        }
        out
    }
}

/// The kind of a change from one value to another.
fn kind_of(from: &Value, to: &Value, across: Option<Value>) -> ChangeKind {
    match (from, to) {
        (_, Value::NotSet) => ChangeKind::Unset,
        (Value::Unknown(_) | Value::NotSet, _) => ChangeKind::Assign,
        (Value::Bool(_), _) => ChangeKind::Flip,
        (Value::Enum { .. }, _) => ChangeKind::Pick,
        (Value::Set(a), Value::Set(b)) => ChangeKind::Elements {
            added: b.iter().filter(|x| !a.contains(x)).cloned().collect(),
            removed: a.iter().filter(|x| !b.contains(x)).cloned().collect(),
        },
        _ => match across {
            Some(across) => ChangeKind::Move { across },
            None => ChangeKind::Assign,
        },
    }
}
