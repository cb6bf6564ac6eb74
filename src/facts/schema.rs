//! The JSON Schema (draft 2020-12) of the fact files a policy reads, for editors and tools.
//!
//! Facts nest by their dotted paths; every object is closed (`additionalProperties: false`);
//! labels become titles, vocabularies become `const` names with their labels. No fact is
//! listed in `required`: a required fact left out (or `null`) is not an error in a fact file,
//! it is *unknown*, and the rules that need it give their undecided verdict.

use serde_json::{Map, Value as Json, json};

use crate::facts::tree::{Entry, Group};
use crate::facts::{EVALUATED_ON, SCHEMA_KEY};
use crate::language::ast::Lang;
use crate::language::program::{FactInfo, Presence, Program};
use crate::language::range::Range;
use crate::language::types::Type;
use crate::language::value::Value;

/// A value as a fact file writes it (kept at this path for its callers).
pub use super::convert::value_json;

/// The draft every schema declares.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A day written `YYYY-MM-DD` (whether the day exists is `format: date`'s job).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// A calendar duration as fact files write it: `12 months`, `1 year`, `30 days`, `2 weeks`.
pub const DURATION_PATTERN: &str =
    "^[ \\t]*[0-9](_?[0-9])*[ \\t]*(day|days|week|weeks|month|months|year|years)[ \\t]*$";

/// The JSON Schema of `program`'s fact files, its titles and descriptions in `lang`.
pub fn schema(program: &Program, lang: Lang) -> Json {
    let root = crate::facts::tree::tree(program);
    let title = program.title.get(lang).unwrap_or(&program.id);
    let mut properties = Map::new();
    properties.insert(
        String::from(SCHEMA_KEY),
        json!({
            "type": "string",
            "description": words(lang, "schema-self"),
        }),
    );
    properties.insert(
        String::from(EVALUATED_ON),
        nullable(date(), words(lang, "schema-evaluated-on")),
    );
    root.properties(program, lang, &mut properties);
    let description = words(lang, "schema-description");
    json!({
        "$schema": DRAFT,
        "$id": format!("urn:doctrine:policy:{}:facts", program.id),
        "title": title,
        "description": description,
        "type": "object",
        "properties": Json::Object(properties),
        "additionalProperties": false,
    })
}

/// Writes the schemas of a group's entries.
trait Properties {
    fn properties(&self, program: &Program, lang: Lang, into: &mut Map<String, Json>);
}

impl Properties for Group<'_> {
    fn properties(&self, program: &Program, lang: Lang, into: &mut Map<String, Json>) {
        for (name, entry) in &self.entries {
            let schema = match entry {
                Entry::Fact(fact) => fact_schema(program, fact, lang),
                Entry::Group(group) => {
                    let mut properties = Map::new();
                    group.properties(program, lang, &mut properties);
                    json!({
                        "type": ["object", "null"],
                        "properties": Json::Object(properties),
                        "additionalProperties": false,
                    })
                }
            };
            into.insert(name.clone(), schema);
        }
    }
}

fn fact_schema(program: &Program, fact: &FactInfo, lang: Lang) -> Json {
    let ty = fact.ty.required();
    let presence = match &fact.presence {
        Presence::Required => String::from(words(lang, "schema-required")),
        Presence::Default(value) => format!(
            "{} {}",
            words(lang, "schema-default"),
            value_json(program, value)
        ),
        Presence::Optional => String::from(words(lang, "schema-optional")),
    };
    let range = fact
        .range
        .as_ref()
        .map(|r| format!(" {}", r.words()))
        .unwrap_or_default();
    let description = format!(
        "{}: {}{range}; {presence}.",
        fact.path,
        program.type_name(ty)
    );
    let mut schema = Map::new();
    if let Some(label) = fact.label.get(lang) {
        schema.insert(String::from("title"), Json::from(label));
    }
    let value_schema = bounded(program, type_schema(program, ty, lang), fact.range.as_ref());
    if let Json::Object(rest) = nullable(value_schema, &description) {
        schema.extend(rest);
    }
    if let Presence::Default(value) = &fact.presence {
        schema.insert(String::from("default"), value_json(program, value));
    }
    Json::Object(schema)
}

/// The schema of one value of `ty` (never null).
fn type_schema(program: &Program, ty: &Type, lang: Lang) -> Json {
    match ty {
        Type::Bool => json!({"type": "boolean"}),
        Type::Integer => json!({"type": "integer"}),
        Type::Decimal => json!({"type": "number"}),
        Type::Text => json!({"type": "string"}),
        Type::Date => date(),
        Type::Duration => json!({"type": "string", "pattern": DURATION_PATTERN}),
        Type::Enum(index) => {
            let members = program
                .vocabularies
                .get(*index as usize)
                .map_or(&[][..], |v| v.members.as_slice());
            let choices: Vec<Json> = members
                .iter()
                .map(|m| {
                    let mut choice = json!({"const": m.name});
                    if let (Json::Object(object), Some(label)) = (&mut choice, m.label.get(lang)) {
                        object.insert(String::from("title"), Json::from(label));
                    }
                    choice
                })
                .collect();
            json!({"type": "string", "oneOf": choices})
        }
        Type::Set(inner) => json!({
            "type": "array",
            "uniqueItems": true,
            "items": type_schema(program, inner, lang),
        }),
        Type::Optional(inner) => type_schema(program, inner, lang),
    }
}

/// A number's schema with its fact's range as `minimum` and `maximum` (both included);
/// the ranges of days and durations are said in the description only.
fn bounded(program: &Program, mut schema: Json, range: Option<&Range>) -> Json {
    let (Some(range), Json::Object(object)) = (range, &mut schema) else {
        return schema;
    };
    let number = |bound: &Option<Value>| match bound {
        Some(value @ (Value::Integer(_) | Value::Decimal(_))) => Some(value_json(program, value)),
        _ => None,
    };
    if let Some(min) = number(&range.min) {
        object.insert(String::from("minimum"), min);
    }
    if let Some(max) = number(&range.max) {
        object.insert(String::from("maximum"), max);
    }
    schema
}

fn date() -> Json {
    json!({"type": "string", "format": "date", "pattern": DATE_PATTERN})
}

/// `schema` or null, with a description: null means left out, for every fact.
fn nullable(schema: Json, description: &str) -> Json {
    let mut out = Map::new();
    out.insert(String::from("description"), Json::from(description));
    out.insert(String::from("anyOf"), json!([schema, {"type": "null"}]));
    Json::Object(out)
}

/// A word of the fact files' schema and template, in the reader's language.
pub(crate) fn words(lang: Lang, id: &'static str) -> &'static str {
    crate::i18n::words(lang).get(id)
}
