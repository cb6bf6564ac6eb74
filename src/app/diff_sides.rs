//! The two sides of a diff: which paths are policies and which are facts, and
//! each side's policy, amendments, date and overrides, loaded and checked.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::analysis::diff::Side;
use crate::analysis::diff::causes::Evaluated;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::overrides::Override;
use crate::language::program::Program;
use crate::source::SourceMap;

/// What the command line says of one side.
#[derive(Clone, Debug)]
pub(super) struct SideSpec {
    /// `A` or `B`.
    pub name: &'static str,
    /// The policy file or folder.
    pub policy: PathBuf,
    /// Local amendments, shared ones first.
    pub amend: Vec<PathBuf>,
    /// The date of every evaluation, if fixed.
    pub on: Option<Date>,
    /// `NAME=VALUE` overrides, shared ones first.
    pub set: Vec<String>,
}

/// A side ready to evaluate.
pub(super) struct LoadedSide {
    /// What the command line said.
    pub spec: SideSpec,
    /// The checked policy.
    pub program: Program,
    /// Its parameter overrides.
    pub overrides: Vec<Override>,
}

impl LoadedSide {
    /// The side as it decided a case on a day, applying `texts` texts: for saying why.
    pub fn evaluated(&self, on: Date, texts: usize) -> Evaluated<'_> {
        Evaluated {
            name: self.spec.name,
            program: &self.program,
            overrides: &self.overrides,
            on,
            texts,
        }
    }

    /// The side as the reports describe it.
    pub fn describe(&self) -> Side {
        Side {
            name: self.spec.name,
            path: self.spec.policy.display().to_string(),
            policy: self.program.id.clone(),
            amendments: self
                .spec
                .amend
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            on: self.spec.on,
            overrides: self
                .overrides
                .iter()
                .map(|(slot, _, text)| {
                    let name = self
                        .program
                        .params
                        .get(*slot as usize)
                        .map_or_else(String::new, |p| p.name.clone());
                    (name, text.clone())
                })
                .collect(),
            languages: self.program.languages.clone(),
        }
    }
}

/// Splits `POLICY_A [POLICY_B] FACTS...`: the second path is POLICY_B when it is a policy.
pub(super) fn split_paths(
    paths: &[String],
) -> Result<(PathBuf, Option<PathBuf>, Vec<String>), Diagnostics> {
    let mut errors = Diagnostics::new();
    let Some((first, rest)) = paths.split_first() else {
        return Err(Diagnostic::error("doctrine::cli", "no policy given").into());
    };
    if super::inputs::is_fact_file(Path::new(first)) {
        errors.push(
            Diagnostic::error(
                "doctrine::cli",
                format!("`{first}` is a fact file: the first path must be a policy"),
            )
            .with_help("doctrine diff POLICY_A [POLICY_B] FACTS..."),
        );
    }
    let (policy_b, facts) = match rest.split_first() {
        Some((second, facts)) if super::inputs::is_policy(Path::new(second)) => {
            (Some(PathBuf::from(second)), facts.to_vec())
        }
        _ => (None, rest.to_vec()),
    };
    for path in &facts {
        if Path::new(path).extension().is_some_and(|x| x == "doctrine") {
            errors.push(
                Diagnostic::error(
                    "doctrine::cli",
                    format!("`{path}` is a policy file among the fact files"),
                )
                .with_help(
                    "only the first two paths may be policies (POLICY_A, POLICY_B); \
                     apply an amendment to one side with --amend-a or --amend-b",
                ),
            );
        }
    }
    if facts.is_empty() {
        errors.push(
            Diagnostic::error("doctrine::cli", "no fact files given").with_help(
                "doctrine diff POLICY_A [POLICY_B] FACTS... (files, folders or patterns)",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((PathBuf::from(first), policy_b, facts))
}

/// Loads both sides' policies and overrides, reporting every error once.
pub(super) fn load_sides(
    a: SideSpec,
    b: SideSpec,
    sources: &mut SourceMap,
) -> Result<(LoadedSide, LoadedSide), Diagnostics> {
    let same = a.policy == b.policy && a.amend == b.amend && a.on == b.on && a.set == b.set;
    if same {
        return Err(Diagnostic::error(
            "doctrine::cli",
            "the two sides are the same: no decision can change",
        )
        .with_help(
            "name a second policy (POLICY_B), or make side B differ with \
             --amend-b, --on-b or --set-b (and side A with --amend-a, --on-a, --set-a)",
        )
        .into());
    }
    let mut errors = Diagnostics::new();
    // The same policy and amendments load once: their errors are reported once.
    let same_policy = a.policy == b.policy && a.amend == b.amend;
    let program_a = crate::app::load::load_policy(&a.policy, &a.amend, sources);
    let program_b = if same_policy {
        program_a.clone()
    } else {
        crate::app::load::load_policy(&b.policy, &b.amend, sources)
    };
    let (program_a, program_b) = match (program_a, program_b) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) if same_policy => return Err(e),
        (x, y) => {
            for result in [x, y] {
                if let Err(e) = result {
                    errors.extend(e);
                }
            }
            return Err(errors);
        }
    };
    let (overrides_a, failed_a) = overrides(&program_a, &a.set, sources, &mut errors, &[]);
    let (overrides_b, _) = overrides(&program_b, &b.set, sources, &mut errors, &failed_a);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((
        LoadedSide {
            spec: a,
            program: program_a,
            overrides: overrides_a,
        },
        LoadedSide {
            spec: b,
            program: program_b,
            overrides: overrides_b,
        },
    ))
}

/// Parses a side's overrides, and says which assignments failed; an assignment that
/// failed on side A too (`reported`) is not reported again.
fn overrides(
    program: &Program,
    set: &[String],
    sources: &mut SourceMap,
    errors: &mut Diagnostics,
    reported: &[String],
) -> (Vec<Override>, Vec<String>) {
    let mut out = Vec::new();
    let mut failed = Vec::new();
    for assignment in set {
        match crate::eval::overrides::parse_override(program, assignment, sources) {
            Ok(o) => out.push(o),
            Err(e) => {
                if !reported.contains(assignment) {
                    errors.extend(e);
                }
                failed.push(assignment.clone());
            }
        }
    }
    (out, failed)
}
