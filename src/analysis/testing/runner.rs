//! Running test cases against a policy: each case's amendments pick the program (compiled
//! once per distinct set of amendments), its facts bind to it, and its decision is
//! compared with what it expects.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use super::case::{self, CASE_KEYS};
use super::compare::{Failure, compare};
use super::coverage::Coverage;
use crate::decision::Decision;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::EvalOptions;
use crate::facts::RawNode;
use crate::program::Program;
use crate::source::{FileId, SourceMap, Span};

/// What applies to every case of a run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Local amendments applied to every case, before the case's own.
    pub amend: Vec<PathBuf>,
    /// `NAME=VALUE` overrides; a case's own `set:` wins for the same name.
    pub set: Vec<String>,
    /// The date of a case that gives neither `on:` nor `evaluated_on:`.
    pub on: Option<Date>,
}

/// How a case ended.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The decision is as expected.
    Passed,
    /// The decision differs: one failure per field.
    Failed(Vec<Failure>),
    /// The case could not run: a bad fact file, a bad expectation, a bad amendment.
    Error(Diagnostics),
}

/// A case and how it ended.
#[derive(Clone, Debug)]
pub struct CaseReport {
    /// The case file, as named.
    pub path: String,
    /// How it ended.
    pub outcome: Outcome,
}

/// Runs cases against one policy, keeping each compiled program and the suite's coverage.
#[derive(Debug)]
pub struct Runner {
    policy: PathBuf,
    options: Options,
    programs: BTreeMap<Vec<PathBuf>, Result<Arc<Program>, Diagnostics>>,
    /// Every source read so far; diagnostics point into it.
    pub sources: SourceMap,
    /// The coverage of the cases run so far.
    pub coverage: Coverage,
}

impl Runner {
    /// A runner of cases against the policy at `policy` (a file or a folder).
    pub fn new(policy: &Path, options: Options) -> Runner {
        Runner {
            policy: policy.to_path_buf(),
            options,
            programs: BTreeMap::new(),
            sources: SourceMap::new(),
            coverage: Coverage::default(),
        }
    }

    /// Compiles the policy with the run's amendments and checks the run's overrides
    /// against it: what every case needs, so its errors stop the run.
    pub fn check(&mut self) -> Result<Arc<Program>, Diagnostics> {
        let program = self.program(self.options.amend.clone())?;
        let mut errors = Diagnostics::new();
        for assignment in &self.options.set {
            if let Err(e) = crate::params::parse_override(&program, assignment, &mut self.sources) {
                errors.extend(e);
            }
        }
        if errors.is_empty() {
            Ok(program)
        } else {
            Err(errors)
        }
    }

    fn program(&mut self, amend: Vec<PathBuf>) -> Result<Arc<Program>, Diagnostics> {
        if let Some(program) = self.programs.get(&amend) {
            return program.clone();
        }
        let program =
            crate::load::load_policy(&self.policy, &amend, &mut self.sources).map(Arc::new);
        self.programs.insert(amend, program.clone());
        program
    }

    /// Runs one case file.
    pub fn run(&mut self, path: &Path) -> CaseReport {
        let shown = path.display().to_string();
        let outcome = match self.run_case(path, &shown) {
            Ok((program, decision, failures)) => {
                self.coverage.record(&program, &decision);
                if failures.is_empty() {
                    Outcome::Passed
                } else {
                    Outcome::Failed(failures)
                }
            }
            Err(diagnostics) => Outcome::Error(diagnostics),
        };
        CaseReport {
            path: shown,
            outcome,
        }
    }

