//! A commented YAML fact-file template of a policy (`doctrine init`): every fact, grouped by
//! its dotted path, with its label, type, allowed names and what leaving it out means.
//!
//! Unfilled, the template is a valid fact file: facts with a default hold it, the others are
//! empty (null), which means left out.

use std::fmt::Write;

use serde_json::Value as Json;

use super::convert::value_json;
use crate::facts::EVALUATED_ON;
use crate::facts::schema::words;
use crate::facts::tree::{Entry, Group};
use crate::language::ast::Lang;
use crate::language::program::{FactInfo, Presence, Program};
use crate::language::types::Type;

/// The template of `program`'s fact files, its comments in `lang`.
pub fn template(program: &Program, lang: Lang) -> String {
    let mut out = String::new();
    let title = program.title.get(lang).unwrap_or(&program.id);
    line(
        &mut out,
        0,
        &format!("# {}: {}", program.id, one_line(title)),
    );
    let header = words(lang, "template-header");
    line(&mut out, 0, header);
    out.push('\n');
    line(&mut out, 0, words(lang, "template-evaluated-on"));
    line(&mut out, 0, &format!("{EVALUATED_ON}:"));
    let root = crate::facts::tree::tree(program);
    group(&mut out, program, &root, lang, 0);
    out
}

fn group(out: &mut String, program: &Program, group_: &Group<'_>, lang: Lang, depth: usize) {
    for (name, entry) in &group_.entries {
        match entry {
            Entry::Fact(fact) => fact_lines(out, program, name, fact, lang, depth),
            Entry::Group(inner) => {
                if depth == 0 {
                    out.push('\n');
                }
                line(out, depth, &format!("{}:", key(name)));
                group(out, program, inner, lang, depth + 1);
            }
        }
    }
}

fn fact_lines(
    out: &mut String,
    program: &Program,
    name: &str,
    fact: &FactInfo,
    lang: Lang,
    depth: usize,
) {
    if depth == 0 {
        out.push('\n');
    }
    if let Some(label) = fact.label.get(lang) {
        line(out, depth, &format!("# {}", one_line(label)));
    }
    let ty = fact.ty.required();
    let (presence, value) = match &fact.presence {
        Presence::Required => (String::from(words(lang, "template-required")), None),
        Presence::Default(value) => {
            let value = yaml(&value_json(program, value));
            (
                format!("{} {value}", words(lang, "template-default")),
                Some(value),
            )
        }
        Presence::Optional => (String::from(words(lang, "template-optional")), None),
    };
    let shape = match ty {
        Type::Date => " (YYYY-MM-DD)",
        Type::Duration => " (`12 months`, `30 days`)",
        Type::Set(_) => " ([a, b])",
        _ => "",
    };
    let range = fact
        .range
        .as_ref()
        .map(|r| format!(" {}", r.words()))
        .unwrap_or_default();
    line(
        out,
        depth,
        &format!("# {}{range}{shape}, {presence}", program.type_name(ty)),
    );
    names_lines(out, program, ty, lang, depth);
    match value {
        Some(value) => line(out, depth, &format!("{}: {value}", key(name))),
        None => line(out, depth, &format!("{}:", key(name))),
    }
}

/// The names a vocabulary fact (or a set of them) may take, one a line with its label.
fn names_lines(out: &mut String, program: &Program, ty: &Type, lang: Lang, depth: usize) {
    let element = match ty {
        Type::Set(inner) => inner.required(),
        other => other,
    };
    let Type::Enum(index) = element else {
        return;
    };
    let Some(vocabulary) = program.vocabularies.get(*index as usize) else {
        return;
    };
    line(out, depth, words(lang, "template-one-of"));
    for member in &vocabulary.members {
        match member.label.get(lang) {
            Some(label) => line(
                out,
                depth,
                &format!("#   {}: {}", member.name, one_line(label)),
            ),
            None => line(out, depth, &format!("#   {}", member.name)),
        }
    }
}

/// Appends `text` (one or more lines) indented `depth` levels.
fn line(out: &mut String, depth: usize, text: &str) {
    for part in text.lines() {
        let _ = writeln!(out, "{:width$}{part}", "", width = depth * 2);
    }
}

/// A label on one line, for a comment.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A key, quoted unless it is a plain name.
fn key(name: &str) -> String {
    if plain(name) {
        name.to_string()
    } else {
        Json::from(name).to_string()
    }
}

/// A value in YAML: JSON is YAML's flow style; plain names and days go unquoted.
fn yaml(value: &Json) -> String {
    match value {
        Json::String(s) if plain(s) => s.clone(),
        Json::Array(items) => {
            let items: Vec<String> = items.iter().map(yaml).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// Whether YAML 1.2 reads `text` unquoted as this very text.
fn plain(text: &str) -> bool {
    let mut chars = text.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let rest_ok = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let keyword = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
    );
    let number = text.parse::<f64>().is_ok() || text.starts_with("0x") || text.starts_with("0o");
    starts_well && rest_ok && !keyword && !number
}
