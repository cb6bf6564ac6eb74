//! Scaling: generated policies of 100, 1 000 and 10 000 rules, checked and evaluated.
//!
//! `cargo bench --bench scaling`. Throughput is in rules, so criterion reports rules per
//! second at each size: a constant rate means a cost linear in the policy's size.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs,
    reason = "a benchmark stops at the first surprise"
)]

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use doctrine::EvalOptions;
use doctrine::facts::Format;
use doctrine::source::SourceMap;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn scaling(c: &mut Criterion) {
    let mut check = c.benchmark_group("scaling/parse+check");
    check.sample_size(10);
    for rules in SIZES {
        let mut sources = SourceMap::new();
        let id = sources.add("generated.doctrine", generate::policy(rules));
        let program = doctrine::compile(&sources, &[id]).unwrap();
        assert_eq!(program.rules.len(), rules);
        check.throughput(Throughput::Elements(rules as u64));
        check.bench_with_input(BenchmarkId::from_parameter(rules), &rules, |b, _| {
            b.iter(|| doctrine::compile(black_box(&sources), &[id]).unwrap())
        });
    }
    check.finish();

    let mut eval = c.benchmark_group("scaling/evaluate");
    eval.sample_size(20);
    for rules in SIZES {
        let mut sources = SourceMap::new();
        let id = sources.add("generated.doctrine", generate::policy(rules));
        let program = doctrine::compile(&sources, &[id]).unwrap();
        let file = sources.add("generated.json", generate::facts(rules));
        let facts = doctrine::bind_facts(&program, &sources, file, Format::Json).unwrap();
        let options = EvalOptions {
            on: "2024-01-01".parse().unwrap(),
            overrides: Vec::new(),
        };
        let decision = doctrine::evaluate(&program, &facts, &options).unwrap();
        // Every rule decides: the work per rule is the same at every size.
        assert_eq!(decision.results.len(), rules);
        eval.throughput(Throughput::Elements(rules as u64));
        eval.bench_with_input(BenchmarkId::from_parameter(rules), &rules, |b, _| {
            b.iter(|| doctrine::evaluate(&program, black_box(&facts), &options).unwrap())
        });
    }
    eval.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
