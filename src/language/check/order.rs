//! The order rules are decided in: a rule that reads another's verdict (`verdict(R)`, directly
//! or through definitions and outcomes) comes after it. A cycle is an error that prints it; so
//! is a scope that reads a verdict (the scope is decided before any rule).

use std::collections::HashSet;

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::language::program::{CExpr, CKind, MessageSegment, Program, Snapshot};
use crate::source::Span;

const CODE: &str = "doctrine::check::cycle";

/// The rules an expression reads the verdict of, through the definitions and outcomes in
/// force, each definition's answer kept in `memo`.
struct Reader<'p> {
    program: &'p Program,
    snapshot: &'p Snapshot,
    texts: usize,
    memo: Vec<Option<Vec<(u32, Span)>>>,
    visiting: Vec<bool>,
}

impl Reader<'_> {
    fn expr(&mut self, expr: &CExpr, out: &mut Vec<(u32, Span)>) {
        match &expr.kind {
            CKind::Verdict(rule) => out.push((*rule, expr.span)),
            CKind::Def(def) => {
                for (rule, _) in self.def(*def) {
                    out.push((rule, expr.span));
                }
            }
            _ => {}
        }
        expr.any_operand(|operand| {
            self.expr(operand, out);
            false
        });
    }

    fn def(&mut self, def: u32) -> Vec<(u32, Span)> {
        let slot = def as usize;
        if let Some(Some(known)) = self.memo.get(slot) {
            return known.clone();
        }
        // A cycle of definitions is reported elsewhere.
        if self.visiting.get(slot).copied().unwrap_or(true) {
            return Vec::new();
        }
        if let Some(visiting) = self.visiting.get_mut(slot) {
            *visiting = true;
        }
        let mut out = Vec::new();
        let program = self.program;
        if let Some(body) = program
            .defs
            .get(slot)
            .and_then(|d| d.versions.at(self.texts))
        {
            self.expr(body, &mut out);
        }
        // An outcome's exceptions are part of what it reads.
        let snapshot = self.snapshot;
        for expr in outcome_exception_exprs(program, snapshot, def, self.texts) {
            self.expr(expr, &mut out);
        }
        if let Some(entry) = self.memo.get_mut(slot) {
            *entry = Some(out.clone());
        }
        out
    }
}

fn messages<'m>(
    list: impl IntoIterator<Item = &'m crate::language::program::Message>,
) -> Vec<&'m CExpr> {
    list.into_iter()
        .flat_map(|m| m.parts.iter().flat_map(|(_, segments)| segments))
        .filter_map(|s| match s {
            MessageSegment::Expr(e) => Some(e),
            MessageSegment::Text(_) => None,
        })
        .collect()
}

