//! Running test cases against a policy read from files: each case's amendments pick the
//! program (compiled once per distinct set of amendments), and the case runs on it
//! ([`crate::analysis::testing::evaluate_case`]).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::analysis::testing::evaluate_case;
use crate::analysis::testing::{CaseReport, Coverage, Failure, Options, Outcome};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::decision::Decision;
use crate::language::program::Program;
use crate::source::SourceMap;

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
            if let Err(e) =
                crate::eval::overrides::parse_override(&program, assignment, &mut self.sources)
            {
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
            crate::app::load::load_policy(&self.policy, &amend, &mut self.sources).map(Arc::new);
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
        let (root, file) = crate::app::load::read_facts(shown, &mut self.sources)?;
        let mut amend = self.options.amend.clone();
        let folder = path.parent().unwrap_or(Path::new(""));
        let mut errors = Diagnostics::new();
        for (written, span) in crate::analysis::testing::case::amendments(&root, file)? {
            let resolved = normalize(&folder.join(&written));
            match crate::app::load::require_file(&resolved) {
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
        let (decision, failures) = evaluate_case(
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

/// Runs a case file against a compiled program. `Ok(failures)`; an empty list means the
/// case passes. A case that names amendments needs a [`Runner`], which compiles them.
pub fn run_case(
    program: &Program,
    path: &str,
    sources: &mut SourceMap,
) -> Result<Vec<Failure>, Diagnostics> {
    let (root, file) = crate::app::load::read_facts(path, sources)?;
    if let Some((_, span)) = crate::analysis::testing::case::amendments(&root, file)?.first() {
        return Err(Diagnostic::error(
            "doctrine::test",
            "this case names amendments, which a compiled program cannot take",
        )
        .with_label(*span, "amendment")
        .with_help("run it with `doctrine test` (or `testing::Runner`)")
        .into());
    }
    evaluate_case(program, &root, file, path, &Options::default(), sources)
        .map(|(_, failures)| failures)
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
