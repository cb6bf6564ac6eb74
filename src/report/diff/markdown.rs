//! A comparison as Markdown, for a memo: the two sides, a table of the cases whose
//! decision changes (all cases with `--all`), and a table of the counts.

use std::fmt::Write;

use crate::ast::Lang;
use crate::diff::{CaseDiff, Change, DiffReport};

use super::words::{count, either, rule_result, side, transition, verdict, words};

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
    let mut parts: Vec<String> = case
        .rules
        .iter()
        .map(|r| {
            format!(
                "{}{}{} → {}",
                r.rule,
                w.colon,
                rule_result(r.before.as_ref(), lang),
                rule_result(r.after.as_ref(), lang)
            )
        })
        .collect();
    let lists = [
        (
            w.advice_added,
            case.advice_added
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            w.advice_removed,
            case.advice_removed.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            w.notes_added,
            case.notes_added.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            w.notes_removed,
            case.notes_removed.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            w.missing_added,
            case.missing_added.iter().map(|f| f.path.as_str()).collect(),
        ),
        (
            w.missing_removed,
            case.missing_removed
                .iter()
                .map(|f| f.path.as_str())
                .collect(),
        ),
    ];
    for (heading, names) in lists {
        if !names.is_empty() {
            parts.push(format!(
                "{}{}{}",
                lowercase_first(heading),
                w.colon,
                names.join(", ")
            ));
        }
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
    let _ = writeln!(
        out,
        "**{}{}{}**",
        w.changed,
        w.colon,
        count(summary.changed, summary.total, lang)
    );
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
        let _ = writeln!(
            out,
            "{}{}{}",
            w.detail,
            w.colon,
            count(summary.detail, summary.total, lang)
        );
    }
    out
}