impl Checker<'_> {
    /// Orders the rules in force with the first `texts` texts, into `snapshot.rule_order`.
    pub(super) fn order_rules(
        &mut self,
        program: &Program,
        texts: usize,
        snapshot: &mut Snapshot,
        reported: &mut HashSet<Span>,
    ) {
        // The walks below recurse along chains of definitions: too long a chain is refused
        // first, and the rules keep their declaration order.
        if !self.check_chain_depth(program, texts, snapshot, reported) {
            snapshot.rule_order = (0..program.rules.len())
                .map(|r| u32::try_from(r).unwrap_or(u32::MAX))
                .collect();
            return;
        }
        let mut reader = Reader {
            program,
            snapshot,
            texts,
            memo: vec![None; program.defs.len()],
            visiting: vec![false; program.defs.len()],
        };
        if let Some(scope) = program.scope.at(texts) {
            let mut read = Vec::new();
            reader.expr(scope, &mut read);
            if let Some((_, span)) = read.first()
                && reported.insert(*span)
            {
                self.diagnostics.push(
                    Diagnostic::error(CODE, "the scope cannot read a rule's verdict")
                        .with_label(*span, "read here")
                        .with_help("the scope is decided before any rule: move the condition into the rules"),
                );
            }
        }
        let reads: Vec<Vec<(u32, Span)>> = (0..program.rules.len())
            .map(|rule| rule_reads(&mut reader, snapshot, rule))
            .collect();
        // Depth-first: each rule after the rules it reads, else in declaration order.
        let mut state = vec![0u8; program.rules.len()];
        let mut order = Vec::new();
        for start in 0..program.rules.len() {
            let mut path: Vec<usize> = Vec::new();
            self.visit(
                program, &reads, start, &mut state, &mut path, &mut order, reported,
            );
        }
        snapshot.rule_order = order;
        self.check_outcome_exceptions(program, texts, snapshot, reported);
    }

    /// Refuses definitions and outcomes that read one another in a chain longer than
    /// [`MAX_DEFINITION_CHAIN`](crate::limits::MAX_DEFINITION_CHAIN): evaluating a link
    /// evaluates the next one inside it.
    fn check_chain_depth(
        &mut self,
        program: &Program,
        texts: usize,
        snapshot: &Snapshot,
        reported: &mut HashSet<Span>,
    ) -> bool {
        let count = program.defs.len();
        let direct: Vec<Vec<u32>> = (0..count)
            .map(|def| {
                let slot = u32::try_from(def).unwrap_or(u32::MAX);
                let mut out = Vec::new();
                let body = program.defs.get(def).and_then(|d| d.versions.at(texts));
                let exprs = outcome_exception_exprs(program, snapshot, slot, texts);
                for expr in body.into_iter().chain(exprs) {
                    defs_read(expr, &mut out);
                }
                out
            })
            .collect();
        // Longest chain below each definition, by an iterative depth-first walk (a cycle is
        // reported elsewhere and ends the walk).
        let mut depth = vec![0usize; count];
        let mut state = vec![0u8; count];
        for start in 0..count {
            if state.get(start) != Some(&0) {
                continue;
            }
            if let Some(s) = state.get_mut(start) {
                *s = 1;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some((node, next)) = stack.last().copied() {
                let children = direct.get(node).map_or(&[][..], Vec::as_slice);
                if let Some(&child) = children.get(next) {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    let child = child as usize;
                    if state.get(child) == Some(&0) {
                        if let Some(s) = state.get_mut(child) {
                            *s = 1;
                        }
                        stack.push((child, 0));
                    }
                    continue;
                }
                let below = children
                    .iter()
                    .filter(|c| state.get(**c as usize) == Some(&2))
                    .filter_map(|c| depth.get(*c as usize))
                    .max()
                    .copied()
                    .unwrap_or(0);
                if let Some(d) = depth.get_mut(node) {
                    *d = below + 1;
                }
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                stack.pop();
            }
        }
        let limit = crate::limits::MAX_DEFINITION_CHAIN;
        let deepest = depth.iter().enumerate().max_by_key(|(_, d)| **d);
        let Some((def, &d)) = deepest.filter(|(_, d)| **d > limit) else {
            return true;
        };
        if let Some(info) = program.defs.get(def)
            && reported.insert(info.span)
        {
            self.diagnostics.push(
                Diagnostic::error(
                    "doctrine::check::too_deep",
                    format!("definitions and outcomes read one another more than {limit} deep"),
                )
                .with_label(
                    info.span,
                    format!("`{}` starts a chain {d} long", info.name),
                )
                .with_help("read the facts the chain starts from directly, or shorten the chain"),
            );
        }
        false
    }

    /// Refuses an exception to an outcome that reads that outcome, directly or through
    /// definitions and other outcomes: its value would depend on itself.
    fn check_outcome_exceptions(
        &mut self,
        program: &Program,
        texts: usize,
        snapshot: &Snapshot,
        reported: &mut HashSet<Span>,
    ) {
        for (outcome, info) in program.outcomes() {
            let exceptions = snapshot
                .outcome_children
                .get(outcome as usize)
                .map_or(&[][..], Vec::as_slice);
            let Some(&first) = exceptions.first() else {
                continue;
            };
            let mut seen = vec![false; program.defs.len()];
            let walk = Walk {
                program,
                snapshot,
                texts,
                target: outcome,
            };
            let closes = outcome_exception_exprs(program, snapshot, outcome, texts)
                .into_iter()
                .find_map(|expr| walk.reads(expr, &mut seen));
            let Some(span) = closes else {
                continue;
            };
            if !reported.insert(span) {
                continue;
            }
            let exception = program
                .exceptions
                .get(first as usize)
                .map_or("?", |e| e.id.as_str());
            self.diagnostics.push(
                Diagnostic::error(
                    CODE,
                    format!("an exception to the outcome `{}` reads `{}` itself", info.name, info.name),
                )
                .with_label(span, "read here")
                .with_help(format!(
                    "the outcome's value would depend on itself: decide `{exception}` (and the exceptions to `{}`) without it",
                    info.name
                )),
            );
        }
    }

    #[allow(clippy::too_many_arguments, reason = "one walk's state, kept together")]
    fn visit(
        &mut self,
        program: &Program,
        reads: &[Vec<(u32, Span)>],
        rule: usize,
        state: &mut [u8],
        path: &mut Vec<usize>,
        order: &mut Vec<u32>,
        reported: &mut HashSet<Span>,
    ) {
        match state.get(rule) {
            Some(0) => {}
            Some(1) => {
                self.report_cycle(program, reads, path, rule, reported);
                return;
            }
            _ => return,
        }
        if let Some(s) = state.get_mut(rule) {
            *s = 1;
        }
        path.push(rule);
        for (read, _) in reads.get(rule).map_or(&[][..], Vec::as_slice) {
            self.visit(program, reads, *read as usize, state, path, order, reported);
        }
        path.pop();
        if let Some(s) = state.get_mut(rule) {
            *s = 2;
        }
        order.push(u32::try_from(rule).unwrap_or(u32::MAX));
    }

    fn report_cycle(
        &mut self,
        program: &Program,
        reads: &[Vec<(u32, Span)>],
        path: &[usize],
        back_to: usize,
        reported: &mut HashSet<Span>,
    ) {
        let from = path.iter().position(|r| *r == back_to).unwrap_or(0);
        let cycle: Vec<usize> = path.get(from..).unwrap_or(&[]).to_vec();
        let name = |r: usize| program.rules.get(r).map_or("?", |r| r.id.as_str());
        let mut names: Vec<&str> = cycle.iter().map(|r| name(*r)).collect();
        names.push(name(back_to));
        let mut diagnostic = Diagnostic::error(
            CODE,
            format!(
                "rules read each other's verdicts in a cycle: {}",
                names.join(" → ")
            ),
        );
        let mut first = None;
        for (index, rule) in cycle.iter().enumerate() {
            let next = cycle.get(index + 1).copied().unwrap_or(back_to);
            let span = reads
                .get(*rule)
                .and_then(|list| list.iter().find(|(r, _)| *r as usize == next))
                .map(|(_, span)| *span);
            if let Some(span) = span {
                first = first.or(Some(span));
                diagnostic = diagnostic.with_label(
                    span,
                    format!("`{}` reads the verdict of `{}`", name(*rule), name(next)),
                );
            }
        }
        if first.is_some_and(|span| reported.insert(span)) {
            self.diagnostics.push(diagnostic.with_help(
                "a rule's verdict cannot depend on itself: decide one of them without the other",
            ));
        }
    }
}

