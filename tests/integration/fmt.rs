//! `doctrine fmt` on every policy of the repository: the tree is unchanged (spans aside),
//! formatting twice is formatting once, and every comment is kept, in order.

#![allow(
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used,
    reason = "tests may index and panic"
)]
use std::path::{Path, PathBuf};

use doctrine::language::format::{format_text, scan_comments};
use doctrine::source::SourceMap;

fn policy_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            policy_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "doctrine") {
            out.push(path);
        }
    }
}

/// The tree's debug text with every span taken out.
fn without_spans(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let close = after.find('}').unwrap_or(after.len() - 1);
        out.push_str("Span");
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn tree(text: &str) -> Option<String> {
    let mut sources = SourceMap::new();
    let id = sources.add("policy.doctrine", text);
    doctrine::language::syntax::parse_file(text, id)
        .ok()
        .map(|file| without_spans(&format!("{file:?}")))
}

fn comments(text: &str) -> Vec<String> {
    scan_comments(text).into_iter().map(|c| c.text).collect()
}

fn check(text: &str, name: &str) -> bool {
    let Some(before) = tree(text) else {
        return false;
    };
    let mut sources = SourceMap::new();
    let id = sources.add(name, text);
    let once = format_text(text, id).unwrap_or_else(|_| panic!("{name}: does not format"));
    let after =
        tree(&once).unwrap_or_else(|| panic!("{name}: formatted text does not parse:\n{once}"));
    assert_eq!(before, after, "{name}: the tree changed:\n{once}");
    let twice = format_text(&once, id).unwrap_or_else(|_| panic!("{name}: does not format twice"));
    assert_eq!(once, twice, "{name}: not idempotent");
    assert_eq!(
        comments(text),
        comments(&once),
        "{name}: comments lost or moved out of order"
    );
    true
}

fn every_policy_of_the_repository_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["policies", "examples", "tests"] {
        policy_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut parsed = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        if check(&text, &file.display().to_string()) {
            parsed += 1;
        }
    }
    assert!(parsed > 20, "only {parsed} policies parsed");
}

fn expressions_keep_their_meaning() {
    let text = r#"policy p text t in force from 2024-01-01
verdicts no yes as satisfied maybe as undecided out as inapplicable
fact a: integer
fact b: bool
fact s: set of text
def x = (not b) = b
def y = -(a + 1) * 2 - (3 - a)
def z = not (b and b) or (if b then 1 else 2) > a
def w = (a + 1 is set) = (s is empty) and any v in s: v = "{({1, 2})}"
def pct = (50%) + 1_000.50 + 12  months
def q = "a \"b\" \\ {{c}} {a + 1} {if b then "x" else "y"}"
def n1 = b = not b
def n2 = not not b and - -a > -(-a)
def n3 = (b or b) and b or (b and (b or b))
def n4 = a - (a - a) - a * (a / a) / (a * a)
def n5 = (a = a) = (b = b) and (a = a is set) is set
def n6 = (any v in s: v = "x") or (all v in s: v != "y") and count(s) > 0
def n7 = (if b then a else a) + 1 < (if b then 2 else 3) and today + 1 day > today - 2 weeks
def n8 = {s union s, s intersect (s minus s)} meets {{"a"}} and not ({"a"} subset of s)
def n9 = a in {1, 2} and a not in {3} and not (a in {4})
def n10 = "{(if b then "{a}" else "}}")}{{"
"#;
    assert!(check(text, "expressions"));
}

/// Calls by name, their steps and modes, and the words `up` and `down` as names.
fn functions_keep_their_meaning() {
    let text = r#"policy p text t in force from 2024-01-01
verdicts no yes as satisfied maybe as undecided out as inapplicable
fact up: decimal
fact down: decimal
fact half: decimal
def a = max(up, down) + min(up,2, -down, half)
def b = round( up , to 1% ,half   even ) - round(down, to 1_000, up) + round(half, half down)
def c = - abs(up - down) * round(up) / round(down, down)
def d = (max(up, 1)) + round((up + down) * 2, to 0.01)
def e = "{round(up, half up)} {max(2024-01-01, 2025-01-01)} {min(1 day, 2 days)}"
"#;
    assert!(check(text, "functions"));
}

fn comments_are_kept_in_order() {
    let text = "// top\n\npolicy p text t in force from 2024-01-01 // header\n\
        verdicts no yes as satisfied maybe as undecided out as inapplicable\n\
        fact a: integer # a fact\n\
        // before the rule\n\
        rule R\n  // inside\n  requires a > 1 // trailing\n    or a < 0\n  // own line in expr\n  otherwise no\n\
        // the end\n";
    assert!(check(text, "comments"));
}

/// Every policy again, with a comment at the end of every line and one on its own line
/// between every two lines: all are kept, in order, and formatting is still idempotent.
fn comments_anywhere_are_kept() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["policies", "examples", "tests/policies"] {
        policy_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let mut commented = String::new();
        for (index, line) in text.lines().enumerate() {
            commented.push_str(line);
            if !line.trim().is_empty() && !line.contains("//") && !line.contains('#') {
                commented.push_str(&format!(" // trailing {index}"));
            }
            commented.push_str(&format!("\n# own line {index}\n"));
        }
        if check(&commented, &file.display().to_string()) {
            checked += 1;
        }
    }
    assert!(checked > 5, "only {checked} policies checked");
}

/// Without `--check`, files are rewritten in place, and a second run finds nothing to do.
fn files_are_rewritten_in_place() {
    let dir = std::env::temp_dir().join(format!("doctrine-fmt-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let file = dir.join("sub/policy.doctrine");
    let text = "policy p text t in force from 2024-01-01 // header\n\
        verdicts no yes as satisfied maybe as undecided out as inapplicable\n";
    std::fs::write(&file, text).unwrap();
    let run = |check: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_doctrine"));
        command.arg("fmt");
        if check {
            command.arg("--check");
        }
        command.arg(&dir).output().unwrap()
    };
    assert_eq!(run(false).status.code(), Some(0));
    let written = std::fs::read_to_string(&file).unwrap();
    let mut sources = SourceMap::new();
    let id = sources.add("policy.doctrine", text);
    assert_eq!(written, format_text(text, id).unwrap());
    assert_eq!(run(true).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

tests![
    every_policy_of_the_repository_round_trips,
    expressions_keep_their_meaning,
    functions_keep_their_meaning,
    comments_are_kept_in_order,
    comments_anywhere_are_kept,
    files_are_rewritten_in_place,
];
