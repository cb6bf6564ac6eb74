//! Fact files: YAML, JSON or TOML, parsed with spans and bound to a policy's facts.

mod bind;
mod fast;
mod index;
pub mod lines;
pub mod raw;
pub mod write;

pub use bind::{EVALUATED_ON, Extras, SCHEMA_KEY, bind};
pub use fast::read_json;
pub use index::FactIndex;
pub use raw::{RawKind, RawNode};

use crate::diagnostic::Diagnostic;
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

/// Parses a fact file's text into a tree with spans.
pub fn parse(source: &SourceFile, file: FileId, format: Format) -> Result<RawNode, Diagnostic> {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let shift = source.text.len() - text.len();
    let mut node = match format {
        Format::Json => raw::parse_json(text, file),
        Format::Toml => raw::parse_toml(text, file),
        Format::Yaml => raw::parse_yaml(text, source, file),
    };
    // Spans point into the file as it is, byte-order mark included.
    if shift > 0
        && let Ok(n) = node.as_mut()
    {
        shift_spans(n, shift);
    }
    node
}

fn shift_spans(node: &mut RawNode, by: usize) {
    node.span = node.span.start + by..node.span.end + by;
    match &mut node.kind {
        RawKind::Seq(items) => items.iter_mut().for_each(|i| shift_spans(i, by)),
        RawKind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            k.span = k.span.start + by..k.span.end + by;
            shift_spans(v, by);
        }),
        _ => {}
    }
}