/// The definitions (and outcomes) an expression reads directly.
fn defs_read(expr: &CExpr, out: &mut Vec<u32>) {
    if let CKind::Def(def) = expr.kind {
        out.push(def);
    }
    expr.any_operand(|operand| {
        defs_read(operand, out);
        false
    });
}

/// A search for one definition through expressions, definitions and outcomes' exceptions.
struct Walk<'p> {
    program: &'p Program,
    snapshot: &'p Snapshot,
    texts: usize,
    target: u32,
}

impl Walk<'_> {
    /// Where `expr` reads the target, directly or through what it reads.
    fn reads(&self, expr: &CExpr, seen: &mut [bool]) -> Option<Span> {
        if let CKind::Def(def) = expr.kind {
            if def == self.target {
                return Some(expr.span);
            }
            if let Some(flag) = seen.get_mut(def as usize)
                && !*flag
            {
                *flag = true;
                let body = self
                    .program
                    .defs
                    .get(def as usize)
                    .and_then(|d| d.versions.at(self.texts));
                let more = outcome_exception_exprs(self.program, self.snapshot, def, self.texts);
                if body
                    .into_iter()
                    .chain(more)
                    .any(|e| self.reads(e, seen).is_some())
                {
                    return Some(expr.span);
                }
            }
        }
        let mut found = None;
        expr.any_operand(|operand| {
            found = self.reads(operand, seen);
            found.is_some()
        });
        found
    }
}

/// The expressions of the exceptions under an outcome, and under them: conditions, values
/// and messages.
fn outcome_exception_exprs<'p>(
    program: &'p Program,
    snapshot: &'p Snapshot,
    def: u32,
    texts: usize,
) -> Vec<&'p CExpr> {
    let roots = snapshot
        .outcome_children
        .get(def as usize)
        .map_or(&[][..], Vec::as_slice);
    exception_exprs(program, snapshot, texts, roots)
}

/// The expressions of the exceptions `roots` and of every exception under them:
/// conditions, last days, values and messages.
fn exception_exprs<'p>(
    program: &'p Program,
    snapshot: &Snapshot,
    texts: usize,
    roots: &[u32],
) -> Vec<&'p CExpr> {
    let mut exprs = Vec::new();
    let mut pending: Vec<u32> = roots.to_vec();
    let mut seen: Vec<u32> = Vec::new();
    while let Some(exception) = pending.pop() {
        if seen.contains(&exception) {
            continue;
        }
        seen.push(exception);
        let Some(body) = program
            .exceptions
            .get(exception as usize)
            .and_then(|e| e.versions.at(texts))
        else {
            continue;
        };
        exprs.push(&body.when);
        exprs.extend(&body.until);
        exprs.extend(&body.value);
        exprs.extend(messages(body.message.iter().chain(&body.expired)));
        if let Some(children) = snapshot.exception_children.get(exception as usize) {
            pending.extend(children);
        }
    }
    exprs
}

/// The rules a rule reads the verdict of: in its conditions and messages, and in those of
/// every exception under it.
fn rule_reads(reader: &mut Reader<'_>, snapshot: &Snapshot, rule: usize) -> Vec<(u32, Span)> {
    let program = reader.program;
    let mut out = Vec::new();
    let Some(body) = program
        .rules
        .get(rule)
        .and_then(|r| r.versions.at(reader.texts))
    else {
        return out;
    };
    let mut exprs: Vec<&CExpr> = body.applies.iter().chain([&body.requires]).collect();
    exprs.extend(messages(body.message.iter().chain(&body.satisfied)));
    let roots = snapshot
        .rule_children
        .get(rule)
        .map_or(&[][..], Vec::as_slice);
    exprs.extend(exception_exprs(program, snapshot, reader.texts, roots));
    for expr in exprs {
        reader.expr(expr, &mut out);
    }
    out
}
