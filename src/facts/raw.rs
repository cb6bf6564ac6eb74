//! A fact file as a tree of values with byte spans, from YAML, JSON or TOML.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceFile, Span};

/// How deeply the JSON reader nests, whatever the configured limit.
const JSON_READER_DEPTH: usize = 512;
/// How deeply the TOML reader nests, whatever the configured limit.
const TOML_READER_DEPTH: usize = 80;

/// A value of a fact file, with where it is written.
#[derive(Clone, Debug)]
pub struct RawNode {
    /// The value.
    pub kind: RawKind,
    /// Its byte range in the file.
    pub span: Range<usize>,
}

/// The kinds of values a fact file holds.
#[derive(Clone, Debug)]
pub enum RawKind {
    /// `null`, `~`, or an empty value.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// A number, as written (exact).
    Number(String),
    /// A string.
    String(String),
    /// A TOML date or date-time, as written.
    Datetime(String),
    /// A list.
    Seq(Vec<RawNode>),
    /// A map, in file order.
    Map(Vec<(RawKey, RawNode)>),
}

impl RawKind {
    /// What the value is, for messages.
    pub fn describe(&self) -> String {
        match self {
            RawKind::Null => String::from("null"),
            RawKind::Bool(b) => format!("`{b}`"),
            RawKind::Number(n) => format!("the number `{n}`"),
            RawKind::String(s) => format!("the text `{s}`"),
            RawKind::Datetime(d) => format!("the date-time `{d}`"),
            RawKind::Seq(_) => String::from("a list"),
            RawKind::Map(_) => String::from("a map"),
        }
    }
}

/// A key of a map, with where it is written.
#[derive(Clone, Debug)]
pub struct RawKey {
    /// The key.
    pub name: String,
    /// Its byte range.
    pub span: Range<usize>,
}

/// The error for a value nested deeper than `limit`.
fn too_deep(file: FileId, span: Range<usize>, limit: usize) -> Diagnostic {
    error_at(
        file,
        span,
        format!("the file nests more than {limit} levels deep"),
        "too deep",
    )
    .with_help("raise the limit with `--max-depth LEVELS` (or `DOCTRINE_MAX_DEPTH`)")
}

fn error_at(file: FileId, range: Range<usize>, message: String, label: &str) -> Diagnostic {
    Diagnostic::error("doctrine::facts::syntax", message).with_label(
        Span::new(file, range.start, range.end.max(range.start)),
        label,
    )
}

/// The error for a file with nothing in it; `expected` says what it should hold.
fn empty(file: FileId, expected: &str) -> Diagnostic {
    error_at(file, 0..0, String::from("the file is empty"), expected)
}

/// Parses JSON (strict: no comments, no trailing commas).
pub fn parse_json(text: &str, file: FileId) -> Result<RawNode, Diagnostic> {
    use jsonc_parser::ast::{ObjectPropName, Value};
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        ..Default::default()
    };
    let limit = crate::limits::current().max_depth;
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let range = e.range();
        if e.kind().to_string().contains("nesting depth") {
            return too_deep(file, range.start..range.end, limit.min(JSON_READER_DEPTH));
        }
        error_at(
            file,
            range.start..range.end,
            format!("invalid JSON: {}", e.kind()),
            "here",
        )
    })?;
    fn convert(
        value: Value<'_>,
        depth: usize,
        file: FileId,
        limit: usize,
    ) -> Result<RawNode, Diagnostic> {
        let span = {
            use jsonc_parser::common::Ranged;
            let range = value.range();
            range.start..range.end
        };
        if depth > limit {
            return Err(too_deep(file, span, limit));
        }
        let kind = match value {
            Value::NullKeyword(_) => RawKind::Null,
            Value::BooleanLit(b) => RawKind::Bool(b.value),
            Value::NumberLit(n) => RawKind::Number(n.value.to_string()),
            Value::StringLit(s) => RawKind::String(s.value.to_string()),
            Value::Array(array) => RawKind::Seq(
                array
                    .elements
                    .into_iter()
                    .map(|v| convert(v, depth + 1, file, limit))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(object) => {
                let mut entries = Vec::new();
                for prop in object.properties {
                    let key_span = match &prop.name {
                        ObjectPropName::String(s) => s.range.start..s.range.end,
                        ObjectPropName::Word(w) => w.range.start..w.range.end,
                    };
                    let name = prop.name.into_string();
                    entries.push((
                        RawKey {
                            name,
                            span: key_span,
                        },
                        convert(prop.value, depth + 1, file, limit)?,
                    ));
                }
                RawKind::Map(entries)
            }
        };
        Ok(RawNode { kind, span })
    }
    match parsed.value {
        Some(value) => convert(value, 0, file, limit),
        None => Err(empty(file, "expected a JSON object")),
    }
}

