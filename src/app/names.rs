//! Names a request gives, resolved against the policy: a verdict (`--fail-on`, `--target`),
//! a rule (`--rule`), fact patterns (`--fixed`); a name that is not the policy's is an
//! error with a did-you-mean.

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::language::program::{DecisionOf, Program};

/// The gate of a run: which decisions make `eval` exit 1. By default the policy's own
/// (`decision … fails on …`), else the worst verdict; `--fail-on VERDICT` fails at that
/// verdict or a worse one; for a policy that decides by an outcome, `--fail-on NAME[,NAME…]`
/// fails on exactly those names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailOn {
    /// For each decision, by rank (its position on the scale or in the outcome's
    /// vocabulary), whether it fails the run.
    failing: Vec<bool>,
}

impl FailOn {
    /// The gate for `name` (`--fail-on`), else the policy's.
    pub fn named(program: &Program, name: Option<&str>) -> Result<FailOn, Diagnostic> {
        let count = decision_names(program).len();
        match (&program.decision, name) {
            (DecisionOf::Verdicts { fails_on }, None) => {
                Ok(FailOn::at_or_worse(count, fails_on.unwrap_or(0)))
            }
            (DecisionOf::Verdicts { .. }, Some(name)) => verdict_rank(program, "--fail-on", name)
                .map(|rank| FailOn::at_or_worse(count, rank)),
            (DecisionOf::Outcome { fails_on, .. }, None) => Ok(FailOn {
                failing: (0..count)
                    .map(|rank| fails_on.iter().any(|f| *f as usize == rank))
                    .collect(),
            }),
            (DecisionOf::Outcome { .. }, Some(names)) => {
                let all = decision_names(program);
                let mut failing = vec![false; count];
                for name in names.split(',').map(str::trim) {
                    let Some(rank) = all.iter().position(|n| *n == name) else {
                        let help = did_you_mean(name, all.iter().copied())
                            .unwrap_or_else(|| format!("the decisions are: {}", all.join(", ")));
                        return Err(Diagnostic::error(
                            "doctrine::cli",
                            format!("`--fail-on {name}`: not a decision of the policy"),
                        )
                        .with_help(help));
                    };
                    if let Some(slot) = failing.get_mut(rank) {
                        *slot = true;
                    }
                }
                Ok(FailOn { failing })
            }
        }
    }

    fn at_or_worse(count: usize, rank: u32) -> FailOn {
        FailOn {
            failing: (0..count).map(|r| r <= rank as usize).collect(),
        }
    }

    /// Whether a decision of `rank` fails the run.
    pub fn fails(&self, rank: u32) -> bool {
        self.failing.get(rank as usize).copied().unwrap_or(false)
    }

    /// Whether any decision fails, given how many decisions each rank got.
    pub fn any_fails(&self, counts: &[u64]) -> bool {
        counts
            .iter()
            .zip(&self.failing)
            .any(|(count, failing)| *failing && *count > 0)
    }
}

/// The names a decision can take, by rank: the verdicts of the scale, worst first, or the
/// names of the outcome the policy decides by.
pub fn decision_names(program: &Program) -> Vec<&str> {
    let vocabulary = match &program.decision {
        DecisionOf::Verdicts { .. } => 0,
        DecisionOf::Outcome { vocabulary, .. } => *vocabulary as usize,
    };
    program
        .vocabularies
        .get(vocabulary)
        .map(|v| v.members.iter().map(|m| m.name.as_str()).collect())
        .unwrap_or_default()
}

/// The rank of a verdict named by option `flag`.
pub fn verdict_rank(program: &Program, flag: &str, name: &str) -> Result<u32, Diagnostic> {
    let verdicts = program
        .vocabularies
        .first()
        .map(|v| v.members.as_slice())
        .unwrap_or(&[]);
    if let Some(rank) = verdicts.iter().position(|m| m.name == name) {
        return Ok(u32::try_from(rank).unwrap_or(u32::MAX));
    }
    let names: Vec<&str> = verdicts.iter().map(|m| m.name.as_str()).collect();
    let help = did_you_mean(name, names.iter().copied())
        .unwrap_or_else(|| format!("the verdicts are: {}", names.join(", ")));
    Err(Diagnostic::error(
        "doctrine::cli",
        format!("`{flag} {name}`: not a verdict of the policy"),
    )
    .with_help(help))
}

/// The verdict names of the policy's scale, worst first.
pub fn verdict_names(program: &Program) -> Vec<&str> {
    program
        .vocabularies
        .first()
        .map(|v| v.members.iter().map(|m| m.name.as_str()).collect())
        .unwrap_or_default()
}

/// Checks that `id` names a rule of the policy (`--rule`).
pub fn rule(program: &Program, id: &str) -> Result<(), Diagnostic> {
    if program.rules.iter().any(|r| r.id == id) {
        return Ok(());
    }
    let ids = program.rules.iter().map(|r| r.id.as_str());
    let help = did_you_mean(id, ids.clone());
    let list: Vec<&str> = ids.collect();
    Err(
        Diagnostic::error("doctrine::cli", format!("`--rule {id}`: no such rule"))
            .with_help(help.unwrap_or_else(|| format!("the rules are: {}", list.join(", ")))),
    )
}

/// Checks that `name` names an outcome of the policy (`--outcome`).
pub fn outcome(program: &Program, name: &str) -> Result<(), Diagnostic> {
    let outcomes = program.defs.iter().filter(|d| d.outcome.is_some());
    if outcomes.clone().any(|d| d.name == name) {
        return Ok(());
    }
    let names = outcomes.map(|d| d.name.as_str());
    let list: Vec<&str> = names.clone().collect();
    let help = match did_you_mean(name, names) {
        Some(help) => help,
        None if list.is_empty() => String::from("the policy declares no outcome"),
        None => format!("the outcomes are: {}", list.join(", ")),
    };
    Err(Diagnostic::error(
        "doctrine::cli",
        format!("`--outcome {name}`: no such outcome"),
    )
    .with_help(help))
}

/// The slots of the facts `--fixed` patterns name; a bad pattern, or one that names no
/// fact, is an error.
pub fn fixed_facts(program: &Program, patterns: &[String], errors: &mut Diagnostics) -> Vec<u32> {
    let mut slots = Vec::new();
    for text in patterns {
        let pattern = match glob::Pattern::new(text) {
            Ok(pattern) => pattern,
            Err(e) => {
                errors.push(
                    Diagnostic::error(
                        "doctrine::cli",
                        format!("`--fixed {text}`: not a pattern: {}", e.msg),
                    )
                    .with_help(
                        "a fact path, `*` for any characters: `data.*`, `hosting.secnumcloud`",
                    ),
                );
                continue;
            }
        };
        let before = slots.len();
        for (slot, fact) in program.facts.iter().enumerate() {
            if pattern.matches(&fact.path) {
                slots.push(u32::try_from(slot).unwrap_or(u32::MAX));
            }
        }
        if slots.len() == before {
            let help = did_you_mean(text, program.facts.iter().map(|f| f.path.as_str()))
                .unwrap_or_else(|| String::from("`doctrine init POLICY` lists the facts"));
            errors.push(
                Diagnostic::error(
                    "doctrine::cli",
                    format!("`--fixed {text}`: names no fact of the policy"),
                )
                .with_help(help),
            );
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}
