//! A fixed amount of warm evaluation, for instruction counts (callgrind) that do not depend on
//! the machine's load: the shipped doctrine checked once, six example fact sets bound once,
//! then each evaluated 1 000 times by `eval::verdicts` or by `eval::evaluate`.
//!
//! `cargo build --release --example eval_count`, then
//! `valgrind --tool=callgrind target/release/examples/eval_count verdicts` (or `evaluate`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a measuring driver stops at the first surprise"
)]

#[path = "../benches/support/fixtures.rs"]
mod fixtures;

use std::hint::black_box;

/// The example systems of `benches/doctrine.rs`.
const EXAMPLES: [&str; 6] = [
    "examples/office365-azure-2021.yaml",
    "examples/office365-azure-2023.json",
    "examples/derogation-open.yaml",
    "examples/on-premises-large.yaml",
    "examples/nubo-internal.toml",
    "examples/unknown-facts.yaml",
];

fn main() {
    let explained = match std::env::args().nth(1).as_deref() {
        Some("verdicts") => false,
        Some("evaluate") => true,
        _ => panic!("usage: eval_count verdicts|evaluate"),
    };
    let program = fixtures::compile(&fixtures::DOCTRINE);
    let sets: Vec<_> = EXAMPLES
        .iter()
        .map(|relative| fixtures::bind(&program, relative, fixtures::text(relative)))
        .collect();
    for (facts, options) in &sets {
        for _ in 0..1000 {
            if explained {
                black_box(doctrine::evaluate(&program, black_box(facts), options).unwrap());
            } else {
                black_box(doctrine::eval::verdicts(&program, black_box(facts), options).unwrap());
            }
        }
    }
}
