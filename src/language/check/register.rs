//! Registration of the versioned items (parameters, definitions, rules, exceptions, advice,
//! notes, the scope): each id with the versions the texts give it, in application order.

use super::{Checker, DefState, ItemRef, Pending};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::language::ast::{self, Action, Decl, HeaderKind, ItemKind, RemarkKind};
use crate::source::Span;

const CODE: &str = "doctrine::check";

impl<'a> Checker<'a> {
    /// Registers every param, def, rule, exception, advice, note and scope with its versions.
    pub(super) fn register_items(&mut self) {
        let skipped = self.skipped.clone();
        for (text, file) in self.files_in_order() {
            let is_base = text == 0;
            for item in file.items.iter().filter(|i| !skipped.contains(&i.span)) {
                match &item.decl {
                    Decl::Total(paths) => self.register_total(item, paths),
                    Decl::Decision(decision) => {
                        if item.action == Action::Replace || !is_base {
                            self.error(
                                Diagnostic::error(
                                    CODE,
                                    "the decision is declared once, in the base policy",
                                )
                                .with_label(item.span, "declared here"),
                            );
                        } else if let Some((_, first)) = self.decisions.first() {
                            let first = first.span;
                            self.error(
                                Diagnostic::error(CODE, "the decision is declared twice")
                                    .with_label(item.span, "declared again here")
                                    .with_label(first, "first declared here"),
                            );
                        } else {
                            self.decisions.push((text, decision));
                        }
                    }
                    Decl::Verdicts(_) | Decl::Vocabulary(_) | Decl::Fact(_) => {
                        if item.action == Action::Replace {
                            self.error(
                                Diagnostic::error(
                                    CODE,
                                    "vocabularies and facts cannot be replaced",
                                )
                                .with_label(item.span, "replaced here"),
                            );
                        }
                    }
                    Decl::Scope(expr) => {
                        if is_base && item.action != Action::Declare {
                            self.not_in_base(item.span);
                        } else if !self.scopes.is_empty() && item.action != Action::Replace {
                            self.error(
                                Diagnostic::error(CODE, "the scope is declared twice")
                                    .with_label(item.span, "declared again here")
                                    .with_help("an amendment writes `replace scope …`"),
                            );
                        } else {
                            self.scopes.push((text, expr));
                        }
                    }
                    Decl::Param(param) => {
                        self.register(ItemKind::Param, &param.name, item, text, Some(param))
                    }
                    Decl::Def(def) => {
                        self.register(ItemKind::Def, &def.name, item, text, Some(def))
                    }
                    Decl::Rule(rule) => {
                        self.register(ItemKind::Rule, &rule.id, item, text, Some(rule))
                    }
                    Decl::Exception(exception) => self.register(
                        ItemKind::Exception,
                        &exception.id,
                        item,
                        text,
                        Some(exception),
                    ),
                    Decl::Remark(remark) => {
                        let kind = match remark.kind {
                            RemarkKind::Advice => ItemKind::Advice,
                            RemarkKind::Note => ItemKind::Note,
                        };
                        self.register(kind, &remark.id, item, text, Some(remark))
                    }
                    Decl::Repeal { kind, id } => {
                        if is_base {
                            self.not_in_base(item.span);
                            continue;
                        }
                        match kind {
                            ItemKind::Param => {
                                self.register::<ast::ParamDecl>(*kind, id, item, text, None)
                            }
                            ItemKind::Def => {
                                self.register::<ast::DefDecl>(*kind, id, item, text, None)
                            }
                            ItemKind::Rule => {
                                self.register::<ast::RuleDecl>(*kind, id, item, text, None)
                            }
                            ItemKind::Exception => {
                                self.register::<ast::ExceptionDecl>(*kind, id, item, text, None)
                            }
                            ItemKind::Advice | ItemKind::Note => {
                                self.register::<ast::RemarkDecl>(*kind, id, item, text, None)
                            }
                        }
                    }
                }
            }
        }
        self.def_states = vec![DefState::Unchecked; self.defs.len()];
        self.param_types = vec![None; self.params.len()];
    }

    fn not_in_base(&mut self, span: Span) {
        self.error(
            Diagnostic::error(CODE, "only an amendment can replace, add or repeal")
                .with_label(span, "in the base policy")
                .with_help("declare the item directly"),
        );
    }

