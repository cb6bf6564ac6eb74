//! The data-driven test suite, one trial per case:
//! - every test-case file under `policies/*/tests/`, `examples/*/tests/` and
//!   `tests/policies/*/tests/` (a fact file with `expect:`), run in-process against the
//!   policy of the folder above by `doctrine::app::suite::Runner`, as `doctrine test` does;
//! - every folder under `tests/cases/` holding an `args` file: the real binary runs with
//!   those arguments (one per line, `$CASE` is the case folder) and its stdout, stderr and
//!   exit status are compared with `expected.stdout`, `expected.stderr`, `expected.status`.
//!
//! `BLESS=1 cargo test --test integration -- tests/cases/` rewrites the expected files of the
//! CLI cases (a longer filter, such as `tests/cases/eval/`, rewrites only those it selects).

#![allow(clippy::unwrap_used, reason = "tests may unwrap")]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use doctrine::analysis::testing::{Options, Outcome};
use doctrine::app::suite::Runner;
use libtest_mimic::{Failed, Trial};

/// The trials of every data case: the policies' test cases, then the CLI cases.
pub fn trials() -> Vec<Trial> {
    let mut trials = policy_case_trials();
    trials.extend(cli_case_trials(Path::new("tests/cases")));
    trials
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// One runner per policy, shared by its cases: it compiles the policy once per set of
/// amendments its cases name.
type Runners = Arc<Mutex<HashMap<PathBuf, Arc<Mutex<Runner>>>>>;

fn policy_case_trials() -> Vec<Trial> {
    let runners: Runners = Arc::default();
    let mut trials = Vec::new();
    for root in ["policies", "examples", "tests/policies"] {
        for policy in sorted_dir(Path::new(root))
            .into_iter()
            .filter(|p| p.is_dir())
        {
            let tests = policy.join("tests");
            for case in sorted_dir(&tests) {
                let is_case = case.extension().is_some_and(|e| {
                    ["yaml", "yml", "json", "toml"].contains(&e.to_str().unwrap_or(""))
                });
                if !is_case {
                    continue;
                }
                let name = case.display().to_string();
                let (runners, policy) = (runners.clone(), policy.clone());
                trials.push(Trial::test(name, move || {
                    run_policy_case(&runners, &policy, &case)
                }));
            }
        }
    }
    trials
}

fn run_policy_case(runners: &Runners, policy: &Path, case: &Path) -> Result<(), Failed> {
    let runner = runners
        .lock()
        .unwrap()
        .entry(policy.to_path_buf())
        .or_insert_with(|| Arc::new(Mutex::new(Runner::new(policy, Options::default()))))
        .clone();
    let mut runner = runner.lock().unwrap();
    match runner.run(case).outcome {
        Outcome::Passed => Ok(()),
        Outcome::Failed(failures) => Err(failures
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
            .into()),
        Outcome::Error(d) => {
            Err(doctrine::report::diagnostics::render(&d, &runner.sources, false).into())
        }
    }
}

fn cli_case_trials(dir: &Path) -> Vec<Trial> {
    let mut trials = Vec::new();
    for entry in sorted_dir(dir).into_iter().filter(|p| p.is_dir()) {
        if entry.join("args").is_file() {
            let name = entry.display().to_string();
            trials.push(Trial::test(name, move || run_cli_case(&entry)));
        } else {
            trials.extend(cli_case_trials(&entry));
        }
    }
    trials
}

fn run_cli_case(case: &Path) -> Result<(), Failed> {
    let case_dir = case.display().to_string();
    let args: Vec<String> = std::fs::read_to_string(case.join("args"))?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.replace("$CASE", &case_dir))
        .collect();
    let mut command = Command::new(env!("CARGO_BIN_EXE_doctrine"));
    command
        .args(&args)
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let stdin = case.join("stdin");
    command.stdin(if stdin.is_file() {
        std::process::Stdio::from(std::fs::File::open(&stdin)?)
    } else {
        std::process::Stdio::null()
    });
    let output = command.output()?;
    let actual = [
        (
            "expected.stdout",
            String::from_utf8_lossy(&output.stdout).into_owned(),
        ),
        (
            "expected.stderr",
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ),
        (
            "expected.status",
            format!("{}\n", output.status.code().unwrap_or(-1)),
        ),
    ];
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for (file, actual) in actual {
        let path = case.join(file);
        if bless {
            std::fs::write(&path, &actual)?;
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        if expected != actual {
            let diff = similar::TextDiff::from_lines(&expected, &actual);
            failures.push(format!(
                "{file} differs (BLESS=1 to accept):\n{}",
                diff.unified_diff().header("expected", "actual")
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}
