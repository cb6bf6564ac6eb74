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
        let gives = if exception % 2 == 0 { "refused" } else { "allowed" };
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
    assert!(stdout.contains("200 exception(s), 16 fact(s): no error\n"), "{stdout}");
    assert!(
        stderr.contains("pair(s) of sibling exceptions not fully analysed: `E0` and `E1`"),
        "{stderr}"
    );
    assert!(stderr.contains("--analysis-budget N"), "{stderr}");
    assert!(stderr.contains("Diagnostic severity: advice"), "{stderr}");
    assert!(!stderr.contains("severity: warning"), "{stderr}");
}

tests![check_analysis_stops_at_budget];
