//! Expression checking: name resolution, types, and narrowing of optional facts.

use super::operators::{narrowing, unify};
use super::{Checker, DefState, ItemRef, Reference};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::language::ast::{Expr, ExprKind, ItemKind, UnaryOp};
use crate::language::program::{CExpr, CKind};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::Span;

const CODE: &str = "doctrine::check::type";

/// What an expression may refer to where it is written.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope {
    /// Quantifier variables: name, type, local slot.
    pub locals: Vec<(String, Type, u32)>,
    /// Optional facts known to be set here.
    pub narrowed: Vec<u32>,
    /// Whether only constants are allowed (parameter values, defaults).
    pub constant: bool,
    /// Whether parameters are allowed among constants (a parameter's value).
    pub params: bool,
}

impl Scope {
    /// A scope for constants.
    pub fn constant() -> Scope {
        Scope {
            constant: true,
            ..Scope::default()
        }
    }
}

impl Checker<'_> {
    pub(super) fn type_name(&self, ty: &Type) -> String {
        let names: Vec<String> = self.vocabularies.iter().map(|v| v.name.clone()).collect();
        ty.display(&names).to_string()
    }

    pub(super) fn mismatch(&mut self, span: Span, expected: &str, found: &Type) {
        let found = self.type_name(found);
        self.error(
            Diagnostic::error(CODE, format!("expected {expected}, found `{found}`"))
                .with_label(span, format!("this is `{found}`")),
        );
    }

    /// Checks an expression and that its type fits `expected`.
    pub(crate) fn expect(
        &mut self,
        expr: &Expr,
        expected: &Type,
        scope: &mut Scope,
    ) -> Option<CExpr> {
        let checked = self.expr(expr, Some(expected), scope)?;
        if checked.ty.fits(expected) {
            Some(checked)
        } else {
            if checked.ty.is_optional() && checked.ty.required().fits(expected) {
                self.error(
                    Diagnostic::error(CODE, "this value may be left out")
                        .with_label(expr.span, "may be not set")
                        .with_help("test it first: `X is set and …`"),
                );
            } else {
                let name = format!("`{}`", self.type_name(expected));
                self.mismatch(expr.span, &name, &checked.ty);
            }
            None
        }
    }

    /// Checks an expression; `hint` helps resolve bare vocabulary names and empty sets.
    pub(crate) fn expr(
        &mut self,
        expr: &Expr,
        hint: Option<&Type>,
        scope: &mut Scope,
    ) -> Option<CExpr> {
        let span = expr.span;
        let (kind, ty) = match &expr.kind {
            ExprKind::Bool(b) => (CKind::Const(Value::Bool(*b)), Type::Bool),
            ExprKind::Integer(i) => (CKind::Const(Value::Integer(*i)), Type::Integer),
            ExprKind::Decimal(d) => (CKind::Const(Value::Decimal(*d)), Type::Decimal),
            ExprKind::Date(d) => (CKind::Const(Value::Date(*d)), Type::Date),
            ExprKind::Duration(d) => (CKind::Const(Value::Duration(*d)), Type::Duration),
            ExprKind::Text(string) => match string.plain() {
                Some(text) => (CKind::Const(Value::Text(text.into())), Type::Text),
                None => (
                    CKind::Format(self.segments(&string.segments, scope)),
                    Type::Text,
                ),
            },
            ExprKind::Today => {
                if scope.constant {
                    return self.not_constant(span, "`today`");
                }
                (CKind::Today, Type::Date)
            }
            ExprKind::Path(path) => return self.path(path, span, hint, scope),
            ExprKind::Set(items) => return self.set_literal(items, span, hint, scope),
            ExprKind::Unary(UnaryOp::Not, operand) => {
                let operand = self.expect(operand, &Type::Bool, scope)?;
                (CKind::Not(Box::new(operand)), Type::Bool)
            }
            ExprKind::Unary(UnaryOp::Neg, operand) => {
                let operand = self.expr(operand, None, scope)?;
                match operand.ty.required() {
                    Type::Integer | Type::Decimal | Type::Duration => {}
                    other => {
                        let other = other.clone();
                        self.mismatch(operand.span, "a number or a duration", &other);
                        return None;
                    }
                }
                let ty = operand.ty.clone();
                (CKind::Neg(Box::new(operand)), ty)
            }
            ExprKind::Postfix(op, operand) => return self.postfix(*op, operand, span, scope),
            ExprKind::Binary(op, left, right) => return self.binary(*op, left, right, span, scope),
            ExprKind::If(cond, then, otherwise) => {
                let cond_checked = self.expect(cond, &Type::Bool, scope);
                let narrowed = narrowing(cond_checked.as_ref(), false);
                let mark = scope.narrowed.len();
                scope.narrowed.extend(narrowed);
                let then = self.expr(then, hint, scope);
                scope.narrowed.truncate(mark);
                let otherwise = self.expr(otherwise, hint.or(then.as_ref().map(|t| &t.ty)), scope);
                let (cond, then, otherwise) = (cond_checked?, then?, otherwise?);
                let Some(ty) = unify(&then.ty, &otherwise.ty) else {
                    let expected = format!("`{}` like the `then` branch", self.type_name(&then.ty));
                    self.mismatch(otherwise.span, &expected, &otherwise.ty);
                    return None;
                };
                (
                    CKind::If(Box::new(cond), Box::new(then), Box::new(otherwise)),
                    ty,
                )
            }
            ExprKind::Quantifier {
                any,
                var,
                set,
                body,
            } => {
                let set = self.expr(set, None, scope)?;
                let Type::Set(element) = set.ty.clone() else {
                    self.mismatch(set.span, "a set", &set.ty);
                    return None;
                };
                let slot = u32::try_from(scope.locals.len()).unwrap_or(u32::MAX);
                self.local_slots = self.local_slots.max(slot + 1);
                scope.locals.push((var.name.clone(), *element, slot));
                let body = self.expect(body, &Type::Bool, scope);
                scope.locals.pop();
                let kind = CKind::Quantifier {
                    any: *any,
                    local: slot,
                    set: Box::new(set),
                    body: Box::new(body?),
                };
                (kind, Type::Bool)
            }
            ExprKind::Count(set) => {
                let set = self.expr(set, None, scope)?;
                if !matches!(set.ty, Type::Set(_)) {
                    self.mismatch(set.span, "a set", &set.ty);
                    return None;
                }
                (CKind::Count(Box::new(set)), Type::Integer)
            }
            ExprKind::Verdict(id) => {
                if scope.constant {
                    return self.not_constant(span, "`verdict(…)`");
                }
                if matches!(self.current, Some((ItemRef::Scope, _))) {
                    self.error(
                        Diagnostic::error("doctrine::check", "the scope cannot read a rule's verdict")
                            .with_label(span, "used here")
                            .with_help("the scope is decided before any rule: move the condition into the rules"),
                    );
                    return None;
                }
                let rule = self.rule_reference(id)?;
                (CKind::Verdict(rule), Type::Enum(0))
            }
            ExprKind::Cases(cases) => self.cases(cases, hint, scope)?,
            ExprKind::Grounds(grounds) => {
                if scope.constant {
                    return self.not_constant(span, "`any of:`");
                }
                self.grounds(grounds, scope)?
            }
            ExprKind::Call(call) => return self.call(call, span, hint, scope),
            ExprKind::Applies(id) => {
                if scope.constant {
                    return self.not_constant(span, "`applies(…)`");
                }
                let rule = self.rule_reference(id)?;
                (CKind::Applies(rule), Type::Bool)
            }
        };
        Some(CExpr { kind, ty, span })
    }

    fn not_constant(&mut self, span: Span, what: &str) -> Option<CExpr> {
        self.error(
            Diagnostic::error("doctrine::check", format!("{what} is not a constant"))
                .with_label(span, "not allowed in a parameter's value or a default")
                .with_help(
                    "a parameter's value is computed from literals and other parameters only; \
                     a default is written as a literal",
                ),
        );
        None
    }

    fn rule_reference(&mut self, id: &crate::language::ast::Ident) -> Option<u32> {
        match self.item_ref(ItemKind::Rule, &id.name) {
            Some(ItemRef::Rule(rule)) => {
                self.record(ItemRef::Rule(rule), id.span);
                Some(rule)
            }
            _ => {
                let help = did_you_mean(&id.name, self.rules.iter().map(|r| r.name.as_str()));
                self.error(
                    Diagnostic::error(
                        "doctrine::check::unknown_name",
                        format!("unknown rule `{}`", id.name),
                    )
                    .with_label(id.span, "no rule has this id")
                    .with_optional_help(help),
                );
                None
            }
        }
    }

    /// Records a reference from the item being checked.
    pub(super) fn record(&mut self, to: ItemRef, span: Span) {
        if let Some((from, from_text)) = self.current {
            self.references.push(Reference {
                from,
                from_text,
                to,
                span,
            });
        }
    }

    fn path(
        &mut self,
        path: &str,
        span: Span,
        hint: Option<&Type>,
        scope: &mut Scope,
    ) -> Option<CExpr> {
        let make = |kind, ty| Some(CExpr { kind, ty, span });
        // Where a vocabulary's name is expected, a name of that vocabulary wins over a
        // definition or parameter of the same name.
        if !path.contains('.')
            && let Some(Type::Enum(expected)) = hint.map(Type::required)
            && let Some(value @ Value::Enum { vocabulary, .. }) = self.enum_member(path, hint)
            && vocabulary == *expected
        {
            return make(CKind::Const(value), Type::Enum(vocabulary));
        }
        if !path.contains('.') {
            if let Some((_, ty, slot)) = scope.locals.iter().rev().find(|(n, _, _)| n == path) {
                return make(CKind::Local(*slot), ty.clone());
            }
            if let Some(ItemRef::Def(def)) = self.item_ref(ItemKind::Def, path) {
                if scope.constant {
                    return self.not_constant(span, &format!("the definition `{path}`"));
                }
                self.record(ItemRef::Def(def), span);
                let ty = self.def_type(def, span)?;
                return make(CKind::Def(def), ty);
            }
            if let Some(ItemRef::Param(param)) = self.item_ref(ItemKind::Param, path) {
                if scope.constant && !scope.params {
                    return self.not_constant(span, &format!("the parameter `{path}`"));
                }
                self.record(ItemRef::Param(param), span);
                let ty = self.param_types.get(param as usize).cloned().flatten()?;
                return make(CKind::Param(param), ty);
            }
        }
        if let Some(&fact) = self.fact_index.get(path) {
            if scope.constant {
                return self.not_constant(span, &format!("the fact `{path}`"));
            }
            let declared = self.facts.get(fact as usize)?.ty.clone();
            let ty = if scope.narrowed.contains(&fact) {
                declared.required().clone()
            } else {
                declared
            };
            return make(CKind::Fact(fact), ty);
        }
        if let Some(value) = self.enum_member(path, hint) {
            let Value::Enum { vocabulary, .. } = value else {
                return None;
            };
            return make(CKind::Const(value), Type::Enum(vocabulary));
        }
        self.unknown_name(path, span, hint);
        None
    }

    /// Resolves a vocabulary name: by the expected type, as `vocabulary.name`, or when unique.
    fn enum_member(&self, path: &str, hint: Option<&Type>) -> Option<Value> {
        let find = |vocabulary: u32, name: &str| {
            self.vocabularies
                .get(vocabulary as usize)?
                .members
                .iter()
                .position(|m| m.name == name)
                .map(|member| Value::Enum {
                    vocabulary,
                    member: u32::try_from(member).unwrap_or(u32::MAX),
                })
        };
        if let Some((vocabulary, name)) = path.split_once('.') {
            let index = *self.vocabulary_index.get(vocabulary)?;
            return find(index, name);
        }
        if let Some(vocabulary) = hinted_vocabulary(hint) {
            return find(vocabulary, path);
        }
        let mut found =
            (0..self.vocabularies.len()).filter_map(|v| find(u32::try_from(v).ok()?, path));
        match (found.next(), found.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    fn unknown_name(&mut self, path: &str, span: Span, hint: Option<&Type>) {
        // Past the diagnostics shown, an error is only counted: no help is sought (each
        // search reads every name, so a policy of unknown names would check in square time).
        let shown = crate::limits::current().max_errors;
        if shown > 0 && self.diagnostics.0.len() >= shown {
            self.error(
                Diagnostic::error(
                    "doctrine::check::unknown_name",
                    format!("unknown name `{path}`"),
                )
                .with_label(span, "not declared"),
            );
            return;
        }
        let mut candidates: Vec<String> = self.fact_index.keys().cloned().collect();
        candidates.extend(self.params.iter().map(|p| p.name.clone()));
        candidates.extend(self.defs.iter().map(|d| d.name.clone()));
        let hinted_vocabulary = hinted_vocabulary(hint);
        let members: Vec<String> = self
            .vocabularies
            .iter()
            .enumerate()
            .filter(|(i, _)| hinted_vocabulary.is_none_or(|v| v as usize == *i))
            .flat_map(|(_, v)| v.members.iter().map(|m| m.name.clone()))
            .collect();
        candidates.extend(members.iter().cloned());
        candidates.sort();
        let mut help = did_you_mean(path, candidates.iter().map(String::as_str));
        let mut message = format!("unknown name `{path}`");
        if let Some(vocabulary) = hinted_vocabulary.and_then(|v| self.vocabularies.get(v as usize))
        {
            message = format!("`{path}` is not a name of `{}`", vocabulary.name);
            if help.is_none() {
                let names: Vec<&str> = vocabulary.members.iter().map(|m| m.name.as_str()).collect();
                help = Some(format!(
                    "the names of `{}` are: {}",
                    vocabulary.name,
                    names.join(", ")
                ));
            }
        } else if !path.contains('.') && self.enum_member_count(path) > 1 {
            message = format!("`{path}` is a name of several vocabularies");
            help = Some(format!("write `VOCABULARY.{path}`"));
        }
        self.error(
            Diagnostic::error("doctrine::check::unknown_name", message)
                .with_label(span, "not declared")
                .with_optional_help(help),
        );
    }

    fn enum_member_count(&self, name: &str) -> usize {
        self.vocabularies
            .iter()
            .filter(|v| v.members.iter().any(|m| m.name == name))
            .count()
    }

    /// The type of a definition, checking it first if needed.
    pub(super) fn def_type(&mut self, def: u32, span: Span) -> Option<Type> {
        match self.def_states.get(def as usize).cloned() {
            Some(DefState::Done(ty)) => ty,
            Some(DefState::InProgress) => {
                let pending = self.defs.get(def as usize);
                let name = pending.map(|d| d.name.clone()).unwrap_or_default();
                let outcome = pending.is_some_and(|p| {
                    p.versions
                        .iter()
                        .any(|(_, d)| d.is_some_and(|d| d.outcome.is_some()))
                });
                let what = if outcome { "outcome" } else { "definition" };
                self.error(
                    Diagnostic::error(
                        "doctrine::check::cycle",
                        format!("the {what} `{name}` depends on itself"),
                    )
                    .with_label(span, "this use closes the cycle")
                    .with_help(
                        "definitions and outcomes must not refer to themselves, directly or through others",
                    ),
                );
                if let Some(state) = self.def_states.get_mut(def as usize) {
                    *state = DefState::Done(None);
                }
                None
            }
            Some(DefState::Unchecked) => {
                if self.def_depth >= crate::limits::MAX_DEFINITION_CHAIN {
                    self.error(
                        Diagnostic::error(
                            "doctrine::check::too_deep",
                            format!(
                                "definitions and outcomes read one another more than {} deep",
                                crate::limits::MAX_DEFINITION_CHAIN
                            ),
                        )
                        .with_label(span, "too deep here")
                        .with_help(
                            "read the facts the chain starts from directly, or shorten the chain",
                        ),
                    );
                    if let Some(state) = self.def_states.get_mut(def as usize) {
                        *state = DefState::Done(None);
                    }
                    return None;
                }
                self.def_depth += 1;
                self.check_def_version(def, 0);
                self.def_depth -= 1;
                match self.def_states.get(def as usize) {
                    Some(DefState::Done(ty)) => ty.clone(),
                    _ => None,
                }
            }
            None => None,
        }
    }
}

/// The vocabulary a type hint names: an enumeration's, or a set of one's elements.
fn hinted_vocabulary(hint: Option<&Type>) -> Option<u32> {
    match hint.map(Type::required) {
        Some(Type::Enum(v)) => Some(*v),
        Some(Type::Set(inner)) => match inner.as_ref() {
            Type::Enum(v) => Some(*v),
            _ => None,
        },
        _ => None,
    }
}
