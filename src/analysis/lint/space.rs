//! Finite abstract domains: the few facts some conditions read, each with representative
//! values (both booleans, every name of a vocabulary, one value per interval between the
//! thresholds it is compared with), enumerated and evaluated with the real evaluator.

use jiff::civil::Date;

use super::collect::Collector;
use super::domains::{domain, within};
use crate::language::program::{CExpr, Program};
use crate::language::types::Type;
use crate::language::value::Value;

/// Beyond this many combinations, a lint that needs them all is skipped quietly.
pub(crate) const MAX_COMBINATIONS: usize = 1 << 16;

/// The work a lint may do: how many combinations it may still try. Shared by the lints of
/// one run, so that no policy makes `check` slow, however many siblings it has.
#[derive(Debug)]
pub(crate) struct Budget {
    total: usize,
    left: std::cell::Cell<usize>,
    /// How many conditions (not pairs of exceptions, which say so themselves) it cut short.
    cut: std::cell::Cell<usize>,
}

impl Budget {
    /// A budget of `combinations` tries.
    pub(crate) fn new(combinations: usize) -> Budget {
        Budget {
            total: combinations,
            left: std::cell::Cell::new(combinations),
            cut: std::cell::Cell::new(0),
        }
    }

    /// Counts a condition the budget cut short.
    pub(crate) fn count_cut(&self) {
        self.cut.set(self.cut.get().saturating_add(1));
    }

    /// How many conditions it cut short.
    pub(crate) fn cut(&self) -> usize {
        self.cut.get()
    }

    /// How many tries it had.
    pub(crate) fn total(&self) -> usize {
        self.total
    }

    /// Takes one try; false when none is left.
    fn take(&self) -> bool {
        let left = self.left.get();
        self.left.set(left.saturating_sub(1));
        left > 0
    }
}

/// What a search of a space came to.
#[derive(Debug, PartialEq)]
pub(crate) enum Found<R> {
    /// A combination gave this.
    Yes(R),
    /// Every combination was tried: none gave anything.
    No,
    /// The budget ran out before every combination was tried.
    Cut,
}

/// Where conditions are evaluated: how many texts are in force, and on which day.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At {
    /// How many texts are in force.
    pub texts: usize,
    /// The day.
    pub today: Date,
}

/// The facts some conditions read, each with the values worth trying.
pub(crate) struct Space<'p> {
    program: &'p Program,
    at: At,
    atoms: Vec<(u32, Choices)>,
}

/// The values one fact takes in a space: listed, or every subset of a vocabulary, made one
/// at a time (a set of 20 names has a million subsets: they are counted against the budget,
/// never held at once).
enum Choices {
    /// These values.
    Values(Vec<Value>),
    /// Every subset of the vocabulary of this many names, the subset `mask` being the names
    /// whose bit is set.
    Subsets { vocabulary: u32, members: u32 },
}

impl Choices {
    /// How many values; past 2^63 subsets, as good as endless (the budget ends first).
    fn len(&self) -> u64 {
        match self {
            Choices::Values(values) => u64::try_from(values.len()).unwrap_or(u64::MAX),
            Choices::Subsets { members, .. } => 1u64.checked_shl(*members).unwrap_or(u64::MAX),
        }
    }

    /// The value at `index`.
    fn get(&self, index: u64) -> Option<Value> {
        match self {
            Choices::Values(values) => values.get(usize::try_from(index).ok()?).cloned(),
            Choices::Subsets {
                vocabulary,
                members,
            } => Some(Value::set_of(
                (0..(*members).min(64))
                    .filter(|m| index.checked_shr(*m).is_some_and(|bits| bits & 1 == 1))
                    .map(|member| Value::Enum {
                        vocabulary: *vocabulary,
                        member,
                    })
                    .collect(),
            )),
        }
    }
}

