//! Replays every committed fuzz seed (`fuzz/corpus/<target>/`) through the fuzz targets' own
//! entry points, on the stable toolchain: CI checks the corpus, and every input the fuzzers
//! once found troublesome, without nightly or libFuzzer.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests may unwrap and panic"
)]
#![allow(
    missing_docs,
    reason = "the entry points are documented in the fuzz crate"
)]

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// A fuzz target's entry point.
type Target = fn(&[u8]);

/// Each target, by the name of its corpus folder.
const TARGETS: [(&str, Target); 6] = [
    ("parse", targets::parse),
    ("check", targets::check),
    ("eval_facts", targets::eval_facts),
    ("facts_json", targets::facts_json),
    ("facts_yaml", targets::facts_yaml),
    ("facts_toml", targets::facts_toml),
];

/// The same stack as the command line's worker thread: seeds may nest as deep as the
/// limits allow, and a debug build recurses on larger frames.
const STACK_BYTES: usize = 256 * 1024 * 1024;

fn every_committed_seed_runs_through_its_target() {
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(|| {
            for (name, target) in TARGETS {
                let folder = Path::new("fuzz/corpus").join(name);
                let mut seeds: Vec<_> = std::fs::read_dir(&folder)
                    .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
                    .map(|entry| entry.unwrap().path())
                    .collect();
                seeds.sort();
                assert!(!seeds.is_empty(), "{} holds no seed", folder.display());
                for seed in seeds {
                    let bytes = std::fs::read(&seed).unwrap();
                    let outcome = std::panic::catch_unwind(|| target(&bytes));
                    assert!(outcome.is_ok(), "{name}: {} panicked", seed.display());
                }
            }
        })
        .unwrap();
    worker.join().unwrap();
}

tests![every_committed_seed_runs_through_its_target,];
