//! The shipped doctrine: parse + check, loading one fact set, and warm evaluation.
//!
//! `cargo bench --bench doctrine`. The side-by-side comparison with hand-written Rust, Rego
//! and Cedar is in `benches/peers` (its own crate: the peer engines build slowly).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs,
    reason = "a benchmark stops at the first surprise"
)]

#[path = "support/fixtures.rs"]
mod fixtures;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use doctrine::facts::Format;
use doctrine::source::SourceMap;

/// Example systems: violations, a derogation, the 2023 text, an internal cloud, unknown facts.
const EXAMPLES: [&str; 6] = [
    "examples/office365-azure-2021.yaml",
    "examples/office365-azure-2023.json",
    "examples/derogation-open.yaml",
    "examples/on-premises-large.yaml",
    "examples/nubo-internal.toml",
    "examples/unknown-facts.yaml",
];

fn parse_and_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse+check");
    for (name, files) in [
        ("base text", &fixtures::DOCTRINE[..1]),
        ("base text and amendment", &fixtures::DOCTRINE[..]),
    ] {
        let (sources, ids) = fixtures::policy_sources(files);
        // Fail before timing rather than time an error.
        doctrine::compile(&sources, &ids).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| doctrine::compile(black_box(&sources), black_box(&ids)))
        });
    }
    group.finish();
}

fn load_facts(c: &mut Criterion) {
    let program = fixtures::compile(&fixtures::DOCTRINE);
    let mut group = c.benchmark_group("load+bind");
    for (name, relative) in [
        ("json", "examples/office365-azure-2023.json"),
        ("yaml", "examples/office365-azure-2021.yaml"),
        ("toml", "examples/nubo-internal.toml"),
    ] {
        let text = fixtures::text(relative);
        let format = Format::from_path(relative).unwrap();
        fixtures::bind(&program, relative, text.clone());
        group.bench_function(name, |b| {
            b.iter(|| {
                // Adding the text to a source map is part of loading: the CLI does it too.
                let mut sources = SourceMap::new();
                let file = sources.add(relative, black_box(text.as_str()));
                doctrine::bind_facts(&program, &sources, file, format).unwrap()
            })
        });
    }
    group.finish();
}

fn warm_evaluation(c: &mut Criterion) {
    let program = fixtures::compile(&fixtures::DOCTRINE);
    let mut group = c.benchmark_group("evaluate");
    for relative in EXAMPLES {
        let (facts, options) = fixtures::bind(&program, relative, fixtures::text(relative));
        doctrine::evaluate(&program, &facts, &options).unwrap();
        let name = relative.trim_start_matches("examples/");
        group.bench_function(name, |b| {
            b.iter(|| doctrine::evaluate(&program, black_box(&facts), &options).unwrap())
        });
    }
    group.finish();
}

/// Verdicts only (`eval::verdicts`): what a gate or a batch needs, without the explanation.
fn warm_decision(c: &mut Criterion) {
    let program = fixtures::compile(&fixtures::DOCTRINE);
    let mut group = c.benchmark_group("verdicts");
    for relative in EXAMPLES {
        let (facts, options) = fixtures::bind(&program, relative, fixtures::text(relative));
        doctrine::eval::verdicts(&program, &facts, &options).unwrap();
        let name = relative.trim_start_matches("examples/");
        group.bench_function(name, |b| {
            b.iter(|| doctrine::eval::verdicts(&program, black_box(&facts), &options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    parse_and_check,
    load_facts,
    warm_evaluation,
    warm_decision
);
criterion_main!(benches);
