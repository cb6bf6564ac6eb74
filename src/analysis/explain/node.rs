//! One condition as a tree of nodes: each expression with its value, and the
//! sub-expressions that mattered, short-circuit aware (every one with `--all`).

use super::build::Walker;
use super::{Node, NodeKind, Shown, Truth};
use crate::eval::decision::FactRef;
use crate::eval::render::{value_brief, value_text};
use crate::language::program::{CExpr, CKind, Localized};
use crate::language::types::Type;
use crate::language::value::Value;

impl Walker<'_> {
    /// The node of an expression. Its value is computed as the evaluation computes it;
    /// an error (only possible in a branch the evaluation skipped) leaves it without one.
    pub(super) fn node(&mut self, expr: &CExpr) -> Node {
        let value = self.probe.value(expr).ok();
        let truth = value.as_ref().and_then(|v| truth_of(v, &expr.ty));
        let blockers = match &value {
            Some(Value::Unknown(facts)) => self.fact_refs(facts),
            _ => Vec::new(),
        };
        let unknown = matches!(value, Some(Value::Unknown(_)));
        let repeated = match expr.kind {
            CKind::Def(slot) if !self.is_outcome(slot) => !self.first_use(slot),
            _ => false,
        };
        let children = if repeated {
            Vec::new()
        } else {
            self.children(expr, truth, unknown)
        };
        Node {
            kind: self.kind(expr),
            source: match expr.kind {
                // Its grounds are its children, each with its own source.
                CKind::Grounds(_) => String::from("any of:"),
                _ => one_line(self.sources.snippet(expr.span)),
            },
            span: expr.span,
            value: value.map(|v| self.shown(&v)),
            truth,
            blockers,
            children,
            repeated,
        }
    }

    fn kind(&self, expr: &CExpr) -> NodeKind {
        let program = self.program;
        match &expr.kind {
            CKind::Fact(slot) => {
                let fact = program.facts.get(*slot as usize);
                NodeKind::Fact {
                    path: fact.map(|f| f.path.clone()).unwrap_or_default(),
                    label: fact.map(|f| f.label.clone()).unwrap_or_default(),
                }
            }
            CKind::Param(slot) => {
                let param = program.params.get(*slot as usize);
                let (name, label) = param.map_or_else(Default::default, |p| {
                    let label = p.versions.at(self.texts).map(|b| b.label.clone());
                    (p.name.clone(), label.unwrap_or_default())
                });
                let origin = self.origin(*slot);
                NodeKind::Param {
                    name,
                    label,
                    origin,
                }
            }
            CKind::Def(slot) => {
                let def = program.defs.get(*slot as usize);
                let (name, label) = def.map_or_else(Default::default, |d| {
                    let label = d.labels.at(self.texts).cloned();
                    (d.name.clone(), label.unwrap_or_default())
                });
                if self.is_outcome(*slot) {
                    NodeKind::Outcome { name, label }
                } else {
                    NodeKind::Def { name, label }
                }
            }
            CKind::Grounds(_) => NodeKind::AnyOf,
            CKind::And(..) => NodeKind::And,
            CKind::Or(..) => NodeKind::Or,
            CKind::Not(_) => NodeKind::Not,
            CKind::If(..) => NodeKind::If,
            CKind::Quantifier { .. } => NodeKind::Quantifier,
            CKind::Compare(..)
            | CKind::In { .. }
            | CKind::Subset(..)
            | CKind::Meets(..)
            | CKind::IsSet { .. }
            | CKind::IsEmpty { .. } => NodeKind::Test,
            CKind::Const(_) => NodeKind::Constant,
            _ => NodeKind::Compute,
        }
    }

    fn children(&mut self, expr: &CExpr, truth: Option<Truth>, unknown: bool) -> Vec<Node> {
        match &expr.kind {
            // An outcome is explained on its own, with its cases.
            CKind::Def(slot) if self.is_outcome(*slot) => Vec::new(),
            CKind::Grounds(grounds) => self.grounds(grounds, truth),
            CKind::Def(slot) => {
                let program = self.program;
                let body = program
                    .defs
                    .get(*slot as usize)
                    .and_then(|d| d.versions.at(self.texts));
                body.map(|b| vec![self.node(b)]).unwrap_or_default()
            }
            CKind::And(..) => self.connective(expr, false, truth),
            CKind::Or(..) => self.connective(expr, true, truth),
            CKind::Not(x) | CKind::Neg(x) | CKind::Count(x) => self.operands(&[x], unknown),
            CKind::IsSet { operand, .. } | CKind::IsEmpty { operand, .. } => {
                self.operands(&[operand], unknown)
            }
            CKind::Compare(_, l, r)
            | CKind::Arith(_, l, r)
            | CKind::SetOp(_, l, r)
            | CKind::Subset(l, r)
            | CKind::Meets(l, r) => self.operands(&[l, r], unknown),
            CKind::In { element, set, .. } => self.operands(&[element, set], unknown),
            CKind::Quantifier { set, .. } => self.operands(&[set], unknown),
            CKind::SetLiteral(items) | CKind::Call(_, items) => {
                let items: Vec<&CExpr> = items.iter().collect();
                self.operands(&items, unknown)
            }
            CKind::If(cond, then, otherwise) => {
                let condition = self.node(cond);
                let taken: Vec<&CExpr> = match condition.truth {
                    _ if self.all => vec![then, otherwise],
                    Some(Truth::True) => vec![then],
                    Some(Truth::False) => vec![otherwise],
                    _ => vec![then, otherwise],
                };
                let mut out = vec![condition];
                out.extend(self.operands(&taken, false));
                out
            }
            _ => Vec::new(),
        }
    }

    /// Whether a definition is an outcome.
    fn is_outcome(&self, slot: u32) -> bool {
        let def = self.program.defs.get(slot as usize);
        def.is_some_and(|d| d.outcome.is_some())
    }

    /// The labelled grounds worth showing: those that hold when one does (every ground is
    /// evaluated, so all of them are listed); the unknown ones when unknown; else all.
    fn grounds(&mut self, grounds: &[(u32, CExpr)], truth: Option<Truth>) -> Vec<Node> {
        let mut nodes: Vec<Node> = grounds
            .iter()
            .map(|(slot, condition)| self.ground(*slot, condition))
            .collect();
        if !self.all {
            match truth {
                Some(Truth::True) => nodes.retain(|n| n.truth == Some(Truth::True)),
                Some(Truth::Unknown) => nodes.retain(|n| n.truth == Some(Truth::Unknown)),
                _ => {}
            }
        }
        nodes
    }

    /// One labelled ground: its id, title and sources, its condition under it.
    fn ground(&mut self, slot: u32, condition: &CExpr) -> Node {
        let inner = self.node(condition);
        let program = self.program;
        let info = program.grounds.get(slot as usize);
        Node {
            kind: NodeKind::Ground {
                id: info.map(|g| g.id.clone()).unwrap_or_default(),
                title: info.map(|g| g.title.clone()).unwrap_or_default(),
                cites: info.map_or_else(Vec::new, |g| crate::eval::citations(program, &g.cites)),
            },
            source: inner.source.clone(),
            span: info.map_or(inner.span, |g| g.span),
            value: inner.value.clone(),
            truth: inner.truth,
            blockers: inner.blockers.clone(),
            children: vec![inner],
            repeated: false,
        }
    }

    /// The operands worth showing: not the constants; for an unknown value, only the
    /// unknown operands (every one with `--all`).
    fn operands(&mut self, operands: &[&CExpr], unknown: bool) -> Vec<Node> {
        let keep_all = self.all || !unknown;
        operands
            .iter()
            .filter(|e| !matches!(e.kind, CKind::Const(_) | CKind::Local(_)))
            .map(|e| self.node(e))
            .filter(|n| keep_all || n.value.as_ref().is_some_and(|v| v.unknown))
            .collect()
    }

    /// The operands of a chain of `and` (`or` when `is_or`) that decided its value: the
    /// first that alone decides; else the unknown ones; else all of them.
    fn connective(&mut self, expr: &CExpr, is_or: bool, truth: Option<Truth>) -> Vec<Node> {
        let mut operands = Vec::new();
        flatten(expr, is_or, &mut operands);
        let deciding = if is_or { Truth::True } else { Truth::False };
        if self.all {
            return operands.iter().map(|e| self.node(e)).collect();
        }
        let mut nodes = Vec::new();
        for operand in operands {
            let node = self.node(operand);
            if node.truth == Some(deciding) && truth == Some(deciding) {
                return vec![node];
            }
            nodes.push(node);
        }
        if truth == Some(Truth::Unknown) {
            nodes.retain(|n| n.truth == Some(Truth::Unknown));
        }
        nodes
    }

    fn shown(&self, value: &Value) -> Shown {
        let program = self.program;
        Shown {
            written: value_text(program, value, None),
            read: Localized::from_fn(program.output_langs(), |l| {
                value_text(program, value, Some(l))
            }),
            brief: Localized::from_fn(program.output_langs(), |l| {
                value_brief(program, value, Some(l), l)
            }),
            words: matches!(value, Value::Text(_) | Value::Enum { .. }),
            unknown: value.is_unknown(),
            not_set: matches!(value, Value::NotSet),
        }
    }

    /// Facts by slot, sorted by path.
    pub(super) fn fact_refs(&self, slots: &[u32]) -> Vec<FactRef> {
        let mut refs: Vec<FactRef> = slots
            .iter()
            .filter_map(|slot| self.program.facts.get(*slot as usize))
            .map(|f| FactRef {
                path: f.path.clone(),
                label: f.label.clone(),
            })
            .collect();
        refs.sort_by(|a, b| a.path.cmp(&b.path));
        refs.dedup_by(|a, b| a.path == b.path);
        refs
    }
}

