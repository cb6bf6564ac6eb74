//! The layout holds: the integration tests stay one binary (a `tests/*.rs` file would be
//! built and linked as a test program of its own), and the library's modules import one
//! another without cycles, so that `src/` reads as the pipeline.

#![allow(clippy::panic, reason = "tests may panic")]

fn no_test_file_outside_the_binary() {
    let mut outside: Vec<String> = std::fs::read_dir("tests")
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    outside.sort();
    if !outside.is_empty() {
        panic!(
            "move these into tests/integration/ as modules (see tests/integration/main.rs): {}",
            outside.join(", ")
        );
    }
}

/// A module of the library: its file, and the module path it declares (`["eval", "expr"]`).
struct Module {
    file: std::path::PathBuf,
    path: Vec<String>,
}

/// Every module file of the library (the command line, a module of the binary, and unit
/// tests are left out).
fn library_modules() -> Vec<Module> {
    fn walk(dir: &std::path::Path, out: &mut Vec<Module>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                if p != std::path::Path::new("src/cli") {
                    walk(&p, out);
                }
            } else if p.extension().is_some_and(|e| e == "rs")
                && p != std::path::Path::new("src/main.rs")
                // Unit tests (`#[cfg(test)] mod tests;`) may use any stage.
                && p.file_name().is_some_and(|n| n != "tests.rs")
            {
                let rel = p.strip_prefix("src").unwrap().with_extension("");
                let mut path: Vec<String> = rel
                    .iter()
                    .map(|s| s.to_string_lossy().into_owned())
                    .collect();
                if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
                    path.pop();
                }
                out.push(Module { file: p, path });
            }
        }
    }
    let mut out = Vec::new();
    walk(std::path::Path::new("src"), &mut out);
    out
}

/// The paths a source text names: each `use` tree expanded, and every `crate::…`/`super::…`
/// path written in code. Comments and `#[cfg(test)]` modules are left out.
fn named_paths(text: &str) -> Vec<Vec<String>> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        let Some(open) = tree.find('{') else {
            if !tree.is_empty() {
                out.push(format!("{prefix}{tree}"));
            }
            return;
        };
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let prefix = format!("{prefix}{}", &tree[..open]);
        let (mut depth, mut start) = (0, 0);
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..i], &prefix, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], &prefix, out);
    }
    let mut found = Vec::new();
    let mut rest = code.as_str();
    // A `use` declaration starts a line (after its visibility); `use` in a string does not.
    while let Some(at) = rest.find("use ") {
        let line_start = rest[..at].rfind('\n').map_or(0, |n| n + 1);
        let head = rest[line_start..at].trim();
        rest = &rest[at + 4..];
        if !(head.is_empty() || head.starts_with("pub")) {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        // `a as b` is kept as `a@b`: the crate root's re-exports are read by their new names.
        let tree = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        let tree: String = tree
            .replace(" as ", "@")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if tree.matches('{').count() == tree.matches('}').count() {
            expand(&tree, "", &mut found);
        }
    }
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.push(path);
        }
    }
    found
        .into_iter()
        .map(|p| p.split("::").map(str::to_owned).collect())
        .collect()
}

/// The crate root's re-exports (`pub use eval::{evaluate, …}`): each name, and the path it
/// stands for.
fn root_exports() -> std::collections::HashMap<String, Vec<String>> {
    let text = std::fs::read_to_string("src/lib.rs").unwrap();
    named_paths(&text)
        .into_iter()
        .filter_map(|mut path| {
            let last = path.pop()?;
            let (item, name) = last.split_once('@').unwrap_or((&last, &last));
            let name = name.to_owned();
            path.push(item.to_owned());
            (path.first()? != "crate" && path.len() > 1).then_some((name, path))
        })
        .collect()
}

