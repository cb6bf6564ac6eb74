//! The range of values a fact or a parameter may take (`at least 0`, `between 1 and 3`):
//! whether a value lies in it, and the range in words.

use std::cmp::Ordering;

use crate::i18n::Lang;
use crate::language::value::{CalendarDuration, Value, format_decimal};

/// Checked bounds, both included, each of the fact's or parameter's type.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    /// The least value allowed.
    pub min: Option<Value>,
    /// The greatest value allowed.
    pub max: Option<Value>,
}

impl Range {
    /// Whether `value` lies in the range. A value that is unknown or not set lies in any
    /// range (there is nothing to refuse). The checker allows ranges only on numbers,
    /// durations and dates, never on sets.
    pub fn contains(&self, value: &Value) -> bool {
        let above = self
            .min
            .as_ref()
            .is_none_or(|min| at_least(value, min) != Some(false));
        let below = self
            .max
            .as_ref()
            .is_none_or(|max| at_least(max, value) != Some(false));
        above && below
    }

    /// Why `value` is refused, in `lang`: `must be at least 1, found -1`; `None` when it lies
    /// in the range. Facts, answers and `--set` all say it so.
    pub fn refusal(&self, value: &Value, lang: Lang) -> Option<String> {
        if self.contains(value) {
            return None;
        }
        let args = [
            ("range", self.words().into()),
            ("value", bound(value).into()),
        ];
        Some(crate::i18n::words(lang).format("range-refused", &args))
    }

    /// Whether the lower bound is above the upper one: no value fits.
    pub fn is_empty(&self) -> bool {
        match (&self.min, &self.max) {
            (Some(min), Some(max)) => at_least(max, min) == Some(false),
            _ => false,
        }
    }

    /// The range as a policy writes it: `at least 0`, `at most 1`, `between 1 and 3`.
    pub fn words(&self) -> String {
        match (&self.min, &self.max) {
            (Some(min), Some(max)) => format!("between {} and {}", bound(min), bound(max)),
            (Some(min), None) => format!("at least {}", bound(min)),
            (None, Some(max)) => format!("at most {}", bound(max)),
            (None, None) => String::from("any value"),
        }
    }
}

/// Whether `value >= bound`; `None` when they are not comparable (not the same kind, or an
/// unknown value). Durations in months and in days are compared part by part: `1 month`
/// is not at least `30 days`, nor below it, so it is out of a range `at least 30 days`.
fn at_least(value: &Value, bound: &Value) -> Option<bool> {
    let order = match (value, bound) {
        (Value::Integer(_) | Value::Decimal(_), Value::Integer(_) | Value::Decimal(_))
        | (Value::Date(_), Value::Date(_)) => value.total_cmp(bound),
        (Value::Duration(a), Value::Duration(b)) => return Some(duration_at_least(*a, *b)),
        _ => return None,
    };
    Some(order != Ordering::Less)
}

fn duration_at_least(value: CalendarDuration, bound: CalendarDuration) -> bool {
    match value.partial_order(bound) {
        Some(order) => order != Ordering::Less,
        None => value.months >= bound.months && value.days >= bound.days,
    }
}

/// A bound, or a value refused, as a policy writes it.
fn bound(value: &Value) -> String {
    match value {
        Value::Integer(i) => i.to_string(),
        Value::Decimal(d) => format_decimal(*d),
        Value::Date(d) => d.to_string(),
        Value::Duration(d) => d.to_string(),
        _ => String::from("?"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(days: i64) -> Value {
        Value::Duration(CalendarDuration { months: 0, days })
    }

    #[test]
    fn bounds_are_included() {
        let range = Range {
            min: Some(Value::Integer(1)),
            max: Some(Value::Integer(3)),
        };
        assert!(range.contains(&Value::Integer(1)));
        assert!(range.contains(&Value::Integer(3)));
        assert!(!range.contains(&Value::Integer(0)));
        assert!(!range.contains(&Value::Integer(4)));
        assert_eq!(range.words(), "between 1 and 3");
    }

    #[test]
    fn a_refusal_says_the_range_and_the_value() {
        let range = Range {
            min: Some(Value::Integer(1)),
            max: None,
        };
        assert_eq!(range.refusal(&Value::Integer(1), Lang::EN), None);
        assert_eq!(
            range.refusal(&Value::Integer(-1), Lang::EN).as_deref(),
            Some("must be at least 1, found -1")
        );
        let days_range = Range {
            min: Some(days(0)),
            max: None,
        };
        assert_eq!(
            days_range.refusal(&days(-5), Lang::FR).as_deref(),
            Some("doit être at least 0 days, trouvé -5 days")
        );
    }

    #[test]
    fn durations_compare_part_by_part() {
        let range = Range {
            min: Some(days(0)),
            max: None,
        };
        assert!(range.contains(&Value::Duration(CalendarDuration {
            months: 12,
            days: 0
        })));
        assert!(!range.contains(&days(-5)));
        assert!(!range.contains(&Value::Duration(CalendarDuration {
            months: 1,
            days: -1
        })));
        assert_eq!(range.words(), "at least 0 days");
    }

    #[test]
    fn unknown_values_are_not_refused() {
        let range = Range {
            min: Some(Value::Integer(0)),
            max: None,
        };
        assert!(range.contains(&Value::NotSet));
        assert!(range.contains(&Value::Unknown(Vec::new().into())));
    }
}
