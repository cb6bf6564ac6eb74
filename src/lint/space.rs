//! Finite abstract domains: the few facts some conditions read, each with representative
//! values (both booleans, every name of a vocabulary, one value per interval between the
//! thresholds it is compared with), enumerated and evaluated with the real evaluator.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::program::{CExpr, CKind, MessageSegment, Program};
use crate::types::Type;
use crate::value::Value;

/// Beyond this many combinations, a lint that needs them all is skipped quietly.
pub(crate) const MAX_COMBINATIONS: usize = 1 << 16;

/// The largest vocabulary whose subsets are enumerated for a `set of` fact.
const MAX_SET_VOCABULARY: usize = 5;

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
        let mut collector = Collector {
            program,
            at,
            facts: BTreeSet::new(),
            thresholds: BTreeMap::new(),
            defs: BTreeSet::new(),
            opaque: false,
        };
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
            let values = domain(program, &info.ty, thresholds)?;
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

    /// Calls `f` with each combination (the fact values by slot) until it returns `Some`.
    pub(crate) fn find<R>(&self, mut f: impl FnMut(&Assignment<'_>) -> Option<R>) -> Option<R> {
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
                return Some(found);
            }
            // The next combination, as a mixed-radix counter; done when it wraps.
            let mut position = 0;
            loop {
                let (Some(digit), Some((_, domain))) =
                    (counter.get_mut(position), self.atoms.get(position))
                else {
                    return None;
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

/// The values worth trying for a fact of a type, compared with `thresholds`.
fn domain(program: &Program, ty: &Type, thresholds: &[Value]) -> Option<Vec<Value>> {
    let mut values = match ty.required() {
        Type::Bool => vec![Value::Bool(false), Value::Bool(true)],
        Type::Enum(vocabulary) => {
            let count = program
                .vocabularies
                .get(*vocabulary as usize)?
                .members
                .len();
            (0..count)
                .filter_map(|member| {
                    Some(Value::Enum {
                        vocabulary: *vocabulary,
                        member: u32::try_from(member).ok()?,
                    })
                })
                .collect()
        }
        Type::Set(inner) => subsets(program, inner)?,
        Type::Integer => around(thresholds, |v| match v {
            Value::Integer(i) => Some(vec![
                Value::Integer(i.checked_sub(1)?),
                Value::Integer(*i),
                Value::Integer(i.checked_add(1)?),
            ]),
            _ => None,
        })?,
        Type::Decimal => decimals(thresholds)?,
        Type::Date => around(thresholds, |v| match v {
            Value::Date(d) => Some(vec![
                Value::Date(d.yesterday().ok()?),
                Value::Date(*d),
                Value::Date(d.tomorrow().ok()?),
            ]),
            _ => None,
        })?,
        Type::Text => {
            let mut values = thresholds.to_vec();
            values.push(Value::Text("something else".into()));
            values
        }
        Type::Duration | Type::Optional(_) => return None,
    };
    if matches!(ty, Type::Optional(_)) {
        values.push(Value::NotSet);
    }
    values.sort_by(Value::total_cmp);
    values.dedup();
    Some(values)
}

/// Each threshold's neighbours; a fact never compared still gets one value.
fn around(thresholds: &[Value], f: impl Fn(&Value) -> Option<Vec<Value>>) -> Option<Vec<Value>> {
    if thresholds.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    for threshold in thresholds {
        values.extend(f(threshold)?);
    }
    Some(values)
}

/// Decimal thresholds: each one, one below the least, one above the greatest, and the
/// midpoint between neighbours.
fn decimals(thresholds: &[Value]) -> Option<Vec<Value>> {
    let mut points: Vec<Decimal> = thresholds
        .iter()
        .map(|v| match v {
            Value::Decimal(d) => Some(*d),
            Value::Integer(i) => Some(Decimal::from(*i)),
            _ => None,
        })
        .collect::<Option<_>>()?;
    points.sort();
    points.dedup();
    let (first, last) = (*points.first()?, *points.last()?);
    let mut values = vec![
        first.checked_sub(Decimal::ONE)?,
        last.checked_add(Decimal::ONE)?,
    ];
    for pair in points.windows(2) {
        if let [a, b] = pair {
            values.push(a.checked_add(*b)?.checked_div(Decimal::TWO)?);
        }
    }
    values.extend(points);
    Some(values.into_iter().map(Value::Decimal).collect())
}

/// Every subset of a small vocabulary.
fn subsets(program: &Program, inner: &Type) -> Option<Vec<Value>> {
    let Type::Enum(vocabulary) = inner else {
        return None;
    };
    let count = program
        .vocabularies
        .get(*vocabulary as usize)?
        .members
        .len();
    if count > MAX_SET_VOCABULARY {
        return None;
    }
    let members = u32::try_from(count).ok()?;
    Some(
        (0u32..(1 << members))
            .map(|mask| {
                Value::set_of(
                    (0..members)
                        .filter(|m| mask & (1 << m) != 0)
                        .map(|member| Value::Enum {
                            vocabulary: *vocabulary,
                            member,
                        })
                        .collect(),
                )
            })
            .collect(),
    )
}

/// Walks conditions: which facts they read, and the constants numbers are compared with.
struct Collector<'p> {
    program: &'p Program,
    at: At,
    facts: BTreeSet<u32>,
    thresholds: BTreeMap<u32, Vec<Value>>,
    defs: BTreeSet<u32>,
    /// A fact is read in a way the domains cannot follow (arithmetic, `verdict(…)`…).
    opaque: bool,
}

impl Collector<'_> {
    fn walk(&mut self, expr: &CExpr) {
        match &expr.kind {
            CKind::Fact(slot) => {
                let finite = self.program.facts.get(*slot as usize).is_some_and(|f| {
                    matches!(f.ty.required(), Type::Bool | Type::Enum(_) | Type::Set(_))
                });
                if finite {
                    self.facts.insert(*slot);
                } else {
                    self.opaque = true;
                }
            }
            CKind::Compare(_, left, right) => {
                if !(self.threshold(left, right) || self.threshold(right, left)) {
                    self.walk(left);
                    self.walk(right);
                }
            }
            CKind::Def(slot) => {
                if self.defs.insert(*slot) {
                    let body = self
                        .program
                        .defs
                        .get(*slot as usize)
                        .and_then(|d| d.versions.at(self.at.texts));
                    match body {
                        Some(body) => self.walk(body),
                        None => self.opaque = true,
                    }
                }
            }
            CKind::Verdict(_) | CKind::Applies(_) => self.opaque = true,
            CKind::Const(_) | CKind::Param(_) | CKind::Local(_) | CKind::Today => {}
            CKind::Not(a) | CKind::Neg(a) | CKind::Count(a) => self.walk(a),
            CKind::IsSet { operand, .. } | CKind::IsEmpty { operand, .. } => self.walk(operand),
            CKind::And(a, b)
            | CKind::Or(a, b)
            | CKind::Arith(_, a, b)
            | CKind::SetOp(_, a, b)
            | CKind::Subset(a, b)
            | CKind::Meets(a, b)
            | CKind::In {
                element: a, set: b, ..
            } => {
                self.walk(a);
                self.walk(b);
            }
            CKind::If(a, b, c) => {
                self.walk(a);
                self.walk(b);
                self.walk(c);
            }
            CKind::Quantifier { set, body, .. } => {
                self.walk(set);
                self.walk(body);
            }
            CKind::SetLiteral(items) => items.iter().for_each(|item| self.walk(item)),
            CKind::Format(segments) => {
                for segment in segments {
                    if let MessageSegment::Expr(e) = segment {
                        self.walk(e);
                    }
                }
            }
        }
    }

    /// `fact OP constant`: records the constant as a threshold of the fact.
    fn threshold(&mut self, fact: &CExpr, other: &CExpr) -> bool {
        let CKind::Fact(slot) = fact.kind else {
            return false;
        };
        let Some(info) = self.program.facts.get(slot as usize) else {
            return false;
        };
        if !matches!(
            info.ty.required(),
            Type::Integer | Type::Decimal | Type::Date | Type::Text
        ) {
            return false;
        }
        let value = match &other.kind {
            CKind::Const(value) => value.clone(),
            CKind::Param(param) => match self
                .program
                .params
                .get(*param as usize)
                .and_then(|p| p.versions.at(self.at.texts))
            {
                Some(body) => body.value_on(self.at.today).clone(),
                None => return false,
            },
            _ => return false,
        };
        self.facts.insert(slot);
        self.thresholds.entry(slot).or_default().push(value);
        true
    }
}
