//! Comparisons of decisions (`doctrine diff`) as text, JSON or Markdown.

pub mod json;
pub mod markdown;
pub mod text;

use std::fmt::Write;

use crate::analysis::diff::causes::Cause;
use crate::analysis::diff::{CaseDiff, RuleChange};
use crate::analysis::diff::{Side, Transition};
use crate::eval::decision::{FactRef, RemarkResult};
use crate::eval::decision::{RuleResult, VerdictRef};
use crate::language::ast::Lang;

// The words and phrases the comparison reports share: labels per language, a verdict with its
// last day, a rule's result with its exception, a side, a count, a transition.

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
        because,
        because_scope,
        param,
        only_under,
        expired_under,
        day,
        day_facts,
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

/// Why a rule or the scope differs, in words: `parameter min_zones: 2 → 3; circ-2023 (only
/// under B)`; empty when no cause is known.
pub(crate) fn causes_text(causes: &[Cause], lang: Lang) -> String {
    let w = words(lang);
    causes
        .iter()
        .map(|cause| match cause {
            Cause::Text { id, side } => format!("{id} ({} {side})", w.only_under),
            Cause::Param { name, a, b } => format!(
                "{} {name}{}{} → {}",
                w.param,
                w.colon,
                a.as_deref().unwrap_or("—"),
                b.as_deref().unwrap_or("—")
            ),
            Cause::Expired { exception, side } => {
                format!("{exception} {} {side}", w.expired_under)
            }
            Cause::Day { facts } if facts.is_empty() => w.day.to_string(),
            Cause::Day { facts } => format!("{} {}", w.day_facts, facts.join(", ")),
        })
        .collect::<Vec<_>>()
        .join(w.semicolon)
}

/// `x` when both sides say the same, else `x → y`.
pub(crate) fn either(before: String, after: String) -> String {
    if before == after {
        before
    } else {
        format!("{before} → {after}")
    }
}

// What a case's comparison shows both as text and as Markdown: a rule's change, the lists of
// advice, notes and facts still needed that changed, and a count with its label.

/// One item of a list that changed: advice or a note, or a fact still needed.
pub(super) enum Item<'a> {
    /// Advice or a note.
    Remark(&'a RemarkResult),
    /// A fact still needed.
    Fact(&'a FactRef),
}

impl Item<'_> {
    /// Its id: a remark's id, a fact's path.
    pub(super) fn id(&self) -> &str {
        match self {
            Item::Remark(r) => &r.id,
            Item::Fact(f) => &f.path,
        }
    }
}

/// The lists of a case that are not empty, each after its heading, in reading order:
/// advice added and removed, notes added and removed, facts still needed added and removed.
pub(super) fn lists(case: &CaseDiff, lang: Lang) -> Vec<(&'static str, Vec<Item<'_>>)> {
    fn remarks(list: &[RemarkResult]) -> Vec<Item<'_>> {
        list.iter().map(Item::Remark).collect()
    }
    fn facts(list: &[FactRef]) -> Vec<Item<'_>> {
        list.iter().map(Item::Fact).collect()
    }
    let w = words(lang);
    let lists = [
        (w.advice_added, remarks(&case.advice.added)),
        (w.advice_removed, remarks(&case.advice.removed)),
        (w.notes_added, remarks(&case.notes.added)),
        (w.notes_removed, remarks(&case.notes.removed)),
        (w.missing_added, facts(&case.missing.added)),
        (w.missing_removed, facts(&case.missing.removed)),
    ];
    lists
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

/// A rule's results on both sides: `A → B`.
pub(super) fn rule_change(rule: &RuleChange, lang: Lang) -> String {
    format!(
        "{} → {}",
        rule_result(rule.before.as_ref(), lang),
        rule_result(rule.after.as_ref(), lang)
    )
}

/// `label: n of total cases`.
pub(super) fn counted(label: &str, n: usize, total: usize, lang: Lang) -> String {
    format!("{label}{}{}", words(lang).colon, count(n, total, lang))
}
