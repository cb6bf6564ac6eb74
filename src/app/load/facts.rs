//! Reading fact sets: fact files (`-`: standard input), text in memory, JSON Lines inputs;
//! parsed with spans and bound to a program.

use std::path::Path;

use super::{read_stdin, read_text, require_file};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::FactSet;
use crate::facts::{self, Extras, Format, RawNode};
use crate::language::program::Program;
use crate::source::{FileId, SourceMap};

/// Reads and parses a fact file (`-` reads JSON from standard input) into a tree with spans,
/// without binding it to a policy: `doctrine diff` binds one tree to two policies.
pub fn read_facts(path: &str, sources: &mut SourceMap) -> Result<(RawNode, FileId), Diagnostics> {
    let (text, format) = if path == "-" {
        (read_stdin()?, Format::Json)
    } else {
        let format = Format::from_path(path).ok_or_else(|| {
            Diagnostic::error(
                "doctrine::io",
                format!("cannot tell the format of `{path}`"),
            )
            .with_help(
                "fact files end in .yaml, .yml, .json or .toml; `-` reads JSON from standard input",
            )
        })?;
        (read_text(Path::new(path), sources)?, format)
    };
    let name = if path == "-" { "<stdin>" } else { path };
    parse_facts(name, text, format, sources)
}

/// Parses fact text already in memory (a request's body), named `name` in messages.
pub fn parse_facts(
    name: &str,
    text: String,
    format: Format,
    sources: &mut SourceMap,
) -> Result<(RawNode, FileId), Diagnostics> {
    let id = sources.add(name, text);
    let source = sources
        .get(id)
        .cloned()
        .ok_or_else(|| Diagnostic::error("doctrine::io", "lost a source file"))?;
    let root = facts::parse(&source, id, format)?;
    Ok((root, id))
}

/// Where one fact set comes from.
#[derive(Clone, Copy, Debug)]
pub enum FactSource<'a> {
    /// A fact file by path; `-` reads JSON from standard input.
    Path(&'a str),
    /// Fact text in memory (a request's body, a JSON value written out), named for messages.
    Text {
        /// The name errors give it.
        name: &'a str,
        /// The text.
        text: &'a str,
        /// Its format.
        format: Format,
    },
}

impl FactSource<'_> {
    /// The name decisions and errors give the fact set.
    pub fn name(&self) -> &str {
        match self {
            FactSource::Path(path) => path,
            FactSource::Text { name, .. } => name,
        }
    }

    /// Reads (if a path) and parses the facts into a tree with spans.
    pub fn read(&self, sources: &mut SourceMap) -> Result<(RawNode, FileId), Diagnostics> {
        match *self {
            FactSource::Path(path) => read_facts(path, sources),
            FactSource::Text { name, text, format } => {
                parse_facts(name, text.to_string(), format, sources)
            }
        }
    }

    /// As [`FactSource::load`], JSON text read by the fast reader of `index` first: the
    /// spanned reader runs only when it fails, to place the errors (or to return a test
    /// case's keys, which the fast reader does not take).
    pub fn load_indexed(
        &self,
        program: &Program,
        index: &crate::facts::FactIndex,
        sources: &mut SourceMap,
        extra_keys: &[&str],
    ) -> Result<(FactSet, Extras, FileId), Diagnostics> {
        if let FactSource::Text {
            name,
            text,
            format: Format::Json,
        } = *self
            && let Some(facts) = crate::facts::read_json(index, text)
        {
            return Ok((facts, Extras::new(), sources.add(name, text)));
        }
        self.load(program, sources, extra_keys)
    }

    /// Reads the facts and binds them to a program; `extra_keys` are top-level keys that
    /// are not facts (a test case's `expect:`), returned apart.
    pub fn load(
        &self,
        program: &Program,
        sources: &mut SourceMap,
        extra_keys: &[&str],
    ) -> Result<(FactSet, Extras, FileId), Diagnostics> {
        let (root, id) = self.read(sources)?;
        let (facts, extras) = facts::bind(program, &root, id, extra_keys)?;
        Ok((facts, extras, id))
    }
}

/// Loads a fact file (`-` reads JSON from standard input) and binds it to a program.
pub fn load_facts(
    path: &str,
    program: &Program,
    sources: &mut SourceMap,
    extra_keys: &[&str],
) -> Result<(FactSet, Extras, FileId), Diagnostics> {
    FactSource::Path(path).load(program, sources, extra_keys)
}

/// Loads a fact file as [`load_facts`] does, with the fast reader first for JSON: the
/// spanned reader runs only to say what is wrong.
pub fn load_fact_set(
    path: &str,
    program: &Program,
    index: &facts::FactIndex,
    sources: &mut SourceMap,
) -> Result<FactSet, Diagnostics> {
    if path != "-" && Format::from_path(path) == Some(Format::Json) {
        let mut scratch = SourceMap::new();
        if let Ok(text) = read_text(Path::new(path), &mut scratch)
            && let Some(facts) = facts::read_json(index, &text)
        {
            return Ok(facts);
        }
    }
    load_facts(path, program, sources, &[]).map(|(facts, _, _)| facts)
}

/// Opens a JSON Lines file (`-`: standard input) for reading line by line, with its size
/// when known.
pub fn open_lines(
    path: &str,
) -> Result<(Box<dyn std::io::BufRead + Send>, Option<u64>), Diagnostic> {
    if path == "-" {
        return Ok((Box::new(std::io::BufReader::new(std::io::stdin())), None));
    }
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot read `{path}`: {}", super::io_reason(&e)),
        )
    };
    require_file(Path::new(path))?;
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    Ok((
        Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
        Some(size),
    ))
}
