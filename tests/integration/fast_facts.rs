//! The fast JSON reader (`facts::read_json`) and the spanned reader (`facts::parse` then
//! `facts::bind`) agree: on every fact file of the repository (YAML and TOML written out as
//! JSON) against every policy, on variants of each (a value of another kind, a key given
//! twice, a dotted key, an unknown key) and on broken JSON. The fast reader accepts a text
//! exactly when the spanned reader does, and then fills the same slots.

#![allow(clippy::unwrap_used, reason = "tests may unwrap")]
#![allow(clippy::indexing_slicing, reason = "tests may index")]

use std::path::{Path, PathBuf};

use doctrine::facts::{self, FactIndex, Format, RawKind, RawNode};
use doctrine::source::SourceMap;
use doctrine::{FactSet, Program};
use rayon::prelude::*;

fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, keep, out);
        } else if keep(&path) {
            out.push(path);
        }
    }
}

fn fact_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for root in ["examples", "policies", "tests"] {
        files_under(
            Path::new(root),
            &|p| {
                p.to_str()
                    .and_then(Format::from_path)
                    .is_some_and(|_| !p.ends_with("Cargo.toml"))
            },
            &mut files,
        );
    }
    files.sort();
    files
}

/// Every folder holding `.doctrine` files that compiles as one policy.
fn policies() -> Vec<(PathBuf, Program)> {
    let mut files = Vec::new();
    for root in ["examples", "policies", "tests"] {
        files_under(
            Path::new(root),
            &|p| p.extension().is_some_and(|e| e == "doctrine"),
            &mut files,
        );
    }
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    folders
        .into_iter()
        .filter_map(|folder| {
            let mut sources = SourceMap::new();
            let program = doctrine::app::load::load_policy(&folder, &[], &mut sources).ok()?;
            Some((folder, program))
        })
        .collect()
}

/// A tree written out as JSON, numbers as written.
fn json(node: &RawNode) -> String {
    match &node.kind {
        RawKind::Null => String::from("null"),
        RawKind::Bool(b) => b.to_string(),
        RawKind::Number(n) => n.clone(),
        RawKind::String(s) | RawKind::Datetime(s) => serde_json::to_string(s).unwrap(),
        RawKind::Seq(items) => {
            format!("[{}]", items.iter().map(json).collect::<Vec<_>>().join(","))
        }
        RawKind::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}:{}", serde_json::to_string(&k.name).unwrap(), json(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn slow(program: &Program, text: &str) -> Option<FactSet> {
    let mut sources = SourceMap::new();
    let id = sources.add("facts.json", text);
    let root = facts::parse(sources.get(id).unwrap(), id, Format::Json).ok()?;
    facts::bind(program, &root, id, &[]).ok().map(|(f, _)| f)
}

fn shown(facts: &Option<FactSet>) -> String {
    format!("{:?}", facts.as_ref().map(|f| (&f.values, f.evaluated_on)))
}

/// Checks that both readers agree on a text; returns whether it was accepted.
fn agree(program: &Program, index: &FactIndex, text: &str, what: &str) -> bool {
    let fast = facts::read_json(index, text);
    let slow = slow(program, text);
    assert_eq!(
        shown(&fast),
        shown(&slow),
        "{what}: the readers disagree on {text}"
    );
    fast.is_some()
}

fn leaves(node: &RawNode, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if let RawKind::Map(entries) = &node.kind {
        for (i, (_, value)) in entries.iter().enumerate() {
            path.push(i);
            out.push(path.clone());
            leaves(value, path, out);
            path.pop();
        }
    }
}

fn entry_at<'a>(node: &'a mut RawNode, path: &[usize]) -> &'a mut RawNode {
    let mut at = node;
    for &i in path {
        let RawKind::Map(entries) = &mut at.kind else {
            unreachable!()
        };
        at = &mut entries[i].1;
    }
    at
}

fn node(kind: RawKind) -> RawNode {
    RawNode { kind, span: 0..0 }
}

