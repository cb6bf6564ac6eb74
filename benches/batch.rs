//! Batch throughput: 100,000 generated fact sets (JSON Lines) read by the fast reader,
//! evaluated on every core and rendered as JSON lines, as `doctrine eval` does; and the
//! parts alone (reading, evaluating) to show where the time goes.

#![allow(clippy::unwrap_used, reason = "benchmarks may unwrap")]

#[allow(
    dead_code,
    reason = "only the generator's fact sets are used, not its main"
)]
#[path = "../examples/generate_facts.rs"]
mod generate_facts;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use doctrine::app::batch::{Batch, Item};
use doctrine::facts::FactIndex;
use doctrine::facts::lines::Line;
use doctrine::language::ast::Lang;
use doctrine::source::SourceMap;

const COUNT: usize = 100_000;

fn batch(c: &mut Criterion) {
    let mut sources = SourceMap::new();
    let program =
        doctrine::app::load::load_policy(Path::new("policies/cloud-au-centre"), &[], &mut sources)
            .unwrap();
    let mut rng = generate_facts::Rng::seeded(1);
    let lines: Vec<String> = (0..COUNT)
        .map(|_| generate_facts::fact_set(&mut rng))
        .collect();
    let today = "2025-01-01".parse().unwrap();
    let run = Batch::new(&program, &sources, None, today, Vec::new());
    let input: Arc<str> = Arc::from("bench.jsonl");
    let items = || {
        lines
            .iter()
            .enumerate()
            .map(|(i, text)| Item::Line {
                input: input.clone(),
                line: Line {
                    number: i + 1,
                    bytes: text.as_bytes().to_vec(),
                    too_long: false,
                },
            })
            .collect::<Vec<_>>()
    };
    let report = |d: &doctrine::Decision, origin: &str| {
        serde_json::to_string(&doctrine::report::decision::json::decision(
            d,
            origin,
            Lang::EN,
        ))
        .unwrap()
    };
    let errors = |_: &doctrine::diagnostic::Diagnostics, _: &SourceMap| String::new();

    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(COUNT as u64));
    group.bench_function("read, evaluate and render 100k fact sets", |b| {
        b.iter_batched(
            items,
            |items| run.run(items, &report, &errors),
            criterion::BatchSize::LargeInput,
        )
    });
    let index = FactIndex::new(&program);
    group.bench_function("read 100k fact sets (one thread)", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(doctrine::facts::read_json(&index, line).unwrap());
            }
        })
    });
    let facts: Vec<_> = lines
        .iter()
        .map(|l| doctrine::facts::read_json(&index, l).unwrap())
        .collect();
    group.bench_function("evaluate 100k fact sets (one thread)", |b| {
        b.iter(|| {
            for set in &facts {
                let options = doctrine::EvalOptions {
                    on: set.evaluated_on.unwrap_or(today),
                    overrides: Vec::new(),
                };
                black_box(doctrine::evaluate(&program, set, &options).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
