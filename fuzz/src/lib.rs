//! The fuzz targets' entry points: one function per target, each taking arbitrary bytes.
//!
//! The stable test `tests/integration/fuzz_seeds.rs` of the main crate includes this file and replays
//! every committed seed through these same functions, so the corpus is checked without a
//! nightly toolchain. Each function must never panic, whatever the bytes.

use std::sync::OnceLock;

use doctrine::diagnostic::Diagnostics;
use doctrine::facts::Format;
use doctrine::report::diagnostics::{ErrorFormat, render_as};
use doctrine::source::{FileId, SourceMap};
use doctrine::{EvalOptions, Program};

/// The shipped NIS2 policy's text.
const NIS2: [(&str, &str); 1] = [(
    "directive-2022-2555.doctrine",
    include_str!("../../policies/nis2/directive-2022-2555.doctrine"),
)];

/// The shipped doctrine's texts, base first.
const DOCTRINE: [(&str, &str); 2] = [
    (
        "circulaire-6282-SG.doctrine",
        include_str!("../../policies/cloud-au-centre/circulaire-6282-SG.doctrine"),
    ),
    (
        "circulaire-6404-SG.doctrine",
        include_str!("../../policies/cloud-au-centre/circulaire-6404-SG.doctrine"),
    ),
];

/// Renders diagnostics in every error format, as the command line would print them.
fn render(diagnostics: &Diagnostics, sources: &SourceMap) {
    for format in [ErrorFormat::Human, ErrorFormat::Plain, ErrorFormat::Json] {
        let _ = render_as(diagnostics, sources, format, false);
    }
}

/// Policy source → syntax tree.
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = SourceMap::new();
    let id = sources.add("fuzz.doctrine", text);
    if let Err(errors) = doctrine::language::syntax::parse_file(text, id) {
        render(&errors, &sources);
    }
}

/// Policy source → checked program.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = SourceMap::new();
    let id = sources.add("fuzz.doctrine", text);
    if let Err(errors) = doctrine::compile(&sources, &[id]) {
        render(&errors, &sources);
    }
}

/// Compiles shipped texts, with the sources their spans point into.
fn compile(texts: &[(&str, &str)]) -> (SourceMap, Program) {
    let mut sources = SourceMap::new();
    let ids: Vec<FileId> = texts
        .iter()
        .map(|(name, text)| sources.add(*name, *text))
        .collect();
    match doctrine::compile(&sources, &ids) {
        Ok(program) => (sources, program),
        // The fuzz targets are meaningless without the shipped policies: stop at once.
        Err(_) => std::process::abort(),
    }
}

/// The shipped policies, compiled once: the doctrine (verdicts), then NIS2 (outcomes).
fn shipped() -> &'static [(SourceMap, Program); 2] {
    static SHIPPED: OnceLock<[(SourceMap, Program); 2]> = OnceLock::new();
    SHIPPED.get_or_init(|| [compile(&DOCTRINE), compile(&NIS2)])
}

/// Loads bytes as a fact file of a format and binds it to each shipped policy; evaluates
/// the facts when `evaluate`, and renders the decision as `doctrine eval` would.
fn facts(data: &[u8], format: Format, evaluate: bool) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (base, program) in shipped() {
        facts_for(base, program, text, format, evaluate);
    }
}

/// [`facts`] under one policy.
fn facts_for(base: &SourceMap, program: &Program, text: &str, format: Format, evaluate: bool) {
    let mut sources = base.clone();
    let id = sources.add("fuzz.facts", text);
    let bound = doctrine::bind_facts(program, &sources, id, format);
    let facts = match bound {
        Ok(facts) => facts,
        Err(errors) => {
            render(&errors, &sources);
            return;
        }
    };
    if !evaluate {
        return;
    }
    for on in ["2021-07-09", "2024-01-15", "2024-10-18"] {
        let Ok(on) = on.parse() else {
            return;
        };
        let options = EvalOptions {
            on,
            overrides: vec![],
        };
        match doctrine::evaluate(program, &facts, &options) {
            Ok(decision) => {
                for lang in [
                    doctrine::language::ast::Lang::FR,
                    doctrine::language::ast::Lang::EN,
                ] {
                    let _ =
                        doctrine::report::decision::json::decision(&decision, "fuzz.facts", lang)
                            .to_string();
                }
            }
            Err(error) => render(&error.to_diagnostic().into(), &sources),
        }
    }
}

/// Arbitrary bytes as facts in JSON, YAML and TOML, each bound and evaluated under the
/// shipped doctrine.
pub fn eval_facts(data: &[u8]) {
    for format in [Format::Json, Format::Yaml, Format::Toml] {
        facts(data, format, true);
    }
}

/// JSON fact file → bound facts.
pub fn facts_json(data: &[u8]) {
    facts(data, Format::Json, false);
}

/// YAML fact file → bound facts.
pub fn facts_yaml(data: &[u8]) {
    facts(data, Format::Yaml, false);
}

/// TOML fact file → bound facts.
pub fn facts_toml(data: &[u8]) {
    facts(data, Format::Toml, false);
}