fn replacements() -> Vec<RawKind> {
    let n = |s: &str| RawKind::Number(s.to_string());
    let s = |s: &str| RawKind::String(s.to_string());
    vec![
        RawKind::Null,
        RawKind::Bool(true),
        n("0"),
        n("-3"),
        n("1.5"),
        n("1e2"),
        n("-0"),
        n("99999999999999999999"),
        n("0.1234567890123456789012345678"),
        s("x"),
        s("2024-02-29"),
        s("2023-02-29"),
        s("12 months"),
        s("commercial_cloud"),
        RawKind::Seq(vec![]),
        RawKind::Seq(vec![node(s("email"))]),
        RawKind::Seq(vec![node(s("email")), node(s("email"))]),
        RawKind::Map(vec![]),
    ]
}

/// Variants of a fact file: each entry's value replaced, each entry given twice, each
/// entry of a group written as a dotted key at the top too, an unknown key added.
fn variants(root: &RawNode) -> Vec<String> {
    let mut out = Vec::new();
    let mut paths = Vec::new();
    leaves(root, &mut Vec::new(), &mut paths);
    for path in &paths {
        for kind in replacements() {
            let mut copy = root.clone();
            entry_at(&mut copy, path).kind = kind;
            out.push(json(&copy));
        }
        let (last, parent) = path.split_last().unwrap();
        let mut copy = root.clone();
        if let RawKind::Map(entries) = &mut entry_at(&mut copy, parent).kind {
            let again = entries[*last].clone();
            entries.push(again);
        }
        out.push(json(&copy));
        if path.len() == 2 {
            let RawKind::Map(top) = &root.kind else {
                continue;
            };
            let (group, inner) = &top[path[0]];
            let RawKind::Map(entries) = &inner.kind else {
                continue;
            };
            let (key, value) = &entries[path[1]];
            let mut dotted = key.clone();
            dotted.name = format!("{}.{}", group.name, key.name);
            for keep_original in [true, false] {
                let mut copy = root.clone();
                if !keep_original && let RawKind::Map(e) = &mut entry_at(&mut copy, &path[..1]).kind
                {
                    e.remove(path[1]);
                }
                if let RawKind::Map(e) = &mut copy.kind {
                    e.push((dotted.clone(), value.clone()));
                }
                out.push(json(&copy));
            }
        }
    }
    let mut copy = root.clone();
    if let RawKind::Map(entries) = &mut copy.kind
        && let Some((key, _)) = entries.first().cloned()
    {
        let mut unknown = key;
        unknown.name.push_str("_unknown");
        entries.push((unknown, node(RawKind::Bool(true))));
    }
    out.push(json(&copy));
    out
}

fn without_expect(root: &RawNode) -> RawNode {
    let mut copy = root.clone();
    if let RawKind::Map(entries) = &mut copy.kind {
        entries.retain(|(k, _)| k.name != "expect");
    }
    copy
}

fn readers_agree_on_every_fact_file_and_its_variants() {
    let policies = policies();
    assert!(policies.len() > 3, "policies found: {}", policies.len());
    let indexes: Vec<FactIndex> = policies.iter().map(|(_, p)| FactIndex::new(p)).collect();
    let main = policies
        .iter()
        .position(|(f, _)| f.ends_with("policies/cloud-au-centre"))
        .unwrap();
    // About a hundred thousand texts, each read twice: the files are shared among the
    // cores (a failed `assert` in a worker fails the test all the same).
    let counts = |file: &PathBuf| -> (usize, usize) {
        let mut sources = SourceMap::new();
        let Ok((root, _)) = doctrine::app::load::read_facts(file.to_str().unwrap(), &mut sources)
        else {
            return (0, 0);
        };
        let mut accepted = 0;
        let root = without_expect(&root);
        let text = json(&root);
        for ((folder, program), index) in policies.iter().zip(&indexes) {
            let what = format!("{} under {}", file.display(), folder.display());
            if agree(program, index, &text, &what) {
                accepted += 1;
            }
        }
        let (program, index) = (&policies[main].1, &indexes[main]);
        for variant in variants(&root) {
            if agree(program, index, &variant, &file.display().to_string()) {
                accepted += 1;
            }
        }
        (1, accepted)
    };
    let (files, accepted) = fact_files()
        .par_iter()
        .map(counts)
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert!(files > 100, "fact files read: {files}");
    assert!(accepted > 1000, "accepted: {accepted}");
}

