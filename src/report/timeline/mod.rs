//! Timelines as reports: text for a person ([`text()`]), JSON for tools ([`json()`]).

mod json;
mod text;

use jiff::civil::Date;

pub use json::json;
pub(crate) use json::outcome_value_json;
pub use text::text;

/// What a timeline report needs besides the periods.
pub struct Heading<'a> {
    /// The fact file, as named on the command line.
    pub facts: &'a str,
    /// The policy's id.
    pub policy: &'a str,
    /// The window's first day.
    pub from: Date,
    /// The window's last day.
    pub to: Date,
    /// Parameters overridden: name and value as written.
    pub overrides: &'a [(String, String)],
}
