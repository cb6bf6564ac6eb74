//! Bounded work on inputs too large to keep in the repository, made at test time: the
//! analyses that could grow without end (`check`'s exception analysis, `remedy`'s search)
//! stop at a budget and say so, and a very long chain of `and` checks in linear work.
//! Nothing here measures time: the budgets are counts, and the outputs say they were hit.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Runs the binary; returns its exit code, standard output and standard error.
fn doctrine(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args(args)
        .args(["--error-format", "plain"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("budgets");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const HEADER: &str = "policy p
text t in force from 2020-01-01
source law \"The law\"
verdicts refused allowed as satisfied unknown as undecided out as inapplicable
";

/// One rule with 200 sibling exceptions, each over all of 16 bool facts, no two of which can
/// hold together: 19,900 pairs of 65,536 combinations each, far past the default budget.
fn siblings() -> String {
    let mut text = String::from(HEADER);
    for fact in 0..16 {
        text.push_str(&format!("fact f{fact}: bool\n"));
    }
    text.push_str("rule R cites law requires f0 otherwise refused\n");
    for exception in 0..200_u32 {
        let when: Vec<String> = (0..16)
            .map(|fact| {
                if exception >> (fact % 8) & 1 == 1 {
                    format!("f{fact}")
                } else {
                    format!("not f{fact}")
                }
            })
            .collect();
        let gives = if exception % 2 == 0 {
            "refused"
        } else {
            "allowed"
        };
        text.push_str(&format!(
            "exception E{exception} to R cites law when {} gives {gives}\n",
            when.join(" and ")
        ));
    }
    text
}

/// `check` stops its exception analysis at the budget, says which pairs it did not finish as
/// a note (not a warning: the exit code and the summary stay those of a clean policy).
fn check_analysis_stops_at_budget() {
    let policy = write("siblings.doctrine", &siblings());
    let (code, stdout, stderr) = doctrine(&["check", &policy]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("200 exception(s), 16 fact(s): no error\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("pair(s) of sibling exceptions not fully analysed: `E0` and `E1`"),
        "{stderr}"
    );
    assert!(stderr.contains("--analysis-budget N"), "{stderr}");
    assert!(stderr.contains("Diagnostic severity: advice"), "{stderr}");
    assert!(!stderr.contains("severity: warning"), "{stderr}");
}

/// A policy of `rules` rules, each requiring its own bool fact, with every fact false: no
/// remedy of up to 4 changes exists, and each set kept for the next size may grow by any
/// other fact (the frontier grew with the square of the rules: 2 GB at 1,000).
fn many_rules(rules: usize) -> (String, String) {
    let mut text = String::from(HEADER);
    for rule in 0..rules {
        text.push_str(&format!("fact f{rule}: bool\n"));
    }
    for rule in 0..rules {
        text.push_str(&format!(
            "rule R{rule} cites law requires f{rule} otherwise refused\n"
        ));
    }
    let facts: Vec<String> = (0..rules).map(|r| format!("\"f{r}\": false")).collect();
    (
        write(&format!("rules-{rules}.doctrine"), &text),
        write(
            &format!("rules-{rules}.json"),
            &format!("{{{}}}", facts.join(", ")),
        ),
    )
}

/// 59 bool facts left unknown, all read by the scope: every set of changes is relevant.
fn unknown_booleans() -> (String, String) {
    let mut text = String::from(HEADER);
    let facts: Vec<String> = (0..59).map(|f| format!("b{f}")).collect();
    for fact in &facts {
        text.push_str(&format!("fact {fact}: bool\n"));
    }
    text.push_str(&format!("scope {}\n", facts.join(" or ")));
    text.push_str("rule R cites law requires b0 and b1 and b2 and b3 and b4 otherwise refused\n");
    (
        write("unknown-booleans.doctrine", &text),
        write("unknown-booleans.json", "{}"),
    )
}

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap()
}

/// `remedy` on 1,000 rules stops at its budget of memory (the sets kept for the next size,
/// counted in slots, grow in proportion to the budget) and says the search was cut, in JSON
/// and in text, with the option that widens it.
fn remedy_on_many_rules_is_cut_by_memory() {
    let (policy, facts) = many_rules(1_000);
    let args = ["remedy", &policy, &facts, "--budget", "2000"];
    let (code, stdout, stderr) = doctrine(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(code, 0, "{stderr}");
    let report = json(&stdout);
    assert_eq!(report["exhausted"], false, "{stdout}");
    assert_eq!(report["cut"], "memory", "{stdout}");
    assert_eq!(report["found"], 0, "{stdout}");
    // The memory bound (20 slots per evaluation of the budget, a set keeping ~1,000 facts to
    // change next) is reached early in size 1, which is still tried to the end: the facts as
    // given and each of the 1,000 single changes, within the budget of evaluations.
    assert_eq!(report["evaluations"], 1_001, "{stdout}");
    let (code, stdout, stderr) = doctrine(&args);
    assert_eq!(code, 0, "{stderr}");
    // Nothing found before the cut proves nothing: no definite "no set of changes".
    assert!(
        stdout.contains("was found before the search was cut at its budget"),
        "{stdout}"
    );
    assert!(stdout.contains("--budget widens the search"), "{stdout}");
    assert!(!stdout.contains("No set of changes reaches"), "{stdout}");
    assert!(!stdout.contains("are the smallest"), "{stdout}");
}

/// `remedy` on 59 unknown booleans read by the scope stops at its budget and says so.
fn remedy_on_unknown_booleans_is_cut() {
    let (policy, facts) = unknown_booleans();
    let (code, stdout, stderr) = doctrine(&[
        "remedy", &policy, &facts, "--target", "allowed", "--budget", "3000", "--format", "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let report = json(&stdout);
    assert_eq!(report["exhausted"], false, "{stdout}");
    assert!(
        report["cut"] == "evaluations" || report["cut"] == "memory",
        "{stdout}"
    );
    assert!(report["evaluations"].as_u64().unwrap() <= 3000, "{stdout}");
    // With a budget of 2,000, the memory bound is reached within size 2 (after 667
    // evaluations, the search used to stop there); the size is still tried to the end, so the
    // whole budget of evaluations is spent.
    let (code, stdout, stderr) = doctrine(&[
        "remedy", &policy, &facts, "--target", "allowed", "--budget", "2000", "--format", "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let report = json(&stdout);
    assert_eq!(report["evaluations"], 2_000, "{stdout}");
    assert_eq!(report["cut"], "evaluations", "{stdout}");
}

/// In the library, the slots kept never pass the bound the budget sets.
fn remedy_keeps_memory_within_budget() {
    let (policy, facts) = many_rules(300);
    let mut sources = doctrine::source::SourceMap::new();
    let program =
        doctrine::app::load::load_policy(std::path::Path::new(&policy), &[], &mut sources).unwrap();
    let (root, file) = doctrine::app::load::read_facts(&facts, &mut sources).unwrap();
    let (facts, _) = doctrine::facts::bind(&program, &root, file, &[]).unwrap();
    let options = doctrine::EvalOptions {
        on: jiff::civil::date(2024, 6, 1),
        overrides: Vec::new(),
    };
    for budget in [500, 5_000] {
        let request = doctrine::analysis::remedy::Request {
            target: None,
            fixed: Vec::new(),
            max_changes: 4,
            limit: 10,
            budget,
        };
        let report =
            doctrine::analysis::remedy::remedies(&program, &facts, &options, &request).unwrap();
        assert!(!report.exhausted);
        assert!(report.cut.is_some());
        assert!(
            report.kept <= budget * doctrine::analysis::remedy::KEPT_PER_EVALUATION,
            "{} slots kept for a budget of {budget}",
            report.kept
        );
        assert!(report.evaluations <= budget + 20, "{}", report.evaluations);
    }
}

/// A 10,000-long chain of `and`, under a raised `--max-depth`, checks (the checker's work on
/// it is linear: see the count in `language::check::operators`), and evaluates.
fn a_long_chain_of_and_checks() {
    let chain = vec!["a"; 9_000].join(" and ");
    let policy = write(
        "chain.doctrine",
        &format!("{HEADER}fact a: bool\nrule R cites law requires {chain} otherwise refused\n"),
    );
    let (code, stdout, stderr) = doctrine(&["check", &policy, "--max-depth", "10000"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("no error"), "{stdout}");
    let facts = write("chain.json", "{\"a\": true}");
    let (code, stdout, stderr) = doctrine(&[
        "eval",
        &policy,
        &facts,
        "--max-depth",
        "10000",
        "--on",
        "2024-01-01",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("allowed"), "{stdout}");
}

/// `--max-depth` stops at a ceiling the stack is known to hold (a 20,000-long chain under
/// `--max-depth 20000` overflowed it): past the ceiling the option is refused, and at it a
/// deeper expression is refused without advice to raise the option further.
fn max_depth_has_a_ceiling() {
    let chain = vec!["a"; 10_050].join(" and ");
    let policy = write(
        "deep-chain.doctrine",
        &format!("{HEADER}fact a: bool\nrule R cites law requires {chain} otherwise refused\n"),
    );
    let (code, _, stderr) = doctrine(&["check", &policy, "--max-depth", "10001"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not in 0..=10000"), "{stderr}");
    // `check` exits 1 on a policy with errors.
    let (code, _, stderr) = doctrine(&["check", &policy, "--max-depth", "10000"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("doctrine::syntax::too_deep"), "{stderr}");
    assert!(stderr.contains("at its highest"), "{stderr}");
}

tests![
    a_long_chain_of_and_checks,
    max_depth_has_a_ceiling,
    check_analysis_stops_at_budget,
    remedy_on_many_rules_is_cut_by_memory,
    remedy_on_unknown_booleans_is_cut,
    remedy_keeps_memory_within_budget,
];
