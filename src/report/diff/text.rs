//! A comparison as text for a person: each case whose decision changes, old → new, with
//! the rules, exceptions, advice and notes that changed, then the counts.

use std::fmt::Write;

use anstyle::Style;

use super::{Item, causes_text, counted, lists, rule_change};
use super::{either, side, transition, verdict, words};
use crate::analysis::diff::{CaseDiff, Change, DiffReport};
use crate::language::ast::Lang;
use crate::report::run::text_ids;

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
    let applied = either(
        text_ids(&before.texts, w.none),
        text_ids(&after.texts, w.none),
    );
    let _ = writeln!(
        out,
        "  {dim}{} {dates} · {}{}{applied}{dim:#}",
        w.as_of, w.texts, w.colon
    );
    let scope = causes_text(&case.scope_causes, lang);
    if !scope.is_empty() {
        let _ = writeln!(out, "  {}{}{scope}", w.because_scope, w.colon);
    }
    for rule in &case.rules {
        let title = match rule.title.text(lang) {
            "" => String::new(),
            title => format!(" {title}"),
        };
        let _ = writeln!(
            out,
            "  {bold}{}{bold:#}{title}{}{}",
            rule.rule,
            w.colon,
            rule_change(rule, lang)
        );
        let why = causes_text(&rule.causes, lang);
        if !why.is_empty() {
            let _ = writeln!(out, "      {}{}{why}", w.because, w.colon);
        }
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
    for (heading, items) in lists(case, lang) {
        let names: Vec<String> = items
            .iter()
            .map(|item| match item {
                Item::Remark(r) => format!("{} ({})", r.id, r.title.text(lang)),
                Item::Fact(f) => f.path.clone(),
            })
            .collect();
        let _ = writeln!(out, "  {heading}{}{}", w.colon, names.join(", "));
    }
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
    let changed = counted(w.changed, summary.changed, summary.total, lang);
    let _ = writeln!(out, "{bold}{changed}{bold:#}");
    for t in &summary.transitions {
        let _ = writeln!(out, "  {}{}{}", transition(t, lang), w.colon, t.count);
    }
    if summary.detail > 0 {
        let hint = if all {
            String::new()
        } else {
            format!(" ({})", w.detail_hint)
        };
        let detail = counted(w.detail, summary.detail, summary.total, lang);
        let _ = writeln!(out, "{detail}{hint}");
    }
    out
}
