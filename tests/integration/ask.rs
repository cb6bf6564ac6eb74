//! `doctrine ask --write FILE` writes a fact file that loads back and decides as the session
//! ended: the answers are kept, the other facts are as given.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests may unwrap and index"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use doctrine::source::SourceMap;

fn written_facts_load_back_with_the_answers() {
    let dir = std::env::temp_dir().join(format!("doctrine-ask-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let written = dir.join("answered.yaml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args([
            "ask",
            "policies/cloud-au-centre",
            "examples/unknown-facts.yaml",
            "--lang",
            "en",
        ])
        .arg("--write")
        .arg(&written)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"true\n3\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("Fact file written"), "{stdout}");

    let mut sources = SourceMap::new();
    let program =
        doctrine::app::load::load_policy("policies/cloud-au-centre".as_ref(), &[], &mut sources)
            .unwrap();
    let path = written.display().to_string();
    let (facts, _, _) =
        doctrine::app::load::load_facts(&path, &program, &mut sources, &[]).unwrap();
    let (given, _, _) =
        doctrine::app::load::load_facts("examples/unknown-facts.yaml", &program, &mut sources, &[])
            .unwrap();
    assert_eq!(facts.evaluated_on, given.evaluated_on);
    let slot = |path: &str| program.facts.iter().position(|f| f.path == path).unwrap();
    assert_eq!(
        facts.values[slot("hosting.secnumcloud")],
        doctrine::language::value::Value::Bool(true)
    );
    assert_eq!(
        facts.values[slot("hosting.zones")],
        doctrine::language::value::Value::Integer(3)
    );
    for (index, value) in given.values.iter().enumerate() {
        if !value.is_unknown() {
            assert_eq!(&facts.values[index], value, "{}", program.facts[index].path);
        }
    }
    let options = doctrine::EvalOptions {
        on: facts.evaluated_on.unwrap(),
        overrides: Vec::new(),
    };
    let decision = doctrine::evaluate(&program, &facts, &options).unwrap();
    assert_eq!(decision.decision.name, "compliant");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs `doctrine ask` on `facts` with `args` after it, `input` on stdin; exit code,
/// stdout, stderr.
fn ask(facts: &Path, args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args(["ask", "policies/cloud-au-centre"])
        .arg(facts)
        .args(["--lang", "en"])
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The session may stop before reading all: a broken pipe is not the test's concern.
    let _ = stdin.write_all(input);
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A fact file whose offer holds a bidirectional override and an escape sequence.
fn hostile_facts(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string("examples/unknown-facts.yaml")
        .unwrap()
        .replace(
            "offer: \"Microsoft 365 (Azure)\"",
            "offer: \"Evil\\u202eCloud\\e[2J\"",
        );
    assert!(text.contains("Evil"));
    let facts = dir.join("hostile.yaml");
    std::fs::write(&facts, text).unwrap();
    facts
}

/// `--write -` prints the fact file exact, as a file would hold it: it parses back, with
/// the values as they were. Escaped for the terminal (`\u{202e}`), it was no YAML.
fn written_to_stdout_the_facts_parse_back() {
    let dir = std::env::temp_dir().join(format!("doctrine-ask-exact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let facts = hostile_facts(&dir);
    let (code, stdout, stderr) = ask(&facts, &["--write", "-"], b"true\n3\n");
    assert_eq!(code, 0, "{stderr}");
    let at = stdout.find("\nevaluated_on:").unwrap();
    let written = dir.join("written.yaml");
    std::fs::write(&written, &stdout[at + 1..]).unwrap();
    let mut sources = SourceMap::new();
    let program =
        doctrine::app::load::load_policy("policies/cloud-au-centre".as_ref(), &[], &mut sources)
            .unwrap();
    let path = written.display().to_string();
    let loaded = doctrine::app::load::load_facts(&path, &program, &mut sources, &[]);
    let (facts, _, _) = loaded.unwrap_or_else(|e| panic!("{e:?}\n{}", &stdout[at..]));
    let slot = program
        .facts
        .iter()
        .position(|f| f.path == "hosting.offer")
        .unwrap();
    assert_eq!(
        facts.values[slot],
        doctrine::language::value::Value::Text("Evil\u{202e}Cloud\u{1b}[2J".into())
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An answer longer than the file size limit is refused (exit 2) once the limit is read,
/// not read whole into memory.
fn an_answer_past_the_size_limit_is_refused() {
    let dir = std::env::temp_dir().join(format!("doctrine-ask-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let facts = dir.join("facts.yaml");
    std::fs::copy("examples/unknown-facts.yaml", &facts).unwrap();
    let mut input = vec![b't'; 100_000];
    input.extend_from_slice(b"\n3\n");
    let (code, stdout, stderr) = ask(&facts, &["--max-file-size", "30000"], &input);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("line 1 of standard input"), "{stderr}");
    assert!(stderr.contains("file size limit"), "{stderr}");
    assert!(stderr.contains("--max-file-size"), "{stderr}");
    assert!(!stdout.contains("tttt"), "{stdout}");
    // Within the limit, the same answer is read (and refused as an answer, not for its size).
    let (_, stdout, stderr) = ask(&facts, &["--max-file-size", "200000"], &input);
    assert!(!stderr.contains("file size limit"), "{stderr}");
    assert!(stdout.contains("is not an answer"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A policy that decides by an outcome is asked what keeps the outcome from deciding, the
/// facts that unblock the most outcomes first, until the outcome decides.
fn a_classifying_policy_is_asked_what_its_outcome_misses() {
    let mut sources = SourceMap::new();
    let program =
        doctrine::app::load::load_policy(Path::new("policies/nis2"), &[], &mut sources).unwrap();
    let dir = std::env::temp_dir().join(format!("doctrine-ask-nis2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("two-unknowns.yaml");
    // Staff and activity in the Union unknown: the activity blocks both outcomes, the staff
    // the classification only.
    std::fs::write(
        &path,
        "evaluated_on: 2025-03-01\nentity:\n  types: [healthcare_provider]\n  \
         turnover_eur: 38000000\n  balance_sheet_eur: 29500000\n  \
         public_administration: none\ndesignation: none\n",
    )
    .unwrap();
    let (root, file) =
        doctrine::app::load::read_facts(path.to_str().unwrap(), &mut sources).unwrap();
    let (facts, _) = doctrine::facts::bind(&program, &root, file, &[]).unwrap();
    let options = doctrine::EvalOptions {
        on: facts.evaluated_on.unwrap(),
        overrides: Vec::new(),
    };
    let mut asking = doctrine::app::ask::Asking::new(
        &program,
        facts,
        options,
        doctrine::language::ast::Lang::EN,
    )
    .unwrap();
    assert_eq!(asking.decision.decision.name, "needs_review");
    let questions = asking.questions().unwrap();
    let asked: Vec<(&str, Option<Vec<String>>)> = questions
        .iter()
        .map(|q| (q.fact.as_str(), q.outcomes.clone()))
        .collect();
    let outcomes = |names: &[&str]| Some(names.iter().map(|n| n.to_string()).collect());
    assert_eq!(
        asked,
        [
            (
                "entity.eu_activity",
                outcomes(&["within_scope", "classification"])
            ),
            ("entity.staff", outcomes(&["classification"])),
        ]
    );
    let first = questions[0].clone();
    let yes = asking.parse(&first, "yes").unwrap();
    asking.answer(&first, yes).unwrap();
    assert_eq!(asking.decision.decision.name, "needs_review");
    let next = asking.next().unwrap().unwrap();
    assert_eq!(next.fact, "entity.staff");
    let staff = asking.parse(&next, "300").unwrap();
    asking.answer(&next, staff).unwrap();
    assert_eq!(asking.decision.decision.name, "essential");
    assert!(asking.questions().unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

tests![
    a_classifying_policy_is_asked_what_its_outcome_misses,
    written_facts_load_back_with_the_answers,
    written_to_stdout_the_facts_parse_back,
    an_answer_past_the_size_limit_is_refused,
];
