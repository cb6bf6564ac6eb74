//! Declarations: the texts and their order, sources, the verdict scale, vocabularies and
//! facts (the versioned items are registered in `register`).

use std::collections::HashMap;

use super::Checker;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::language::ast::{self, Decl, HeaderKind};
use crate::language::program::{
    FactInfo, Member, Presence, SourceInfo, TextInfo, VerdictScale, Vocabulary,
};
use crate::language::types::Type;
use crate::source::Span;

const CODE: &str = "doctrine::check";

impl<'a> Checker<'a> {
    /// Finds the base text, orders the amendments by date, and collects the sources.
    pub(super) fn order_texts(&mut self) -> Option<()> {
        let files = self.files;
        let bases: Vec<usize> = (0..files.len())
            .filter(|&i| {
                files
                    .get(i)
                    .is_some_and(|f| matches!(f.header.kind, HeaderKind::Policy { .. }))
            })
            .collect();
        let base = match bases.as_slice() {
            [one] => *one,
            [] => {
                let mut diagnostic =
                    Diagnostic::error(CODE, "no base policy: only amendments were given")
                        .with_help("give the policy file (it starts with `policy`) or its folder");
                if let Some(file) = files.first() {
                    diagnostic = diagnostic.with_label(file.header.span, "this is an amendment");
                }
                self.error(diagnostic);
                return None;
            }
            [first, rest @ ..] => {
                let mut diagnostic = Diagnostic::error(CODE, "more than one base policy");
                for index in std::iter::once(first).chain(rest) {
                    if let Some(file) = files.get(*index) {
                        diagnostic = diagnostic.with_label(file.header.span, "a base policy");
                    }
                }
                self.error(
                    diagnostic
                        .with_help("a policy folder holds one base policy and its amendments"),
                );
                return None;
            }
        };
        let base_file = files.get(base)?;
        if let HeaderKind::Policy { id, title } = &base_file.header.kind {
            self.policy_id = id.name.clone();
            self.policy_title = title.as_ref();
        }
        let base_date = base_file.header.in_force.date;
        let base_id_span = match &base_file.header.kind {
            HeaderKind::Policy { id, .. } => id.span,
            HeaderKind::Amendment { .. } => base_file.header.span,
        };
        let mut amendments: Vec<usize> = Vec::new();
        for (index, file) in files.iter().enumerate() {
            let HeaderKind::Amendment { of } = &file.header.kind else {
                continue;
            };
            if of.name != self.policy_id {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!(
                            "this amendment amends `{}`, not `{}`",
                            of.name, self.policy_id
                        ),
                    )
                    .with_label(of.span, "not the policy given")
                    .with_label(base_id_span, "the policy given"),
                );
                continue;
            }
            if file.header.in_force.date < base_date {
                self.error(
                    Diagnostic::error(
                        CODE,
                        "an amendment cannot come into force before the text it amends",
                    )
                    .with_label(file.header.in_force.span, "in force before the base text")
                    .with_label(base_file.header.in_force.span, "the base text's date"),
                );
                continue;
            }
            amendments.push(index);
        }
        amendments.sort_by_key(|&i| files.get(i).map(|f| f.header.in_force.date));
        self.order = std::iter::once(base).chain(amendments).collect();
        let mut seen: HashMap<String, Span> = HashMap::new();
        for &index in &self.order.clone() {
            let Some(file) = files.get(index) else {
                continue;
            };
            let header = &file.header;
            if let Some(previous) = seen.insert(header.text_id.name.clone(), header.text_id.span) {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("two texts have the id `{}`", header.text_id.name),
                    )
                    .with_label(header.text_id.span, "declared again here")
                    .with_label(previous, "first declared here"),
                );
            }
            self.texts.push(TextInfo {
                id: header.text_id.name.clone(),
                title: header
                    .text_title
                    .as_ref()
                    .map(|l| self.localized(l))
                    .unwrap_or_default(),
                in_force: header.in_force.date,
                file: header.span.file,
                span: header.span,
            });
            for source in &header.sources {
                let key = source.key.name.clone();
                if self.source_index.contains_key(&key) {
                    self.error(
                        Diagnostic::error(CODE, format!("the source `{key}` is declared twice"))
                            .with_label(source.key.span, "declared again here"),
                    );
                    continue;
                }
                let index = u32::try_from(self.sources.len()).unwrap_or(u32::MAX);
                self.source_index.insert(key.clone(), index);
                self.sources.push(SourceInfo {
                    key,
                    title: source.title.plain().unwrap_or_default(),
                    short: source.short.as_ref().and_then(|s| s.plain()),
                    url: source.url.as_ref().and_then(|u| u.plain()),
                });
            }
        }
        Some(())
    }

    /// The files in application order with their text index.
    pub(super) fn files_in_order(&self) -> Vec<(u32, &'a ast::File)> {
        let files = self.files;
        self.order
            .iter()
            .enumerate()
            .filter_map(|(text, &index)| {
                files
                    .get(index)
                    .map(|f| (u32::try_from(text).unwrap_or(u32::MAX), f))
            })
            .collect()
    }

    /// Declares the verdict scale, vocabularies and facts.
    pub(super) fn declare_globals(&mut self) {
        let ordered = self.files_in_order();
        let skipped = self.skipped.clone();
        for &(text, file) in &ordered {
            for item in &file.items {
                match &item.decl {
                    Decl::Verdicts(entries) if text == 0 && self.scale.is_none() => {
                        self.declare_scale(entries, item.span)
                    }
                    Decl::Verdicts(_) => self.error(
                        Diagnostic::error(
                            CODE,
                            "the verdict scale is declared once, in the base policy",
                        )
                        .with_label(item.span, "a second verdict scale"),
                    ),
                    _ => {}
                }
            }
        }
        let decides_by_outcome = ordered.iter().any(|(_, f)| {
            f.items
                .iter()
                .any(|i| matches!(&i.decl, Decl::Decision(d) if d.outcome.is_some()))
        });
        if self.scale.is_none() && decides_by_outcome {
            // A policy that decides by an outcome needs no verdicts of its own: its rules,
            // if any, use this scale.
            self.default_scale();
        }
        if self.scale.is_none() {
            let span = ordered
                .first()
                .map(|(_, f)| f.header.span)
                .unwrap_or_default();
            self.error(
                Diagnostic::error(CODE, "the policy declares no verdict scale")
                    .with_label(span, "in this policy")
                    .with_help("add `verdicts` with the verdicts from worst to best, marking one `as undecided`, one `as satisfied` and one `as inapplicable`"),
            );
            self.vocabularies.push(Vocabulary {
                name: String::from("verdict"),
                label: Default::default(),
                members: Vec::new(),
                undecided: None,
                inapplicable: None,
            });
        }
        for &(_, file) in &ordered {
            for item in file.items.iter().filter(|i| !skipped.contains(&i.span)) {
                if let Decl::Vocabulary(vocabulary) = &item.decl {
                    self.declare_vocabulary(vocabulary);
                }
            }
        }
        for &(_, file) in &ordered {
            for item in file.items.iter().filter(|i| !skipped.contains(&i.span)) {
                if let Decl::Fact(fact) = &item.decl {
                    self.declare_fact(fact);
                }
            }
        }
    }

    fn declare_scale(&mut self, entries: &[ast::VerdictEntry], span: Span) {
        let mut members = Vec::new();
        let mut roles: [Option<u32>; 3] = [None; 3];
        for (index, entry) in entries.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            if members.iter().any(|m: &Member| m.name == entry.name.name) {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("the verdict `{}` is listed twice", entry.name.name),
                    )
                    .with_label(entry.name.span, "listed again here"),
                );
            }
            members.push(Member {
                name: entry.name.name.clone(),
                label: entry
                    .label
                    .as_ref()
                    .map(|l| self.localized(l))
                    .unwrap_or_default(),
            });
            for role in &entry.roles {
                let slot = match role.name.as_str() {
                    "undecided" => 0,
                    "satisfied" => 1,
                    _ => 2,
                };
                if let Some(role_slot) = roles.get_mut(slot) {
                    if role_slot.is_some() {
                        self.diagnostics.push(
                            Diagnostic::error(
                                CODE,
                                format!("two verdicts are marked `{}`", role.name),
                            )
                            .with_label(role.span, "marked again here"),
                        );
                    }
                    *role_slot = Some(index);
                }
            }
        }
        self.vocabulary_index.insert(String::from("verdict"), 0);
        self.vocabularies.push(Vocabulary {
            name: String::from("verdict"),
            label: Default::default(),
            members,
            undecided: roles[0],
            inapplicable: roles[2],
        });
        match roles {
            [Some(undecided), Some(satisfied), Some(inapplicable)] => {
                self.scale = Some(VerdictScale {
                    undecided,
                    satisfied,
                    inapplicable,
                })
            }
            _ => self.error(
                Diagnostic::error(CODE, "the verdict scale needs one verdict marked each of `as undecided`, `as satisfied` and `as inapplicable`")
                    .with_label(span, "in this scale")
                    .with_help("for example: `needs_review as undecided`"),
            ),
        }
    }

    fn declare_vocabulary(&mut self, vocabulary: &ast::VocabularyDecl) {
        let name = vocabulary.name.name.clone();
        if self.vocabulary_index.contains_key(&name) || builtin_type(&name).is_some() {
            self.error(
                Diagnostic::error(CODE, format!("the type name `{name}` is already taken"))
                    .with_label(vocabulary.name.span, "declared again here"),
            );
            return;
        }
        let mut members: Vec<Member> = Vec::new();
        for (member, label) in &vocabulary.members {
            if members.iter().any(|m| m.name == member.name) {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("`{}` is listed twice in `{name}`", member.name),
                    )
                    .with_label(member.span, "listed again here"),
                );
                continue;
            }
            members.push(Member {
                name: member.name.clone(),
                label: label
                    .as_ref()
                    .map(|l| self.localized(l))
                    .unwrap_or_default(),
            });
        }
        let mut roles: [Option<u32>; 2] = [None, None];
        for (role, member) in &vocabulary.roles {
            let slot = usize::from(role.name != "undecided");
            let position = members.iter().position(|m| m.name == member.name);
            let Some((place, position)) = roles.get_mut(slot).zip(position) else {
                continue;
            };
            if place.is_some() {
                self.error(
                    Diagnostic::error(
                        CODE,
                        format!("two names of `{name}` are marked `as {}`", role.name),
                    )
                    .with_label(role.span, "marked again here"),
                );
            }
            *place = u32::try_from(position).ok();
        }
        let index = u32::try_from(self.vocabularies.len()).unwrap_or(u32::MAX);
        self.vocabulary_index.insert(name.clone(), index);
        self.vocabularies.push(Vocabulary {
            name,
            label: vocabulary
                .label
                .as_ref()
                .map(|l| self.localized(l))
                .unwrap_or_default(),
            members,
            undecided: roles[0],
            inapplicable: roles[1],
        });
    }

    /// The scale of a policy that decides by an outcome and declares no verdicts.
    fn default_scale(&mut self) {
        let members = ["undecided", "satisfied", "inapplicable"]
            .into_iter()
            .map(|name| Member {
                name: name.to_string(),
                label: Default::default(),
            })
            .collect();
        self.vocabulary_index.insert(String::from("verdict"), 0);
        self.vocabularies.push(Vocabulary {
            name: String::from("verdict"),
            label: Default::default(),
            members,
            undecided: Some(0),
            inapplicable: Some(2),
        });
        self.scale = Some(VerdictScale {
            undecided: 0,
            satisfied: 1,
            inapplicable: 2,
        });
    }

    /// Resolves a written type.
    pub(super) fn resolve_type(&mut self, ty: &ast::TypeExpr) -> Option<Type> {
        let name = ty.name.name.as_str();
        let base = match builtin_type(name) {
            Some(base) => base,
            None => match self.vocabulary_index.get(name) {
                Some(&index) => Type::Enum(index),
                None => {
                    let candidates: Vec<String> = BUILTIN_TYPES
                        .iter()
                        .map(|s| (*s).to_string())
                        .chain(self.vocabulary_index.keys().cloned())
                        .collect();
                    let help = did_you_mean(name, candidates.iter().map(String::as_str));
                    self.error(
                        Diagnostic::error(CODE, format!("unknown type `{name}`"))
                            .with_label(ty.name.span, "not a type")
                            .with_help(help.unwrap_or_else(|| {
                                String::from("types are bool, integer, decimal, text, date, duration, a vocabulary's name, `set of T` and `T?`")
                            })),
                    );
                    return None;
                }
            },
        };
        let with_set = if ty.set {
            Type::Set(Box::new(base))
        } else {
            base
        };
        Some(if ty.optional {
            Type::Optional(Box::new(with_set))
        } else {
            with_set
        })
    }

    /// A declared fact that `path` would be a group of, or that is a group of `path`.
    /// Looked up by the path's own prefixes and in the index of groups, not by comparing
    /// with every declared fact: declaring stays linear in the number of facts.
    fn overlapping_fact(&self, path: &str) -> Option<String> {
        let inside = path
            .match_indices('.')
            .filter_map(|(dot, _)| path.get(..dot))
            .find(|group| self.fact_index.contains_key(*group));
        if let Some(group) = inside {
            return Some(group.to_string());
        }
        let first = *self.fact_groups.get(path)?;
        self.facts.get(first as usize).map(|f| f.path.clone())
    }

    fn declare_fact(&mut self, fact: &'a ast::FactDecl) {
        let path = fact.path.name.clone();
        if let Some(&existing) = self.fact_index.get(&path) {
            let previous = self
                .facts
                .get(existing as usize)
                .map(|f| f.span)
                .unwrap_or_default();
            self.error(
                Diagnostic::error(CODE, format!("the fact `{path}` is declared twice"))
                    .with_label(fact.path.span, "declared again here")
                    .with_label(previous, "first declared here"),
            );
            return;
        }
        if let Some(prefix) = self.overlapping_fact(&path) {
            self.error(
                Diagnostic::error(
                    CODE,
                    format!("the fact `{path}` and the fact `{prefix}` overlap: one would be a group of the other"),
                )
                .with_label(fact.path.span, "overlapping path"),
            );
            return;
        }
        let Some(ty) = self.resolve_type(&fact.ty) else {
            return;
        };
        let range = self.resolve_range(fact.range.as_ref(), &ty);
        let presence = match &fact.default {
            None if ty.is_optional() => Presence::Optional,
            None => Presence::Required,
            Some(default) if ty.is_optional() => {
                self.error(
                    Diagnostic::error(CODE, "an optional fact has no default")
                        .with_label(default.span, "a default for an optional fact")
                        .with_help(
                            "remove the `?` to give a default, or the default to keep it optional",
                        ),
                );
                Presence::Optional
            }
            Some(default) => match self.constant(default, &ty) {
                Some(value) => Presence::Default(value),
                None => Presence::Required,
            },
        };
        if let (Presence::Default(value), Some(default)) = (&presence, &fact.default) {
            let what = format!("the fact `{path}`");
            self.check_in_range(range.as_ref(), value, default.span, &what);
        }
        let index = u32::try_from(self.facts.len()).unwrap_or(u32::MAX);
        self.fact_index.insert(path.clone(), index);
        for (dot, _) in path.match_indices('.') {
            if let Some(group) = path.get(..dot) {
                self.fact_groups.entry(group.to_string()).or_insert(index);
            }
        }
        self.fact_decls.push(fact);
        self.facts.push(FactInfo {
            path,
            ty,
            range,
            presence,
            label: fact
                .label
                .as_ref()
                .map(|l| self.localized(l))
                .unwrap_or_default(),
            span: fact.path.span,
        });
    }
}

const BUILTIN_TYPES: &[&str] = &["bool", "integer", "decimal", "text", "date", "duration"];

fn builtin_type(name: &str) -> Option<Type> {
    Some(match name {
        "bool" => Type::Bool,
        "integer" => Type::Integer,
        "decimal" => Type::Decimal,
        "text" => Type::Text,
        "date" => Type::Date,
        "duration" => Type::Duration,
        _ => return None,
    })
}
