//! Every example of README.md (and of the examples' READMEs and `docs/*.md`) is run: each `$ doctrine …` (or `$ cargo run --release -- …`)
//! command of a `console` block runs the real binary and must exit as noted (`# exit N`,
//! default 0), and print the lines under it when there are any (`< FILE` gives it FILE on
//! standard input); each `doctrine` snippet must
//! stand in a policy file of the repository, which the case tests parse, check and run.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use std::path::Path;
use std::process::Command;

/// The fenced blocks of a Markdown text: (info string, lines).
fn blocks(markdown: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in markdown.lines() {
        if let Some(info) = line.strip_prefix("```") {
            match current.take() {
                Some(block) => out.push(block),
                None => current = Some((info.trim().to_string(), Vec::new())),
            }
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line.to_string());
        }
    }
    out
}

/// Splits a command line like a shell: spaces separate, double quotes group.
fn split(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

fn policy_files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            policy_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "doctrine") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The documents whose commands are run: the README, each example's README, and `docs/`.
fn readmes() -> Vec<String> {
    let mut paths = vec![String::from("README.md")];
    for entry in std::fs::read_dir("examples").unwrap().flatten() {
        let readme = entry.path().join("README.md");
        if readme.is_file() {
            paths.push(readme.display().to_string());
        }
    }
    if let Ok(docs) = std::fs::read_dir("docs") {
        for entry in docs.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                paths.push(path.display().to_string());
            }
        }
    }
    paths.sort();
    paths
}

fn readme_commands_run_as_shown() {
    let mut ran = 0;
    for path in readmes() {
        ran += run_commands(&path);
    }
    assert!(ran >= 10, "only {ran} README commands found");
}

fn run_commands(path: &str) -> usize {
    let readme = std::fs::read_to_string(path).unwrap();
    let mut ran = 0;
    for (info, lines) in blocks(&readme)
        .into_iter()
        .filter(|(info, _)| info == "console")
    {
        let mut commands: Vec<(String, Vec<String>)> = Vec::new();
        for line in lines {
            match line.strip_prefix("$ ") {
                Some(command) => commands.push((command.to_string(), Vec::new())),
                None => {
                    if let Some((_, output)) = commands.last_mut() {
                        output.push(line);
                    }
                }
            }
        }
        for (command, expected) in commands {
            let (command, status) = match command.split_once(" # exit ") {
                Some((c, s)) => (c.to_string(), s.trim().parse::<i32>().unwrap()),
                None => (command.clone(), 0),
            };
            let mut words = split(&command);
            // `< FILE`: the command reads FILE on standard input.
            let stdin = match words.iter().position(|w| w == "<") {
                Some(at) => {
                    let file = words.get(at + 1).cloned().unwrap();
                    words.truncate(at);
                    std::process::Stdio::from(std::fs::File::open(&file).unwrap())
                }
                None => std::process::Stdio::null(),
            };
            let args: &[String] = match words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice()
            {
                ["cargo", "test", ..] => continue,
                // HTTP examples (docs/serve.md): the server tests send them.
                ["curl", ..] => continue,
                // A server runs until stopped: it is shown in a `text` block, never run.
                ["doctrine" | "cargo", .., "serve", _] | ["doctrine", "serve", ..] => panic!(
                    "{path}, block `{info}`: `{command}` runs until stopped: show it in a `text` block"
                ),
                ["cargo", "run", "--release", "--", ..] => &words[4..],
                ["doctrine", ..] => &words[1..],
                _ => panic!("{path}, block `{info}`: unknown command `{command}`"),
            };
            let output = Command::new(env!("CARGO_BIN_EXE_doctrine"))
                .args(args)
                .env("NO_COLOR", "1")
                .stdin(stdin)
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(status),
                "{path}: `{command}` exited {:?}\nstdout:\n{}\nstderr:\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            if !expected.is_empty() {
                let stdout = String::from_utf8_lossy(&output.stdout);
                assert_eq!(
                    stdout.trim_end(),
                    expected.join("\n").trim_end(),
                    "`{command}` printed otherwise"
                );
            }
            ran += 1;
        }
    }
    ran
}

fn readme_snippets_are_real_policy_text() {
    let mut files = Vec::new();
    policy_files(Path::new("policies"), &mut files);
    policy_files(Path::new("examples"), &mut files);
    policy_files(Path::new("tests/policies"), &mut files);
    let mut checked = 0;
    for path in readmes() {
        checked += check_snippets(&path, &files);
    }
    assert!(checked >= 20, "only {checked} snippets found");
}

fn check_snippets(path: &str, files: &[String]) -> usize {
    let readme = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    for (_, lines) in blocks(&readme)
        .into_iter()
        .filter(|(info, _)| info == "doctrine")
    {
        let snippet = lines.join("\n");
        assert!(
            files.iter().any(|f| f.contains(&snippet)),
            "{path}: this snippet is not in any policy file:\n{snippet}"
        );
        checked += 1;
    }
    checked
}

tests![
    readme_commands_run_as_shown,
    readme_snippets_are_real_policy_text,
];
