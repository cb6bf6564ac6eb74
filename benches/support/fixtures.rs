//! The shipped doctrine and example fact files, read once for the benchmarks.

use std::path::PathBuf;

use doctrine::facts::Format;
use doctrine::source::{FileId, SourceMap};
use doctrine::{EvalOptions, FactSet, Program};

/// A path under the crate root.
pub fn path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A file's text, read once before timing.
pub fn text(relative: &str) -> String {
    std::fs::read_to_string(path(relative))
        .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// The base text of the shipped doctrine, then its amendment.
pub const DOCTRINE: [&str; 2] = [
    "policies/cloud-au-centre/circulaire-6282-SG.doctrine",
    "policies/cloud-au-centre/circulaire-6404-SG.doctrine",
];

/// Policy texts in a source map, ready to compile.
pub fn policy_sources(files: &[&str]) -> (SourceMap, Vec<FileId>) {
    let mut sources = SourceMap::new();
    let ids = files
        .iter()
        .map(|file| sources.add(*file, text(file)))
        .collect();
    (sources, ids)
}

/// Parses and checks policy texts, failing loudly: a benchmark of an error is worthless.
pub fn compile(files: &[&str]) -> Program {
    let (sources, ids) = policy_sources(files);
    doctrine::compile(&sources, &ids).unwrap_or_else(|e| panic!("{files:?} does not check: {e:?}"))
}

/// Binds a fact file's text to a program, and the options to evaluate it on its own day.
pub fn bind(program: &Program, name: &str, text: String) -> (FactSet, EvalOptions) {
    let mut sources = SourceMap::new();
    let format = Format::from_path(name).unwrap_or(Format::Json);
    let file = sources.add(name, text);
    let facts = doctrine::bind_facts(program, &sources, file, format)
        .unwrap_or_else(|e| panic!("{name} does not bind: {e:?}"));
    let on = facts
        .evaluated_on
        .unwrap_or_else(|| "2024-01-01".parse().unwrap_or_default());
    let options = EvalOptions {
        on,
        overrides: Vec::new(),
    };
    (facts, options)
}
