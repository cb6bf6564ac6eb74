//! `doctrine replay`: a decision written by `eval --format json` replays to the same bytes;
//! a changed file is named with the recorded hash, not the current one (exit 2); a changed
//! output is shown as a diff (exit 1). The records name files from the repository's folder:
//! they are replayed with `--root .`, and their scratch folders are inside it.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_doctrine");

/// A fresh folder for one test, inside the repository (under `target/`), where `--root .`
/// lets replay read it.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("doctrine-replay-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// Runs `eval … --format json` and writes its output to `record`.
fn record(args: &[&str], record: &Path, stdin: Option<&str>) {
    let mut all = vec!["eval"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let out = run(&all, stdin);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(record, out.stdout).unwrap();
}

fn replay(record: &Path, stdin: Option<&str>) -> (i32, String, String) {
    let out = run(&["replay", record.to_str().unwrap(), "--root", "."], stdin);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn assert_same(record: &Path, count: usize, stdin: Option<&str>) {
    let (code, stdout, stderr) = replay(record, stdin);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.ends_with(&format!("{count} decision(s) replayed: the same bytes\n")),
        "{stdout}"
    );
}

fn the_shipped_doctrine_replays_to_the_same_bytes() {
    let dir = scratch("doctrine");
    let file = dir.join("record.json");
    record(
        &[
            "policies/cloud-au-centre",
            "examples/derogation-open.yaml",
            "examples/unknown-facts.yaml",
            "examples/office365-azure-2023.json",
            "--set",
            "derogation_period=1 month",
            "--lang",
            "fr",
        ],
        &file,
        None,
    );
    assert_same(&file, 3, None);
    let one = dir.join("one.json");
    record(
        &[
            "policies/cloud-au-centre",
            "examples/two-zones-non-critical.yaml",
            "--amend",
            "examples/local-amendment/ministere-exemple.doctrine",
            "--on",
            "2024-06-01",
        ],
        &one,
        None,
    );
    assert_same(&one, 1, None);
}

fn the_procurement_policy_replays_to_the_same_bytes() {
    let file = scratch("procurement").join("record.json");
    record(
        &[
            "examples/procurement",
            "examples/procurement/facts",
            "--lang",
            "en",
        ],
        &file,
        None,
    );
    assert_same(&file, 2, None);
}

fn a_decision_without_a_date_replays_on_its_recorded_date() {
    let dir = scratch("date");
    let facts = dir.join("facts.yaml");
    let text = std::fs::read_to_string("examples/derogation-open.yaml").unwrap();
    let undated: String = text
        .lines()
        .filter(|l| !l.starts_with("evaluated_on"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&facts, undated).unwrap();
    let file = dir.join("record.json");
    record(
        &[
            "policies/cloud-au-centre",
            facts.to_str().unwrap(),
            "--on",
            "2023-07-01",
        ],
        &file,
        None,
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"evaluated_on\": \"2023-07-01\"")
    );
    assert_same(&file, 1, None);
}

fn standard_input_is_replayed_from_standard_input() {
    let facts = std::fs::read_to_string("examples/office365-azure-2023.json").unwrap();
    let file = scratch("stdin").join("record.json");
    record(&["policies/cloud-au-centre", "-"], &file, Some(&facts));
    assert_same(&file, 1, Some(&facts));
    let other = facts.replace("2023", "2024");
    let (code, _, stderr) = replay(&file, Some(&other));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("standard input has changed"), "{stderr}");
}

fn a_changed_fact_file_is_named_with_the_recorded_hash() {
    let dir = scratch("facts");
    let facts = dir.join("facts.yaml");
    std::fs::copy("examples/derogation-open.yaml", &facts).unwrap();
    let file = dir.join("record.json");
    record(
        &["policies/cloud-au-centre", facts.to_str().unwrap()],
        &file,
        None,
    );
    assert_same(&file, 1, None);
    let before = doctrine::app::load::file_sha256(&facts).unwrap();
    let mut text = std::fs::read_to_string(&facts).unwrap();
    text.push_str("# one more line\n");
    std::fs::write(&facts, text).unwrap();
    let after = doctrine::app::load::file_sha256(&facts).unwrap();
    let (code, stdout, stderr) = replay(&file, None);
    assert_eq!(code, 2, "{stdout}");
    for expected in [facts.to_str().unwrap(), "has changed", &before] {
        assert!(stderr.contains(expected), "`{expected}` not in {stderr}");
    }
    assert!(
        !stderr.contains(&after),
        "the current hash is shown: {stderr}"
    );
}

fn a_changed_policy_file_is_named() {
    let dir = scratch("policy");
    let policy = dir.join("policy.doctrine");
    std::fs::copy(
        "tests/cases/report/escaping-markdown/policy.doctrine",
        &policy,
    )
    .unwrap();
    let file = dir.join("record.json");
    let facts = "tests/cases/report/escaping-markdown/facts.yaml";
    record(
        &[policy.to_str().unwrap(), facts, "--on", "2024-01-01"],
        &file,
        None,
    );
    assert_same(&file, 1, None);
    let text = std::fs::read_to_string(&policy).unwrap();
    std::fs::write(&policy, text.replace("is not safe", "is unsafe")).unwrap();
    let (code, _, stderr) = replay(&file, None);
    assert_eq!(code, 2);
    assert!(stderr.contains(policy.to_str().unwrap()), "{stderr}");
}

fn a_changed_output_is_shown_as_a_diff() {
    let file = scratch("output").join("record.json");
    record(
        &[
            "policies/cloud-au-centre",
            "examples/derogation-open.yaml",
            "--lang",
            "en",
        ],
        &file,
        None,
    );
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("temporarily_allowed", "compliant")).unwrap();
    let (code, stdout, _) = replay(&file, None);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("-  \"decision\": \"compliant\","),
        "{stdout}"
    );
    assert!(
        stdout.contains("+  \"decision\": \"temporarily_allowed\","),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 decision(s) replayed: the output differs\n"));
}

/// A message read as words: where it wraps depends on the length of the scratch folder's
/// path in it.
fn words(message: &str) -> String {
    let words: Vec<&str> = message.split_whitespace().filter(|w| *w != "│").collect();
    words.join(" ")
}

fn what_is_not_a_record_is_refused() {
    let dir = scratch("refused");
    let file = dir.join("record.json");
    std::fs::write(&file, "{\"decision\": \"compliant\"}\n").unwrap();
    let (code, _, stderr) = replay(&file, None);
    assert_eq!(code, 2);
    assert!(words(&stderr).contains("decision 1 cannot be"), "{stderr}");
    assert!(stderr.contains("`record`"), "{stderr}");
    std::fs::write(&file, "{\"decision\": ").unwrap();
    let (code, _, stderr) = replay(&file, None);
    assert_eq!(code, 2);
    assert!(words(&stderr).contains("is not JSON"), "{stderr}");
}

tests![
    the_shipped_doctrine_replays_to_the_same_bytes,
    the_procurement_policy_replays_to_the_same_bytes,
    a_decision_without_a_date_replays_on_its_recorded_date,
    standard_input_is_replayed_from_standard_input,
    a_changed_fact_file_is_named_with_the_recorded_hash,
    a_changed_policy_file_is_named,
    a_changed_output_is_shown_as_a_diff,
    what_is_not_a_record_is_refused,
];
