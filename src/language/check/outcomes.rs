//! Outcomes and what the decision is: an outcome's cases, `any of:` labelled grounds, and
//! `decision OUTCOME fails on …`.

use std::collections::HashMap;

use super::Checker;
use super::expr::Scope;
use super::operators::{narrowing, unify};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::language::ast::{self, Case, GroundExpr};
use crate::language::program::{CCase, CKind, DecisionOf, DefInfo, GroundInfo};
use crate::language::types::Type;
use crate::source::Span;

const CODE: &str = "doctrine::check";

impl Checker<'_> {
    /// Checks an outcome's cases: each `when` a condition, each value of the outcome's type
    /// (`hint`), no case after one that always holds, no id twice.
    pub(super) fn cases(
        &mut self,
        cases: &[Case],
        hint: Option<&Type>,
        scope: &mut Scope,
    ) -> Option<(CKind, Type)> {
        let mut checked = Vec::new();
        let mut ty: Option<Type> = hint.cloned();
        let mut failed = false;
        let mut always: Option<Span> = None;
        let mut ids: HashMap<&str, Span> = HashMap::new();
        for case in cases {
            if let Some(earlier) = ids.insert(&case.id.name, case.id.span) {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("two cases of this outcome have the id `{}`", case.id.name),
                    )
                    .with_label(case.id.span, "declared again here")
                    .with_label(earlier, "first declared here"),
                );
            }
            if let Some(always) = always {
                self.error(
                    Diagnostic::error(CODE, format!("the case `{}` is never reached", case.id.name))
                        .with_label(case.id.span, "after a case that always holds")
                        .with_label(always, "this case has no `when`: it always holds")
                        .with_help("the first case that holds gives the value: put the case without `when` last"),
                );
            }
            let mark = scope.narrowed.len();
            let when = match &case.when {
                Some(when) => {
                    let when = self.expect(when, &Type::Bool, scope);
                    scope.narrowed.extend(narrowing(when.as_ref(), false));
                    failed |= when.is_none();
                    when
                }
                None => {
                    always = Some(case.id.span);
                    None
                }
            };
            let gives = self.expr(&case.gives, ty.as_ref(), scope);
            let message = case.message.as_ref().map(|m| self.message(m, scope));
            scope.narrowed.truncate(mark);
            let title = case
                .title
                .as_ref()
                .map(|l| self.plain_label(l))
                .unwrap_or_default();
            let cites = self.citations(&case.cites);
            let Some(gives) = gives else {
                failed = true;
                continue;
            };
            ty = match &ty {
                None => Some(gives.ty.clone()),
                Some(so_far) => match unify(so_far, &gives.ty) {
                    Some(unified) if gives.ty.fits(so_far) || hint.is_none() => Some(unified),
                    _ => {
                        let expected = format!("`{}`", self.type_name(so_far));
                        self.mismatch(gives.span, &expected, &gives.ty);
                        failed = true;
                        continue;
                    }
                },
            };
            checked.push(CCase {
                id: case.id.name.clone(),
                title,
                cites,
                when,
                gives,
                message,
                span: case.span,
            });
        }
        if failed {
            return None;
        }
        Some((CKind::Cases(checked), ty?))
    }

    /// Checks `any of:` grounds: each a condition; each id once in its text.
    pub(super) fn grounds(
        &mut self,
        grounds: &[GroundExpr],
        scope: &mut Scope,
    ) -> Option<(CKind, Type)> {
        let mut checked = Vec::new();
        let mut failed = false;
        for ground in grounds {
            let id = &ground.id;
            let key = (id.span.file, id.name.clone());
            if let Some(&first) = self.ground_ids.get(&key) {
                self.error(
                    Diagnostic::error(CODE, format!("two grounds have the id `{}`", id.name))
                        .with_label(id.span, "declared again here")
                        .with_label(first, "first declared here")
                        .with_help("a ground's id names it in every decision: give each its own"),
                );
            }
            let condition = self.expect(&ground.expr, &Type::Bool, scope);
            let title = ground
                .title
                .as_ref()
                .map(|l| self.plain_label(l))
                .unwrap_or_default();
            let cites = self.citations(&ground.cites);
            let Some(condition) = condition else {
                failed = true;
                continue;
            };
            let slot = u32::try_from(self.grounds.len()).unwrap_or(u32::MAX);
            self.ground_ids.entry(key).or_insert(id.span);
            self.grounds.push(GroundInfo {
                id: id.name.clone(),
                title,
                cites,
                span: id.span,
            });
            checked.push((slot, condition));
        }
        if failed {
            return None;
        }
        Some((CKind::Grounds(checked), Type::Bool))
    }

    /// Resolves `decision …`: an outcome of a vocabulary that marks its `as undecided` and
    /// `as inapplicable` names, and the names that fail a run.
    pub(super) fn check_decision(&mut self, defs: &[DefInfo]) -> DecisionOf {
        let Some(&(_, decl)) = self.decisions.first() else {
            return DecisionOf::Verdicts { fails_on: None };
        };
        let Some(name) = &decl.outcome else {
            let fails_on = self.verdict_fails_on(&decl.fails_on);
            return DecisionOf::Verdicts { fails_on };
        };
        let found = defs
            .iter()
            .position(|d| d.name == name.name && d.outcome.is_some());
        let Some(def) = found.and_then(|d| u32::try_from(d).ok()) else {
            let outcomes = defs
                .iter()
                .filter(|d| d.outcome.is_some())
                .map(|d| d.name.as_str());
            let help = did_you_mean(&name.name, outcomes);
            self.error(
                Diagnostic::error(
                    "doctrine::check::unknown_name",
                    format!("no outcome `{}`", name.name),
                )
                .with_label(name.span, "the decision must be an outcome")
                .with_optional_help(help),
            );
            return DecisionOf::Verdicts { fails_on: None };
        };
        // The decision's outcome is in force whenever a text is: an amendment that repeals
        // it leaves the policy without a decision.
        let repealed = defs
            .get(def as usize)
            .is_some_and(|d| d.versions.versions.iter().any(|(_, body)| body.is_none()));
        if repealed {
            self.error(
                Diagnostic::error(CODE, format!("an amendment repeals `{}`, the policy's decision", name.name))
                    .with_label(name.span, "the decision")
                    .with_help("replace the outcome instead (`replace outcome …`), or change the decision in the base policy"),
            );
        }
        let ty = defs.get(def as usize).map(|d| d.ty.clone());
        let Some(Type::Enum(vocabulary)) = ty else {
            self.error(
                Diagnostic::error(
                    CODE,
                    format!("the outcome `{}` is not a choice of names", name.name),
                )
                .with_label(name.span, "a decision is a name of a vocabulary")
                .with_help(
                    "declare the outcome with a vocabulary's type: `outcome NAME: VOCABULARY …`",
                ),
            );
            return DecisionOf::Verdicts { fails_on: None };
        };
        self.check_roles(vocabulary, name);
        // Every version ends with a case that always holds: the decision is never "not set".
        let open_ended = defs.get(def as usize).is_some_and(|d| {
            d.versions
                .versions
                .iter()
                .any(|(_, body)| match body.as_ref().map(|b| &b.kind) {
                    Some(CKind::Cases(cases)) => cases.last().is_some_and(|c| c.when.is_some()),
                    _ => false,
                })
        });
        if open_ended {
            self.error(
                Diagnostic::error(CODE, format!("the outcome `{}` may have no value", name.name))
                    .with_label(name.span, "the decision")
                    .with_help("end its cases with one that always holds (no `when`): the decision when no other case does"),
            );
        }
        let mut fails_on = Vec::new();
        for value in &decl.fails_on {
            if let Some(member) = self.member_of(vocabulary, value) {
                fails_on.push(member);
            }
        }
        DecisionOf::Outcome {
            def,
            vocabulary,
            fails_on,
        }
    }

    /// The decision's vocabulary must say what the decision is when unknown facts keep the
    /// outcome from deciding, and before any text is in force.
    fn check_roles(&mut self, vocabulary: u32, name: &ast::Ident) {
        let Some(v) = self.vocabularies.get(vocabulary as usize) else {
            return;
        };
        let (vocabulary_name, undecided, inapplicable) =
            (v.name.clone(), v.undecided, v.inapplicable);
        for (role, present) in [("undecided", undecided), ("inapplicable", inapplicable)] {
            if present.is_none() {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("the vocabulary `{vocabulary_name}` marks no name `as {role}`"),
                    )
                    .with_label(name.span, "the decision is of this vocabulary")
                    .with_help(match role {
                        "undecided" => "mark the decision when unknown facts keep the outcome from deciding: `needs_review \"Needs review\" as undecided`",
                        _ => "mark the decision before any text is in force: `not_yet_applicable \"Not yet applicable\" as inapplicable`",
                    }),
                );
            }
        }
    }

    /// The member `value` names in a vocabulary, or an error with a did-you-mean.
    fn member_of(&mut self, vocabulary: u32, value: &ast::Ident) -> Option<u32> {
        let v = self.vocabularies.get(vocabulary as usize)?;
        if let Some(position) = v.members.iter().position(|m| m.name == value.name) {
            return u32::try_from(position).ok();
        }
        let help = did_you_mean(&value.name, v.members.iter().map(|m| m.name.as_str()));
        let names: Vec<&str> = v.members.iter().map(|m| m.name.as_str()).collect();
        let message = format!("`{}` is not a name of `{}`", value.name, v.name);
        let help = help.unwrap_or_else(|| format!("the names are: {}", names.join(", ")));
        self.error(
            Diagnostic::error("doctrine::check::unknown_name", message)
                .with_label(value.span, "not a possible decision")
                .with_help(help),
        );
        None
    }

    /// `decision verdict fails on VERDICT, …`: a run fails at the least severe verdict named,
    /// or at a worse one.
    fn verdict_fails_on(&mut self, names: &[ast::Ident]) -> Option<u32> {
        let mut rank: Option<u32> = None;
        for name in names {
            if let Some(named) = self.member_of(0, name) {
                rank = Some(rank.map_or(named, |r| r.max(named)));
            }
        }
        rank
    }
}
