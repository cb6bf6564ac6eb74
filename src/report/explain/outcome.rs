//! An outcome in prose: its value, its cases in order (each condition as a tree, the value
//! each could give), the case that decided, the labelled grounds that held, the facts still
//! needed, its sources.

use std::fmt::Write;

use anstyle::Style;

use super::mark;
use super::text::Prose;
use crate::analysis::explain::{CaseExplanation, NodeKind, OutcomeExplanation, Truth};

impl Prose<'_> {
    pub(super) fn outcome(&mut self, outcome: &OutcomeExplanation) {
        let w = self.words;
        let bold = Style::new().bold();
        let result = &outcome.result;
        let value = result.shown.get(self.lang).unwrap_or(&result.written);
        let decisive = if outcome.decisive { w.the_decision } else { "" };
        let title = outcome.title.text(self.lang);
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" — {title}")
        };
        let _ = writeln!(
            self.out,
            "\n{bold}{}{title}{bold:#}{decisive}{}{bold}{value}{bold:#}",
            outcome.name, w.colon
        );
        for case in &outcome.cases {
            self.case(case);
        }
        let mut line = format!("{}{}{value}", w.outcome_value, w.colon);
        if let Some(by) = &result.by {
            let word = if result.by_exception {
                w.decided_by
            } else {
                w.decided_by_case
            };
            let _ = write!(line, " ({word} {by})");
        }
        let message = result.message.text(self.lang);
        if !message.is_empty() {
            let _ = write!(line, ". {message}");
        }
        self.line(1, &line);
        if !result.missing.is_empty() {
            let possible = possible_values(self, outcome);
            if possible.len() > 1 {
                let line = format!("{}{}{}", w.possible_values, w.colon, possible.join(", "));
                self.line(1, &line);
            }
            let facts: Vec<String> = result
                .missing
                .iter()
                .map(|f| match f.label.get(self.lang) {
                    Some(label) if !label.is_empty() => format!("{} ({label})", f.path),
                    _ => f.path.clone(),
                })
                .collect();
            let line = format!("{}{}{}", w.outcome_missing, w.colon, facts.join(", "));
            self.line(1, &line);
        }
        if !result.grounds.is_empty() {
            self.line(1, w.grounds_held);
            for ground in &result.grounds {
                let line = format!("• {} — {}", ground.id, ground.title.text(self.lang));
                self.line(2, &line);
                self.sources(&ground.cites, 3);
            }
        }
        self.sources(&result.cites, 1);
    }

    fn case(&mut self, case: &CaseExplanation) {
        let w = self.words;
        let gives = case
            .gives
            .as_ref()
            .and_then(|g| g.value.as_ref())
            .map(|v| self.value(v));
        let gives = gives.unwrap_or_else(|| w.not_evaluated.to_string());
        let status = match (case.holds, &case.when) {
            (Truth::False, _) => w.does_not_hold.to_string(),
            (Truth::Unknown, _) => format!("{} {gives}", w.case_unknown_gives),
            (Truth::True, None) => format!("{} {gives}", w.case_otherwise),
            (Truth::True, Some(_)) => format!("{} {gives}", w.holds_gives),
        };
        let not_tried = if case.tried {
            String::new()
        } else {
            format!(" ({})", w.not_looked_at)
        };
        let title = case.title.text(self.lang);
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" — {title}")
        };
        let line = format!(
            "{} {}{title}{}{status}{not_tried}",
            mark(Some(case.holds)),
            case.case,
            w.colon
        );
        self.line(1, &line);
        if let Some(when) = &case.when {
            self.node(&when.condition, 2);
        }
        // A computed value shows how it was computed; a constant is on the case's line.
        let computed = case
            .gives
            .as_ref()
            .filter(|g| !g.children.is_empty() && !matches!(g.kind, NodeKind::Constant));
        if let Some(gives) = computed {
            self.node(gives, 2);
        }
    }
}

/// The values the outcome could have: those of the cases whose condition is unknown, and
/// of the first that holds, each once.
fn possible_values(prose: &Prose<'_>, outcome: &OutcomeExplanation) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for case in outcome.cases.iter().filter(|c| c.tried) {
        if case.holds == Truth::False {
            continue;
        }
        let value = case.gives.as_ref().and_then(|g| g.value.as_ref());
        if let Some(value) = value.map(|v| prose.value(v))
            && !values.contains(&value)
        {
            values.push(value);
        }
    }
    values
}
