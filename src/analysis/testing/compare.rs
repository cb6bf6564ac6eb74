//! Comparing a decision with what a case expects: one [`Failure`] per field that differs,
//! structured so that reports can show it as text, JSON or JUnit.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::civil::Date;

use super::expect::Expectation;
use crate::eval::decision::Decision;

/// A value on one side of a difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Nothing: no verdict, no exception, `until: null`.
    Nothing,
    /// A name or a date.
    Text(String),
    /// A list of names, sorted.
    List(Vec<String>),
}

/// One field where a decision differs from the expectation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The field: `decision`, `until`, `verdicts.R9`, `by.R6`, `advice`, `notes`, `missing`.
    pub field: String,
    /// What the case expects.
    pub expected: Shown,
    /// What the decision gives.
    pub actual: Shown,
}

impl Shown {
    /// The word for [`Shown::Nothing`] in a field: `no verdict`, `no exception`, `null`.
    fn nothing(field: &str) -> &'static str {
        if field.starts_with("verdicts.") {
            "no verdict"
        } else if field.starts_with("by.") {
            "no exception"
        } else {
            "null"
        }
    }

    fn show(&self, field: &str) -> String {
        match self {
            Shown::Nothing => Shown::nothing(field).to_string(),
            Shown::Text(t) => t.clone(),
            Shown::List(l) => format!("[{}]", l.join(", ")),
        }
    }
}

impl fmt::Display for Failure {
    /// `verdicts.R9: expected non_compliant, got compliant`; lists also say what is
    /// missing and what is extra.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            self.field,
            self.expected.show(&self.field),
            self.actual.show(&self.field)
        )?;
        if let (Shown::List(expected), Shown::List(actual)) = (&self.expected, &self.actual) {
            let lacking: Vec<&str> = expected
                .iter()
                .filter(|e| !actual.contains(e))
                .map(String::as_str)
                .collect();
            let extra: Vec<&str> = actual
                .iter()
                .filter(|a| !expected.contains(a))
                .map(String::as_str)
                .collect();
            let mut parts = Vec::new();
            if !lacking.is_empty() {
                parts.push(format!("missing {}", lacking.join(", ")));
            }
            if !extra.is_empty() {
                parts.push(format!("extra {}", extra.join(", ")));
            }
            if !parts.is_empty() {
                write!(f, " ({})", parts.join("; "))?;
            }
        }
        Ok(())
    }
}

fn text_or_nothing(value: Option<&String>) -> Shown {
    value.map_or(Shown::Nothing, |v| Shown::Text(v.clone()))
}

fn date(value: Option<Date>) -> Shown {
    value.map_or(Shown::Nothing, |d| Shown::Text(d.to_string()))
}

fn list(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let set: BTreeSet<String> = values.into_iter().collect();
    set.into_iter().collect()
}

/// Compares two maps key by key: one failure per key whose value differs, is missing or
/// is extra, in key order.
fn maps(
    prefix: &str,
    expected: &BTreeMap<String, String>,
    actual: &BTreeMap<String, String>,
    failures: &mut Vec<Failure>,
) {
    let keys: BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
    for key in keys {
        let (e, a) = (expected.get(key), actual.get(key));
        if e != a {
            failures.push(Failure {
                field: format!("{prefix}.{key}"),
                expected: text_or_nothing(e),
                actual: text_or_nothing(a),
            });
        }
    }
}

/// Compares two lists as sets, when the case expects one.
fn lists(
    field: &str,
    expected: &Option<Vec<String>>,
    actual: Vec<String>,
    failures: &mut Vec<Failure>,
) {
    if let Some(expected) = expected {
        let (expected, actual) = (list(expected.iter().cloned()), list(actual));
        if expected != actual {
            failures.push(Failure {
                field: field.to_string(),
                expected: Shown::List(expected),
                actual: Shown::List(actual),
            });
        }
    }
}

