//! doctrine, plain Rust, regorus and Cedar side by side: one group per input, every
//! contender on the same facts, in one run. Ends with a table of ratios to plain Rust.
//!
//! `cargo bench` in this folder (`-- --quick` for a rough run).

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use doctrine_peers::system::{INPUTS, system};
use doctrine_peers::{cedar, engine, native, rego};

const DOCTRINE: &str = "doctrine";
const DOCTRINE_EXPLAINED: &str = "doctrine, explained";
const PLAIN: &str = "plain Rust";
const REGORUS: &str = "regorus (RVM)";
const CEDAR: &str = "Cedar";
const CEDAR_BUILDING: &str = "Cedar + request";
const DOCTRINE_FULL: &str = "doctrine, whole doctrine";
const DOCTRINE_FULL_EXPLAINED: &str = "doctrine, explained, whole doctrine";
const PLAIN_FULL: &str = "plain Rust, whole doctrine";

const CONTENDERS: [&str; 9] = [
    DOCTRINE,
    DOCTRINE_EXPLAINED,
    PLAIN,
    REGORUS,
    CEDAR,
    CEDAR_BUILDING,
    DOCTRINE_FULL,
    DOCTRINE_FULL_EXPLAINED,
    PLAIN_FULL,
];

fn decide(c: &mut Criterion) {
    let subset = engine::subset_program();
    let full = engine::full_program();
    let cedar = cedar::Cedar::new();
    let mut vm = rego::vm();
    for input in &INPUTS {
        let system = system(input);
        let (facts, options) = engine::bind(&subset, input);
        let (full_facts, full_options) = engine::bind(&full, input);
        let rego_input = rego::input(input);
        let request = cedar.request(&system);
        // The same answer from every contender, or no benchmark (see tests/agree.rs).
        let expected = engine::outcome(&engine::evaluate(&subset, &facts, &options));
        let answers = [
            engine::verdicts_outcome(&subset, &engine::decide(&subset, &facts, &options)),
            native::subset(&system).outcome(),
            rego::outcome(&rego::evaluate(&mut vm, &rego_input)),
            cedar.outcome(&cedar.evaluate(&request)),
        ];
        for answer in answers {
            assert_eq!(answer, expected, "{}: the contenders disagree", input.name);
        }

        let mut group = c.benchmark_group(input.name);
        group.bench_function(DOCTRINE, |b| {
            b.iter(|| engine::decide(&subset, black_box(&facts), &options))
        });
        group.bench_function(DOCTRINE_EXPLAINED, |b| {
            b.iter(|| engine::evaluate(&subset, black_box(&facts), &options))
        });
        group.bench_function(PLAIN, |b| b.iter(|| native::subset(black_box(&system))));
        group.bench_function(REGORUS, |b| {
            b.iter(|| rego::evaluate(&mut vm, black_box(&rego_input)))
        });
        group.bench_function(CEDAR, |b| b.iter(|| cedar.evaluate(black_box(&request))));
        group.bench_function(CEDAR_BUILDING, |b| {
            b.iter(|| cedar.evaluate(&cedar.request(black_box(&system))))
        });
        group.bench_function(DOCTRINE_FULL, |b| {
            b.iter(|| engine::decide(&full, black_box(&full_facts), &full_options))
        });
        group.bench_function(DOCTRINE_FULL_EXPLAINED, |b| {
            b.iter(|| engine::evaluate(&full, black_box(&full_facts), &full_options))
        });
        group.bench_function(PLAIN_FULL, |b| b.iter(|| native::full(black_box(&system))));
        group.finish();
    }
}

/// Criterion's estimate of a benchmark's mean time, in nanoseconds, from its report folder.
fn mean(group: &str, contender: &str) -> Option<f64> {
    let home = std::env::var("CRITERION_HOME").unwrap_or_else(|_| {
        let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".to_owned());
        format!("{target}/criterion")
    });
    let path = format!("{home}/{group}/{contender}/new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

/// Each contender's mean time, and its ratio to plain Rust, per input.
fn print_ratios() {
    let mut header = String::from("| input |");
    for contender in CONTENDERS {
        header.push_str(&format!(" {contender} |"));
    }
    println!("\nMean time per decision (ratio to plain Rust on the same rules):\n\n{header}");
    println!("|{}", " --- |".repeat(CONTENDERS.len() + 1));
    for input in &INPUTS {
        let mut row = format!("| {} |", input.name);
        for contender in CONTENDERS {
            let base = if contender.ends_with("whole doctrine") {
                PLAIN_FULL
            } else {
                PLAIN
            };
            let cell = match (mean(input.name, contender), mean(input.name, base)) {
                (Some(time), Some(base)) => {
                    format!(" {:.2} µs ({:.1}x) |", time / 1e3, time / base)
                }
                _ => " ? |".to_owned(),
            };
            row.push_str(&cell);
        }
        println!("{row}");
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    decide(&mut criterion);
    criterion.final_summary();
    print_ratios();
}
