//! Finite abstract domains: the few facts some conditions read, each with representative
//! values (both booleans, every name of a vocabulary, one value per interval between the
//! thresholds it is compared with), enumerated and evaluated with the real evaluator.

use jiff::civil::Date;

use super::collect::Collector;
use super::domains::{domain, within};
use crate::language::program::{CExpr, Program};
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
    atoms: Vec<(u32, Vec<Value>)>,
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
            atoms.push((*fact, values));
        }
        Some(Space { program, at, atoms })
    }

    /// The space of some facts, named (bool and enum facts only).
    pub(crate) fn over(program: &'p Program, at: At, facts: &[u32]) -> Option<Space<'p>> {
        let mut atoms = Vec::new();
        let mut combinations: usize = 1;
        for fact in facts {
            let info = program.facts.get(*fact as usize)?;
            let values = domain(program, &info.ty, &[])?;
            combinations = combinations.checked_mul(values.len().max(1))?;
            if combinations > MAX_COMBINATIONS {
                return None;
            }
            atoms.push((*fact, values));
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
        let mut counter = vec![0usize; self.atoms.len()];
        loop {
            if !budget.take() {
                return Found::Cut;
            }
            for ((fact, domain), index) in self.atoms.iter().zip(&counter) {
                if let (Some(slot), Some(value)) =
                    (values.get_mut(*fact as usize), domain.get(*index))
                {
                    *slot = value.clone();
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
