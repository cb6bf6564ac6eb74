//! A decision as text shows it: each citation by its source's short name (`NIS2, Art. 3`).
//! JSON, Markdown and HTML keep the full titles.

use std::borrow::Cow;

use crate::eval::decision::{Decision, RemarkResult};
use crate::language::program::Program;
use crate::language::short_names::ShortNames;

/// The decision with its citations shortened; the decision itself when no source of the
/// policy has a short name (text output is then exactly as before).
pub fn short_cites<'d>(decision: &'d Decision, program: &Program) -> Cow<'d, Decision> {
    let names = ShortNames::of(&program.sources);
    if names.is_empty() {
        return Cow::Borrowed(decision);
    }
    let mut shown = decision.clone();
    for result in &mut shown.results {
        result.cites = names.cites(&result.cites);
    }
    let remarks = |list: &mut Vec<RemarkResult>| {
        for remark in list {
            remark.cites = names.cites(&remark.cites);
        }
    };
    remarks(&mut shown.advice);
    remarks(&mut shown.notes);
    for outcome in &mut shown.outcomes {
        outcome.cites = names.cites(&outcome.cites);
        for ground in &mut outcome.grounds {
            ground.cites = names.cites(&ground.cites);
        }
    }
    Cow::Owned(shown)
}
