//! Today's date for the evaluation-date rule: read from the system clock once, and only when
//! a fact set asks for it (asking the clock loads the time-zone database).

use std::sync::OnceLock;

use jiff::civil::Date;

use crate::facts::FactSet;

/// The day that stands for "today": the system clock's, read lazily, or a fixed day (a
/// server's request, a reproducible run).
#[derive(Debug, Default)]
pub struct Today {
    day: OnceLock<Date>,
}

impl Today {
    /// Today by the system clock, read on first use.
    pub fn system() -> Today {
        Today::default()
    }

    /// A fixed day standing for today.
    pub fn fixed(day: Date) -> Today {
        Today {
            day: OnceLock::from(day),
        }
    }

    /// The day, reading the clock the first time only.
    pub fn get(&self) -> Date {
        *self.day.get_or_init(|| jiff::ZonedDateTime::now().date())
    }

    /// The evaluation date of `facts` ([`crate::eval::evaluation_date`]): the day `asked`,
    /// else the facts' own `evaluated_on`, else this day.
    pub fn date_for(&self, asked: Option<Date>, facts: &FactSet) -> Date {
        crate::eval::evaluation_date(asked, facts, || self.get())
    }
}

impl From<Date> for Today {
    fn from(day: Date) -> Today {
        Today::fixed(day)
    }
}
