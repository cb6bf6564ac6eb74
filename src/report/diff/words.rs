//! The words and phrases the comparison reports share: labels per language, a verdict with
//! its last day, a rule's result with its exception, a side, a count, a transition.

use std::fmt::Write;

use crate::analysis::diff::{Side, Transition};
use crate::eval::decision::{RuleResult, VerdictRef};
use crate::language::ast::Lang;

crate::words! {
    /// Words of the comparison reports, per language.
    pub(crate) struct Words in "diff" {
        decision,
        unchanged,
        as_of,
        each_date,
        texts,
        none,
        until,
        by,
        expired,
        no_verdict,
        advice_added,
        advice_removed,
        notes_added,
        notes_removed,
        missing_added,
        missing_removed,
        changed,
        count_header,
        detail,
        detail_hint,
        case,
        why,
        change,
        colon,
        semicolon,
        last_day,
    }
}

/// The words of a language.
pub(crate) fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}

/// A verdict in the reader's language, with its last day when it has one.
pub(crate) fn verdict(v: &VerdictRef, until: Option<jiff::civil::Date>, lang: Lang) -> String {
    let label = v.label.get(lang).unwrap_or(&v.name);
    match until {
        Some(day) => format!("{label} {} {day}", words(lang).until),
        None => label.to_string(),
    }
}

/// A rule's result: its verdict, the exception that decided it or that expired.
pub(crate) fn rule_result(result: Option<&RuleResult>, lang: Lang) -> String {
    let w = words(lang);
    let Some(r) = result else {
        return w.no_verdict.to_string();
    };
    let mut out = verdict(&r.verdict, r.until, lang);
    if let Some(by) = &r.by {
        let _ = write!(out, ", {} {by}", w.by);
    }
    if let Some((exception, last)) = &r.expired {
        let last = last
            .map(|d| format!(" {} {d}", w.expired))
            .unwrap_or_default();
        let _ = write!(out, " ({exception}{last})");
    }
    out
}

/// One side: its policy and amendments, its date, its overrides.
pub(crate) fn side(s: &Side, lang: Lang) -> String {
    let w = words(lang);
    let mut out = s.path.clone();
    for amendment in &s.amendments {
        let _ = write!(out, " + {amendment}");
    }
    match s.on {
        Some(day) => {
            let _ = write!(out, ", {} {day}", w.as_of);
        }
        None => {
            let _ = write!(out, ", {}", w.each_date);
        }
    }
    for (name, value) in &s.overrides {
        let _ = write!(out, ", {name} = {value}");
    }
    out
}

/// `n of total cases`, in the reader's language.
pub(crate) fn count(n: usize, total: usize, lang: Lang) -> String {
    let args = [("n", n.into()), ("total", total.into())];
    crate::i18n::words(lang).format("diff-count", &args)
}

/// A transition of decisions: `old → new`, saying so when only the last day changed.
pub(crate) fn transition(t: &Transition, lang: Lang) -> String {
    let mut out = format!(
        "{} → {}",
        verdict(&t.before, None, lang),
        verdict(&t.after, None, lang)
    );
    if t.before.name == t.after.name {
        let _ = write!(out, " {}", words(lang).last_day);
    }
    out
}

/// `x` when both sides say the same, else `x → y`.
pub(crate) fn either(before: String, after: String) -> String {
    if before == after {
        before
    } else {
        format!("{before} → {after}")
    }
}
