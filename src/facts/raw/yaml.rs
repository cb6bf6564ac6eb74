//! YAML fact files read into the spanned tree, numbers from their text as written.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{RawKey, RawKind, RawNode, empty, error_at, reader_too_deep, too_deep};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceFile};

/// How deeply the YAML reader nests, whatever the configured limit: its own cap on brackets
/// (`[`, `{`), and ours on indented blocks, which it would follow until the stack overflows.
const YAML_READER_DEPTH: usize = 255;

/// Parses YAML (1.2: `no`, `on` and `off` are text, not booleans). A number with a point
/// or an exponent is read from its text as written, exactly, as JSON's and TOML's are (the
/// reader's 64-bit float is dropped); a tag other than the core schema's is refused.
pub fn parse_yaml(text: &str, source: &SourceFile, file: FileId) -> Result<RawNode, Diagnostic> {
    let aliases = std::rc::Rc::new(std::cell::Cell::new(0usize));
    let seen = std::rc::Rc::clone(&aliases);
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        reject_unsupported_tags: true,
        // `1e400` and `.inf` reach the visitor, which reads their text: refused by the
        // binder as JSON's and TOML's are, with the fact's name.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        budget: serde_saphyr::budget! {
            max_depth: crate::limits::current().max_depth.min(YAML_READER_DEPTH),
        },
    }
    .with_budget_report(move |report| seen.set(report.aliases));
    if text.trim().is_empty() {
        return Err(empty(file, "expected a map of facts"));
    }
    let node: serde_saphyr::Spanned<YamlKind> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| {
            let offset = e
                .location()
                .map(|l| source.offset_of(l.line() as usize, l.column() as usize))
                .unwrap_or(0);
            let raw = e.to_string();
            if raw.contains("recursion limit") || raw.contains("Depth {") {
                // Either stop lies past the configured limit when that is the lower: the file
                // is too deep for it. Only above the reader's own cap is the reader to blame.
                let limit = crate::limits::current().max_depth;
                if limit >= YAML_READER_DEPTH {
                    let cap = YAML_READER_DEPTH;
                    return reader_too_deep(file, offset..offset + 1, "YAML", cap);
                }
                return too_deep(file, offset..offset + 1, limit);
            }
            let message = yaml_message(&e, aliases.get() > 0);
            error_at(
                file,
                offset..offset + 1,
                format!("invalid YAML: {message}"),
                "here",
            )
        })?;
    Ok(yaml_node(node, source))
}

fn yaml_message(error: &serde_saphyr::Error, has_aliases: bool) -> String {
    let text = error.to_string();
    let mut message = text.lines().next().unwrap_or("").trim();
    // The reader's message repeats the place ("error: line 9 column 5: …"): our label shows it.
    message = message.strip_prefix("error:").unwrap_or(message).trim();
    if let Some(rest) = message.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
    {
        message = after;
    }
    if let Some(index) = message.find(" at line ") {
        message = message.get(..index).unwrap_or(message);
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("the key `{key}` is given twice in this map");
    }
    if message.contains("multiple YAML documents") {
        return String::from("a fact file holds one YAML document, this one holds several (`---`)");
    }
    if message.contains("budget breached") {
        // The reader names the budget as a Rust value (`Nodes { nodes: 250001 }`): say it
        // in words, with the limit.
        let budget = serde_saphyr::Budget::default();
        let what = if message.contains("Nodes") {
            format!("more than {} values", budget.max_nodes)
        } else if message.contains("Aliases") {
            format!("more than {} aliases (`*name`)", budget.max_aliases)
        } else if message.contains("Anchors") {
            format!("more than {} anchors (`&name`)", budget.max_anchors)
        } else if message.contains("Events") {
            format!("more than {} YAML events", budget.max_events)
        } else {
            String::from("more than a fact file may hold")
        };
        if has_aliases {
            return format!(
                "the file expands to {what}, aliases replayed: too large for a fact file"
            );
        }
        return format!("the file holds {what}: too large for a fact file");
    }
    if let Some(rest) = message.strip_prefix("unsupported tag ") {
        return format!(
            "the tag {} is not one a fact file may use (it may use the core schema's: \
             `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`)",
            rest.trim()
        );
    }
    if message.contains("non-finite float") {
        return String::from(
            "a number out of range (beyond ±1.8e308), `.nan` or `.inf`: not a number a fact can hold",
        );
    }
    message.to_string()
}

