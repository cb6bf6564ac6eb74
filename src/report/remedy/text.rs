//! Remedies as text for a person: the decision now (and the target outcome's value), then
//! each remedy, smallest first, with its changes and the outcomes and rules it changes.

use std::fmt::Write;

use anstyle::Style;

use crate::analysis::remedy::{Change, ChangeKind, Cut, Goal, OutcomeValue, Remedy, RemedyReport};
use crate::eval::decision::VerdictRef;
use crate::eval::render::{value_brief, value_text};
use crate::language::ast::Lang;
use crate::language::program::Program;
use crate::language::value::Value;
use crate::report::run::styled_verdict;

crate::words! {
    struct Words in "remedy" {
        title,
        now,
        better,
        at_least,
        up_to,
        changes,
        change,
        found,
        best,
        reached,
        best_now,
        none,
        none_cut,
        until,
        by,
        no_verdict,
        scope,
        scope_unknown,
        scope_in,
        scope_out,
        across,
        added,
        removed,
        shown,
        stopped,
        cut,
        leave,
        decided,
        value_now,
        colon,
    }
}

fn label(verdict: &VerdictRef, lang: Lang) -> String {
    verdict.label.get(lang).unwrap_or(&verdict.name).to_string()
}

/// Renders a search's remedies; `shown` caps the list.
pub fn report(
    program: &Program,
    report: &RemedyReport,
    facts: &str,
    shown: usize,
    lang: Lang,
) -> String {
    let words = Words::of(lang);
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{}{bold:#} {dim}{facts}{dim:#} · {}{}{}",
        words.title,
        words.now,
        words.colon,
        styled_verdict(&report.decision, lang, &program.scale)
    );
    let target = match &report.goal {
        Goal::Better => words.better.to_string(),
        Goal::AtLeast(v) => format!("{} {}", words.at_least, label(v, lang)),
        Goal::Outcome(target) => format!(
            "{} = {}",
            target.name,
            self::shown(program, &target.value, lang)
        ),
        Goal::Leave(names) if names.is_empty() => words.decided.to_string(),
        Goal::Leave(names) => {
            let names: Vec<String> = names.iter().map(|v| label(v, lang)).collect();
            format!("{} {}", words.leave, names.join(", "))
        }
    };
    let count = report.remedies.len();
    let noun = if report.max_changes == 1 {
        words.change
    } else {
        words.changes
    };
    let mut summary = format!(
        "{target} · {} {} {noun} · {count} {}",
        words.up_to, report.max_changes, words.found
    );
    if count > shown {
        let _ = write!(summary, ", {shown} {}", words.shown);
    }
    if let Some(best) = &report.best {
        let _ = write!(
            summary,
            " · {}{}{}",
            words.best,
            words.colon,
            label(best, lang)
        );
    }
    let _ = writeln!(out, "{dim}{summary}{dim:#}");
    if let Some(now) = &report.outcome {
        let _ = writeln!(
            out,
            "{} {}{}{}",
            now.outcome,
            words.value_now,
            words.colon,
            outcome_text(program, now, words, lang)
        );
    }
    if report.reached {
        let message = match report.goal {
            Goal::Better => words.best_now,
            Goal::AtLeast(_) | Goal::Outcome(_) | Goal::Leave(_) => words.reached,
        };
        let _ = writeln!(out, "\n{message}");
        return out;
    }
    // Cut by the budget, the search says so plainly: nothing found proves nothing.
    let budget_cut = matches!(report.cut, Some(Cut::Evaluations | Cut::Memory));
    if report.remedies.is_empty() {
        let none = if budget_cut {
            words.none_cut
        } else {
            words.none
        };
        let _ = writeln!(out, "\n{none}");
    }
    for (index, remedy) in report.remedies.iter().take(shown).enumerate() {
        one(&mut out, program, report, remedy, index + 1, words, lang);
    }
    match report.cut {
        None => {}
        Some(Cut::Limit) => {
            let _ = writeln!(out, "\n{dim}{}{dim:#}", words.stopped);
        }
        Some(Cut::Evaluations | Cut::Memory) if !report.remedies.is_empty() => {
            let _ = writeln!(out, "\n{}", words.cut);
        }
        Some(Cut::Evaluations | Cut::Memory) => {}
    }
    out
}

