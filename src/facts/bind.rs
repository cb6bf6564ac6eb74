//! Binding a fact file's tree to the policy's fact declarations: every key known, every
//! value of its declared type; all errors collected, each pointing into the fact file.

use std::collections::HashMap;

use jiff::civil::Date;

use super::convert::{self, Misfit};
use super::raw::{RawKind, RawNode};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::facts::FactSet;
use crate::language::program::{Presence, Program};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::{FileId, Span};

const CODE: &str = "doctrine::facts";

/// The key that gives the day a fact file speaks of.
pub const EVALUATED_ON: &str = "evaluated_on";

/// The one top-level key a fact file may hold that the binder ignores: the JSON Schema the
/// file follows (`doctrine schema`), for editors. It must be a text.
pub const SCHEMA_KEY: &str = "$schema";

/// Top-level entries the caller takes for itself (a test case's `expect:`, say).
pub type Extras = Vec<(String, RawNode)>;

struct Binder<'p> {
    program: &'p Program,
    file: FileId,
    values: Vec<Option<Value>>,
    evaluated_on: Option<Date>,
    extras: Extras,
    extra_keys: &'p [&'p str],
    diagnostics: Diagnostics,
    seen: HashMap<String, std::ops::Range<usize>>,
    /// Each fact's slot by path, and each group's path: a key is found at once, so binding
    /// stays linear in the size of the policy and of the file.
    slots: HashMap<&'p str, usize>,
    groups: std::collections::HashSet<&'p str>,
}

/// Binds a parsed fact file to a program's facts.
pub fn bind(
    program: &Program,
    root: &RawNode,
    file: FileId,
    extra_keys: &[&str],
) -> Result<(FactSet, Extras), Diagnostics> {
    let mut binder = Binder {
        program,
        file,
        values: vec![None; program.facts.len()],
        evaluated_on: None,
        extras: Vec::new(),
        extra_keys,
        diagnostics: Diagnostics::new(),
        seen: HashMap::new(),
        slots: program
            .facts
            .iter()
            .enumerate()
            .map(|(slot, f)| (f.path.as_str(), slot))
            .collect(),
        groups: program
            .facts
            .iter()
            .flat_map(|f| {
                f.path
                    .match_indices('.')
                    .filter_map(|(at, _)| f.path.get(..at))
            })
            .collect(),
    };
    match &root.kind {
        RawKind::Map(_) => binder.map(root, ""),
        other => {
            let found = other.describe();
            binder.error(
                root,
                format!("a fact file holds a map of facts, found {found}"),
                "expected a map",
            );
        }
    }
    if binder.diagnostics.has_errors() {
        // In file order, whatever order the format's reader gave the keys in.
        let mut diagnostics = binder.diagnostics;
        diagnostics
            .0
            .sort_by_key(|d| d.primary_span().map(|s| s.start));
        return Err(diagnostics);
    }
    let values = binder
        .values
        .into_iter()
        .zip(&program.facts)
        .enumerate()
        .map(|(slot, (value, fact))| match value {
            Some(value) => value,
            None => match &fact.presence {
                Presence::Required => {
                    Value::Unknown(vec![u32::try_from(slot).unwrap_or(u32::MAX)].into())
                }
                Presence::Default(value) => value.clone(),
                Presence::Optional => Value::NotSet,
            },
        })
        .collect();
    Ok((
        FactSet {
            values,
            evaluated_on: binder.evaluated_on,
        },
        binder.extras,
    ))
}

