//! Watching an evaluation for the next day on which it could go differently: every place
//! where the evaluation date is read notes the first later day on which it reads otherwise.
//!
//! The evaluation date is read in five places only: which texts are in force and the
//! parameters' dated steps (noted by `evaluate`), an exception's `until` (`today > last`:
//! noted here as `last + 1`), the `today` expression, and comparisons of durations in months
//! with durations in days (which count from `today`). A comparison whose operand is `today`
//! under arithmetic (`today - start >= 30 days`, `start + 1 month > today`) keeps that operand
//! as arithmetic (`Operand`) and finds the day its result changes: by bisection when one
//! side moves monotonically, else day by day up to the limit. `today` met anywhere else (in
//! a set, an `if`, an `until`) notes the next day: every day may differ.

use jiff::civil::Date;

use super::expr::{Context, unknown_of};
use super::operand::Operand;
use super::policy::Policy;
use super::{EvalError, ops};
use crate::language::program::{CExpr, Compare, Program};
use crate::language::value::Value;
use crate::source::Span;

/// What an evaluation that is watched collects.
#[derive(Clone, Debug)]
pub(crate) struct Watch {
    /// The first day after the evaluation date on which the evaluation may go differently;
    /// `None`: none was found, it goes the same way on every later day.
    pub next: Option<Date>,
    /// Comparisons that change with the calendar (durations of mixed units) are followed up
    /// to this day; past it, they note the day after it.
    pub limit: Date,
    /// Whether each definition (in the texts in force) reaches `today`, once computed.
    pub def_today: Vec<Option<bool>>,
}

impl Watch {
    /// A watch of an evaluation over `program`, following comparisons up to `limit`.
    pub fn new(program: &Program, limit: Date) -> Watch {
        Watch {
            next: None,
            limit,
            def_today: vec![None; program.defs.len()],
        }
    }

    /// Notes a day on which the evaluation may change.
    pub fn note(&mut self, day: Date) {
        self.next = Some(self.next.map_or(day, |next| next.min(day)));
    }
}

/// The day after `day`, if the calendar has one.
fn after(day: Date) -> Option<Date> {
    day.tomorrow().ok()
}

impl<P: Policy> Context<'_, P> {
    /// Notes that the evaluation may change the day after the evaluation date.
    pub(crate) fn note_tomorrow(&mut self) {
        let tomorrow = after(self.today);
        if let (Some(watch), Some(day)) = (self.watch.as_mut(), tomorrow) {
            watch.note(day);
        }
    }

    /// Notes an exception's last day: it expires the day after.
    pub(crate) fn note_until(&mut self, last: Date) {
        if last < self.today {
            return;
        }
        if let (Some(watch), Some(day)) = (self.watch.as_mut(), after(last)) {
            watch.note(day);
        }
    }

    /// A comparison, evaluated while watching: notes the first later day its result changes.
    pub(crate) fn compare_watched(
        &mut self,
        op: Compare,
        left: &CExpr,
        right: &CExpr,
        span: Span,
    ) -> Result<Value, EvalError> {
        let (l, a) = self.operand(left)?;
        let (r, b) = self.operand(right)?;
        if let Some(unknown) = unknown_of(&a, &b) {
            return Ok(unknown);
        }
        let now = ops::compare(op, &a, &b, self.today, span)?;
        // A side that is not set stays so: the comparison cannot change.
        let constant = matches!(a, Value::NotSet) || matches!(b, Value::NotSet);
        // How many times `today` appears in the operands.
        let moving = l.todays() + r.todays();
        // Whether the comparison reads the calendar itself: durations in months and in days
        // (or that could be, as one side moves) order by the days they reach from `today`.
        let calendar = match (&a, &b) {
            (Value::Duration(x), Value::Duration(y)) => {
                !matches!(op, Compare::Eq | Compare::Ne)
                    && (x.months != 0 || y.months != 0)
                    && (moving > 0 || x.partial_order(*y).is_none())
            }
            _ => false,
        };
        if constant || (moving == 0 && !calendar) {
            return Ok(Value::Bool(now));
        }
        if moving == 1 && !calendar {
            self.follow_monotone(&l, &r, &a, &b);
        } else {
            self.follow_daily(op, &l, &r, now, span);
        }
        Ok(Value::Bool(now))
    }

    /// One side moves with `today` through arithmetic, monotonically (adding durations,
    /// subtracting dates and negating are monotone), so how it orders against the other side
    /// changes at most twice: the first later day it does is found by bisection.
    fn follow_monotone(&mut self, l: &Operand, r: &Operand, a: &Value, b: &Value) {
        let today = self.today;
        let order = a.total_cmp(b);
        let changed = |days: i32| -> bool {
            let Ok(day) = today.checked_add(jiff::Span::new().days(days)) else {
                return true;
            };
            match (l.at(day), r.at(day)) {
                (Ok(x), Ok(y)) => x.total_cmp(&y) != order,
                _ => true,
            }
        };
        let Ok(span) = today.until(Date::MAX) else {
            return;
        };
        let mut high = span.get_days();
        if high < 1 || !changed(high) {
            return;
        }
        // `changed` is false at 0 and true at `high`; keep it so.
        let mut low = 0;
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if changed(middle) {
                high = middle;
            } else {
                low = middle;
            }
        }
        if let (Some(watch), Ok(day)) = (
            self.watch.as_mut(),
            today.checked_add(jiff::Span::new().days(high)),
        ) {
            watch.note(day);
        }
    }

    /// Anything else is followed day by day, up to the day already noted or the limit.
    fn follow_daily(&mut self, op: Compare, l: &Operand, r: &Operand, now: bool, span: Span) {
        let Some(watch) = self.watch.as_ref() else {
            return;
        };
        let limit = watch.limit;
        let bound = match watch.next.and_then(|n| n.yesterday().ok()) {
            Some(before_next) => before_next.min(limit),
            None => limit,
        };
        let mut day = self.today;
        while day < bound {
            let Some(next) = after(day) else {
                return;
            };
            day = next;
            let result = match (l.at(day), r.at(day)) {
                (Ok(x), Ok(y)) => ops::compare(op, &x, &y, day, span).ok(),
                _ => None,
            };
            if result != Some(now) {
                if let Some(watch) = self.watch.as_mut() {
                    watch.note(day);
                }
                return;
            }
        }
        // Not followed past the limit: it may change on any later day.
        if bound == limit
            && let (Some(watch), Some(day)) = (self.watch.as_mut(), after(limit))
        {
            watch.note(day);
        }
    }
}
