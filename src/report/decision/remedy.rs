//! The "Remedies" section of a decision report, from [`crate::analysis::remedy`]: the smallest sets of
//! changes to the facts that give a better decision, each with the decision it gives and the
//! rules whose verdict changes.

use super::document::{Block, Inline, Report, Section, verdict};
use super::{Words, words};
use crate::analysis::remedy::{Change, ChangeKind, RemedyReport, Request};
use crate::eval::render::value_brief;
use crate::eval::{EvalError, EvalOptions, FactSet};
use crate::language::ast::Lang;
use crate::language::program::Program;
use crate::language::value::Value;

/// What a report searches: any better decision, by at most 3 changes; past 5 remedies, larger
/// sets are not searched (`doctrine remedy` searches wider).
pub const REQUEST: Request = Request {
    target: None,
    fixed: Vec::new(),
    max_changes: 3,
    limit: 5,
    budget: crate::analysis::remedy::BUDGET,
};

/// The most remedies a report lists.
const SHOWN: usize = 5;

/// Searches the remedies of a report's decision and adds their section, before the advice.
pub fn add(
    report: &mut Report,
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
) -> Result<(), EvalError> {
    // A classification has no better value to search for.
    if matches!(
        program.decision,
        crate::language::program::DecisionOf::Outcome { .. }
    ) {
        return Ok(());
    }
    let found = crate::analysis::remedy::remedies(program, facts, options, &REQUEST)?;
    if let Some(section) = section(program, &found, report.lang) {
        report.insert_before(section, &["advice", "notes", "missing", "texts"]);
    }
    Ok(())
}

/// The section; none when the decision is already as good as it gets.
pub fn section(program: &Program, report: &RemedyReport, lang: Lang) -> Option<Section> {
    if report.reached {
        return None;
    }
    let w = words(lang);
    let mut blocks = Vec::new();
    if report.remedies.is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::Text(w.remedies_none.into())]));
    } else {
        blocks.push(Block::Paragraph(vec![Inline::Text(w.remedies_lead.into())]));
        let rows = report
            .remedies
            .iter()
            .take(SHOWN)
            .enumerate()
            .map(|(i, remedy)| {
                let mut changes = Vec::new();
                for change in &remedy.changes {
                    if !changes.is_empty() {
                        changes.push(Inline::Break);
                    }
                    changes.extend(change_line(program, change, w, lang));
                }
                let mut decision = vec![verdict(&remedy.decision, &program.scale, lang)];
                if let Some(until) = remedy.until {
                    decision.push(Inline::Text(format!(" {} {until}", w.until)));
                }
                let mut effects = Vec::new();
                for effect in &remedy.effects {
                    if !effects.is_empty() {
                        effects.push(Inline::Break);
                    }
                    let label = |v: &Option<crate::eval::decision::VerdictRef>| {
                        v.as_ref().map_or_else(
                            || w.no_verdict.to_string(),
                            |v| v.label.get(lang).unwrap_or(&v.name).to_string(),
                        )
                    };
                    effects.push(Inline::Strong(effect.rule.clone()));
                    let mut text = format!(
                        "{}{} → {}",
                        w.colon,
                        label(&effect.before),
                        label(&effect.after)
                    );
                    if let Some(by) = &effect.by {
                        text.push_str(&format!(" ({} {by})", w.by));
                    }
                    effects.push(Inline::Text(text));
                }
                vec![
                    vec![Inline::Strong((i + 1).to_string())],
                    changes,
                    decision,
                    effects,
                ]
            })
            .collect();
        blocks.push(Block::Table {
            head: vec![
                String::from("#"),
                w.changes.to_string(),
                w.decision.to_string(),
                w.effects.to_string(),
            ],
            rows,
        });
        if !report.exhausted || report.remedies.len() > SHOWN {
            blocks.push(Block::Paragraph(vec![
                Inline::Text(w.remedies_more_before.into()),
                Inline::Code(w.remedies_more_command.into()),
                Inline::Text(w.remedies_more_after.into()),
            ]));
        }
    }
    Some(Section {
        id: "remedies",
        heading: w.remedies.to_string(),
        blocks,
    })
}

fn shown(program: &Program, value: &Value, lang: Lang) -> String {
    value_brief(program, value, Some(lang), lang)
}

/// One change: `fact` (label): from → to, with what a set gains or loses and the value a
/// number or day moves across.
fn change_line(program: &Program, change: &Change, w: &Words, lang: Lang) -> Vec<Inline> {
    let mut line = vec![Inline::Code(change.fact.clone())];
    if let Some(label) = change.label.get(lang).filter(|l| !l.is_empty()) {
        line.push(Inline::Text(format!(" ({label})")));
    }
    let list = |values: &[Value]| {
        values
            .iter()
            .map(|v| shown(program, v, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = match &change.kind {
        ChangeKind::Elements { added, removed } => {
            let mut parts = Vec::new();
            if !removed.is_empty() {
                parts.push(format!("{} {}", w.removed, list(removed)));
            }
            if !added.is_empty() {
                parts.push(format!("{} {}", w.added, list(added)));
            }
            format!("{}{}", w.colon, parts.join("; "))
        }
        ChangeKind::Move { across } => format!(
            "{}{} → {} ({} {})",
            w.colon,
            shown(program, &change.from, lang),
            shown(program, &change.to, lang),
            w.across,
            shown(program, across, lang)
        ),
        _ => format!(
            "{}{} → {}",
            w.colon,
            shown(program, &change.from, lang),
            shown(program, &change.to, lang)
        ),
    };
    line.push(Inline::Text(text));
    line
}