fn one(
    out: &mut String,
    program: &Program,
    report: &RemedyReport,
    remedy: &Remedy,
    number: usize,
    words: &Words,
    lang: Lang,
) {
    let dim = Style::new().dimmed();
    let size = remedy.changes.len();
    let noun = if size == 1 {
        words.change
    } else {
        words.changes
    };
    let mut head = styled_verdict(&remedy.decision, lang, &program.scale);
    if let Some(until) = remedy.until {
        let _ = write!(head, " {} {until}", words.until);
    }
    let _ = writeln!(out, "\n{number:>2}. {head}  {dim}({size} {noun}){dim:#}");
    for change in &remedy.changes {
        let _ = writeln!(out, "      • {}", change_text(program, change, words, lang));
    }
    if remedy.in_scope != report.in_scope {
        let scope = |s: Option<bool>| match s {
            None => words.scope_unknown,
            Some(true) => words.scope_in,
            Some(false) => words.scope_out,
        };
        let _ = writeln!(
            out,
            "        {dim}{}{}{} → {}{dim:#}",
            words.scope,
            words.colon,
            scope(report.in_scope),
            scope(remedy.in_scope)
        );
    }
    for effect in &remedy.outcomes {
        let _ = writeln!(
            out,
            "        {dim}{}{}{} → {}{dim:#}",
            effect.before.outcome,
            words.colon,
            shown(program, &effect.before.value, lang),
            outcome_text(program, &effect.after, words, lang)
        );
    }
    for effect in &remedy.effects {
        let verdict = |v: &Option<VerdictRef>| {
            v.as_ref()
                .map_or_else(|| words.no_verdict.to_string(), |v| label(v, lang))
        };
        let mut line = format!(
            "{}{}{} → {}",
            effect.rule,
            words.colon,
            verdict(&effect.before),
            verdict(&effect.after)
        );
        if let Some(until) = effect.until {
            let _ = write!(line, " {} {until}", words.until);
        }
        if let Some(by) = &effect.by {
            let _ = write!(line, ", {} {by}", words.by);
        }
        let _ = writeln!(out, "        {dim}{line}{dim:#}");
    }
}

/// An outcome's value for a reader, with the case that decided it: `essential, by ESSENTIAL`.
fn outcome_text(program: &Program, value: &OutcomeValue, words: &Words, lang: Lang) -> String {
    let mut text = shown(program, &value.value, lang);
    if let Some(by) = &value.by {
        let _ = write!(text, ", {} {by}", words.by);
    }
    text
}

/// Values as names, large ones abbreviated; unknown and unset in the reader's language.
fn shown(program: &Program, value: &Value, lang: Lang) -> String {
    match value {
        Value::Unknown(_) | Value::NotSet => value_text(program, value, Some(lang)),
        _ => value_brief(program, value, None, lang),
    }
}

/// One change in words: `fact: from → to`, with what a set gains or loses and the value a
/// number or day moves across.
fn change_text(program: &Program, change: &Change, words_lang: &Words, lang: Lang) -> String {
    if let ChangeKind::Elements { added, removed } = &change.kind {
        let mut parts = Vec::new();
        let list = |l: &[Value]| {
            l.iter()
                .map(|v| shown(program, v, lang))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !removed.is_empty() {
            parts.push(format!("{} {}", words_lang.removed, list(removed)));
        }
        if !added.is_empty() {
            parts.push(format!("{} {}", words_lang.added, list(added)));
        }
        return format!(
            "{}{}{} → {}",
            change.fact,
            words_lang.colon,
            parts.join("; "),
            shown(program, &change.to, lang)
        );
    }
    let mut line = format!(
        "{}{}{} → {}",
        change.fact,
        words_lang.colon,
        shown(program, &change.from, lang),
        shown(program, &change.to, lang)
    );
    if let ChangeKind::Move { across } = &change.kind {
        let _ = write!(
            line,
            " ({} {})",
            words_lang.across,
            shown(program, across, lang)
        );
    }
    line
}
