//! The summary of a batch: how many fact sets got each verdict, and how many failed.

use super::Outcome;

/// Counts of outcomes.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Per verdict rank, the decisions of that verdict.
    pub decisions: Vec<u64>,
    /// The fact sets that could not be read or evaluated.
    pub errors: u64,
}

impl Summary {
    /// An empty summary for a scale of `verdicts` verdicts.
    pub fn new(verdicts: usize) -> Summary {
        Summary {
            decisions: vec![0; verdicts],
            errors: 0,
        }
    }

    /// Counts one outcome.
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Decided { rank, .. } => {
                if let Some(count) = self.decisions.get_mut(*rank as usize) {
                    *count += 1;
                }
            }
            Outcome::Failed(_) => self.errors += 1,
        }
    }

    /// The fact sets counted.
    pub fn total(&self) -> u64 {
        self.decisions.iter().sum::<u64>() + self.errors
    }

    /// One line: `12 fact sets: 3 non_compliant, 9 compliant; 0 errors`, verdicts in scale
    /// order, those given to no fact set left out.
    pub fn line(&self, names: &[&str]) -> String {
        let total = self.total();
        let counts: Vec<String> = self
            .decisions
            .iter()
            .zip(names)
            .filter(|(count, _)| **count > 0)
            .map(|(count, name)| format!("{count} {name}"))
            .collect();
        let sets = if total == 1 { "fact set" } else { "fact sets" };
        let errors = if self.errors == 1 { "error" } else { "errors" };
        if counts.is_empty() {
            format!("{total} {sets}; {} {errors}", self.errors)
        } else {
            format!(
                "{total} {sets}: {}; {} {errors}",
                counts.join(", "),
                self.errors
            )
        }
    }
}
