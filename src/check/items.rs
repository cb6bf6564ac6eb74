//! The bodies of parameters, definitions, the scope, rules, exceptions, advice and notes.

use super::expr::Scope;
use super::{Checker, DefState, ItemRef};
use crate::ast::{self, ItemKind};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::program::{
    CExpr, DefInfo, ExceptionBody, ExceptionInfo, ParamBody, ParamInfo, RemarkBody, RemarkInfo,
    RuleBody, RuleInfo, Target, Versioned,
};
use crate::types::Type;
use crate::value::Value;

const CODE: &str = "doctrine::check";

impl Checker<'_> {
    /// Checks a constant expression of type `ty` and computes it.
    pub(crate) fn constant(&mut self, expr: &ast::Expr, ty: &Type) -> Option<Value> {
        let checked = self.expect(expr, ty, &mut Scope::constant())?;
        match crate::eval::constant(&checked) {
            Ok(value) => Some(coerce(value, ty)),
            Err(error) => {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("cannot compute this value: {}", error.message),
                    )
                    .with_label(expr.span, "here"),
                );
                None
            }
        }
    }

    /// The verdict a name stands for.
    fn verdict(&mut self, name: &ast::Ident) -> Option<u32> {
        let members = &self.vocabularies.first()?.members;
        match members.iter().position(|m| m.name == name.name) {
            Some(index) => u32::try_from(index).ok(),
            None => {
                let help = did_you_mean(&name.name, members.iter().map(|m| m.name.as_str()));
                self.error(
                    Diagnostic::error(CODE, format!("unknown verdict `{}`", name.name))
                        .with_label(name.span, "not in the verdict scale")
                        .with_optional_help(help),
                );
                None
            }
        }
    }

    pub(super) fn check_params(&mut self) -> Vec<ParamInfo> {
        let mut out = Vec::new();
        for index in 0..self.params.len() {
            let Some(pending) = self.params.get(index) else {
                continue;
            };
            let (name, span, versions) =
                (pending.name.clone(), pending.span, pending.versions.clone());
            let declared = versions.first().and_then(|(_, d)| *d);
            let Some(ty) = declared.and_then(|d| self.resolve_type(&d.ty)) else {
                continue;
            };
            if let Some(slot) = self.param_types.get_mut(index) {
                *slot = Some(ty.clone());
            }
            let mut bodies = Versioned::default();
            for (text, decl) in versions {
                let Some(decl) = decl else {
                    bodies.versions.push((text, None));
                    continue;
                };
                let own = self.resolve_type(&decl.ty).unwrap_or_else(|| ty.clone());
                if own != ty {
                    self.error(
                        Diagnostic::error(
                            CODE,
                            format!("this replacement changes the type of the parameter `{name}`"),
                        )
                        .with_label(decl.ty.span, "a different type")
                        .with_label(span, "declared here first")
                        .with_help("a replacement keeps the parameter's type"),
                    );
                }
                let initial = self.constant(&decl.value, &own);
                let mut steps = Vec::new();
                let mut previous: Option<jiff::civil::Date> = None;
                for (date, value) in &decl.steps {
                    if previous.is_some_and(|p| p >= date.date) {
                        self.error(
                            Diagnostic::error(CODE, "dated steps must be in increasing date order")
                                .with_label(date.span, "not after the previous step"),
                        );
                    }
                    previous = Some(date.date);
                    if let Some(value) = self.constant(value, &own) {
                        steps.push((date.date, value));
                    }
                }
                let label = decl
                    .label
                    .as_ref()
                    .map(|l| self.plain_label(l))
                    .unwrap_or_default();
                let cites = self.citations(&decl.cites);
                if let Some(initial) = initial {
                    bodies.versions.push((
                        text,
                        Some(ParamBody {
                            initial,
                            steps,
                            label,
                            cites,
                            span: decl.name.span,
                        }),
                    ));
                }
            }
            out.push(ParamInfo {
                name,
                ty,
                span,
                versions: bodies,
            });
        }
        out
    }

    /// Checks one version of a definition and stores its body.
    pub(super) fn check_def_version(&mut self, def: u32, version: usize) {
        let Some(pending) = self.defs.get(def as usize) else {
            return;
        };
        let Some(&(text, decl)) = pending.versions.get(version) else {
            return;
        };
        let Some(decl) = decl else { return };
        if version == 0
            && let Some(state) = self.def_states.get_mut(def as usize)
        {
            *state = DefState::InProgress;
        }
        let saved = self.current.replace((ItemRef::Def(def), text));
        let declared = decl.ty.as_ref().and_then(|t| self.resolve_type(t));
        let mut scope = Scope::default();
        let body = match &declared {
            Some(ty) => self.expect(&decl.value, ty, &mut scope),
            None => self.expr(&decl.value, None, &mut scope),
        };
        self.current = saved;
        let ty = declared.or_else(|| body.as_ref().map(|b| b.ty.clone()));
        if version == 0 {
            if let Some(state) = self.def_states.get_mut(def as usize) {
                *state = DefState::Done(ty);
            }
        } else if let (Some(body), Some(DefState::Done(Some(first)))) =
            (&body, self.def_states.get(def as usize))
            && !body.ty.fits(first)
        {
            let first = first.clone();
            let name = self
                .defs
                .get(def as usize)
                .map(|d| d.name.clone())
                .unwrap_or_default();
            let names: Vec<String> = self.vocabularies.iter().map(|v| v.name.clone()).collect();
            self.error(
                Diagnostic::error(
                    CODE,
                    format!("this replacement changes the type of `{name}`"),
                )
                .with_label(
                    decl.value.span,
                    format!("this is `{}`", body.ty.display(&names)),
                )
                .with_help(format!(
                    "`{name}` is `{}` in the text it amends",
                    first.display(&names)
                )),
            );
        }
        while self.def_bodies.len() <= def as usize {
            self.def_bodies.push(Vec::new());
        }
        if let Some(bodies) = self.def_bodies.get_mut(def as usize) {
            while bodies.len() <= version {
                bodies.push(None);
            }
            if let Some(slot) = bodies.get_mut(version) {
                *slot = body;
            }
        }
    }

    pub(super) fn check_defs(&mut self) -> Vec<DefInfo> {
        for def in 0..self.defs.len() {
            let def = u32::try_from(def).unwrap_or(u32::MAX);
            if matches!(self.def_states.get(def as usize), Some(DefState::Unchecked)) {
                self.check_def_version(def, 0);
            }
            let count = self.defs.get(def as usize).map_or(0, |d| d.versions.len());
            for version in 1..count {
                self.check_def_version(def, version);
            }
        }
        let mut out = Vec::new();
        for (index, pending) in self.defs.iter().enumerate() {
            let Some(DefState::Done(Some(ty))) = self.def_states.get(index) else {
                continue;
            };
            let bodies = self.def_bodies.get(index);
            let mut versions = Versioned::default();
            for (version, (text, decl)) in pending.versions.iter().enumerate() {
                let body = bodies.and_then(|b| b.get(version)).cloned().flatten();
                match (decl, body) {
                    (None, _) => versions.versions.push((*text, None)),
                    (Some(_), Some(body)) => versions.versions.push((*text, Some(body))),
                    (Some(_), None) => {}
                }
            }
            out.push(DefInfo {
                name: pending.name.clone(),
                ty: ty.clone(),
                span: pending.span,
                versions,
            });
        }
        out
    }

    pub(super) fn check_scope(&mut self) -> Versioned<CExpr> {
        let mut out = Versioned::default();
        for (text, expr) in self.scopes.clone() {
            self.current = Some((ItemRef::Scope, text));
            if let Some(checked) = self.expect(expr, &Type::Bool, &mut Scope::default()) {
                out.versions.push((text, Some(checked)));
            }
        }
        self.current = None;
        out
    }

    fn condition(&mut self, expr: &ast::Expr, scope: &mut Scope) -> Option<CExpr> {
        self.expect(expr, &Type::Bool, scope)
    }

    pub(super) fn check_rules(&mut self) -> Vec<RuleInfo> {
        let mut out = Vec::new();
        for index in 0..self.rules.len() {
            let Some(pending) = self.rules.get(index) else {
                continue;
            };
            let (id, span, versions) =
                (pending.name.clone(), pending.span, pending.versions.clone());
            let slot = u32::try_from(index).unwrap_or(u32::MAX);
            let mut bodies = Versioned::default();
            for (text, decl) in versions {
                self.current = Some((ItemRef::Rule(slot), text));
                let Some(decl) = decl else {
                    bodies.versions.push((text, None));
                    continue;
                };
                let mut scope = Scope::default();
                let applies = decl.applies.as_ref().map(|a| self.condition(a, &mut scope));
                let requires = self.condition(&decl.requires, &mut scope);
                let violation = self.verdict(&decl.otherwise);
                let title = decl
                    .title
                    .as_ref()
                    .map(|l| self.plain_label(l))
                    .unwrap_or_default();
                let cites = self.citations(&decl.cites);
                let message = decl.message.as_ref().map(|m| self.message(m, &mut scope));
                let satisfied = decl.satisfied.as_ref().map(|m| self.message(m, &mut scope));
                let applies = match applies {
                    Some(None) => continue,
                    Some(Some(a)) => Some(a),
                    None => None,
                };
                if let (Some(requires), Some(violation)) = (requires, violation) {
                    bodies.versions.push((
                        text,
                        Some(RuleBody {
                            title,
                            cites,
                            applies,
                            requires,
                            violation,
                            message,
                            satisfied,
                        }),
                    ));
                }
            }
            out.push(RuleInfo {
                id,
                span,
                versions: bodies,
            });
        }
        self.current = None;
        out
    }

    pub(super) fn check_exceptions(&mut self) -> Vec<ExceptionInfo> {
        let mut out = Vec::new();
        for index in 0..self.exceptions.len() {
            let Some(pending) = self.exceptions.get(index) else {
                continue;
            };
            let (id, span, versions) =
                (pending.name.clone(), pending.span, pending.versions.clone());
            let slot = u32::try_from(index).unwrap_or(u32::MAX);
            let mut bodies = Versioned::default();
            for (text, decl) in versions {
                self.current = Some((ItemRef::Exception(slot), text));
                let Some(decl) = decl else {
                    bodies.versions.push((text, None));
                    continue;
                };
                let target = self.exception_target(&decl.target);
                let mut scope = Scope::default();
                let when = self.condition(&decl.when, &mut scope);
                let gives = self.verdict(&decl.gives);
                let until = decl
                    .until
                    .as_ref()
                    .map(|u| self.expect(u, &Type::Optional(Box::new(Type::Date)), &mut scope));
                let title = decl
                    .title
                    .as_ref()
                    .map(|l| self.plain_label(l))
                    .unwrap_or_default();
                let cites = self.citations(&decl.cites);
                let message = decl.message.as_ref().map(|m| self.message(m, &mut scope));
                let expired = decl.expired.as_ref().map(|m| self.message(m, &mut scope));
                let until = match until {
                    Some(None) => continue,
                    Some(Some(u)) => Some(u),
                    None => None,
                };
                if let (Some(target), Some(when), Some(gives)) = (target, when, gives) {
                    bodies.versions.push((
                        text,
                        Some(ExceptionBody {
                            target,
                            title,
                            cites,
                            when,
                            gives,
                            until,
                            message,
                            expired,
                        }),
                    ));
                }
            }
            out.push(ExceptionInfo {
                id,
                span,
                versions: bodies,
            });
        }
        self.current = None;
        out
    }

    fn exception_target(&mut self, target: &ast::Ident) -> Option<Target> {
        if let Some(ItemRef::Rule(rule)) = self.item_ref(ItemKind::Rule, &target.name) {
            self.record(ItemRef::Rule(rule), target.span);
            return Some(Target::Rule(rule));
        }
        if let Some(ItemRef::Exception(exception)) =
            self.item_ref(ItemKind::Exception, &target.name)
        {
            self.record(ItemRef::Exception(exception), target.span);
            return Some(Target::Exception(exception));
        }
        let candidates: Vec<String> = self
            .rules
            .iter()
            .map(|p| p.name.clone())
            .chain(self.exceptions.iter().map(|p| p.name.clone()))
            .collect();
        let help = did_you_mean(&target.name, candidates.iter().map(String::as_str));
        self.error(
            Diagnostic::error(
                "doctrine::check::unknown_name",
                format!("no rule or exception `{}`", target.name),
            )
            .with_label(
                target.span,
                "an exception must be an exception to a rule or to another exception",
            )
            .with_optional_help(help),
        );
        None
    }

    pub(super) fn check_remarks(&mut self) -> Vec<RemarkInfo> {
        let mut out = Vec::new();
        for index in 0..self.remarks.len() {
            let Some(pending) = self.remarks.get(index) else {
                continue;
            };
            let (id, span, versions) =
                (pending.name.clone(), pending.span, pending.versions.clone());
            let slot = u32::try_from(index).unwrap_or(u32::MAX);
            let Some(kind) = versions.iter().find_map(|(_, d)| d.map(|d| d.kind)) else {
                continue;
            };
            let mut bodies = Versioned::default();
            for (text, decl) in versions {
                self.current = Some((ItemRef::Remark(slot), text));
                let Some(decl) = decl else {
                    bodies.versions.push((text, None));
                    continue;
                };
                let mut scope = Scope {
                    allow_verdict: true,
                    ..Scope::default()
                };
                let when = self.condition(&decl.when, &mut scope);
                let title = decl
                    .title
                    .as_ref()
                    .map(|l| self.plain_label(l))
                    .unwrap_or_default();
                let cites = self.citations(&decl.cites);
                let message = self.message(&decl.message, &mut scope);
                if let Some(when) = when {
                    bodies.versions.push((
                        text,
                        Some(RemarkBody {
                            outside_scope: decl.outside_scope,
                            title,
                            cites,
                            when,
                            message,
                        }),
                    ));
                }
            }
            out.push(RemarkInfo {
                id,
                kind,
                span,
                versions: bodies,
            });
        }
        self.current = None;
        out
    }
}

/// Widens integers to decimals where the type says decimal, inside sets too.
pub(crate) fn coerce(value: Value, ty: &Type) -> Value {
    match (value, ty.required()) {
        (Value::Integer(i), Type::Decimal) => Value::Decimal(rust_decimal::Decimal::from(i)),
        (Value::Set(items), Type::Set(inner)) => {
            Value::set_of(items.iter().cloned().map(|v| coerce(v, inner)).collect())
        }
        (value, _) => value,
    }
}
