//! `doctrine`: a declarative policy-as-code language for texts of law and doctrine.
//!
//! The pipeline, one module a stage: policy text → [`language`] (syntax tree, then a
//! checked [`Program`]) → fact files bound by [`facts`] into a [`FactSet`] → [`eval`]uated
//! on a day into a [`Decision`] → [`analysis`] (explanations, remedies, diffs, timelines,
//! lints) → [`report`] (text, JSON, Markdown, HTML, JUnit, SARIF). [`app`] is the layer
//! every front end calls: a loaded policy and the operations run on it, with the only code
//! that reads files. [`i18n`] holds language tags and the interface's words.
//!
//! An embedding program that has its texts in memory needs only the functions at the root:
//!
//! ```
//! use doctrine::source::SourceMap;
//! let mut sources = SourceMap::new();
//! let policy = sources.add("age.doctrine", r#"
//!     policy age text age-v1 in force from 2020-01-01
//!     verdicts refused allowed as satisfied unknown as undecided out as inapplicable
//!     fact person.age: integer
//!     rule ADULT requires person.age >= 18 otherwise refused
//! "#);
//! let program = doctrine::compile(&sources, &[policy]).unwrap();
//! let facts = sources.add("facts.json", r#"{"person": {"age": 17}}"#);
//! let facts = doctrine::bind_facts(&program, &sources, facts, doctrine::facts::Format::Json).unwrap();
//! let on = "2024-01-01".parse().unwrap();
//! let decision = doctrine::evaluate(&program, &facts, &doctrine::eval::EvalOptions { on, overrides: vec![] }).unwrap();
//! assert_eq!(decision.decision.name, "refused");
//! ```
#![forbid(unsafe_code)]

pub mod analysis;
pub mod app;
pub mod diagnostic;
pub mod eval;
pub mod facts;
pub mod i18n;
pub mod language;
pub mod limits;
pub mod report;
#[cfg(feature = "server")]
pub mod server;
pub mod source;

use diagnostic::Diagnostics;
use source::{FileId, SourceMap};

pub use eval::decision::Decision;
pub use eval::{EvalOptions, evaluate, evaluate_watching};
pub use facts::FactSet;
pub use language::program::Program;

/// Parses and checks policy files already in `sources` (a base text and its amendments).
pub fn compile(sources: &SourceMap, files: &[FileId]) -> Result<Program, Diagnostics> {
    let mut parsed = Vec::new();
    let mut errors = Diagnostics::new();
    for &id in files {
        let Some(file) = sources.get(id) else {
            continue;
        };
        match language::syntax::parse_file(&file.text, id) {
            Ok(ast) => parsed.push(ast),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    language::check::check(&parsed, eval::constant_or_reason)
}

/// Parses a fact file's text already in `sources` and binds it to a program.
pub fn bind_facts(
    program: &Program,
    sources: &SourceMap,
    file: FileId,
    format: facts::Format,
) -> Result<FactSet, Diagnostics> {
    let source = sources
        .get(file)
        .ok_or_else(|| diagnostic::Diagnostic::error("doctrine::io", "unknown source file"))?;
    let root = facts::parse(source, file, format)?;
    facts::bind(program, &root, file, &[]).map(|(facts, _)| facts)
}