fn readers_agree_on_broken_json() {
    let mut sources = SourceMap::new();
    let program =
        doctrine::app::load::load_policy(Path::new("policies/cloud-au-centre"), &[], &mut sources)
            .unwrap();
    let index = FactIndex::new(&program);
    let good = r#"{"entity": {"kind": "state_operator"}, "hosting": {"zones": 2}}"#;
    assert!(agree(&program, &index, good, "good"));
    let broken = [
        "",
        " ",
        "null",
        "[]",
        "1",
        "\"x\"",
        "{",
        "{}",
        "{} {}",
        "{}x",
        "\u{feff}{}",
        r#"{"hosting": {"zones": 2},}"#,
        r#"{"hosting": {"zones": 2} /* c */}"#,
        r#"{hosting: {"zones": 2}}"#,
        r#"{'hosting': {"zones": 2}}"#,
        r#"{"hosting": {"zones": 02}}"#,
        r#"{"hosting": {"zones": 0x2}}"#,
        r#"{"hosting": {"zones": 2.}}"#,
        r#"{"hosting": {"zones": .5}}"#,
        r#"{"hosting": {"zones": 2.0}}"#,
        r#"{"hosting": {"zones": NaN}}"#,
        r#"{"hosting": {"zones": 1e999}}"#,
        r#"{"project": {"full_cost_eur": 1e999}}"#,
        r#"{"project": {"full_cost_eur": 1E+2}}"#,
        r#"{"project": {"full_cost_eur": -0.0}}"#,
        r#"{"project": {"full_cost_eur": 79228162514264337593543950336}}"#,
        r#"{"project": {"full_cost_eur": "12"}}"#,
        r#"{"hosting": {"offer": "a\u0000b"}}"#,
        r#"{"hosting": {"offer": "\ud800"}}"#,
        r#"{"hosting": {"offer": "\ud83d\ude00 \/ \u00e9"}}"#,
        r#"{"hosting": {"offer": "\x"}}"#,
        r#"{"hosting": {"offer": "é"}}"#,
        r#"{"hos\u0074ing": {"zones": 2}}"#,
        r#"{"hosting.zones": 2, "hosting": {"zones": 3}}"#,
        r#"{"hosting": null, "hosting": {"zones": 3}}"#,
        r#"{"hosting": {"zones": null}}"#,
        r#"{"hosting": 1}"#,
        r#"{"hosting.": 1}"#,
        r#"{".hosting": 1}"#,
        r#"{"evaluated_on": null, "evaluated_on": "2024-01-01"}"#,
        r#"{"evaluated_on": "2024-1-01"}"#,
        r#"{"evaluated_on": "2024-01-01T00:00:00"}"#,
        r#"{"$schema": 1}"#,
        r#"{"$schema": "x", "$schema": "x"}"#,
        r#"{"hosting": {"$schema": "x"}}"#,
        r#"{"services": ["email", null]}"#,
        r#"{"services": "email"}"#,
        r#"{"services": [["email"]]}"#,
        r#"{"entity": {"kind": "State_operator"}}"#,
        r#"{"expect": {"decision": "compliant"}}"#,
    ];
    let mut both = 0;
    for text in broken {
        if agree(&program, &index, text, "broken") {
            both += 1;
        }
    }
    assert!(both > 5 && both < broken.len(), "accepted: {both}");
    // The spanned reader takes a leading `+` on a number and control characters in a text,
    // which JSON does not allow: the fast reader refuses them and leaves them to the
    // spanned reader, which gives the value.
    for text in [
        r#"{"hosting": {"zones": +2}}"#,
        "{\"hosting\": {\"offer\": \"a\u{1}b\"}}",
        "{\"hosting\": {\"offer\": \"a\tb\"}}",
    ] {
        assert!(facts::read_json(&index, text).is_none(), "{text}");
        assert!(slow(&program, text).is_some(), "{text}");
    }
}

tests![
    readers_agree_on_every_fact_file_and_its_variants,
    readers_agree_on_broken_json,
];
