//! Floods of diagnostics, made at test time: a fact file with thousands of unknown keys and a
//! policy with a hundred errors print at most `--max-errors` diagnostics per file (50 by
//! default) and one line that counts the rest, in every error format. Work is bounded by
//! counting what is printed, never by the clock.

use std::path::PathBuf;
use std::process::{Command, Stdio};

const POLICY: &str = "policies/cloud-au-centre";
const KEYS: usize = 5_000;

/// Runs the binary; returns its exit code, standard output and standard error.
fn doctrine(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_doctrine"));
    command
        .args(args)
        .env_remove("DOCTRINE_MAX_ERRORS")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("floods");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A fact file of the shipped policy with `KEYS` unknown keys after its facts.
fn flood() -> String {
    let mut text = std::fs::read_to_string("examples/office365-azure-2021.yaml").unwrap();
    for i in 0..KEYS {
        text.push_str(&format!("unknown_key_{i}: 1\n"));
    }
    write("flood.yaml", &text)
}

fn eval_plain(facts: &str, extra: &[&str], env: &[(&str, &str)]) -> (i32, Vec<String>) {
    let mut args = vec!["eval", POLICY, facts, "--error-format", "plain"];
    args.extend_from_slice(extra);
    let (code, _, stderr) = doctrine(&args, env);
    (code, stderr.lines().map(String::from).collect())
}

fn unknown_facts(lines: &[String]) -> usize {
    lines
        .iter()
        .filter(|l| l.starts_with("unknown fact `unknown_key_"))
        .count()
}

fn more_line(omitted: &str, path: &str, cap: usize) -> String {
    format!(
        "… and {omitted} more errors in {path}, not shown (at most {cap} per file): \
         `--max-errors 0` shows them all"
    )
}

fn thousands_of_unknown_keys_print_fifty_and_count_the_rest() {
    let facts = flood();
    let (code, lines) = eval_plain(&facts, &[], &[]);
    assert_eq!(code, 2);
    assert_eq!(unknown_facts(&lines), 50, "{}", lines.join("\n"));
    assert_eq!(lines.last().unwrap(), &more_line("4950", &facts, 50));
    // Each diagnostic takes a dozen lines: the output is bounded by the cap, not the file.
    assert!(lines.len() < 50 * 12, "{} lines", lines.len());
    let (_, _, human) = doctrine(&["eval", POLICY, &facts], &[]);
    assert_eq!(human.matches("unknown fact `unknown_key_").count(), 50);
    assert!(human.ends_with(&format!("{}\n", more_line("4950", &facts, 50))));
}

fn the_cap_is_an_option_and_a_variable() {
    let facts = flood();
    let (code, lines) = eval_plain(&facts, &["--max-errors", "0"], &[]);
    assert_eq!(code, 2);
    assert_eq!(unknown_facts(&lines), KEYS);
    assert!(!lines.iter().any(|l| l.contains("more errors")));
    let (_, lines) = eval_plain(&facts, &["--max-errors", "3"], &[]);
    assert_eq!(unknown_facts(&lines), 3);
    assert_eq!(lines.last().unwrap(), &more_line("4997", &facts, 3));
    let (_, lines) = eval_plain(&facts, &[], &[("DOCTRINE_MAX_ERRORS", "7")]);
    assert_eq!(unknown_facts(&lines), 7);
    assert_eq!(lines.last().unwrap(), &more_line("4993", &facts, 7));
}

fn json_errors_are_capped_with_a_note_that_counts() {
    let facts = flood();
    let (code, _, stderr) = doctrine(&["eval", POLICY, &facts, "--error-format", "json"], &[]);
    assert_eq!(code, 2);
    let objects: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(objects.len(), 51);
    let note = objects.last().unwrap();
    assert_eq!(note["severity"], "note");
    assert_eq!(note["code"], "doctrine::omitted");
    assert_eq!(note["file"], facts.as_str());
    assert_eq!(note["omitted"], 4_950);
    assert_eq!(note["errors"], 4_950);
    assert_eq!(note["warnings"], 0);
}

/// A policy with 120 rules, each naming a fact that does not exist.
fn erring_policy() -> String {
    let mut text = String::from(
        "policy p text t in force from 2020-01-01\n\
         verdicts refused allowed as satisfied unknown as undecided out as inapplicable\n\
         fact a: bool\n",
    );
    for i in 0..120 {
        text.push_str(&format!("rule R{i} requires nope{i} otherwise refused\n"));
    }
    write("erring.doctrine", &text)
}

fn check_reports_are_capped_and_say_how_many_are_left_out() {
    let policy = erring_policy();
    let (code, stdout, _) = doctrine(&["check", &policy, "--format", "json"], &[]);
    assert_eq!(code, 1, "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["errors"], 120, "the counts stay whole");
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 51);
    assert_eq!(diagnostics[50]["omitted"], 70);
    let (_, stdout, _) = doctrine(&["check", &policy, "--format", "sarif"], &[]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 50);
    let note = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "note");
    assert_eq!(note["properties"]["omitted"], 70);
    assert_eq!(
        note["message"]["text"],
        more_line("70", &policy, 50).as_str()
    );
    let (_, stdout, _) = doctrine(
        &["check", &policy, "--format", "sarif", "--max-errors", "0"],
        &[],
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 120);
    assert!(sarif["runs"][0].get("invocations").is_none());
}

/// The helps of a list of diagnostics: whether each has one.
fn helped(diagnostics: &doctrine::diagnostic::Diagnostics) -> Vec<bool> {
    diagnostics.0.iter().map(|d| d.help.is_some()).collect()
}

/// Past the diagnostics shown, none is given a "did you mean" (each search compares the
/// name with every name of the policy: a flood of them took square time).
fn help_is_sought_only_for_the_diagnostics_shown() {
    let mut policy = String::from(
        "policy p text t in force from 2020-01-01\n\
         verdicts refused allowed as satisfied unknown as undecided out as inapplicable\n\
         fact amount: integer\n",
    );
    for i in 0..60 {
        policy.push_str(&format!(
            "rule R{i} requires amounr > 1 otherwise refused\n"
        ));
    }
    let mut sources = doctrine::source::SourceMap::new();
    let id = sources.add("p.doctrine", policy.as_str());
    let errors = doctrine::compile(&sources, &[id]).unwrap_err();
    let mut expected = vec![true; 50];
    expected.extend([false; 10]);
    assert_eq!(helped(&errors), expected);

    let ok = policy
        .split("rule R1 ")
        .next()
        .unwrap()
        .replace("amounr", "amount");
    let id = sources.add("ok.doctrine", ok.as_str());
    let program = doctrine::compile(&sources, &[id]).unwrap();
    let facts: String = (0..60).map(|i| format!("amoun{i}: 1\n")).collect();
    let id = sources.add("facts.yaml", facts.as_str());
    let errors =
        doctrine::bind_facts(&program, &sources, id, doctrine::facts::Format::Yaml).unwrap_err();
    assert_eq!(helped(&errors), expected);
}

tests![
    help_is_sought_only_for_the_diagnostics_shown,
    thousands_of_unknown_keys_print_fifty_and_count_the_rest,
    the_cap_is_an_option_and_a_variable,
    json_errors_are_capped_with_a_note_that_counts,
    check_reports_are_capped_and_say_how_many_are_left_out,
];
