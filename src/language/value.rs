//! Runtime values, calendar durations and the three-valued "unknown".

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use rust_decimal::Decimal;

/// A calendar duration: months (years count 12) and days (weeks count 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct CalendarDuration {
    /// Whole months.
    pub months: i64,
    /// Whole days.
    pub days: i64,
}

impl CalendarDuration {
    /// Adds the duration to a date: months first (a missing day falls back to the month's
    /// last day), then days. `None` when the result is out of the calendar's range.
    pub fn add_to(self, date: Date) -> Option<Date> {
        let months = i32::try_from(self.months).ok()?;
        let days = i32::try_from(self.days).ok()?;
        let with_months = date
            .checked_add(jiff::Span::new().try_months(months).ok()?)
            .ok()?;
        with_months
            .checked_add(jiff::Span::new().try_days(days).ok()?)
            .ok()
    }

    /// The opposite duration.
    pub fn negated(self) -> CalendarDuration {
        CalendarDuration {
            months: -self.months,
            days: -self.days,
        }
    }

    /// Orders two durations when they are comparable (both in months, or both in days).
    pub fn partial_order(self, other: CalendarDuration) -> Option<Ordering> {
        if self.days == 0 && other.days == 0 {
            Some(self.months.cmp(&other.months))
        } else if self.months == 0 && other.months == 0 {
            Some(self.days.cmp(&other.days))
        } else {
            None
        }
    }
}

impl CalendarDuration {
    /// The duration in words: `12 months`, `3 years`, `30 days`; in French with `french`.
    /// Whole years are written in years from two years on, so that `12 months` stays as the
    /// texts say it.
    pub fn words(self, french: bool) -> String {
        let unit = |n: i64, (one, many): (&str, &str)| {
            if n.abs() == 1 {
                format!("{n} {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let (years, months, days) = if french {
            (("an", "ans"), ("mois", "mois"), ("jour", "jours"))
        } else {
            (("year", "years"), ("month", "months"), ("day", "days"))
        };
        match (self.months, self.days) {
            (0, 0) => unit(0, days),
            (m, 0) if m % 12 == 0 && m.abs() >= 24 => unit(m / 12, years),
            (m, 0) => unit(m, months),
            (0, d) => unit(d, days),
            (m, d) => format!("{} {}", unit(m, months), unit(d, days)),
        }
    }
}

impl fmt::Display for CalendarDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(false))
    }
}

/// The facts that keep a value from being known, by fact slot.
pub type Blockers = Arc<[u32]>;

/// Merges two sets of blockers (each sorted, without duplicates).
pub fn merge_blockers(a: &[u32], b: &[u32]) -> Blockers {
    let mut all: Vec<u32> = a.iter().chain(b.iter()).copied().collect();
    all.sort_unstable();
    all.dedup();
    all.into()
}

/// A value during evaluation.
#[derive(Clone, Debug)]
pub enum Value {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// An exact decimal number.
    Decimal(Decimal),
    /// Text.
    Text(Arc<str>),
    /// A calendar day.
    Date(Date),
    /// A calendar duration.
    Duration(CalendarDuration),
    /// A name of a vocabulary.
    Enum {
        /// The vocabulary.
        vocabulary: u32,
        /// The name's index in it.
        member: u32,
    },
    /// A set, sorted and without duplicates.
    Set(Arc<[Value]>),
    /// Not known: a required fact was left out. Carries the facts it depends on.
    Unknown(Blockers),
    /// An optional fact that was left out.
    NotSet,
}

impl Value {
    /// A set from any values: sorts and removes duplicates.
    pub fn set_of(mut items: Vec<Value>) -> Value {
        items.sort_by(Value::total_cmp);
        items.dedup_by(|a, b| a.total_cmp(b) == Ordering::Equal);
        Value::Set(items.into())
    }

    /// Whether this is the unknown value.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_))
    }

    /// A total order, for sorting sets; values of different kinds order by kind.
    pub fn total_cmp(&self, other: &Value) -> Ordering {
        use Value::*;
        match (self, other) {
            (Bool(a), Bool(b)) => a.cmp(b),
            (Integer(a), Integer(b)) => a.cmp(b),
            (Decimal(a), Decimal(b)) => a.cmp(b),
            (Integer(a), Decimal(b)) => rust_decimal::Decimal::from(*a).cmp(b),
            (Decimal(a), Integer(b)) => a.cmp(&rust_decimal::Decimal::from(*b)),
            (Text(a), Text(b)) => a.cmp(b),
            (Date(a), Date(b)) => a.cmp(b),
            (Duration(a), Duration(b)) => (a.months, a.days).cmp(&(b.months, b.days)),
            (
                Enum {
                    vocabulary: va,
                    member: ma,
                },
                Enum {
                    vocabulary: vb,
                    member: mb,
                },
            ) => (va, ma).cmp(&(vb, mb)),
            (Set(a), Set(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    let order = x.total_cmp(y);
                    if order != Ordering::Equal {
                        return order;
                    }
                }
                a.len().cmp(&b.len())
            }
            _ => self.rank().cmp(&other.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Value::Bool(_) => 0,
            Value::Integer(_) | Value::Decimal(_) => 1,
            Value::Text(_) => 2,
            Value::Date(_) => 3,
            Value::Duration(_) => 4,
            Value::Enum { .. } => 5,
            Value::Set(_) => 6,
            Value::Unknown(_) => 7,
            Value::NotSet => 8,
        }
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.total_cmp(other) == Ordering::Equal
    }
}

/// A number (as `to_string` writes it) with the digits of its whole part grouped by three
/// from five digits on (`40000` → `40_000` with `_`, `2024` unchanged), and `point` for its
/// decimal point.
pub fn group_digits(number: &str, separator: &str, point: &str) -> String {
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 && whole.len() > 4 {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A decimal written without trailing zeros (`0.50` is `0.5`, `1000000.00` is `1000000`).
pub fn format_decimal(value: Decimal) -> String {
    value.normalize().to_string()
}