impl Binder<'_> {
    fn span(&self, range: &std::ops::Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end.max(range.start))
    }

    fn error(&mut self, node: &RawNode, message: String, label: &str) {
        let span = self.span(&node.span);
        self.diagnostics
            .push(Diagnostic::error(CODE, message).with_label(span, label));
    }

    fn map(&mut self, node: &RawNode, prefix: &str) {
        let RawKind::Map(entries) = &node.kind else {
            return;
        };
        for (key, value) in entries {
            let path = if prefix.is_empty() {
                key.name.clone()
            } else {
                format!("{prefix}.{}", key.name)
            };
            if let Some(previous) = self.seen.insert(path.clone(), key.span.clone()) {
                let (first, again) = (self.span(&previous), self.span(&key.span));
                self.diagnostics.push(
                    Diagnostic::error(CODE, format!("`{path}` is given twice"))
                        .with_label(again, "given again here")
                        .with_label(first, "first given here"),
                );
                continue;
            }
            if prefix.is_empty() && self.extra_keys.contains(&path.as_str()) {
                self.extras.push((path, value.clone()));
                continue;
            }
            if prefix.is_empty() && path == SCHEMA_KEY {
                if !matches!(value.kind, RawKind::String(_)) {
                    let found = value.kind.describe();
                    self.error(
                        value,
                        format!("`{SCHEMA_KEY}` names the file's JSON Schema: expected a text, found {found}"),
                        "expected a text",
                    );
                }
                continue;
            }
            if prefix.is_empty() && path == EVALUATED_ON {
                if let RawKind::Null = value.kind {
                    continue;
                }
                if let Some(Value::Date(date)) = self.value(value, &Type::Date, &path) {
                    self.evaluated_on = Some(date);
                }
                continue;
            }
            if let Some(&slot) = self.slots.get(path.as_str()) {
                let ty = self
                    .program
                    .facts
                    .get(slot)
                    .map(|f| f.ty.clone())
                    .unwrap_or(Type::Bool);
                if matches!(value.kind, RawKind::Null) {
                    continue; // null: left out
                }
                let bound = self.value(value, &ty, &path);
                let bound = bound.and_then(|bound| self.in_range(slot, value, bound, &path));
                if let (Some(bound), Some(place)) = (bound, self.values.get_mut(slot)) {
                    *place = Some(bound);
                }
                continue;
            }
            if self.groups.contains(path.as_str()) {
                match &value.kind {
                    RawKind::Map(_) => self.map(value, &path),
                    RawKind::Null => {}
                    other => {
                        let found = other.describe();
                        self.error(
                            value,
                            format!("`{path}` is a group of facts: expected a map, found {found}"),
                            "expected a map",
                        );
                    }
                }
                continue;
            }
            self.unknown_key(&path, &key.span);
        }
    }

    fn unknown_key(&mut self, path: &str, range: &std::ops::Range<usize>) {
        // Past the diagnostics shown per file, an error is only counted: no help is sought
        // (a file of 50,000 unknown keys would compare each with every fact for nothing).
        let shown = crate::limits::current().max_errors;
        if shown > 0 && self.diagnostics.0.len() >= shown {
            let span = self.span(range);
            self.diagnostics.push(
                Diagnostic::error(CODE, format!("unknown fact `{path}`"))
                    .with_label(span, "the policy reads no such fact"),
            );
            return;
        }
        let mut candidates: Vec<String> =
            self.program.facts.iter().map(|f| f.path.clone()).collect();
        candidates.push(String::from(EVALUATED_ON));
        for fact in &self.program.facts {
            let mut prefix = String::new();
            for part in fact.path.split('.') {
                if !prefix.is_empty() {
                    prefix.push('.');
                }
                prefix.push_str(part);
                candidates.push(prefix.clone());
            }
        }
        candidates.sort();
        candidates.dedup();
        // The group a key stands in is no suggestion for it.
        candidates.retain(|c| !path.starts_with(&format!("{c}.")));
        let help = did_you_mean(path, candidates.iter().map(String::as_str));
        let span = self.span(range);
        self.diagnostics.push(
            Diagnostic::error(CODE, format!("unknown fact `{path}`"))
                .with_label(span, "the policy reads no such fact")
                .with_help(help.unwrap_or_else(|| self.known_keys(path))),
        );
    }

    /// The keys the policy reads beside an unknown one, for help when nothing is close.
    fn known_keys(&self, path: &str) -> String {
        if let Some((group, _)) = path.rsplit_once('.') {
            let prefix = format!("{group}.");
            let inside: Vec<&str> = self
                .program
                .facts
                .iter()
                .filter_map(|f| f.path.strip_prefix(&prefix))
                .collect();
            if !inside.is_empty() {
                return format!("the facts of `{group}` are: {}", inside.join(", "));
            }
        }
        let mut groups: Vec<&str> = self
            .program
            .facts
            .iter()
            .map(|f| f.path.split('.').next().unwrap_or(&f.path))
            .collect();
        groups.push(EVALUATED_ON);
        groups.sort_unstable();
        groups.dedup();
        format!(
            "the policy reads these top-level keys: {}",
            groups.join(", ")
        )
    }

    /// Binds one value to a type; reports and returns `None` when it does not fit.
    fn value(&mut self, node: &RawNode, ty: &Type, path: &str) -> Option<Value> {
        let ty = ty.required();
        // A plain YAML `10_000` is a number only to a number fact: to any other, the text
        // it was before digit groups were read.
        let grouped_text = match (&node.kind, ty) {
            (RawKind::Number(n), Type::Text | Type::Date | Type::Duration | Type::Enum(_))
                if n.contains('_') =>
            {
                Some(RawKind::String(n.clone()))
            }
            _ => None,
        };
        let kind = grouped_text.as_ref().unwrap_or(&node.kind);
        let converted = match (ty, kind) {
            (Type::Bool, RawKind::Bool(b)) => Ok(Value::Bool(*b)),
            (Type::Integer | Type::Decimal, RawKind::Number(n)) => convert::number(ty, n),
            (Type::Date, RawKind::Datetime(s)) | (_, RawKind::String(s)) => {
                let vocabularies = &self.program.vocabularies;
                convert::text(ty, s, |vocabulary, name| {
                    let members = &vocabularies.get(vocabulary as usize)?.members;
                    let member = members.iter().position(|m| m.name == name)?;
                    u32::try_from(member).ok()
                })
            }
            (Type::Set(element), RawKind::Seq(items)) => {
                let mut values = Vec::new();
                let mut ok = true;
                for item in items {
                    match self.value(item, element, path) {
                        Some(v) => values.push((v, item)),
                        None => ok = false,
                    }
                }
                let ok = ok && self.no_member_twice(&values, path);
                return ok.then(|| Value::set_of(values.into_iter().map(|(v, _)| v).collect()));
            }
            _ => Err(Misfit::Kind),
        };
        match converted {
            Ok(value) => Some(value),
            Err(misfit) => {
                self.misfit(node, ty, path, misfit);
                None
            }
        }
    }

    /// Refuses each member of a set given again (the JSON Schema says `uniqueItems`): at the
    /// repeated member, naming where it is first given; true when there is none.
    fn no_member_twice(&mut self, members: &[(Value, &RawNode)], path: &str) -> bool {
        let mut order: Vec<usize> = (0..members.len()).collect();
        // Stable: among equal members, the first given comes first.
        order.sort_by(|a, b| match (members.get(*a), members.get(*b)) {
            (Some((x, _)), Some((y, _))) => x.total_cmp(y),
            _ => std::cmp::Ordering::Equal,
        });
        let mut twice = false;
        let mut first: Option<&(Value, &RawNode)> = None;
        for at in order {
            let Some(member) = members.get(at) else {
                continue;
            };
            match first {
                Some(earlier) if earlier.0.total_cmp(&member.0).is_eq() => {
                    twice = true;
                    let written = match convert::value_json(self.program, &member.0) {
                        serde_json::Value::String(text) => text,
                        other => other.to_string(),
                    };
                    let (again, first_span) =
                        (self.span(&member.1.span), self.span(&earlier.1.span));
                    self.diagnostics.push(
                        Diagnostic::error(CODE, format!("`{path}` lists `{written}` twice"))
                            .with_label(again, "given again here")
                            .with_label(first_span, "first given here")
                            .with_help("a set holds each member once: remove the repeated one"),
                    );
                }
                _ => first = Some(member),
            }
        }
        !twice
    }

    /// Refuses a value outside the range its fact declares (`at least 0`): reported at the
    /// value, naming the range.
    fn in_range(&mut self, slot: usize, node: &RawNode, value: Value, path: &str) -> Option<Value> {
        let Some(range) = self.program.facts.get(slot).and_then(|f| f.range.as_ref()) else {
            return Some(value);
        };
        let Some(refusal) = range.refusal(&value, crate::i18n::Lang::EN) else {
            return Some(value);
        };
        let words = range.words();
        let span = self.span(&node.span);
        self.diagnostics.push(
            Diagnostic::error(CODE, format!("`{path}` {refusal}"))
                .with_label(span, format!("not {words}"))
                .with_help(format!(
                    "the policy declares the values `{path}` may take: {words}"
                )),
        );
        None
    }

    /// Reports a value that does not fit its type.
    fn misfit(&mut self, node: &RawNode, ty: &Type, path: &str, misfit: Misfit) {
        let written = match &node.kind {
            RawKind::Number(s) | RawKind::String(s) | RawKind::Datetime(s) => s.as_str(),
            _ => "",
        };
        match (misfit, ty) {
            (Misfit::OutOfRange, _) => {
                let label = match ty {
                    Type::Integer => "too large for an integer",
                    _ => "not a representable decimal",
                };
                let message = format!("`{path}` is out of range: `{written}`");
                self.error(node, message, label);
            }
            (Misfit::TooPrecise, _) => {
                let message = format!(
                    "`{path}` has more digits after the point than a decimal holds: `{written}`"
                );
                self.error(
                    node,
                    message,
                    "at most 28 digits after the point, never rounded",
                );
            }
            (Misfit::NotANumber, _) => {
                let message = format!("`{path}`: `{written}` is not a number a fact can hold");
                self.error(node, message, "an infinity or NaN");
            }
            (Misfit::NoSuchDay, _) => {
                let message = format!("`{path}`: `{written}` is not a valid date");
                self.error(node, message, "no such day");
            }
            (Misfit::UnknownName, &Type::Enum(vocabulary)) => {
                let Some(members) = self.program.vocabularies.get(vocabulary as usize) else {
                    return;
                };
                let names: Vec<&str> = members.members.iter().map(|m| m.name.as_str()).collect();
                let help = did_you_mean(written, names.iter().copied())
                    .unwrap_or_else(|| format!("the names are: {}", names.join(", ")));
                let span = self.span(&node.span);
                let message = format!(
                    "`{path}`: `{written}` is not one of the names of `{}`",
                    self.program.type_name(ty)
                );
                self.diagnostics.push(
                    Diagnostic::error(CODE, message)
                        .with_label(span, "unknown name")
                        .with_help(help),
                );
            }
            _ => {
                let expected = match ty {
                    Type::Bool => String::from("`true` or `false`"),
                    Type::Integer => String::from("a whole number"),
                    Type::Decimal => String::from("a number"),
                    Type::Text => String::from("a text"),
                    Type::Date => String::from("a date (YYYY-MM-DD)"),
                    Type::Duration => String::from("a duration (`12 months`)"),
                    Type::Enum(_) => {
                        format!("one of the names of `{}`", self.program.type_name(ty))
                    }
                    Type::Set(_) => String::from("a list"),
                    // Fact types are required types: nothing to say.
                    Type::Optional(_) => return,
                };
                let found = node.kind.describe();
                self.error(
                    node,
                    format!("`{path}` must be {expected}, found {found}"),
                    &format!("expected {expected}"),
                );
                if matches!(ty, Type::Integer | Type::Decimal)
                    && let RawKind::String(text) = &node.kind
                    && let Some(plain) = super::number::without_digit_groups(text)
                    && let Some(last) = self.diagnostics.0.last_mut()
                {
                    // Quoted, digit groups are a text in every format.
                    last.help = Some(format!(
                        "a quoted value is a text: write the number without quotes, `{text}` \
                         (YAML) or `{plain}` (YAML, JSON, TOML)"
                    ));
                }
                if *ty == Type::Integer
                    && let RawKind::Number(text) = &node.kind
                    && super::number::is_decimal_shaped(text)
                    && let Some(last) = self.diagnostics.0.last_mut()
                {
                    // One rule in every format: a point or an exponent makes a decimal.
                    let rule = "a whole number is written without a fraction part or \
                                exponent, in YAML, JSON and TOML alike";
                    last.help = Some(match super::number::decimal(text) {
                        Ok(d) if d.fract().is_zero() => format!("write `{}`: {rule}", d.trunc()),
                        _ => format!("{rule} (`2`, not `2.0`)"),
                    });
                }
            }
        }
    }
}
