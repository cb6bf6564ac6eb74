//! Timelines as text for a person: one line per period, the verdicts, what changed.

use std::fmt::Write;

use super::Heading;
use crate::analysis::timeline::{Cause, Change, Period, RuleState};
use crate::eval::decision::Decision;
use crate::language::ast::Lang;
use crate::language::program::VerdictScale;
use crate::report::run::{overrides_line, styled_verdict, text_ids};
use anstyle::Style;

crate::words! {
    /// Words of the report itself, per language.
    struct Words in "timeline" {
        timeline,
        policy,
        overrides,
        until,
        by,
        texts,
        from,
        rules,
        none,
        no_rule,
        in_force_before,
        in_force_after,
        param,
        applies,
        no_longer,
        expired,
        in_scope,
        out_of_scope,
        scope_unknown,
        colon,
        semicolon,
        why,
        day_passes_facts,
        day_passes,
    }
}

fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}

/// `temporarily allowed until 2023-06-01 (by R9-derogation)`.
fn state(s: &RuleState, lang: Lang, scale: &VerdictScale) -> String {
    let w = words(lang);
    let mut out = styled_verdict(&s.verdict, lang, scale);
    if let Some(until) = s.until {
        let _ = write!(out, " {} {until}", w.until);
    }
    if let Some(by) = &s.by {
        let _ = write!(out, " ({} {by})", w.by);
    }
    out
}

/// ` — why: parameter transposed, nis2-2024 comes into force`; nothing when no cause is
/// known, or only the expired exception the line already names.
fn causes_text(causes: &[Cause], lang: Lang) -> String {
    let w = words(lang);
    let parts: Vec<String> = causes
        .iter()
        .filter_map(|cause| match cause {
            Cause::Text { id } => Some(format!("{}{id}{}", w.in_force_before, w.in_force_after)),
            Cause::Param { name, .. } => Some(format!("{} {name}", w.param)),
            Cause::Expired { .. } => None,
            Cause::Day { facts } if facts.is_empty() => Some(w.day_passes.to_string()),
            Cause::Day { facts } => Some(format!("{} {}", w.day_passes_facts, facts.join(", "))),
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}{}", w.why, parts.join(", "))
    }
}

fn change_text(change: &Change, lang: Lang, scale: &VerdictScale) -> String {
    let w = words(lang);
    match change {
        Change::Text { id } => format!("{}{id}{}", w.in_force_before, w.in_force_after),
        Change::Param {
            name,
            before_shown,
            after_shown,
            ..
        } => format!(
            "{} {name}{}{} → {}",
            w.param,
            w.colon,
            before_shown.get(lang).unwrap_or(""),
            after_shown.get(lang).unwrap_or("")
        ),
        Change::Scope { in_scope, causes } => {
            let what = match in_scope {
                Some(true) => w.in_scope,
                Some(false) => w.out_of_scope,
                None => w.scope_unknown,
            };
            format!("{what}{}", causes_text(causes, lang))
        }
        Change::Rule {
            rule,
            before,
            after,
            expired,
            causes,
        } => {
            let mut out = match (before, after) {
                (None, Some(now)) => {
                    format!("{rule} {}{}{}", w.applies, w.colon, state(now, lang, scale))
                }
                (Some(was), None) => format!("{rule} {} {}", w.no_longer, state(was, lang, scale)),
                (Some(was), Some(now)) => format!(
                    "{rule}{}{} → {}",
                    w.colon,
                    state(was, lang, scale),
                    state(now, lang, scale)
                ),
                (None, None) => rule.clone(),
            };
            if let Some((exception, last)) = expired {
                let _ = write!(out, "{}{exception} {}", w.semicolon, w.expired);
                if let Some(last) = last {
                    let _ = write!(out, " {last}");
                }
            }
            out.push_str(&causes_text(causes, lang));
            out
        }
    }
}

fn rules_line(decision: &Decision, lang: Lang, scale: &VerdictScale) -> String {
    let w = words(lang);
    if decision.results.is_empty() {
        return w.no_rule.to_string();
    }
    decision
        .results
        .iter()
        .map(|r| format!("{} {}", r.rule, state(&RuleState::of(r), lang, scale)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders a timeline for a person: a heading, then one line per period (its days, the
/// decision), the rules' verdicts, the texts applied, and what changed on its first day.
pub fn text(heading: &Heading, periods: &[Period], lang: Lang, scale: &VerdictScale) -> String {
    let w = words(lang);
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{}{bold:#} {dim}{} · {} {} · {} → {}{dim:#}",
        w.timeline, heading.facts, w.policy, heading.policy, heading.from, heading.to
    );
    out.push_str(&overrides_line(heading.overrides, w.overrides, w.colon));
    for period in periods {
        let days = match period.to {
            Some(to) => format!("{} → {to}", period.from),
            None => format!("{} → …", period.from),
        };
        let decision = &period.decision;
        let _ = write!(
            out,
            "\n{bold}{days:<23}{bold:#}  {}",
            styled_verdict(&decision.decision, lang, scale)
        );
        if let Some(until) = decision.until {
            let _ = write!(out, " {} {until}", w.until);
        }
        let _ = writeln!(out, "  {dim}({}){dim:#}", decision.decision.name);
        let mut texts = text_ids(&decision.texts, w.none);
        for (id, day) in &period.later_texts {
            let _ = write!(texts, "{}{} {day}{}{id}", w.semicolon, w.from, w.colon);
        }
        let _ = writeln!(
            out,
            "    {dim}{}{}{}{dim:#}",
            w.rules,
            w.colon,
            rules_line(decision, lang, scale)
        );
        let _ = writeln!(out, "    {dim}{}{}{texts}{dim:#}", w.texts, w.colon);
        for change in &period.changed {
            let _ = writeln!(out, "    • {}", change_text(change, lang, scale));
        }
    }
    out
}