impl<'p> Space<'p> {
    /// The space of the facts `exprs` read; `None` when one of them reads a fact in a way
    /// finite reasoning cannot follow, or when there are too many combinations.
    pub(crate) fn of(program: &'p Program, at: At, exprs: &[&CExpr]) -> Option<Space<'p>> {
        let mut collector = Collector::new(program, at);
        for expr in exprs {
            collector.walk(expr);
        }
        if collector.opaque {
            return None;
        }
        let mut atoms = Vec::new();
        let mut combinations: usize = 1;
        for fact in &collector.facts {
            let info = program.facts.get(*fact as usize)?;
            let thresholds = collector
                .thresholds
                .get(fact)
                .map_or(&[][..], Vec::as_slice);
            // Only values the fact may take: no example, and no case, lies outside its range.
            let values = within(
                domain(program, &info.ty, thresholds)?,
                info.range.as_ref(),
                &info.ty,
            );
            combinations = combinations.checked_mul(values.len().max(1))?;
            if combinations > MAX_COMBINATIONS {
                return None;
            }
            atoms.push((*fact, Choices::Values(values)));
        }
        Some(Space { program, at, atoms })
    }

    /// The space of some facts, named (bool, enum and set-of-enum facts only). However many
    /// combinations there are, the caller's budget bounds how many are tried.
    pub(crate) fn over(program: &'p Program, at: At, facts: &[u32]) -> Option<Space<'p>> {
        let mut atoms = Vec::new();
        for fact in facts {
            let info = program.facts.get(*fact as usize)?;
            let choices = match info.ty.required() {
                Type::Set(inner) => match inner.as_ref() {
                    Type::Enum(vocabulary) => Choices::Subsets {
                        vocabulary: *vocabulary,
                        members: u32::try_from(
                            program
                                .vocabularies
                                .get(*vocabulary as usize)?
                                .members
                                .len(),
                        )
                        .ok()?,
                    },
                    _ => return None,
                },
                _ => Choices::Values(domain(program, &info.ty, &[])?),
            };
            atoms.push((*fact, choices));
        }
        Some(Space { program, at, atoms })
    }

    /// Calls `f` with each combination (the fact values by slot) until it returns `Some`,
    /// each combination taken from `budget`; stops when it runs out.
    pub(crate) fn find_within<R>(
        &self,
        budget: &Budget,
        mut f: impl FnMut(&Assignment<'_>) -> Option<R>,
    ) -> Found<R> {
        // Facts outside the space are unknown: a condition that reads one cannot be told.
        let mut values: Vec<Value> = (0..self.program.facts.len())
            .map(|slot| {
                Value::Unknown(
                    u32::try_from(slot)
                        .map_or_else(|_| Vec::new(), |s| vec![s])
                        .into(),
                )
            })
            .collect();
        let mut counter = vec![0u64; self.atoms.len()];
        loop {
            if !budget.take() {
                return Found::Cut;
            }
            for ((fact, domain), index) in self.atoms.iter().zip(&counter) {
                if let (Some(slot), Some(value)) =
                    (values.get_mut(*fact as usize), domain.get(*index))
                {
                    *slot = value;
                }
            }
            let assignment = Assignment {
                space: self,
                values: &values,
            };
            if let Some(found) = f(&assignment) {
                return Found::Yes(found);
            }
            // The next combination, as a mixed-radix counter; done when it wraps.
            let mut position = 0;
            loop {
                let (Some(digit), Some((_, domain))) =
                    (counter.get_mut(position), self.atoms.get(position))
                else {
                    return Found::No;
                };
                *digit += 1;
                if *digit < domain.len() {
                    break;
                }
                *digit = 0;
                position += 1;
            }
        }
    }
}

/// One combination of fact values.
pub(crate) struct Assignment<'a> {
    space: &'a Space<'a>,
    values: &'a [Value],
}

impl Assignment<'_> {
    /// Whether a condition holds: `None` when it cannot be told (an evaluation error).
    pub(crate) fn holds(&self, expr: &CExpr) -> Option<bool> {
        let at = self.space.at;
        match crate::eval::expression(self.space.program, self.values, at.texts, at.today, expr) {
            Ok(Value::Bool(b)) => Some(b),
            Ok(Value::NotSet) => Some(false),
            _ => None,
        }
    }

    /// The combination in words, for `help`: `hosting.kind = public_cloud, data.health = true`.
    pub(crate) fn describe(&self) -> String {
        let program = self.space.program;
        let parts: Vec<String> = self
            .space
            .atoms
            .iter()
            .filter_map(|(fact, _)| {
                let info = program.facts.get(*fact as usize)?;
                let value = self.values.get(*fact as usize)?;
                Some(match value {
                    Value::NotSet => format!("{} is not set", info.path),
                    Value::Text(t) => format!("{} = {t:?}", info.path),
                    other => format!(
                        "{} = {}",
                        info.path,
                        crate::eval::render::value_text(program, other, None)
                    ),
                })
            })
            .collect();
        if parts.is_empty() {
            String::from("whatever the facts")
        } else {
            parts.join(", ")
        }
    }
}
