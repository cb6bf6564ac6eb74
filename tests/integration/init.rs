//! `doctrine init`: the template loads back as a fact file as it is, and once filled in
//! gives the decision its facts call for (the real binary, both shipped policies).

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn doctrine(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("init");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The template with the empty value of `key` (under `group`) filled in.
fn fill(template: &str, group: &str, key: &str, value: &str) -> String {
    let mut in_group = false;
    let mut done = false;
    let lines: Vec<String> = template
        .lines()
        .map(|line| {
            if !line.starts_with(' ') && !line.starts_with('#') && !line.is_empty() {
                in_group = line == format!("{group}:");
            }
            if in_group && !done && line.trim() == format!("{key}:") {
                done = true;
                return format!("{line} {value}");
            }
            line.to_string()
        })
        .collect();
    assert!(done, "no empty `{group}.{key}` in the template");
    lines.join("\n") + "\n"
}

fn decision(policy: &str, file: &Path) -> (i32, String) {
    let (status, out, err) = doctrine(&[
        "eval",
        policy,
        file.to_str().unwrap(),
        "--on",
        "2025-03-01",
        "--format",
        "json",
    ]);
    assert!(
        status == 0 || status == 1,
        "{}: exit {status}: {err}",
        file.display()
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    (status, json["decision"].as_str().unwrap().to_string())
}

fn templates_load_as_they_are() {
    for (policy, name, undecided) in [
        ("policies/cloud-au-centre", "cloud", "needs_review"),
        ("examples/procurement", "procurement", "to_verify"),
    ] {
        for lang in ["en", "fr"] {
            let (status, template, _) = doctrine(&["init", policy, "--lang", lang]);
            assert_eq!(status, 0);
            let file = write(&format!("{name}-{lang}.yaml"), &template);
            let (_, decision) = decision(policy, &file);
            assert_eq!(
                decision, undecided,
                "{policy} ({lang}): nothing is known yet"
            );
        }
    }
}

fn filled_templates_decide() {
    let (_, template, _) = doctrine(&["init", "policies/cloud-au-centre"]);
    let filled = fill(&template, "entity", "kind", "local_authority");
    let file = write("cloud-local-authority.yaml", &filled);
    assert_eq!(
        decision("policies/cloud-au-centre", &file).1,
        "not_applicable"
    );

    let (_, template, _) = doctrine(&["init", "examples/procurement"]);
    let filled = fill(&template, "buyer", "kind", "private_body");
    let file = write("procurement-private.yaml", &filled);
    assert_eq!(decision("examples/procurement", &file).1, "out_of_scope");
}

tests![templates_load_as_they_are, filled_templates_decide,];