/// The edges of the import graph: which module file names which.
fn import_graph(modules: &[Module]) -> Vec<Vec<usize>> {
    let by_path: std::collections::HashMap<&[String], usize> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.path.as_slice(), i))
        .collect();
    let exports = root_exports();
    modules
        .iter()
        .map(|module| {
            let text = std::fs::read_to_string(&module.file).unwrap();
            // A file's `super` is its parent module, a `mod.rs`'s that of its folder.
            let mut targets: Vec<usize> = named_paths(&text)
                .into_iter()
                .filter_map(|mut path| {
                    if let Some(last) = path.last_mut() {
                        last.truncate(last.find('@').unwrap_or(last.len()));
                    }
                    let mut base: Vec<String> = Vec::new();
                    let mut segments = path.as_slice();
                    match segments.first().map(String::as_str) {
                        Some("crate") => segments = &segments[1..],
                        Some("super" | "self") => {
                            base = module.path.clone();
                            while let Some(first) = segments.first() {
                                match first.as_str() {
                                    "super" => drop(base.pop()),
                                    "self" => {}
                                    _ => break,
                                }
                                segments = &segments[1..];
                            }
                        }
                        _ => return None,
                    }
                    base.extend(segments.iter().cloned());
                    if let Some(target) = base.first().and_then(|name| exports.get(name)) {
                        base.splice(..1, target.iter().cloned());
                    }
                    // The longest prefix that is a module file.
                    (0..=base.len())
                        .rev()
                        .find_map(|n| by_path.get(&base[..n]).copied())
                })
                .collect();
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect()
}

/// Strongly connected components (Tarjan), each a list of node indices.
fn components(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'a> {
        edges: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        stack: Vec<usize>,
        on_stack: Vec<bool>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.edges[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(i) if s.on_stack[w] => s.low[v] = s.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let n = edges.len();
    let mut s = State {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

/// Files import each other only within one folder: any cycle of imports stays among the
/// files of one folder.
fn no_import_cycle_across_folders() {
    let modules = library_modules();
    let edges = import_graph(&modules);
    let mut crossing = Vec::new();
    for component in components(&edges) {
        let folders: std::collections::BTreeSet<_> = component
            .iter()
            .map(|&i| modules[i].file.parent().map(|p| p.to_owned()))
            .collect();
        if folders.len() > 1 {
            let mut files: Vec<String> = component
                .iter()
                .map(|&i| modules[i].file.display().to_string())
                .collect();
            files.sort();
            crossing.push(files.join(" ↔ "));
        }
    }
    assert!(
        crossing.is_empty(),
        "import cycles across folders:\n{}",
        crossing.join("\n")
    );
}

/// The stages of the pipeline (the folders under `src/`, and its loose files) import one
/// another in one direction only, in the order `i18n` → `language` → `facts` → `eval` →
/// `analysis` → `report` → `app`: each imports only those before it.
fn the_stages_import_one_way() {
    let modules = library_modules();
    let edges = import_graph(&modules);
    let stage = |m: &Module| m.path.first().cloned().unwrap_or_else(|| "lib".into());
    let mut stages: Vec<String> = modules.iter().map(stage).collect();
    stages.sort();
    stages.dedup();
    let at = |name: &str| stages.iter().position(|s| s == name).unwrap();
    let mut stage_edges = vec![Vec::new(); stages.len()];
    let mut why = std::collections::BTreeMap::new();
    for (from, targets) in edges.iter().enumerate() {
        let a = at(&stage(&modules[from]));
        for &to in targets {
            let b = at(&stage(&modules[to]));
            // The crate root declares every stage; it is the one place allowed to.
            if a != b && stages[a] != "lib" && stages[b] != "lib" {
                stage_edges[a].push(b);
                why.entry((a, b)).or_insert_with(|| {
                    format!(
                        "{} → {}",
                        modules[from].file.display(),
                        modules[to].file.display()
                    )
                });
            }
        }
    }
    let mut cycles = Vec::new();
    for component in components(&stage_edges) {
        if component.len() > 1 {
            let names: Vec<&str> = component.iter().map(|&i| stages[i].as_str()).collect();
            let examples: Vec<&String> = why
                .iter()
                .filter(|((a, b), _)| component.contains(a) && component.contains(b))
                .map(|(_, w)| w)
                .collect();
            cycles.push(format!("{}: {examples:?}", names.join(" ↔ ")));
        }
    }
    assert!(
        cycles.is_empty(),
        "stages that import each other:\n{}",
        cycles.join("\n")
    );
    // And in the order of docs/architecture.md; the loose files (spans, diagnostics,
    // limits) serve every stage.
    const ORDER: [&str; 8] = [
        "i18n", "language", "facts", "eval", "analysis", "report", "app", "server",
    ];
    let rank = |i: usize| ORDER.iter().position(|s| *s == stages[i]);
    let mut backwards = Vec::new();
    for ((a, b), example) in &why {
        match (rank(*a), rank(*b)) {
            (Some(from), Some(to)) if to > from => backwards.push(example.clone()),
            (None, Some(_)) => backwards.push(format!("{example} (a loose file imports a stage)")),
            _ => {}
        }
        for stage in [a, b] {
            let known = rank(*stage).is_some()
                || ["diagnostic", "limits", "source"].contains(&stages[*stage].as_str());
            assert!(
                known,
                "a stage not in docs/architecture.md: {}",
                stages[*stage]
            );
        }
    }
    assert!(
        backwards.is_empty(),
        "imports against the order of the stages ({}):\n{}",
        ORDER.join(" → "),
        backwards.join("\n")
    );
}

tests![
    no_test_file_outside_the_binary,
    no_import_cycle_across_folders,
    the_stages_import_one_way
];
