//! The bodies of parameters, definitions, the scope, rules, exceptions, advice and notes.

use super::expr::Scope;
use super::operators::narrowing;
use super::{Checker, DefState, ItemRef};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::language::ast::{self, ItemKind, RemarkKind};
use crate::language::program::{
    CExpr, DefInfo, ExceptionBody, ExceptionInfo, ParamBody, ParamInfo, ParamStep, RemarkBody,
    RemarkInfo, RuleBody, RuleInfo, Target, Versioned,
};
use crate::language::program::{Citation, Localized};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::Span;

const CODE: &str = "doctrine::check";

impl<'a> Checker<'a> {
    /// Checks a constant expression of type `ty` and computes it.
    pub(crate) fn constant(&mut self, expr: &ast::Expr, ty: &Type) -> Option<Value> {
        let checked = self.expect(expr, ty, &mut Scope::constant())?;
        match (self.constants)(&checked, &[]) {
            Ok(value) => Some(coerce(value, ty)),
            Err(error) => {
                self.error(
                    Diagnostic::error(CODE, format!("cannot compute this value: {error}"))
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
        self.declare_param_types();
        let mut out = Vec::new();
        for index in 0..self.params.len() {
            let Some(pending) = self.params.get(index) else {
                continue;
            };
            let (name, span, versions) =
                (pending.name.clone(), pending.span, pending.versions.clone());
            let declared = versions.first().and_then(|(_, d)| *d);
            let Some(ty) = declared.and_then(|d| self.resolve_type(&d.ty)) else {
                // Keeps the slot so that the others' stay right; the error is reported.
                out.push(ParamInfo {
                    name,
                    ty: Type::Bool,
                    range: None,
                    span,
                    versions: Versioned::default(),
                });
                continue;
            };
            if let Some(slot) = self.param_types.get_mut(index) {
                *slot = Some(ty.clone());
            }
            let range = declared.and_then(|d| self.resolve_range(d.range.as_ref(), &ty));
            let what = format!("the parameter `{name}`");
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
                // A version of another type is reported above; its values have no range.
                let bounds = range.as_ref().filter(|_| own == ty);
                if own == ty {
                    self.same_range(decl, declared, bounds, &own);
                }
                let mut written = Vec::new();
                let initial =
                    self.param_value(&decl.value, &own, None, (index, text), &mut written);
                if let Some(value) = initial.as_ref().filter(|v| **v != super::params::PENDING) {
                    self.check_in_range(bounds, value, decl.value.span, &what);
                }
                let initial_cites = self.citations(&decl.value_cites);
                let mut steps = Vec::new();
                let mut previous: Option<jiff::civil::Date> = None;
                for step in &decl.steps {
                    if previous.is_some_and(|p| p >= step.from.date) {
                        self.error(
                            Diagnostic::error(CODE, "dated steps must be in increasing date order")
                                .with_label(step.from.span, "not after the previous step"),
                        );
                    }
                    previous = Some(step.from.date);
                    let cites = self.citations(&step.cites);
                    let from = Some(step.from.date);
                    if let Some(value) =
                        self.param_value(&step.value, &own, from, (index, text), &mut written)
                    {
                        if value != super::params::PENDING {
                            self.check_in_range(bounds, &value, step.value.span, &what);
                        }
                        steps.push(ParamStep {
                            from: step.from.date,
                            value,
                            cites,
                        });
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
                            initial_cites,
                            steps,
                            label,
                            cites,
                            span: decl.name.span,
                            formula: Self::formula(written),
                        }),
                    ));
                }
            }
            out.push(ParamInfo {
                name,
                ty,
                range,
                span,
                versions: bodies,
            });
        }
        self.compute_params(&mut out);
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
        // An outcome stays an outcome, and a definition a definition, across versions.
        let first_is_outcome = pending
            .versions
            .iter()
            .find_map(|(_, d)| *d)
            .map(|d| d.outcome.is_some());
        if let Some(first) = first_is_outcome
            && first != decl.outcome.is_some()
        {
            let (was, now) = if first {
                ("an outcome", "a definition")
            } else {
                ("a definition", "an outcome")
            };
            self.error(
                Diagnostic::error(CODE, format!("this replacement turns {was} into {now}"))
                    .with_label(
                        decl.name.span,
                        format!("`{}` is {was} in the text it amends", decl.name.name),
                    )
                    .with_help(if first {
                        "write `replace outcome …`"
                    } else {
                        "write `replace def …`"
                    }),
            );
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
        let outcomes = self.outcome_cites();
        let mut outcomes = outcomes;
        let mut out = Vec::new();
        for (index, pending) in self.defs.iter().enumerate() {
            // A definition that did not check keeps its slot, with no version: its errors
            // are reported, and the slots of the others stay right.
            let ty = match self.def_states.get(index) {
                Some(DefState::Done(Some(ty))) => ty.clone(),
                _ => {
                    out.push(DefInfo {
                        name: pending.name.clone(),
                        ty: Type::Bool,
                        span: pending.span,
                        versions: Versioned::default(),
                        labels: Versioned::default(),
                        outcome: None,
                    });
                    continue;
                }
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
            let labels = Versioned {
                versions: pending
                    .versions
                    .iter()
                    .map(|(text, decl)| {
                        let label = decl.and_then(|d| d.label.as_ref());
                        (
                            *text,
                            decl.map(|_| label.map(|l| self.localized(l)).unwrap_or_default()),
                        )
                    })
                    .collect(),
            };
            let outcome = outcomes.get_mut(index).and_then(Option::take);
            out.push(DefInfo {
                name: pending.name.clone(),
                ty,
                span: pending.span,
                versions,
                labels,
                outcome,
            });
        }
        out
    }

    /// The sources of each outcome's versions (`None` for a plain definition).
    fn outcome_cites(&mut self) -> Vec<Option<Versioned<Vec<Citation>>>> {
        let written: Vec<Vec<(u32, Option<&'a ast::DefDecl>)>> =
            self.defs.iter().map(|p| p.versions.clone()).collect();
        written
            .into_iter()
            .map(|versions| {
                let is_outcome = versions
                    .iter()
                    .any(|(_, decl)| decl.is_some_and(|d| d.outcome.is_some()));
                is_outcome.then(|| Versioned {
                    versions: versions
                        .iter()
                        .map(|(text, decl)| {
                            let cites = decl.map(|d| d.outcome.as_deref().unwrap_or(&[]));
                            (*text, cites.map(|c| self.citations(c)))
                        })
                        .collect(),
                })
            })
            .collect()
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

    /// Checks every version of each pending item of one kind with `body`, recording the
    /// item's references while it is checked. A version that does not check is left out
    /// (its errors are reported).
    fn each_version<T: 'a, B>(
        &mut self,
        pending: Vec<(String, Span, PendingVersions<'a, T>)>,
        item: fn(u32) -> ItemRef,
        mut body: impl FnMut(&mut Self, &'a T) -> Option<B>,
    ) -> Vec<(String, Span, Versioned<B>)> {
        let mut out = Vec::new();
        for (index, (name, span, versions)) in pending.into_iter().enumerate() {
            let slot = u32::try_from(index).unwrap_or(u32::MAX);
            let mut bodies = Versioned::default();
            for (text, decl) in versions {
                self.current = Some((item(slot), text));
                match decl {
                    None => bodies.versions.push((text, None)),
                    Some(decl) => {
                        if let Some(checked) = body(self, decl) {
                            bodies.versions.push((text, Some(checked)));
                        }
                    }
                }
            }
            out.push((name, span, bodies));
        }
        self.current = None;
        out
    }

    fn title(&mut self, title: Option<&ast::Label>) -> Localized {
        title.map(|l| self.plain_label(l)).unwrap_or_default()
    }

    pub(super) fn check_rules(&mut self) -> Vec<RuleInfo> {
        let pending = self
            .rules
            .iter()
            .map(|p| (p.name.clone(), p.span, p.versions.clone()))
            .collect();
        self.each_version(pending, ItemRef::Rule, |this, decl: &ast::RuleDecl| {
            let mut scope = Scope::default();
            let applies = decl.applies.as_ref().map(|a| this.condition(a, &mut scope));
            // `requires` and the messages are read only where the rule may apply: the
            // optional facts its condition proves set are set there.
            if let Some(Some(applies)) = &applies {
                scope.narrowed.extend(narrowing(Some(applies), false));
            }
            let requires = this.condition(&decl.requires, &mut scope);
            let violation = this.verdict(&decl.otherwise);
            let title = this.title(decl.title.as_ref());
            let cites = this.citations(&decl.cites);
            let message = decl.message.as_ref().map(|m| this.message(m, &mut scope));
            let satisfied = decl.satisfied.as_ref().map(|m| this.message(m, &mut scope));
            let applies = match applies {
                Some(checked) => Some(checked?),
                None => None,
            };
            Some(RuleBody {
                title,
                cites,
                applies,
                requires: requires?,
                violation: violation?,
                message,
                satisfied,
            })
        })
        .into_iter()
        .map(|(id, span, versions)| RuleInfo { id, span, versions })
        .collect()
    }

    pub(super) fn check_exceptions(&mut self) -> Vec<ExceptionInfo> {
        let pending = self
            .exceptions
            .iter()
            .map(|p| (p.name.clone(), p.span, p.versions.clone()))
            .collect();
        self.each_version(
            pending,
            ItemRef::Exception,
            |this, decl: &ast::ExceptionDecl| {
                let targets: Vec<Option<Target>> = decl
                    .targets
                    .iter()
                    .map(|t| this.exception_target(t))
                    .collect();
                for (index, target) in decl.targets.iter().enumerate() {
                    let earlier = decl
                        .targets
                        .iter()
                        .take(index)
                        .find(|t| t.name == target.name);
                    if let Some(earlier) = earlier {
                        this.error(
                            Diagnostic::error(
                                CODE,
                                format!("`{}` is named twice after `to`", target.name),
                            )
                            .with_label(target.span, "named again here")
                            .with_label(earlier.span, "first named here"),
                        );
                    }
                }
                let mut scope = Scope::default();
                let when = this.condition(&decl.when, &mut scope);
                if let Some(when) = &when {
                    scope.narrowed.extend(narrowing(Some(when), false));
                }
                // What it gives: a verdict, or a value of the outcome it is (through the
                // exceptions it is an exception to) an exception to.
                let (gives, value) = match this.exception_outcome(decl) {
                    Some(Some(def)) => {
                        let ty = this.def_type(def, decl.value.span);
                        let value = ty.and_then(|ty| this.expect(&decl.value, &ty, &mut scope));
                        if let Some(until) = &decl.until {
                            this.error(
                                Diagnostic::error(
                                    CODE,
                                    "an exception to an outcome has no `until`",
                                )
                                .with_label(until.span, "a last day")
                                .with_help(
                                    "say when it holds in its `when`: `when … and today <= DATE`",
                                ),
                            );
                        }
                        (Some(0), value.map(Some))
                    }
                    Some(None) => (this.verdict(&decl.gives), Some(None)),
                    None => (None, None),
                };
                let optional_date = Type::Optional(Box::new(Type::Date));
                let until = decl
                    .until
                    .as_ref()
                    .map(|u| this.expect(u, &optional_date, &mut scope));
                let title = this.title(decl.title.as_ref());
                let cites = this.citations(&decl.cites);
                let message = decl.message.as_ref().map(|m| this.message(m, &mut scope));
                let expired = decl.expired.as_ref().map(|m| this.message(m, &mut scope));
                let until = match until {
                    Some(checked) => Some(checked?),
                    None => None,
                };
                Some(ExceptionBody {
                    targets: targets.into_iter().collect::<Option<Vec<_>>>()?,
                    title,
                    cites,
                    when: when?,
                    gives: gives?,
                    value: value?,
                    until,
                    message,
                    expired,
                })
            },
        )
        .into_iter()
        .map(|(id, span, versions)| ExceptionInfo { id, span, versions })
        .collect()
    }

    /// What an exception is, at the root of what it is an exception to: `Some(None)` a
    /// rule's, `Some(Some(def))` an outcome's; `None` when its targets mix them or lead
    /// nowhere (reported).
    fn exception_outcome(&mut self, decl: &ast::ExceptionDecl) -> Option<Option<u32>> {
        let mut roots: Vec<Option<u32>> = Vec::new();
        for target in &decl.targets {
            let mut name = target.name.clone();
            let mut seen: Vec<String> = Vec::new();
            let root = loop {
                if self.item_ref(ItemKind::Rule, &name).is_some() {
                    break Some(None);
                }
                if let Some(ItemRef::Def(def)) = self.item_ref(ItemKind::Def, &name) {
                    break self.is_outcome(def).then_some(Some(def));
                }
                let Some(ItemRef::Exception(e)) = self.item_ref(ItemKind::Exception, &name) else {
                    break None;
                };
                if seen.contains(&name) {
                    break None;
                }
                seen.push(name.clone());
                let first = self
                    .exceptions
                    .get(e as usize)
                    .and_then(|p| p.versions.iter().find_map(|(_, d)| *d))
                    .and_then(|d| d.targets.first());
                match first {
                    Some(parent) => name = parent.name.clone(),
                    None => break None,
                }
            };
            roots.push(root?);
        }
        let first = *roots.first()?;
        if roots.iter().any(|r| *r != first) {
            self.error(
                Diagnostic::error(
                    CODE,
                    "an exception is an exception to rules or to one outcome, not to both",
                )
                .with_label(decl.id.span, "its targets are of different kinds")
                .with_help("write one exception for the rules and one for the outcome"),
            );
            return None;
        }
        Some(first)
    }

    /// Whether a definition slot is an outcome's.
    fn is_outcome(&self, def: u32) -> bool {
        self.defs.get(def as usize).is_some_and(|p| {
            p.versions
                .iter()
                .any(|(_, d)| d.is_some_and(|d| d.outcome.is_some()))
        })
    }

    fn exception_target(&mut self, target: &ast::Ident) -> Option<Target> {
        if let Some(ItemRef::Rule(rule)) = self.item_ref(ItemKind::Rule, &target.name) {
            self.record(ItemRef::Rule(rule), target.span);
            return Some(Target::Rule(rule));
        }
        if let Some(ItemRef::Def(def)) = self.item_ref(ItemKind::Def, &target.name)
            && self.is_outcome(def)
        {
            self.record(ItemRef::Def(def), target.span);
            return Some(Target::Outcome(def));
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
                format!("no rule, outcome or exception `{}`", target.name),
            )
            .with_label(
                target.span,
                "an exception is an exception to a rule, an outcome or another exception",
            )
            .with_optional_help(help),
        );
        None
    }

    pub(super) fn check_remarks(&mut self) -> Vec<RemarkInfo> {
        let kinds: Vec<RemarkKind> = self
            .remarks
            .iter()
            .map(|p| {
                p.versions
                    .iter()
                    .find_map(|(_, d)| d.map(|d| d.kind))
                    .unwrap_or(RemarkKind::Advice)
            })
            .collect();
        let pending = self
            .remarks
            .iter()
            .map(|p| (p.name.clone(), p.span, p.versions.clone()))
            .collect();
        self.each_version(pending, ItemRef::Remark, |this, decl: &ast::RemarkDecl| {
            let mut scope = Scope::default();
            let when = this.condition(&decl.when, &mut scope);
            let title = this.title(decl.title.as_ref());
            let cites = this.citations(&decl.cites);
            let message = this.message(&decl.message, &mut scope);
            Some(RemarkBody {
                outside_scope: decl.outside_scope,
                title,
                cites,
                when: when?,
                message,
            })
        })
        .into_iter()
        .zip(kinds)
        .map(|((id, span, versions), kind)| RemarkInfo {
            id,
            kind,
            span,
            versions,
        })
        .collect()
    }
}

/// An item's versions as written, before checking.
type PendingVersions<'a, T> = Vec<(u32, Option<&'a T>)>;

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
