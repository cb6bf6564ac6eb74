//! The "Explanation" section of a decision report, from [`crate::analysis::explain`]: the
//! outcome the policy decides by, case by case, or each rule whose verdict is the decision,
//! whether it applies, its requirement and its exceptions, each condition as a tree of what
//! made it hold or fail.

use super::document::{Block, Inline, Report, Section, TreeItem, verdict};
use super::{Words, words};
use crate::analysis::explain::{
    Branch, CaseExplanation, Detail, ExceptionExplanation, Explanation, Node, NodeKind,
    OutcomeExplanation, Shown, Truth,
};
use crate::eval::decision::Decision;
use crate::eval::{EvalOptions, FactSet};
use crate::language::ast::Lang;
use crate::language::program::{Localized, Program, VerdictScale};
use crate::report::explain::mark;
use crate::source::SourceMap;

/// Explains a report's decision and adds the section, before the remedies (when a report
/// has them) and the advice.
pub fn add(
    report: &mut Report,
    program: &Program,
    sources: &SourceMap,
    facts: &FactSet,
    options: &EvalOptions,
    decision: &Decision,
) {
    let explanation = crate::analysis::explain::explain(
        program,
        sources,
        facts,
        options,
        decision,
        &Detail::default(),
    );
    if let Some(section) = section(&explanation, &program.scale, report.lang) {
        report.insert_before(
            section,
            &["remedies", "advice", "notes", "missing", "texts"],
        );
    }
}

/// The section, or none when no rule and no scope is explained.
pub fn section(explanation: &Explanation, scale: &VerdictScale, lang: Lang) -> Option<Section> {
    let w = words(lang);
    let mut blocks = Vec::new();
    // The scope matters to a reader only when it did not simply hold.
    if let Some(scope) = explanation
        .scope
        .as_ref()
        .filter(|s| s.holds != Truth::True)
    {
        let state = match scope.holds {
            Truth::True => w.in_scope_holds,
            Truth::False => w.out_of_scope,
            Truth::Unknown => w.scope_unknown,
        };
        blocks.push(Block::Paragraph(vec![
            Inline::Strong(w.scope.to_string()),
            Inline::Text(format!("{}{state}", w.colon)),
        ]));
        blocks.push(Block::Tree(vec![node(&scope.condition, w, lang)]));
    }
    for outcome in explanation.outcomes.iter().filter(|o| o.decisive) {
        blocks.extend(self::outcome(outcome, w, lang));
    }
    for rule in &explanation.rules {
        let mut head = vec![Inline::Strong(rule.rule.clone())];
        let title = rule.title.text(lang).to_string();
        if !title.is_empty() {
            head.push(Inline::Text(format!(" {title}")));
        }
        head.push(Inline::Text(w.colon.to_string()));
        head.push(match &rule.result {
            Some(result) => verdict(&result.verdict, scale, lang),
            None => Inline::Text(w.no_verdict.to_string()),
        });
        blocks.push(Block::Paragraph(head));
        let mut items = Vec::new();
        if let Some(applies) = &rule.applies {
            items.push(branch(w.applies_when, applies, w, lang));
        }
        if let Some(requires) = &rule.requires {
            items.push(branch(w.requires, requires, w, lang));
        }
        items.extend(
            relevant(&rule.exceptions)
                .into_iter()
                .map(|e| exception(e, scale, w, lang)),
        );
        if !items.is_empty() {
            blocks.push(Block::Tree(items));
        }
    }
    (!blocks.is_empty()).then(|| Section {
        id: "explanation",
        heading: w.explanation.to_string(),
        blocks,
    })
}

/// The outcome the decision is: its value, then each case the walk reached, with its
/// condition (and how its value is computed, when it is).
fn outcome(outcome: &OutcomeExplanation, w: &Words, lang: Lang) -> Vec<Block> {
    let mut head = vec![Inline::Strong(outcome.name.clone())];
    let title = outcome.title.text(lang).to_string();
    if !title.is_empty() {
        head.push(Inline::Text(format!(" {title}")));
    }
    let result = &outcome.result;
    let value = result
        .shown
        .get(lang)
        .unwrap_or(&result.written)
        .to_string();
    head.push(Inline::Text(w.colon.to_string()));
    head.push(Inline::Strong(value));
    let items: Vec<TreeItem> = outcome
        .cases
        .iter()
        .filter(|c| c.tried)
        .map(|c| case(c, w, lang))
        .collect();
    let mut blocks = vec![Block::Paragraph(head)];
    if !items.is_empty() {
        blocks.push(Block::Tree(items));
    }
    blocks
}

