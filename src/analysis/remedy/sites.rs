//! Where the policy compares each fact with something else (the thresholds a number, a
//! duration or a day can move across), the sets of names it writes or holds in parameters
//! (what a set fact can be cut down to), and which rules and outcomes read rules' verdicts.

use crate::language::program::{CExpr, CKind, Compare, Program};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::language::walk;

/// A comparison of a fact with another expression: `fact_side OP other`.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    /// The operator, with the fact's side on the left.
    pub op: Compare,
    /// The side holding the fact: the fact itself, through definitions, maybe with days or
    /// durations added or taken away.
    pub fact_side: CExpr,
    /// The other side: the threshold, computed on the facts of the moment.
    pub other: CExpr,
    /// Whether the fact's side is the fact itself (through definitions).
    pub alias: bool,
}

/// What the policy in force compares each fact with, and more.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sites {
    /// Comparisons by fact slot.
    pub by_fact: Vec<Vec<Site>>,
    /// Set expressions without facts, by vocabulary: literals and parameters.
    pub sets: Vec<Vec<CExpr>>,
    /// For each rule (by slot), the rules whose verdict it reads with `verdict(…)`.
    pub verdict_reads: Vec<Vec<u32>>,
    /// For each definition (by slot; empty but for outcomes), the rules whose verdict the
    /// outcome's cases read, through definitions and other outcomes.
    pub outcome_verdicts: Vec<Vec<u32>>,
}

/// Collects the sites of the texts in force (the first `texts`).
pub(crate) fn collect(program: &Program, texts: usize) -> Sites {
    let mut sites = Sites {
        by_fact: vec![Vec::new(); program.facts.len()],
        sets: vec![Vec::new(); program.vocabularies.len()],
        verdict_reads: vec![Vec::new(); program.rules.len()],
        outcome_verdicts: vec![Vec::new(); program.defs.len()],
    };
    let walker = Walker { program, texts };
    let mut roots: Vec<&CExpr> = Vec::new();
    roots.extend(program.scope.at(texts));
    roots.extend(program.defs.iter().filter_map(|d| d.versions.at(texts)));
    for (slot, def) in program.defs.iter().enumerate() {
        let (Some(_), Some(body)) = (&def.outcome, def.versions.at(texts)) else {
            continue;
        };
        if let Some(list) = sites.outcome_verdicts.get_mut(slot) {
            walker.verdicts(body, &mut Vec::new(), &mut |read| list.push(read));
            list.sort_unstable();
            list.dedup();
        }
    }
    // Verdicts read by exceptions' conditions: counted for every rule, to be safe.
    let mut everywhere = Vec::new();
    for exception in program.exceptions.iter() {
        let Some(body) = exception.versions.at(texts) else {
            continue;
        };
        walker.verdicts(&body.when, &mut Vec::new(), &mut |read| {
            everywhere.push(read)
        });
        roots.push(&body.when);
        if let Some(until) = &body.until {
            // The exception holds while `until >= today`.
            if let Some((slot, _)) = walker.fact_path(until) {
                let today = CExpr {
                    kind: CKind::Today,
                    ty: Type::Date,
                    span: until.span,
                };
                if let Some(list) = sites.by_fact.get_mut(slot as usize) {
                    list.push(Site {
                        op: Compare::Ge,
                        fact_side: until.clone(),
                        other: today,
                        alias: false,
                    });
                }
            }
            roots.push(until);
        }
    }
    for (slot, rule) in program.rules.iter().enumerate() {
        let Some(body) = rule.versions.at(texts) else {
            continue;
        };
        let mut rule_roots: Vec<&CExpr> = body.applies.iter().collect();
        rule_roots.push(&body.requires);
        for root in &rule_roots {
            walker.verdicts(root, &mut Vec::new(), &mut |read| {
                if let Some(list) = sites.verdict_reads.get_mut(slot) {
                    list.push(read);
                }
            });
        }
        roots.extend(rule_roots);
    }
    for root in roots {
        walker.walk(root, &mut sites);
    }
    for list in &mut sites.verdict_reads {
        list.extend(&everywhere);
        list.sort_unstable();
        list.dedup();
    }
    // Exceptions may be to outcomes too: what they read counts for every outcome.
    for (list, def) in sites.outcome_verdicts.iter_mut().zip(&program.defs) {
        if def.outcome.is_some() {
            list.extend(&everywhere);
            list.sort_unstable();
            list.dedup();
        }
    }
    for param in program.params.iter().enumerate() {
        let (slot, info) = param;
        if let Type::Set(inner) = &info.ty
            && let Type::Enum(vocabulary) = inner.as_ref()
            && info.versions.at(texts).is_some()
            && let Some(list) = sites.sets.get_mut(*vocabulary as usize)
        {
            list.push(CExpr {
                kind: CKind::Param(u32::try_from(slot).unwrap_or(u32::MAX)),
                ty: info.ty.clone(),
                span: info.span,
            });
        }
    }
    sites
}

