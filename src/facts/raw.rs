//! A fact file as a tree of values with byte spans, from YAML, JSON or TOML.

mod yaml;

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

pub use yaml::parse_yaml;

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
    .with_help(crate::limits::deeper_help())
}

/// The error for a value nested deeper than a reader itself reads: `--max-depth` cannot
/// raise that, so the message does not advise it.
fn reader_too_deep(file: FileId, span: Range<usize>, reader: &str, cap: usize) -> Diagnostic {
    error_at(
        file,
        span,
        format!(
            "the file nests more than {cap} levels deep, the most the {reader} reader reads \
             (whatever `--max-depth` says)"
        ),
        "too deep",
    )
}

fn error_at(file: FileId, range: Range<usize>, message: String, label: &str) -> Diagnostic {
    Diagnostic::error("doctrine::facts::syntax", message).with_label(
        Span::new(file, range.start, range.end.max(range.start)),
        label,
    )
}

/// The number with digit-group underscores a JSON error at `at` stopped in (`10_000`), and
/// that number without them; `None` when the error is not there.
fn grouped_json_number(text: &str, at: usize) -> Option<(String, String)> {
    let number = |b: u8| b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'-');
    let bytes = text.as_bytes();
    let start = bytes
        .get(..at)?
        .iter()
        .rposition(|b| !number(*b))
        .map_or(0, |p| p + 1);
    let end = bytes
        .get(at..)?
        .iter()
        .position(|b| !number(*b))
        .map_or(bytes.len(), |p| at + p);
    let written = text.get(start..end)?;
    let plain = crate::facts::number::without_digit_groups(written)?;
    Some((written.to_string(), plain))
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
            let span = range.start..range.end;
            return reader_too_deep(file, span, "JSON", JSON_READER_DEPTH);
        }
        let error = error_at(
            file,
            range.start..range.end,
            format!("invalid JSON: {}", e.kind()),
            "here",
        );
        match grouped_json_number(text, range.start) {
            Some((written, plain)) => error.with_help(format!(
                "JSON numbers have no digit-group underscores: write `{plain}`, not `{written}`"
            )),
            None => error,
        }
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
            return reader_too_deep(file, range, "TOML", TOML_READER_DEPTH);
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