    fn run_case(
        &mut self,
        path: &Path,
        shown: &str,
    ) -> Result<(Arc<Program>, Decision, Vec<Failure>), Diagnostics> {
        let (root, file) = crate::load::read_facts(shown, &mut self.sources)?;
        let mut amend = self.options.amend.clone();
        let folder = path.parent().unwrap_or(Path::new(""));
        let mut errors = Diagnostics::new();
        for (written, span) in case::amendments(&root, file)? {
            let resolved = normalize(&folder.join(&written));
            match crate::load::require_file(&resolved) {
                // Named on the command line too: applied once, not declared twice.
                Ok(()) if amend.iter().any(|a| normalize(a) == resolved) => {}
                Ok(()) => amend.push(resolved),
                Err(e) => errors.push(e.with_label(span, "this amendment")),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let program = self.program(amend)?;
        let (decision, failures) = decide(
            &program,
            &root,
            file,
            shown,
            &self.options,
            &mut self.sources,
        )?;
        Ok((program, decision, failures))
    }
}

/// Removes `.` and `name/..` from a path without touching the file system, so that the
/// same amendment reached from two folders compiles once and is named plainly.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Binds a parsed case to a program, evaluates it and compares: the decision and the
/// differences from what the case expects.
pub(crate) fn decide(
    program: &Program,
    root: &RawNode,
    file: FileId,
    shown: &str,
    options: &Options,
    sources: &mut SourceMap,
) -> Result<(Decision, Vec<Failure>), Diagnostics> {
    let (facts, extras) = crate::facts::bind(program, root, file, CASE_KEYS)?;
    let whole = Span::new(file, 0, 0);
    let case = case::read_case(&extras, file, whole, program)?;
    let name_of = |assignment: &str| {
        assignment
            .split_once('=')
            .map_or(assignment, |(n, _)| n)
            .trim()
            .to_string()
    };
    let own: BTreeSet<String> = case.set.iter().map(|(a, _)| name_of(a)).collect();
    let mut overrides = Vec::new();
    let mut errors = Diagnostics::new();
    for assignment in options.set.iter().filter(|a| !own.contains(&name_of(a))) {
        match crate::params::parse_override(program, assignment, sources) {
            Ok(o) => overrides.push(o),
            Err(e) => errors.extend(e),
        }
    }
    for (assignment, span) in &case.set {
        match crate::params::parse_override(program, assignment, sources) {
            Ok(o) => overrides.push(o),
            Err(e) => errors.extend(Diagnostics(
                e.0.into_iter()
                    .map(|mut d| {
                        // The override is the case's `set:` entry, not a command-line one.
                        d.message = d.message.replacen("`--set ", "`set: ", 1);
                        d.labels.insert(
                            0,
                            crate::diagnostic::Label {
                                span: *span,
                                message: String::from("this `set:` entry"),
                            },
                        );
                        d
                    })
                    .collect(),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // The evaluation-date rule, with the case's `on:` as the day asked; `--on` stands in
    // for today, as a test run never reads the clock (it must be reproducible): a case with
    // no day at all is an error.
    let mut undated = false;
    let on = crate::eval::evaluation_date(case.on, &facts, || {
        options.on.unwrap_or_else(|| {
            undated = true;
            Date::MIN
        })
    });
    if undated {
        return Err(Diagnostic::error(
            "doctrine::test",
            format!("`{shown}` gives no date: add `on:` or `evaluated_on:`, or pass `--on`"),
        )
        .with_label(whole, "in this file")
        .into());
    }
    let decision = crate::eval::evaluate(program, &facts, &EvalOptions { on, overrides })
        .map_err(|e| Diagnostics::from(e.in_facts(shown)))?;
    let failures = compare(&case.expect, &decision);
    Ok((decision, failures))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize_without_the_file_system() {
        let n = |p: &str| normalize(Path::new(p)).display().to_string();
        assert_eq!(n("a/b/../../c/./d.doctrine"), "c/d.doctrine");
        assert_eq!(
            n("tests/x/cases/../../../examples/a.doctrine"),
            "examples/a.doctrine"
        );
        // Past the start, `..` stays: the path is still the one the user meant.
        assert_eq!(n("../a/../b"), "../b");
        assert_eq!(n("/a/../b"), "/b");
    }
}
