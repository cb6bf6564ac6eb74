//! Decisions as text for a person: the decision first, then each rule with why, advice,
//! notes and the facts still needed. Styled with ANSI codes that the caller strips when
//! the terminal does not take colour.

use std::fmt::Write;

use anstyle::Style;

use crate::eval::decision::{Basis, Decision, RemarkResult};
use crate::language::ast::Lang;
use crate::language::program::VerdictScale;
use crate::report::run::{Labels, Run, verdict_style};

crate::words! {
    /// Words of the report itself, per language.
    struct Words in "decision" {
        decision,
        until,
        policy,
        texts,
        none,
        on,
        rules,
        no_rule,
        because,
        by,
        expired,
        cites,
        advice,
        notes,
        missing,
        overrides,
        outcomes,
        case,
        grounds,
        colon,
    }
}

fn because(list: &[Basis], lang: Lang) -> String {
    list.iter()
        .map(|g| format!("{} = {}", g.name, g.shown.get(lang).unwrap_or(&g.value)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Renders one decision, marking each verdict by its role on the scale.
pub fn decision(decision: &Decision, facts_name: &str, lang: Lang, scale: &VerdictScale) -> String {
    let (satisfied, undecided) = (scale.satisfied, scale.undecided);
    let words = Words::of(lang);
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    let _ = write!(out, "{bold}{}{bold:#} ", words.decision);
    let labels = Labels {
        until: words.until,
        policy: words.policy,
        on: words.on,
        texts: words.texts,
        none: words.none,
        overrides: words.overrides,
        colon: words.colon,
    };
    Run::from(decision).text(&mut out, facts_name, &labels, lang, scale);
    let _ = writeln!(out);
    outcomes(&mut out, decision, lang, words);
    // A policy that decides by an outcome and whose rules gave nothing lists no rules.
    let rules = !decision.results.is_empty() || decision.decided_by_outcome.is_none();
    if rules {
        if !decision.outcomes.is_empty() {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "{bold}{}{bold:#}", words.rules);
    }
    if decision.results.is_empty() && rules {
        let _ = writeln!(out, "  {}", words.no_rule);
    }
    for result in &decision.results {
        let ok = result.verdict.rank >= satisfied;
        let style = verdict_style(result.verdict.rank, ok);
        let mark = if ok {
            "✓"
        } else if result.verdict.rank == 0 {
            "✗"
        } else if result.verdict.rank == undecided {
            "?"
        } else {
            "~"
        };
        let verdict = result
            .verdict
            .label
            .get(lang)
            .unwrap_or(&result.verdict.name);
        let _ = write!(
            out,
            "  {style}{mark} {}{style:#} {} — {style}{verdict}{style:#}",
            result.rule,
            result.title.text(lang)
        );
        if let Some(until) = result.until {
            let _ = write!(out, " {} {until}", words.until);
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "      {}", result.message.text(lang));
        if let Some(by) = &result.by {
            let title = result.by_title.as_ref().map(|t| t.text(lang)).unwrap_or("");
            let _ = writeln!(out, "      {dim}{} {by} ({title}){dim:#}", words.by);
        }
        if let Some((exception, last)) = &result.expired {
            let last = last.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "      {dim}{}{}{exception} ({last}){dim:#}",
                words.expired, words.colon
            );
        }
        if !result.because.is_empty() {
            let _ = writeln!(
                out,
                "      {dim}{}{}{}{dim:#}",
                words.because,
                words.colon,
                because(&result.because, lang)
            );
        }
        for cite in &result.cites {
            let _ = writeln!(
                out,
                "      {dim}{}{}{cite}{dim:#}",
                words.cites, words.colon
            );
        }
    }
    remarks(&mut out, words.advice, &decision.advice, lang);
    remarks(&mut out, words.notes, &decision.notes, lang);
    if !decision.missing.is_empty() {
        let _ = writeln!(out, "\n{bold}{}{bold:#}", words.missing);
        for fact in &decision.missing {
            let _ = writeln!(out, "  • {} — {}", fact.path, fact.label.text(lang));
        }
    }
    out
}

/// Each outcome: its value, the message of the case that decided, the grounds that held,
/// what it read, its sources.
fn outcomes(out: &mut String, decision: &Decision, lang: Lang, words: &Words) {
    if decision.outcomes.is_empty() {
        return;
    }
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let _ = writeln!(out, "{bold}{}{bold:#}", words.outcomes);
    for outcome in &decision.outcomes {
        let value = outcome.shown.get(lang).unwrap_or(&outcome.written);
        let mark = if outcome.missing.is_empty() {
            "●"
        } else {
            "?"
        };
        let title = outcome.title.text(lang);
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" {title}")
        };
        let _ = writeln!(
            out,
            "  {bold}{mark} {}{bold:#}{title} — {bold}{value}{bold:#}",
            outcome.name
        );
        let message = outcome.message.text(lang);
        if !message.is_empty() {
            let _ = writeln!(out, "      {message}");
        }
        if let Some(by) = &outcome.by {
            let title = outcome.by_title.as_ref().map_or("", |t| t.text(lang));
            let title = if title.is_empty() {
                String::new()
            } else {
                format!(" ({title})")
            };
            let word = if outcome.by_exception {
                words.by
            } else {
                words.case
            };
            let _ = writeln!(out, "      {dim}{word} {by}{title}{dim:#}");
        }
        for ground in &outcome.grounds {
            let _ = writeln!(
                out,
                "      {dim}{}{}{} — {}{dim:#}",
                words.grounds,
                words.colon,
                ground.id,
                ground.title.text(lang)
            );
            for cite in &ground.cites {
                let _ = writeln!(
                    out,
                    "        {dim}{}{}{cite}{dim:#}",
                    words.cites, words.colon
                );
            }
        }
        if !outcome.because.is_empty() {
            let _ = writeln!(
                out,
                "      {dim}{}{}{}{dim:#}",
                words.because,
                words.colon,
                because(&outcome.because, lang)
            );
        }
        for cite in &outcome.cites {
            let _ = writeln!(
                out,
                "      {dim}{}{}{cite}{dim:#}",
                words.cites, words.colon
            );
        }
    }
}

fn remarks(out: &mut String, heading: &str, list: &[RemarkResult], lang: Lang) {
    if list.is_empty() {
        return;
    }
    let bold = Style::new().bold();
    let _ = writeln!(out, "\n{bold}{heading}{bold:#}");
    for remark in list {
        let _ = writeln!(
            out,
            "  • {bold}{}{bold:#} {}",
            remark.id,
            remark.title.text(lang)
        );
        let _ = writeln!(out, "      {}", remark.message.text(lang));
    }
}
