//! `doctrine ask --write FILE` writes a fact file that loads back and decides as the session
//! ended: the answers are kept, the other facts are as given.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests may unwrap and index"
)]

use std::io::Write;
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

tests![written_facts_load_back_with_the_answers,];
