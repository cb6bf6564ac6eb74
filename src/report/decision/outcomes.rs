//! The "Outcomes" section of a decision report: each outcome's value, the message of the
//! case that decided, the labelled grounds that held with their sources, the facts still
//! needed, and the case.

use super::Words;
use super::document::{Block, Inline, Section, Tone};
use crate::eval::decision::{Decision, OutcomeResult};
use crate::language::ast::Lang;
use crate::language::program::{DecisionOf, Program};

/// The section; none when the policy has no outcome in force.
pub(crate) fn section(decision: &Decision, w: &Words, lang: Lang, tone: Tone) -> Option<Section> {
    if decision.outcomes.is_empty() {
        return None;
    }
    // Outside the scope (or when it is unknown) the decision is not the outcome's value.
    let decisive = decision
        .decided_by_outcome
        .as_deref()
        .filter(|_| decision.in_scope == Some(true));
    let mut rows: Vec<Vec<Vec<Inline>>> = decision
        .outcomes
        .iter()
        .map(|o| {
            let shown = o.shown.get(lang).unwrap_or(&o.written).to_string();
            let value = if Some(o.name.as_str()) == decisive {
                Inline::Verdict(shown, tone)
            } else {
                Inline::Strong(shown)
            };
            row(o, value, w, lang)
        })
        .collect();
    let mut head: Vec<String> = [w.outcome, w.value, w.message, w.grounds, w.cites, w.case]
        .map(String::from)
        .to_vec();
    // A column no ground fills only takes room.
    if rows.iter().all(|row| row.get(3).is_none_or(Vec::is_empty)) {
        head.remove(3);
        for row in &mut rows {
            row.remove(3);
        }
    }
    Some(Section {
        id: "outcomes",
        heading: w.outcomes.to_string(),
        blocks: vec![Block::Table { head, rows }],
    })
}

fn row(o: &OutcomeResult, value: Inline, w: &Words, lang: Lang) -> Vec<Vec<Inline>> {
    let mut outcome = vec![Inline::Strong(o.name.clone())];
    let title = o.title.text(lang).to_string();
    if !title.is_empty() {
        outcome.extend([Inline::Break, Inline::Text(title)]);
    }
    let mut reason = vec![Inline::Text(o.message.text(lang).to_string())];
    // An undecided outcome's message names the facts already; say them when it has none.
    if !o.missing.is_empty() && o.message.text(lang).is_empty() {
        reason.extend([
            Inline::Break,
            Inline::Text(format!("{}{}", w.unknown_facts, w.colon)),
        ]);
        for (i, fact) in o.missing.iter().enumerate() {
            if i > 0 {
                reason.push(Inline::Text(", ".into()));
            }
            reason.push(Inline::Code(fact.path.clone()));
        }
    }
    let mut grounds = Vec::new();
    for ground in &o.grounds {
        if !grounds.is_empty() {
            grounds.push(Inline::Break);
        }
        grounds.push(Inline::Code(ground.id.clone()));
        let title = ground.title.text(lang);
        if !title.is_empty() {
            grounds.push(Inline::Text(format!(" {title}")));
        }
        if !ground.cites.is_empty() {
            grounds.push(Inline::Text(format!(" ({})", ground.cites.join("; "))));
        }
    }
    let mut cites = Vec::new();
    for (i, cite) in o.cites.iter().enumerate() {
        if i > 0 {
            cites.push(Inline::Break);
        }
        cites.push(Inline::Text(cite.clone()));
    }
    let mut case = Vec::new();
    if let Some(by) = &o.by {
        case.push(Inline::Code(by.clone()));
        let title = o.by_title.as_ref().map(|t| t.text(lang)).unwrap_or("");
        if !title.is_empty() {
            case.push(Inline::Text(format!(" {title}")));
        }
    }
    vec![outcome, vec![value], reason, grounds, cites, case]
}

/// The tone of a decision that is an outcome's value: the names that fail a run are the
/// worst, the undecided and inapplicable names keep their roles, every other one passes.
pub(crate) fn tone(decision: &Decision, program: &Program) -> Option<Tone> {
    let DecisionOf::Outcome {
        vocabulary,
        fails_on,
        ..
    } = &program.decision
    else {
        return None;
    };
    let member = decision.decision.rank;
    let roles = program.vocabularies.get(*vocabulary as usize);
    Some(if fails_on.contains(&member) {
        Tone::Worst
    } else if roles.is_some_and(|v| v.undecided == Some(member)) {
        Tone::Undecided
    } else if roles.is_some_and(|v| v.inapplicable == Some(member)) {
        Tone::Inapplicable
    } else {
        Tone::Satisfied
    })
}
