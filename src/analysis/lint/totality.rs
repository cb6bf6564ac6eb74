//! `total over PATH, …`: a combination of those facts, in scope, to which no rule applies.

use super::space::{At, Budget, Found, Space};
use super::warning;
use crate::diagnostic::Diagnostic;
use crate::language::program::Program;

/// A combination of the facts of `total over` that no rule decides.
pub const NOT_TOTAL: &str = "doctrine::lint::not_total";

/// The first combination of each `total over`'s facts that no rule in force applies to. A
/// rule whose `applies when` reads other facts may apply: it counts as deciding.
pub(crate) fn lint(program: &Program, at: At, budget: &Budget) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for total in &program.totals {
        let Some(space) = Space::over(program, at, &total.facts) else {
            continue;
        };
        let gap = space.find_within(budget, |assignment| {
            if let Some(scope) = program.scope.at(at.texts)
                && assignment.holds(scope) == Some(false)
            {
                return None;
            }
            let decided = program
                .rules
                .iter()
                .filter_map(|rule| rule.versions.at(at.texts))
                .any(|body| match &body.applies {
                    None => true,
                    Some(applies) => assignment.holds(applies) != Some(false),
                });
            (!decided).then(|| assignment.describe())
        });
        if gap == Found::Cut {
            budget.count_cut();
        }
        if let Found::Yes(example) = gap {
            found.push(warning(
                NOT_TOTAL,
                String::from("some combinations of these facts get no verdict from any rule"),
                total.span,
                "declared total here",
                format!(
                    "for example: {example}; no rule applies then: add a rule or widen a condition"
                ),
            ));
        }
    }
    found
}