fn case(case: &CaseExplanation, w: &Words, lang: Lang) -> TreeItem {
    let mut line = vec![
        Inline::Text(format!("{} {} ", mark(Some(case.holds)), w.outcome_case)),
        Inline::Code(case.case.clone()),
    ];
    let title = case.title.text(lang).to_string();
    if !title.is_empty() {
        line.push(Inline::Text(format!(" {title}")));
    }
    if let Some(shown) = case.gives.as_ref().and_then(|g| g.value.as_ref()) {
        line.push(Inline::Text(format!(
            " — {} {}",
            w.gives,
            value(shown, w, lang)
        )));
    }
    let mut children: Vec<TreeItem> = case
        .when
        .iter()
        .map(|when| node(&when.condition, w, lang))
        .collect();
    if let Some(gives) = case.gives.as_ref().filter(|g| !g.children.is_empty()) {
        children.push(node(gives, w, lang));
    }
    TreeItem { line, children }
}

/// The exceptions a reader needs: when one held, those that held or might have (the others
/// changed nothing); else every one tried, to show why none applied.
fn relevant(exceptions: &[ExceptionExplanation]) -> Vec<&ExceptionExplanation> {
    let tried = exceptions.iter().filter(|e| e.when.tried);
    if exceptions
        .iter()
        .any(|e| e.when.tried && e.when.holds == Truth::True)
    {
        tried.filter(|e| e.when.holds != Truth::False).collect()
    } else {
        tried.collect()
    }
}

fn branch(label: &str, branch: &Branch, w: &Words, lang: Lang) -> TreeItem {
    TreeItem {
        line: vec![Inline::Text(format!(
            "{} {label}",
            mark(Some(branch.holds))
        ))],
        children: vec![node(&branch.condition, w, lang)],
    }
}

fn exception(e: &ExceptionExplanation, scale: &VerdictScale, w: &Words, lang: Lang) -> TreeItem {
    let mut line = vec![
        Inline::Text(format!("{} {} ", mark(Some(e.when.holds)), w.exception_to)),
        Inline::Code(e.exception.clone()),
    ];
    let title = e.title.text(lang).to_string();
    if !title.is_empty() {
        line.push(Inline::Text(format!(" {title}")));
    }
    line.push(Inline::Text(format!(" — {} ", w.gives)));
    line.push(verdict(&e.gives, scale, lang));
    if let Some(last) = e.until.as_ref().and_then(|u| u.last) {
        let until = if e.expired { w.expired } else { w.until };
        line.push(Inline::Text(format!(" ({until} {last})")));
    }
    let mut children = vec![node(&e.when.condition, w, lang)];
    children.extend(
        relevant(&e.exceptions)
            .into_iter()
            .map(|x| exception(x, scale, w, lang)),
    );
    TreeItem { line, children }
}

fn value(shown: &Shown, w: &Words, lang: Lang) -> String {
    if shown.unknown {
        w.value_unknown.to_string()
    } else if shown.not_set {
        w.not_set.to_string()
    } else {
        shown.brief.get(lang).unwrap_or(&shown.written).to_string()
    }
}

/// A fact's, parameter's or definition's name with its label.
fn named(line: &mut Vec<Inline>, name: &str, label: &Localized, lang: Lang) {
    line.push(Inline::Code(name.to_string()));
    let label = label.text(lang).to_string();
    if !label.is_empty() {
        line.push(Inline::Text(format!(" ({label})")));
    }
}

fn node(node: &Node, w: &Words, lang: Lang) -> TreeItem {
    let mut line = vec![Inline::Text(format!("{} ", mark(node.truth)))];
    let shows_value = match &node.kind {
        NodeKind::Fact { path, label } => {
            named(&mut line, path, label, lang);
            true
        }
        NodeKind::Param { name, label, .. } => {
            named(&mut line, name, label, lang);
            true
        }
        NodeKind::Def { name, label } => {
            named(&mut line, name, label, lang);
            node.truth.is_none()
        }
        NodeKind::Outcome { name, label } => {
            named(&mut line, name, label, lang);
            true
        }
        NodeKind::AnyOf => {
            line.push(Inline::Code(node.source.clone()));
            false
        }
        // The grounds that held are listed with their sources in the Outcomes section.
        NodeKind::Ground { id, title, .. } => {
            line.push(Inline::Code(id.clone()));
            let title = title.text(lang).to_string();
            if !title.is_empty() {
                line.push(Inline::Text(format!(" {title}")));
            }
            false
        }
        _ => {
            line.push(Inline::Code(node.source.clone()));
            node.truth.is_none() && !matches!(node.kind, NodeKind::Constant)
        }
    };
    match &node.value {
        Some(shown) if shows_value || (shown.unknown && node.truth.is_none()) => {
            line.push(Inline::Text(format!(" = {}", value(shown, w, lang))));
        }
        None => line.push(Inline::Text(format!(" ({})", w.not_evaluated))),
        Some(_) => {}
    }
    if node.repeated {
        line.push(Inline::Text(format!(" ({})", w.shown_above)));
    }
    TreeItem {
        line,
        children: node
            .children
            .iter()
            .map(|c| self::node(c, w, lang))
            .collect(),
    }
}