/// Parses TOML.
pub fn parse_toml(text: &str, file: FileId) -> Result<RawNode, Diagnostic> {
    use toml::de::{DeTable, DeValue};
    if text.trim().is_empty() {
        return Err(empty(file, "expected a table of facts"));
    }
    let limit = crate::limits::current().max_depth;
    let table = DeTable::parse(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        if e.message().contains("recurse") {
            return too_deep(file, range, limit.min(TOML_READER_DEPTH));
        }
        error_at(
            file,
            range,
            format!("invalid TOML: {}", e.message().trim()),
            "here",
        )
    })?;
    fn convert(
        value: DeValue<'_>,
        span: Range<usize>,
        depth: usize,
        (file, limit): (FileId, usize),
    ) -> Result<RawNode, Diagnostic> {
        if depth > limit {
            return Err(too_deep(file, span, limit));
        }
        let kind = match value {
            DeValue::String(s) => RawKind::String(s.to_string()),
            DeValue::Integer(i) => {
                let digits = i.as_str().replace('_', "");
                match i.radix() {
                    10 => RawKind::Number(digits),
                    radix => match i128::from_str_radix(&digits, radix) {
                        Ok(n) => RawKind::Number(n.to_string()),
                        Err(_) => RawKind::String(digits),
                    },
                }
            }
            DeValue::Float(f) => RawKind::Number(f.as_str().replace('_', "")),
            DeValue::Boolean(b) => RawKind::Bool(b),
            DeValue::Datetime(d) => RawKind::Datetime(d.to_string()),
            DeValue::Array(items) => RawKind::Seq(
                items
                    .into_iter()
                    .map(|item| {
                        let span = item.span();
                        convert(item.into_inner(), span, depth + 1, (file, limit))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            DeValue::Table(table) => RawKind::Map(
                table
                    .into_iter()
                    .map(|(key, value)| {
                        let key = RawKey {
                            name: key.get_ref().to_string(),
                            span: key.span(),
                        };
                        let span = value.span();
                        Ok((
                            key,
                            convert(value.into_inner(), span, depth + 1, (file, limit))?,
                        ))
                    })
                    .collect::<Result<_, _>>()?,
            ),
        };
        Ok(RawNode { kind, span })
    }
    let span = table.span();
    convert(DeValue::Table(table.into_inner()), span, 0, (file, limit))
}

/// Parses YAML (1.2: `no`, `on` and `off` are text, not booleans).
pub fn parse_yaml(text: &str, source: &SourceFile, file: FileId) -> Result<RawNode, Diagnostic> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        budget: serde_saphyr::budget! {
            max_depth: crate::limits::current().max_depth,
        },
    };
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
                let limit = crate::limits::current().max_depth;
                return too_deep(file, offset..offset + 1, limit);
            }
            let message = yaml_message(&e);
            error_at(
                file,
                offset..offset + 1,
                format!("invalid YAML: {message}"),
                "here",
            )
        })?;
    Ok(yaml_node(node, source))
}

fn yaml_message(error: &serde_saphyr::Error) -> String {
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
        return format!("the file expands to {what}, aliases replayed: too large for a fact file");
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
        YamlKind::Scalar(kind) => kind,
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
        deserializer.deserialize_any(YamlVisitor(PhantomData))
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
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<YamlKind, E> {
        // Rust prints the shortest text that reads back as the same number: `0.1`, not
        // `0.1000000000000000055…`, so the exact decimal is the one the author wrote.
        Ok(YamlKind::Scalar(RawKind::Number(format!("{v}"))))
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
