//! Batch evaluation end to end: the same output whatever the number of worker threads,
//! in input order across chunks; and the same decisions as one-file-at-a-time evaluation.

#![allow(clippy::unwrap_used, reason = "tests may unwrap")]

#[allow(
    dead_code,
    reason = "only the generator's fact sets are used, not its main"
)]
#[path = "../../examples/generate_facts.rs"]
mod generate_facts;

use std::path::PathBuf;
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("doctrine-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn doctrine(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn generated(count: usize, seed: u64) -> Vec<String> {
    let mut rng = generate_facts::Rng::seeded(seed);
    (0..count)
        .map(|_| generate_facts::fact_set(&mut rng))
        .collect()
}

fn output_is_the_same_with_one_or_two_threads_and_in_input_order() {
    let dir = scratch("jobs");
    let mut lines = generated(10_000, 3);
    // Bad lines here and there, in different chunks.
    for at in [5, 4_500, 9_000] {
        lines.insert(at, String::from(r#"{"hosting": {"zones": "two"}}"#));
    }
    let file = dir.join("facts.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let file = file.to_str().unwrap();
    let one = doctrine(&["eval", "policies/cloud-au-centre", file, "--jobs", "1"]);
    let two = doctrine(&["eval", "policies/cloud-au-centre", file, "--jobs", "2"]);
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stderr, two.stderr);
    let stdout = String::from_utf8(one.stdout).unwrap();
    let numbers: Vec<usize> = stdout
        .lines()
        .map(|l| {
            let json: serde_json::Value = serde_json::from_str(l).unwrap();
            let facts = json["facts"].as_str().unwrap().to_string();
            facts.rsplit(':').next().unwrap().parse().unwrap()
        })
        .collect();
    let expected: Vec<usize> = (1..=lines.len())
        .filter(|n| ![6, 4_501, 9_001].contains(n))
        .collect();
    assert_eq!(numbers, expected);
    let stderr = String::from_utf8(one.stderr).unwrap();
    assert!(stderr.contains("facts.jsonl:4501:23"), "{stderr}");
    assert!(stderr.ends_with("; 3 errors\n"), "{stderr}");
}

fn batch_decisions_are_those_of_files_evaluated_one_by_one() {
    let dir = scratch("same");
    let lines = generated(60, 11);
    for (i, line) in lines.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:03}.json")), line).unwrap();
    }
    std::fs::write(dir.join("all.jsonl"), lines.join("\n")).unwrap();
    let folder = dir.to_str().unwrap();
    let classic = doctrine(&[
        "eval",
        "policies/cloud-au-centre",
        folder,
        "--format",
        "json",
    ]);
    assert_eq!(classic.status.code().unwrap() & !1, 0);
    let classic: serde_json::Value = serde_json::from_slice(&classic.stdout).unwrap();
    let classic = classic.as_array().unwrap();
    let jsonl = dir.join("all.jsonl");
    let batch = doctrine(&["eval", "policies/cloud-au-centre", jsonl.to_str().unwrap()]);
    let batch: Vec<serde_json::Value> = String::from_utf8(batch.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(classic.len(), lines.len());
    assert_eq!(batch.len(), lines.len());
    for (mut a, mut b) in classic.iter().cloned().zip(batch) {
        // A batch line names its origin `FILE:LINE` and carries no record or questions.
        let object = a.as_object_mut().unwrap();
        object.remove("record");
        object.remove("questions");
        a["facts"] = serde_json::Value::Null;
        b["facts"] = serde_json::Value::Null;
        assert_eq!(a, b);
    }
}

tests![
    output_is_the_same_with_one_or_two_threads_and_in_input_order,
    batch_decisions_are_those_of_files_evaluated_one_by_one,
];