/// The operands of a chain of the same connective, in order.
fn flatten<'e>(expr: &'e CExpr, is_or: bool, out: &mut Vec<&'e CExpr>) {
    match &expr.kind {
        CKind::Or(l, r) if is_or => {
            flatten(l, is_or, out);
            flatten(r, is_or, out);
        }
        CKind::And(l, r) if !is_or => {
            flatten(l, is_or, out);
            flatten(r, is_or, out);
        }
        _ => out.push(expr),
    }
}

/// A boolean's truth as a condition reads it: not set does not hold.
pub(super) fn truth_of(value: &Value, ty: &Type) -> Option<Truth> {
    match value {
        Value::Bool(true) => Some(Truth::True),
        Value::Bool(false) => Some(Truth::False),
        Value::Unknown(_) if *ty.required() == Type::Bool => Some(Truth::Unknown),
        Value::NotSet if *ty.required() == Type::Bool => Some(Truth::False),
        _ => None,
    }
}

/// Source text on one line: runs of white space (line breaks, indentation) become one
/// space, and brackets around the whole are dropped (the tree shows the grouping).
fn one_line(text: &str) -> String {
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    while let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        if !balanced(inner) {
            break;
        }
        text = inner.trim().to_string();
    }
    text
}

/// Whether brackets never close more than they opened (`(a) and (b)` is not one group).
fn balanced(text: &str) -> bool {
    let mut depth = 0usize;
    let mut in_text = false;
    for c in text.chars() {
        match c {
            '"' => in_text = !in_text,
            '(' if !in_text => depth += 1,
            ')' if !in_text => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}
