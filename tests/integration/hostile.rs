//! Hostile inputs too large to keep in the repository, made at test time: each is refused
//! by the real binary with exit 2 and a message naming the limit (nesting depth, file size),
//! and the limits can be changed by option or environment variable. The size tests set a
//! small limit and feed a file just over it; only one checks the default 64 MiB, on a sparse
//! file. The small hostile
//! inputs are CLI cases under `tests/cases/hostile/`.

#![allow(clippy::unwrap_used, reason = "tests may unwrap")]

use std::path::PathBuf;
use std::process::{Command, Stdio};

const POLICY: &str = "policies/cloud-au-centre";
const DEPTH: usize = 10_000;

/// Runs the binary; returns its exit code and standard error (plain error format).
fn doctrine(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_doctrine"));
    command
        .args(args)
        .args(["--error-format", "plain"])
        .env_remove("DOCTRINE_MAX_DEPTH")
        .env_remove("DOCTRINE_MAX_FILE_SIZE")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A file of `bytes` bytes (sparse: nothing is written, so the test stays fast).
fn sized(name: &str, start: &str, bytes: u64) -> String {
    let path = write(name, start);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(bytes)
        .unwrap();
    path
}

fn refused(args: &[&str], env: &[(&str, &str)], says: &str) {
    let (code, stderr) = doctrine(args, env);
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert!(
        stderr.contains(says),
        "{args:?}: expected `{says}` in:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn eval(facts: &str) -> Vec<&str> {
    vec!["eval", POLICY, facts, "--on", "2024-01-15"]
}

const HEADER: &str = "policy p text t in force from 2020-01-01
verdicts refused allowed as satisfied unknown as undecided out as inapplicable
fact a: bool
fact n: integer
fact s: set of integer
";

fn policy_with(name: &str, condition: &str) -> String {
    write(
        name,
        &format!("{HEADER}rule R requires {condition} otherwise refused\n"),
    )
}

fn fact_files_nested_ten_thousand_deep_are_refused() {
    let open = "[".repeat(DEPTH);
    let close = "]".repeat(DEPTH);
    let json = write("deep.json", &format!("{{\"a\": {open}{close}}}"));
    let yaml = write("deep.yaml", &format!("a: {open}{close}\n"));
    let block: String = (0..DEPTH)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let yaml_block = write("deep-block.yaml", &block);
    let toml = write("deep.toml", &format!("a = {open}{close}\n"));
    let tables = write(
        "deep-tables.toml",
        &format!("a = {}1{}\n", "{b=".repeat(DEPTH), "}".repeat(DEPTH)),
    );
    for file in [&json, &yaml, &yaml_block, &toml, &tables] {
        refused(&eval(file), &[], "levels deep");
    }
}

/// The one test of the default limit: a file one byte over 64 MiB, sparse, so nothing is
/// written and the binary refuses it by its length before reading it.
fn a_fact_file_just_over_the_default_limit_is_refused_by_its_size() {
    let big = sized("big.json", "{\"a\": \"", 64 * 1024 * 1024 + 1);
    refused(&eval(&big), &[], "larger than the file size limit (64 MiB)");
}

/// The limit holds for policy files too; set small, it shows the boundary: a file of
/// exactly the limit is read (and fails on its content), one byte more is refused.
fn a_policy_file_over_the_limit_is_refused_by_its_size() {
    let facts = write("any.json", "{\"a\": true}");
    let over = sized("over.doctrine", HEADER, 1001);
    refused(
        &["eval", &over, &facts, "--max-file-size", "1000"],
        &[],
        "larger than the file size limit (1000 bytes)",
    );
    let at = sized("at.doctrine", HEADER, 1000);
    let (code, stderr) = doctrine(&["eval", &at, &facts, "--max-file-size", "1000"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("file size limit"), "{stderr}");
}

fn policies_nested_ten_thousand_deep_are_refused() {
    let facts = write("policy-facts.json", "{\"a\": true, \"n\": 1, \"s\": [1]}");
    let deep = [
        (
            "brackets",
            format!("{}a{}", "(".repeat(DEPTH), ")".repeat(DEPTH)),
        ),
        ("not", format!("{}a", "not ".repeat(DEPTH))),
        ("negation", format!("{}n > 0", "- ".repeat(DEPTH))),
        (
            "if",
            format!("{}a{}", "if a then ".repeat(DEPTH), " else a".repeat(DEPTH)),
        ),
        ("any", format!("{}a", "any x in s: ".repeat(DEPTH))),
        ("grounds", format!("{}a", "any of: G: ".repeat(DEPTH))),
        (
            "calls",
            format!("{}1{} > 0", "max(".repeat(DEPTH), ")".repeat(DEPTH)),
        ),
        ("and", format!("a{}", " and a".repeat(DEPTH))),
        ("plus", format!("n{} > 0", " + n".repeat(DEPTH))),
        (
            "sets",
            format!("n in {}1{}", "{".repeat(DEPTH), "}".repeat(DEPTH)),
        ),
        (
            "interpolation",
            format!(
                "a otherwise refused \"{}{}\"",
                "{\"".repeat(DEPTH),
                "\"}".repeat(DEPTH)
            ),
        ),
    ];
    for (name, condition) in deep {
        let policy = policy_with(&format!("deep-{name}.doctrine"), &condition);
        refused(&["eval", &policy, &facts], &[], "levels deep");
    }
}

fn long_chains_of_definitions_and_outcomes_are_refused() {
    let facts = write("chain-facts.json", "{\"a\": true, \"n\": 1, \"s\": [1]}");
    let chain = |name: &str, reversed: bool, outcome: bool| {
        let mut text = String::new();
        for i in 0..DEPTH {
            let reads = if i == 0 {
                String::from("n")
            } else {
                format!("c{}", i - 1)
            };
            let reads = if reversed && i + 1 < DEPTH {
                format!("c{}", i + 1)
            } else if reversed {
                String::from("n")
            } else {
                reads
            };
            if outcome {
                text.push_str(&format!(
                    "outcome c{i}: integer\n  case K gives {reads} + 1\n"
                ));
            } else {
                text.push_str(&format!("def c{i} = {reads} + 1\n"));
            }
        }
        let last = if reversed { 0 } else { DEPTH - 1 };
        let rule = format!("rule R requires c{last} > 0 otherwise refused\n");
        write(name, &format!("{HEADER}{text}{rule}"))
    };
    for (name, reversed, outcome) in [
        ("chain-defs.doctrine", false, false),
        ("chain-defs-reversed.doctrine", true, false),
        ("chain-outcomes.doctrine", false, true),
    ] {
        let policy = chain(name, reversed, outcome);
        refused(
            &["eval", &policy, &facts],
            &[],
            "read one another more than",
        );
    }
}

fn the_depth_limit_is_configurable() {
    let json = write(
        "forty.json",
        &format!("{{\"a\": {}{}}}", "[".repeat(70), "]".repeat(70)),
    );
    refused(&eval(&json), &[], "the file nests more than 64 levels deep");
    // Raised, the file passes the depth check and fails where it should: `a` is no fact.
    refused(
        &[&["--max-depth", "100"][..], &eval(&json)].concat(),
        &[],
        "unknown fact `a`",
    );
    refused(
        &eval(&json),
        &[("DOCTRINE_MAX_DEPTH", "100")],
        "unknown fact `a`",
    );
    let shallow = write("shallow.json", "{\"hosting\": {\"zones\": [[[1]]]}}");
    refused(
        &eval(&shallow),
        &[("DOCTRINE_MAX_DEPTH", "3")],
        "the file nests more than 3 levels deep",
    );
    let policy = policy_with("five.doctrine", "not not not not not a");
    let facts = write("five.json", "{\"a\": true, \"n\": 1, \"s\": []}");
    refused(
        &["eval", &policy, &facts, "--max-depth", "4"],
        &[],
        "nests more than 4 levels deep",
    );
    let (code, stderr) = doctrine(&["eval", &policy, &facts, "--max-depth", "5"], &[]);
    assert_eq!(code, 1, "{stderr}");
}

fn the_file_size_limit_is_configurable() {
    let facts = write("small.json", "{\"a\": true, \"n\": 1, \"s\": []}");
    let policy = policy_with("small.doctrine", "a");
    refused(
        &["eval", &policy, &facts, "--max-file-size", "10"],
        &[],
        "file size limit (10 bytes)",
    );
    refused(
        &["eval", &policy, &facts],
        &[("DOCTRINE_MAX_FILE_SIZE", "20")],
        "(20 bytes)",
    );
    let (code, _) = doctrine(
        &["eval", &policy, &facts],
        &[("DOCTRINE_MAX_FILE_SIZE", "4096")],
    );
    assert_ne!(code, 2, "a file under the limit is read");
}

fn standard_input_is_held_to_the_file_size_limit() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args(["--max-file-size", "400", "eval"])
        .arg(policy_with("stdin.doctrine", "a"))
        .args(["-", "--error-format", "plain"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(format!("{{\"x\": \"{}\"}}", "y".repeat(1000)).as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`<stdin>` is larger than the file size limit (400 bytes)"),
        "{stderr}"
    );
}

/// Past a reader's own nesting cap, raising `--max-depth` cannot help: the message names
/// the reader's cap and does not advise it.
fn a_readers_own_depth_cap_is_named_as_such() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let cases = [
        (
            "cap.yaml",
            format!("a: {}\n", nested(300)),
            "the YAML reader",
        ),
        // Indented, past the cap: refused, not followed until the stack overflows.
        (
            "cap-block.yaml",
            (0..10_000)
                .map(|i| format!("{}k:\n", " ".repeat(i)))
                .collect(),
            "the YAML reader",
        ),
        (
            "cap.json",
            format!("{{\"a\": {}}}", nested(600)),
            "the JSON reader",
        ),
        (
            "cap.toml",
            format!("a = {}\n", nested(100)),
            "the TOML reader",
        ),
    ];
    for (name, text, reader) in cases {
        let file = write(name, &text);
        let args = [&["--max-depth", "10000"][..], &eval(&file)].concat();
        let (code, stderr) = doctrine(&args, &[]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(reader), "{name}: {stderr}");
        assert!(!stderr.contains("raise the limit"), "{name}: {stderr}");
        assert!(!stderr.contains("10000 levels"), "{name}: {stderr}");
    }
}

/// A YAML file too large for the reader's budget, with no alias: the message does not
/// speak of aliases replayed.
fn a_large_yaml_file_without_aliases_is_not_said_to_replay_them() {
    let items = vec!["0"; 250_001].join(",");
    let file = write("many.yaml", &format!("a: [{items}]\n"));
    let (code, stderr) = doctrine(&eval(&file), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("more than 250000 values"), "{stderr}");
    assert!(!stderr.contains("alias"), "{stderr}");
}

tests![
    a_readers_own_depth_cap_is_named_as_such,
    a_large_yaml_file_without_aliases_is_not_said_to_replay_them,
    fact_files_nested_ten_thousand_deep_are_refused,
    a_fact_file_just_over_the_default_limit_is_refused_by_its_size,
    a_policy_file_over_the_limit_is_refused_by_its_size,
    policies_nested_ten_thousand_deep_are_refused,
    long_chains_of_definitions_and_outcomes_are_refused,
    the_depth_limit_is_configurable,
    the_file_size_limit_is_configurable,
    standard_input_is_held_to_the_file_size_limit,
];