    fn register<T: Registrable<'a>>(
        &mut self,
        kind: ItemKind,
        id: &ast::Ident,
        item: &ast::Item,
        text: u32,
        decl: Option<&'a T>,
    ) {
        let key = (kind, id.name.clone());
        let existing = self.index.get(&key).copied();
        let is_repeal = decl.is_none();
        match (existing, item.action, is_repeal) {
            (None, Action::Replace, _) | (None, _, true) => {
                let candidates: Vec<String> = self
                    .index
                    .keys()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, name)| name.clone())
                    .collect();
                let help = did_you_mean(&id.name, candidates.iter().map(String::as_str));
                let mut diagnostic = Diagnostic::error(
                    CODE,
                    format!(
                        "there is no {} `{}` to {}",
                        kind.keyword(),
                        id.name,
                        if is_repeal { "repeal" } else { "replace" }
                    ),
                )
                .with_label(id.span, "not declared by the texts this one amends");
                // The other file: the policy those texts belong to.
                if let Some(base) = self.base_id_span() {
                    diagnostic = diagnostic.with_label(base, "the policy amended");
                }
                self.error(diagnostic.with_optional_help(help));
            }
            (None, _, false) => {
                if matches!(kind, ItemKind::Param | ItemKind::Def) && self.name_taken(&id.name) {
                    self.error(
                        Diagnostic::error(CODE, format!("the name `{}` is already taken", id.name))
                            .with_label(id.span, "declared again here"),
                    );
                    return;
                }
                let list = T::list(self);
                let index = u32::try_from(list.len()).unwrap_or(u32::MAX);
                list.push(Pending {
                    name: id.name.clone(),
                    span: id.span,
                    versions: vec![(text, decl)],
                });
                self.index.insert(key, index);
            }
            (Some(index), Action::Replace, _) | (Some(index), _, true) => {
                if let Some(pending) = T::list(self).get_mut(index as usize) {
                    pending.versions.push((text, decl));
                }
            }
            (Some(index), _, false) => {
                let previous = T::list(self)
                    .get(index as usize)
                    .map(|p| p.span)
                    .unwrap_or_default();
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("the {} `{}` is declared twice", kind.keyword(), id.name),
                    )
                    .with_label(id.span, "declared again here")
                    .with_label(previous, "first declared here")
                    .with_help(format!(
                        "an amendment that changes it writes `replace {} {} …`",
                        kind.keyword(),
                        id.name
                    )),
                );
            }
        }
    }

    /// Where the base policy names itself.
    fn base_id_span(&self) -> Option<Span> {
        let base = self.files.get(*self.order.first()?)?;
        match &base.header.kind {
            HeaderKind::Policy { id, .. } => Some(id.span),
            HeaderKind::Amendment { .. } => None,
        }
    }

    fn name_taken(&self, name: &str) -> bool {
        self.index
            .contains_key(&(ItemKind::Param, name.to_string()))
            || self.index.contains_key(&(ItemKind::Def, name.to_string()))
            || self.fact_index.contains_key(name)
    }

    /// The item that an id names, for references.
    pub(super) fn item_ref(&self, kind: ItemKind, name: &str) -> Option<ItemRef> {
        let index = *self.index.get(&(kind, name.to_string()))?;
        Some(match kind {
            ItemKind::Param => ItemRef::Param(index),
            ItemKind::Def => ItemRef::Def(index),
            ItemKind::Rule => ItemRef::Rule(index),
            ItemKind::Exception => ItemRef::Exception(index),
            ItemKind::Advice | ItemKind::Note => ItemRef::Remark(index),
        })
    }
}

/// Lets `register` reach the list of pending items of each declaration type.
trait Registrable<'a>: Sized + 'a {
    fn list<'c>(checker: &'c mut Checker<'a>) -> &'c mut Vec<Pending<'a, Self>>;
}

/// Each declaration type with the checker's list of its pending items.
macro_rules! registrable {
    ($($decl:ty => $list:ident),* $(,)?) => {$(
        impl<'a> Registrable<'a> for $decl {
            fn list<'c>(checker: &'c mut Checker<'a>) -> &'c mut Vec<Pending<'a, Self>> {
                &mut checker.$list
            }
        }
    )*};
}

registrable! {
    ast::ParamDecl => params,
    ast::DefDecl => defs,
    ast::RuleDecl => rules,
    ast::ExceptionDecl => exceptions,
    ast::RemarkDecl => remarks,
}
