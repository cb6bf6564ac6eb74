//! A comparison as Markdown, for a memo: the two sides, a table of the cases whose
//! decision changes (all cases with `--all`), and a table of the counts.

use std::fmt::Write;

use crate::analysis::diff::{CaseDiff, Change, DiffReport};
use crate::language::ast::Lang;

use super::{Item, causes_text, counted, lists, rule_change};
use super::{either, side, transition, verdict, words};

/// Text safe in a table cell: no pipe, no line break.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

fn code(text: &str) -> String {
    if text.contains('`') {
        cell(text)
    } else {
        format!("`{}`", cell(text))
    }
}

/// A heading as the middle of a sentence: `Advice added` → `advice added`.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

fn why(case: &CaseDiff, lang: Lang) -> String {
    let w = words(lang);
    let mut parts: Vec<String> = Vec::new();
    let scope = causes_text(&case.scope_causes, lang);
    if !scope.is_empty() {
        parts.push(format!(
            "{}{}{scope}",
            lowercase_first(w.because_scope),
            w.colon
        ));
    }
    parts.extend(case.rules.iter().map(|r| {
        let mut part = format!("{}{}{}", r.rule, w.colon, rule_change(r, lang));
        let why = causes_text(&r.causes, lang);
        if !why.is_empty() {
            part = format!("{part} ({}{}{why})", w.because, w.colon);
        }
        part
    }));
    for (heading, items) in lists(case, lang) {
        let names: Vec<&str> = items.iter().map(Item::id).collect();
        parts.push(format!(
            "{}{}{}",
            lowercase_first(heading),
            w.colon,
            names.join(", ")
        ));
    }
    if parts.is_empty() {
        String::from("—")
    } else {
        cell(&parts.join(w.semicolon))
    }
}

/// Renders a comparison as Markdown; with `all`, every case is a row.
pub fn render(report: &DiffReport, all: bool, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    for s in [&report.a, &report.b] {
        let _ = writeln!(out, "- **{}**{}{}", s.name, w.colon, cell(&side(s, lang)));
    }
    let rows: Vec<&CaseDiff> = report
        .cases
        .iter()
        .filter(|c| all || c.change == Change::Decision)
        .collect();
    if !rows.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "| {} | A | B | {} |", w.case, w.why);
        let _ = writeln!(out, "| --- | --- | --- | --- |");
        for case in rows {
            let (before, after) = (&case.before, &case.after);
            // Each case's date, unless both sides fix one for every case.
            let dates = if report.a.on.is_some() && report.b.on.is_some() {
                String::new()
            } else {
                let days = either(
                    before.evaluated_on.to_string(),
                    after.evaluated_on.to_string(),
                );
                format!(" ({} {days})", w.as_of)
            };
            let _ = writeln!(
                out,
                "| {}{dates} | {} | {} | {} |",
                code(&case.facts),
                cell(&verdict(&before.decision, before.until, lang)),
                cell(&verdict(&after.decision, after.until, lang)),
                why(case, lang)
            );
        }
    }
    let summary = &report.summary;
    let _ = writeln!(out);
    let changed = counted(w.changed, summary.changed, summary.total, lang);
    let _ = writeln!(out, "**{changed}**");
    if !summary.transitions.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "| {} | {} |", w.change, w.count_header);
        let _ = writeln!(out, "| --- | ---: |");
        for t in &summary.transitions {
            let _ = writeln!(out, "| {} | {} |", cell(&transition(t, lang)), t.count);
        }
    }
    if summary.detail > 0 {
        let _ = writeln!(out);
        let detail = counted(w.detail, summary.detail, summary.total, lang);
        let _ = writeln!(out, "{detail}");
    }
    out
}
