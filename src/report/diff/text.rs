//! A comparison as text for a person: each case whose decision changes, old → new, with
//! the rules, exceptions, advice and notes that changed, then the counts.

use std::fmt::Write;

use anstyle::Style;

use super::words::{count, either, rule_result, side, transition, verdict, words};
use crate::ast::Lang;
use crate::decision::{FactRef, RemarkResult};
use crate::diff::{CaseDiff, Change, DiffReport};

fn texts(side: &crate::decision::Decision, lang: Lang) -> String {
    let ids: Vec<&str> = side.texts.iter().map(|t| t.id.as_str()).collect();
    if ids.is_empty() {
        words(lang).none.to_string()
    } else {
        ids.join(", ")
    }
}

fn remarks(out: &mut String, heading: &str, list: &[RemarkResult], lang: Lang, colon: &str) {
    if list.is_empty() {
        return;
    }
    let names: Vec<String> = list
        .iter()
        .map(|r| format!("{} ({})", r.id, r.title.text(lang)))
        .collect();
    let _ = writeln!(out, "  {heading}{colon}{}", names.join(", "));
}

fn facts(out: &mut String, heading: &str, list: &[FactRef], colon: &str) {
    if list.is_empty() {
        return;
    }
    let names: Vec<&str> = list.iter().map(|f| f.path.as_str()).collect();
    let _ = writeln!(out, "  {heading}{colon}{}", names.join(", "));
}

fn case_block(out: &mut String, case: &CaseDiff, lang: Lang) {
    let w = words(lang);
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let _ = writeln!(out, "{bold}{}{bold:#}", case.facts);
    let (before, after) = (&case.before, &case.after);
    let decision = if case.change == Change::Decision {
        format!(
            "{} → {}",
            verdict(&before.decision, before.until, lang),
            verdict(&after.decision, after.until, lang)
        )
    } else {
        format!(
            "{} ({})",
            verdict(&after.decision, after.until, lang),
            w.unchanged
        )
    };
    let _ = writeln!(out, "  {}{}{decision}", w.decision, w.colon);
    let dates = either(
        before.evaluated_on.to_string(),
        after.evaluated_on.to_string(),
    );
    let applied = either(texts(before, lang), texts(after, lang));
    let _ = writeln!(
        out,
        "  {dim}{} {dates} · {}{}{applied}{dim:#}",
        w.as_of, w.texts, w.colon
    );
    for rule in &case.rules {
        let title = match rule.title.text(lang) {
            "" => String::new(),
            title => format!(" {title}"),
        };
        let _ = writeln!(
            out,
            "  {bold}{}{bold:#}{title}{}{} → {}",
            rule.rule,
            w.colon,
            rule_result(rule.before.as_ref(), lang),
            rule_result(rule.after.as_ref(), lang)
        );
        for (name, result) in [("A", &rule.before), ("B", &rule.after)] {
            if let Some(r) = result.as_ref().filter(|r| !r.message.text(lang).is_empty()) {
                let _ = writeln!(
                    out,
                    "      {dim}{name}{}{}{dim:#}",
                    w.colon,
                    r.message.text(lang)
                );
            }
        }
    }
    remarks(out, w.advice_added, &case.advice_added, lang, w.colon);
    remarks(out, w.advice_removed, &case.advice_removed, lang, w.colon);
    remarks(out, w.notes_added, &case.notes_added, lang, w.colon);
    remarks(out, w.notes_removed, &case.notes_removed, lang, w.colon);
    facts(out, w.missing_added, &case.missing_added, w.colon);
    facts(out, w.missing_removed, &case.missing_removed, w.colon);
}

/// Renders a comparison; with `all`, the cases whose decision stands are listed too.
pub fn render(report: &DiffReport, all: bool, lang: Lang) -> String {
    let w = words(lang);
    let bold = Style::new().bold();
    let mut out = String::new();
    for s in [&report.a, &report.b] {
        let _ = writeln!(out, "{bold}{}{bold:#}{}{}", s.name, w.colon, side(s, lang));
    }
    for case in &report.cases {
        if all || case.change == Change::Decision {
            let _ = writeln!(out);
            case_block(&mut out, case, lang);
        }
    }
    let summary = &report.summary;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{bold}{}{}{}{bold:#}",
        w.changed,
        w.colon,
        count(summary.changed, summary.total, lang)
    );
    for t in &summary.transitions {
        let _ = writeln!(out, "  {}{}{}", transition(t, lang), w.colon, t.count);
    }
    if summary.detail > 0 {
        let hint = if all {
            String::new()
        } else {
            format!(" ({})", w.detail_hint)
        };
        let _ = writeln!(
            out,
            "{}{}{}{hint}",
            w.detail,
            w.colon,
            count(summary.detail, summary.total, lang)
        );
    }
    out
}
