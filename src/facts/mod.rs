//! Fact files: YAML, JSON or TOML, parsed with spans and bound to a policy's facts.

mod bind;
pub mod convert;
mod fast;
mod index;
pub mod lines;
mod number;
pub mod raw;
pub mod schema;
pub mod template;
pub mod tree;
pub mod write;

pub use bind::{EVALUATED_ON, Extras, SCHEMA_KEY, bind};
pub use fast::read_json;
pub use index::FactIndex;
pub use raw::{RawKind, RawNode};

/// The facts of one evaluation, by slot (see [`Program::facts`](crate::language::program::Program::facts)).
#[derive(Clone, Debug)]
pub struct FactSet {
    /// Each fact's value: known, [`Value::Unknown`] or [`Value::NotSet`].
    pub values: Vec<Value>,
    /// The day the fact file speaks of, if it says.
    pub evaluated_on: Option<Date>,
}

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::language::value::Value;
use crate::source::{FileId, SourceFile};

/// The formats of fact files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.yaml`, `.yml`
    Yaml,
    /// `.json`, and standard input
    Json,
    /// `.toml`
    Toml,
}

impl Format {
    /// The format a file name's extension says.
    pub fn from_path(path: &str) -> Option<Format> {
        let extension = std::path::Path::new(path)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }
}

/// Where the value of the fact at `path` is written in a parsed fact file, whether its
/// groups are nested maps (`a: {b: 1}`) or dotted keys (`a.b: 1`), as the binder reads them.
pub fn value_span(root: &RawNode, path: &str) -> Option<std::ops::Range<usize>> {
    fn find(node: &RawNode, prefix: &str, path: &str) -> Option<std::ops::Range<usize>> {
        let RawKind::Map(entries) = &node.kind else {
            return None;
        };
        entries.iter().find_map(|(key, value)| {
            let here = if prefix.is_empty() {
                key.name.clone()
            } else {
                format!("{prefix}.{}", key.name)
            };
            if here == path {
                Some(value.span.clone())
            } else if path.starts_with(&format!("{here}.")) {
                find(value, &here, path)
            } else {
                None
            }
        })
    }
    find(root, "", path)
}

/// Parses a fact file's text into a tree with spans. A file that starts with a byte-order
/// mark is refused: the formats do not allow one (JSON, TOML) or are read as UTF-8 only.
pub fn parse(source: &SourceFile, file: FileId, format: Format) -> Result<RawNode, Diagnostic> {
    let text = &source.text;
    crate::limits::refuse_byte_order_mark(text, file)?;
    match format {
        Format::Json => raw::parse_json(text, file),
        Format::Toml => raw::parse_toml(text, file),
        Format::Yaml => raw::parse_yaml(text, source, file),
    }
}