struct Walker<'p> {
    program: &'p Program,
    texts: usize,
}

impl Walker<'_> {
    /// The fact an expression is, through definitions and adding or taking away things
    /// that do not hold it: `(slot, whether it is the fact itself)`.
    fn fact_path(&self, expr: &CExpr) -> Option<(u32, bool)> {
        match &expr.kind {
            CKind::Fact(slot) => Some((*slot, true)),
            CKind::Def(slot) => {
                let body = self
                    .program
                    .defs
                    .get(*slot as usize)?
                    .versions
                    .at(self.texts)?;
                self.fact_path(body)
            }
            CKind::Arith(
                crate::language::program::Arith::Add | crate::language::program::Arith::Sub,
                a,
                b,
            ) => {
                let (slot, _) = self.fact_path(a).or_else(|| {
                    // Only `x + fact` moves with the fact the same way.
                    matches!(
                        expr.kind,
                        CKind::Arith(crate::language::program::Arith::Add, _, _)
                    )
                    .then(|| self.fact_path(b))
                    .flatten()
                })?;
                let other = if self.fact_path(a).is_some() { b } else { a };
                (!self.mentions(other, slot)).then_some((slot, false))
            }
            _ => None,
        }
    }

    /// Whether an expression reads a fact, through definitions.
    fn mentions(&self, expr: &CExpr, slot: u32) -> bool {
        let mut found = false;
        walk::node(expr, &mut |e| match &e.kind {
            CKind::Fact(s) if *s == slot => found = true,
            CKind::Def(d) => {
                if let Some(body) = self
                    .program
                    .defs
                    .get(*d as usize)
                    .and_then(|d| d.versions.at(self.texts))
                    && self.mentions(body, slot)
                {
                    found = true;
                }
            }
            _ => {}
        });
        found
    }

    /// The rules whose verdict an expression reads, through definitions.
    fn verdicts(&self, expr: &CExpr, seen: &mut Vec<u32>, out: &mut dyn FnMut(u32)) {
        let mut defs = Vec::new();
        walk::node(expr, &mut |e| match &e.kind {
            CKind::Verdict(rule) | CKind::Applies(rule) => out(*rule),
            CKind::Def(d) => defs.push(*d),
            _ => {}
        });
        for d in defs {
            if seen.contains(&d) {
                continue;
            }
            seen.push(d);
            if let Some(body) = self
                .program
                .defs
                .get(d as usize)
                .and_then(|def| def.versions.at(self.texts))
            {
                self.verdicts(body, seen, out);
            }
        }
    }

    /// Records every comparison with a fact on one side, and every set of names without facts.
    fn walk(&self, expr: &CExpr, sites: &mut Sites) {
        walk::node(expr, &mut |e| match &e.kind {
            CKind::Compare(op, left, right) => {
                for (op, fact_side, other) in [(*op, left, right), (flipped(*op), right, left)] {
                    let Some((slot, alias)) = self.fact_path(fact_side) else {
                        continue;
                    };
                    if self.mentions(other, slot) {
                        continue;
                    }
                    if let Some(list) = sites.by_fact.get_mut(slot as usize) {
                        list.push(Site {
                            op,
                            fact_side: fact_side.as_ref().clone(),
                            other: other.as_ref().clone(),
                            alias,
                        });
                    }
                }
            }
            // A set of names written out, or a parameter's: what a set fact can be cut down to.
            CKind::SetLiteral(_) | CKind::Const(Value::Set(_)) if names_only(e) => {
                if let Type::Set(inner) = &e.ty
                    && let Type::Enum(vocabulary) = inner.as_ref()
                    && let Some(list) = sites.sets.get_mut(*vocabulary as usize)
                {
                    list.push(e.clone());
                }
            }
            _ => {}
        });
    }
}

/// Whether a set expression reads no fact: a constant, or a literal of constants.
fn names_only(set: &CExpr) -> bool {
    match &set.kind {
        CKind::SetLiteral(items) => items.iter().all(|i| matches!(i.kind, CKind::Const(_))),
        _ => true,
    }
}

/// The operator with its sides swapped: `a < b` is `b > a`.
fn flipped(op: Compare) -> Compare {
    match op {
        Compare::Eq => Compare::Eq,
        Compare::Ne => Compare::Ne,
        Compare::Lt => Compare::Gt,
        Compare::Le => Compare::Ge,
        Compare::Gt => Compare::Lt,
        Compare::Ge => Compare::Le,
    }
}
