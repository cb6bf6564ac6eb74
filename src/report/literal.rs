//! Values written as a policy writes them (what `--set NAME=VALUE` takes back).

use crate::language::program::Program;
use crate::language::value::{CalendarDuration, Value, format_decimal, group_digits};

/// A value as a policy literal: `1_000_000`, `0.5`, `12 months`, `2021-07-05`, `{a, b}`,
/// `"text"`, a vocabulary name.
pub fn literal(program: &Program, value: &Value) -> String {
    written(program, value, true)
}

/// A value as a policy literal with its numbers' digits not grouped (`1000000`): for tools.
pub fn plain_literal(program: &Program, value: &Value) -> String {
    written(program, value, false)
}

fn written(program: &Program, value: &Value, grouped: bool) -> String {
    let number = |digits: String| if grouped { group(&digits) } else { digits };
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Integer(i) => number(i.to_string()),
        Value::Decimal(d) => number(format_decimal(*d)),
        Value::Text(t) => quoted(t),
        Value::Date(d) => d.to_string(),
        Value::Duration(k) => duration(*k),
        Value::Enum { vocabulary, member } => program
            .vocabularies
            .get(*vocabulary as usize)
            .and_then(|v| v.members.get(*member as usize))
            .map_or_else(|| String::from("?"), |m| m.name.clone()),
        Value::Set(items) => {
            let parts: Vec<String> = items.iter().map(|v| written(program, v, grouped)).collect();
            format!("{{{}}}", parts.join(", "))
        }
        // A parameter always has a value; these are shown for completeness only.
        Value::Unknown(_) => String::from("(unknown)"),
        Value::NotSet => String::from("(not set)"),
    }
}

/// Groups the digits of the whole part by three with `_` from five digits on, as policies
/// write amounts: `40_000`, `5_538_000`, `2024`.
fn group(number: &str) -> String {
    group_digits(number, "_", ".")
}

/// A duration as one literal, or a sum of two when it has months and days.
fn duration(k: CalendarDuration) -> String {
    match (k.months, k.days) {
        (0, _) | (_, 0) => k.words(false),
        (months, days) => format!(
            "{} + {}",
            CalendarDuration { months, days: 0 }.words(false),
            CalendarDuration { months: 0, days }.words(false)
        ),
    }
}

/// A string literal: quotes, and the characters a policy string escapes.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    crate::language::format::escape_into(&mut out, text);
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_policies_write_them() {
        assert_eq!(group("40000"), "40_000");
        assert_eq!(group("5538000"), "5_538_000");
        assert_eq!(group("2024"), "2024");
        assert_eq!(group("-1000000.5"), "-1_000_000.5");
        assert_eq!(group("0.5"), "0.5");
    }

    #[test]
    fn mixed_durations_are_a_sum() {
        let k = CalendarDuration { months: 1, days: 3 };
        assert_eq!(duration(k), "1 month + 3 days");
        assert_eq!(
            duration(CalendarDuration {
                months: 12,
                days: 0
            }),
            "12 months"
        );
    }

    #[test]
    fn text_is_quoted_and_escaped() {
        assert_eq!(quoted("a \"b\" {c}"), "\"a \\\"b\\\" {{c}}\"");
    }
}