fn yaml_span(location: &serde_saphyr::Location, source: &SourceFile) -> Range<usize> {
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => {
            let start = usize::try_from(start).unwrap_or(0);
            start..start + usize::try_from(len).unwrap_or(0)
        }
        _ => {
            let start = source.offset_of(location.line() as usize, location.column() as usize);
            start..start + 1
        }
    }
}

fn yaml_node(node: serde_saphyr::Spanned<YamlKind>, source: &SourceFile) -> RawNode {
    let span = yaml_span(&node.referenced, source);
    let kind = match node.value {
        // A plain scalar with digit-group underscores (`10_000_000`) is text to YAML 1.2;
        // it is kept as the number it spells, which a text fact still reads as written.
        YamlKind::Scalar(RawKind::String(text))
            if source.text.get(span.clone()) == Some(text.as_str())
                && crate::facts::number::without_digit_groups(&text).is_some() =>
        {
            RawKind::Number(text)
        }
        YamlKind::Scalar(kind) => kind,
        YamlKind::Float => {
            // The text where the value is defined (an alias's anchor, not the alias),
            // without the quotes a tagged scalar (`!!float "1.5"`) may have.
            let text = source
                .text
                .get(yaml_span(&node.defined, source))
                .unwrap_or("")
                .trim();
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|q| text.strip_prefix(*q)?.strip_suffix(*q))
                .unwrap_or(text);
            RawKind::Number(crate::facts::number::yaml_decimal(unquoted))
        }
        YamlKind::Seq(items) => {
            RawKind::Seq(items.into_iter().map(|i| yaml_node(i, source)).collect())
        }
        YamlKind::Map(entries) => RawKind::Map(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let key = RawKey {
                        span: yaml_span(&key.referenced, source),
                        name: key.value,
                    };
                    (key, yaml_node(value, source))
                })
                .collect(),
        ),
    };
    RawNode { kind, span }
}

/// A YAML value whose children carry their locations.
enum YamlKind {
    Scalar(RawKind),
    /// A number the reader took for a float: its text is read from the file.
    Float,
    Seq(Vec<serde_saphyr::Spanned<YamlKind>>),
    Map(
        Vec<(
            serde_saphyr::Spanned<String>,
            serde_saphyr::Spanned<YamlKind>,
        )>,
    ),
}

impl<'de> Deserialize<'de> for YamlKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The reader hands a value with its tag under this name (its `Tagged` wrapper's):
        // the tag is checked, then the value read as any other.
        deserializer.deserialize_newtype_struct("__yaml_tagged", TagVisitor)
    }
}

/// A value read without looking at its tag.
struct Untagged(YamlKind);

impl<'de> Deserialize<'de> for Untagged {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(YamlVisitor(PhantomData))
            .map(Untagged)
    }
}

/// Whether a tag is one of the YAML core schema's (or `!`, which says "as written").
fn core_tag(tag: &str) -> bool {
    let name = tag
        .strip_prefix("tag:yaml.org,2002:")
        .or_else(|| tag.strip_prefix("!!"))
        .unwrap_or(if tag == "!" { "str" } else { "" });
    matches!(
        name,
        "str" | "int" | "float" | "bool" | "null" | "seq" | "map"
    )
}

/// Reads a value with its tag, refusing a tag outside the core schema: `!!binary` would
/// decode base64 silently, an application's `!custom` would be ignored.
struct TagVisitor;

impl<'de> Visitor<'de> for TagVisitor {
    type Value = YamlKind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<YamlKind, D::Error> {
        Untagged::deserialize(d).map(|u| u.0)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlKind, A::Error> {
        let value: Untagged = seq
            .next_element()?
            .ok_or_else(|| de::Error::custom("a tagged value without its value"))?;
        let tag: Option<String> = seq.next_element()?;
        match tag {
            Some(tag) if !core_tag(&tag) => {
                let short = match tag.strip_prefix("tag:yaml.org,2002:") {
                    Some(name) => format!("!!{name}"),
                    None => tag,
                };
                Err(de::Error::custom(format!("unsupported tag `{short}`")))
            }
            _ => Ok(value.0),
        }
    }
}

struct YamlVisitor(PhantomData<()>);

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = YamlKind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::Number(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::Number(v.to_string())))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::Number(v.to_string())))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::Number(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<YamlKind, E> {
        // Not the float (`999999.99999999999` would be a million, `1e-400` zero): its text.
        Ok(YamlKind::Float)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::String(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::String(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<YamlKind, E> {
        Ok(YamlKind::Scalar(RawKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlKind, D::Error> {
        YamlKind::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlKind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(YamlKind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlKind, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<String>>()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(YamlKind::Map(entries))
    }
}