/// The differences between what a case expects and a decision, in the order of
/// [`super::expect::EXPECTATIONS`]. Lists compare as sets (order and repeats do not matter).
pub fn compare(expect: &Expectation, decision: &Decision) -> Vec<Failure> {
    let mut failures = Vec::new();
    let mut check = |field: &str, expected: Shown, actual: Shown| {
        if expected != actual {
            failures.push(Failure {
                field: field.to_string(),
                expected,
                actual,
            });
        }
    };
    if let Some(d) = &expect.decision {
        check(
            "decision",
            Shown::Text(d.clone()),
            Shown::Text(decision.decision.name.clone()),
        );
    }
    if let Some(u) = &expect.until {
        check("until", date(*u), date(decision.until));
    }
    if let Some(v) = &expect.verdicts {
        let actual = decision
            .results
            .iter()
            .map(|r| (r.rule.clone(), r.verdict.name.clone()))
            .collect();
        maps("verdicts", v, &actual, &mut failures);
    }
    if let Some(by) = &expect.by {
        let actual = decision
            .results
            .iter()
            .filter_map(|r| r.by.clone().map(|b| (r.rule.clone(), b)))
            .collect();
        maps("by", by, &actual, &mut failures);
    }
    if let Some(expected) = &expect.outcomes {
        for (name, value) in expected {
            let actual = decision.outcomes.iter().find(|o| &o.name == name);
            let actual = actual.map_or(Shown::Nothing, |o| Shown::Text(o.written.clone()));
            let expected = Shown::Text(value.clone());
            if expected != actual && !same_number(value, &actual) {
                failures.push(Failure {
                    field: format!("outcomes.{name}"),
                    expected,
                    actual,
                });
            }
        }
    }
    if let Some(expected) = &expect.grounds {
        for (name, held) in expected {
            let actual = decision
                .outcomes
                .iter()
                .find(|o| &o.name == name)
                .map(|o| o.grounds.iter().map(|g| g.id.clone()).collect())
                .unwrap_or_default();
            lists(
                &format!("grounds.{name}"),
                &Some(held.clone()),
                actual,
                &mut failures,
            );
        }
    }
    let ids =
        |list: &[crate::eval::decision::RemarkResult]| list.iter().map(|r| r.id.clone()).collect();
    let missing = decision.missing.iter().map(|f| f.path.clone()).collect();
    lists(
        "advice",
        &expect.advice,
        ids(&decision.advice),
        &mut failures,
    );
    lists("notes", &expect.notes, ids(&decision.notes), &mut failures);
    lists("missing", &expect.missing, missing, &mut failures);
    failures
}

/// Whether an expected value and an outcome's value are the same number however written
/// (`100.0` and `100`).
fn same_number(expected: &str, actual: &Shown) -> bool {
    let Shown::Text(actual) = actual else {
        return false;
    };
    let number = |text: &str| rust_decimal::Decimal::from_str_exact(&text.replace('_', "")).ok();
    matches!((number(expected), number(actual)), (Some(a), Some(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(field: &str, expected: Shown, actual: Shown) -> String {
        Failure {
            field: field.into(),
            expected,
            actual,
        }
        .to_string()
    }

    #[test]
    fn differences_read_as_sentences() {
        let text = |t: &str| Shown::Text(t.into());
        let list = |l: &[&str]| Shown::List(l.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            failure("verdicts.R9", text("non_compliant"), text("compliant")),
            "verdicts.R9: expected non_compliant, got compliant"
        );
        assert_eq!(
            failure("verdicts.R5", Shown::Nothing, text("compliant")),
            "verdicts.R5: expected no verdict, got compliant"
        );
        assert_eq!(
            failure("by.R9", text("R9-derogation"), Shown::Nothing),
            "by.R9: expected R9-derogation, got no exception"
        );
        assert_eq!(
            failure("until", text("2023-06-01"), Shown::Nothing),
            "until: expected 2023-06-01, got null"
        );
        assert_eq!(
            failure(
                "advice",
                list(&["GDPR", "SNAP"]),
                list(&["PREFER-SNC", "SNAP"])
            ),
            "advice: expected [GDPR, SNAP], got [PREFER-SNC, SNAP] (missing GDPR; extra PREFER-SNC)"
        );
    }
}
