//! The sections every decision report has, built from the decision and its record: facts
//! about the run, the rules, why, advice, notes, the facts still needed, the texts applied;
//! and the report made of them ([`Report::new`]).

use super::document::{Block, Inline, Report, Section, tone, verdict};
use super::{Words, words};
use crate::analysis::record::Record;
use crate::eval::decision::{Basis, Decision, FactRef, RemarkResult, RuleResult};
use crate::language::ast::Lang;
use crate::language::program::{Program, VerdictScale};

impl Report {
    /// The report of a decision, with what its record says was read.
    pub fn new(decision: &Decision, record: &Record, program: &Program, lang: Lang) -> Report {
        let w = words(lang);
        let scale = &program.scale;
        // A policy that decides by an outcome: the decision is the outcome's value, toned
        // by its role (the names that fail a run are the worst).
        let by_outcome = super::outcomes::tone(decision, program);
        let tone = by_outcome.unwrap_or_else(|| tone(&decision.decision, scale));
        let mut headline = vec![
            Inline::Text(format!("{}{}", w.decision, w.colon)),
            match by_outcome {
                Some(tone) => {
                    let label = decision.decision.label.get(lang);
                    Inline::Verdict(label.unwrap_or(&decision.decision.name).to_string(), tone)
                }
                None => verdict(&decision.decision, scale, lang),
            },
        ];
        if let Some(until) = decision.until {
            headline.push(Inline::Text(format!(" {} {until}", w.until)));
        }
        let mut sections = Vec::new();
        sections.extend(super::outcomes::section(decision, w, lang, tone));
        // A policy that decides by an outcome and whose rules gave nothing lists no rules.
        if !decision.results.is_empty() || by_outcome.is_none() {
            sections.push(rules(decision, scale, w, lang));
        }
        sections.extend(why(&decision.results, w, lang));
        sections.extend(remarks("advice", w.advice, &decision.advice, lang));
        sections.extend(remarks("notes", w.notes, &decision.notes, lang));
        sections.extend(missing(&decision.missing, w, lang));
        sections.push(texts(decision, record, w, lang));
        Report {
            lang,
            title: format!("{} — {}", w.title, record.facts.file),
            headline,
            tone,
            about: about(decision, record, program, w, lang),
            sections,
        }
    }
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
}

pub(crate) fn about(
    decision: &Decision,
    record: &Record,
    program: &Program,
    w: &Words,
    lang: Lang,
) -> Vec<(String, Vec<Inline>)> {
    let title = program.title.text(lang).to_string();
    let mut policy = vec![code(&decision.policy)];
    if !title.is_empty() {
        policy.push(text(format!(" — {title}")));
    }
    let in_scope = match decision.in_scope {
        Some(true) => w.yes,
        Some(false) => w.no,
        None => w.unknown,
    };
    let mut about = vec![
        (w.policy.to_string(), policy),
        (
            w.facts.to_string(),
            vec![
                code(&record.facts.file),
                text(format!(" ({} ", w.sha256)),
                code(&record.facts.sha256),
                text(")"),
            ],
        ),
        (
            w.evaluated_on.to_string(),
            vec![text(decision.evaluated_on.to_string())],
        ),
        (w.in_scope.to_string(), vec![text(in_scope)]),
    ];
    if !record.given.amendments.is_empty() {
        about.push((
            w.amendments.to_string(),
            list_of_code(&record.given.amendments),
        ));
    }
    if !decision.overrides.is_empty() {
        let set: Vec<String> = decision
            .overrides
            .iter()
            .map(|(name, value)| format!("{name} = {value}"))
            .collect();
        about.push((w.overrides.to_string(), list_of_code(&set)));
    }
    about.push((
        w.tool.to_string(),
        vec![text(format!("{} {}", record.tool, record.version))],
    ));
    about
}

fn list_of_code(items: &[String]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(text(", "));
        }
        out.push(code(item));
    }
    out
}

/// A section holding one sentence, where there is nothing to list.
fn sentence(id: &'static str, heading: &str, sentence: &str) -> Section {
    Section {
        id,
        heading: heading.to_string(),
        blocks: vec![Block::Paragraph(vec![text(sentence)])],
    }
}

pub(crate) fn rules(decision: &Decision, scale: &VerdictScale, w: &Words, lang: Lang) -> Section {
    if decision.results.is_empty() {
        return sentence("rules", w.rules, w.no_rule);
    }
    let mut rows: Vec<Vec<Vec<Inline>>> = decision
        .results
        .iter()
        .map(|r| rule_row(r, scale, w, lang))
        .collect();
    let mut head: Vec<String> = [w.rule, w.verdict, w.message, w.cites, w.exception]
        .map(String::from)
        .to_vec();
    // A column no exception fills only takes room.
    if rows.iter().all(|row| row.last().is_none_or(Vec::is_empty)) {
        head.pop();
        for row in &mut rows {
            row.pop();
        }
    }
    Section {
        id: "rules",
        heading: w.rules.to_string(),
        blocks: vec![Block::Table { head, rows }],
    }
}

fn rule_row(r: &RuleResult, scale: &VerdictScale, w: &Words, lang: Lang) -> Vec<Vec<Inline>> {
    let mut rule = vec![Inline::Strong(r.rule.clone())];
    let title = r.title.text(lang).to_string();
    if !title.is_empty() {
        rule.extend([Inline::Break, text(title)]);
    }
    let mut verdict_cell = vec![verdict(&r.verdict, scale, lang)];
    if let Some(until) = r.until {
        verdict_cell.push(text(format!(" {} {until}", w.until)));
    }
    let mut cites = Vec::new();
    for (i, cite) in r.cites.iter().enumerate() {
        if i > 0 {
            cites.push(Inline::Break);
        }
        cites.push(text(cite));
    }
    let mut exception = Vec::new();
    if let Some(by) = &r.by {
        exception.push(code(by));
        if let Some(title) = r.by_title.as_ref().map(|t| t.text(lang).to_string()) {
            exception.push(text(format!(" {title}")));
        }
    }
    if let Some((expired, last)) = &r.expired {
        if !exception.is_empty() {
            exception.push(Inline::Break);
        }
        exception.push(code(expired));
        if let Some(last) = last {
            exception.push(text(format!(" ({} {last})", w.expired)));
        }
    }
    vec![
        rule,
        verdict_cell,
        vec![text(r.message.text(lang).to_string())],
        cites,
        exception,
    ]
}

fn basis(g: &Basis, w: &Words, lang: Lang) -> Vec<Inline> {
    let label = g.label.text(lang).to_string();
    let mut line = vec![code(&g.name)];
    if g.is_param {
        line.push(text(format!(" ({})", w.param)));
    }
    line.push(text(format!(
        " = {}",
        g.shown.get(lang).unwrap_or(&g.value)
    )));
    if !label.is_empty() {
        line.push(text(format!(" — {label}")));
    }
    line
}

pub(crate) fn why(results: &[RuleResult], w: &Words, lang: Lang) -> Option<Section> {
    let rows: Vec<Vec<Vec<Inline>>> = results
        .iter()
        .filter(|r| !r.because.is_empty() || !r.missing.is_empty())
        .map(|r| {
            let mut read = Vec::new();
            for g in &r.because {
                if !read.is_empty() {
                    read.push(Inline::Break);
                }
                read.extend(basis(g, w, lang));
            }
            if !r.missing.is_empty() {
                if !read.is_empty() {
                    read.push(Inline::Break);
                }
                read.push(text(format!("{}{}", w.unknown_facts, w.colon)));
                let paths: Vec<String> = r.missing.iter().map(|f| f.path.clone()).collect();
                read.extend(list_of_code(&paths));
            }
            vec![vec![Inline::Strong(r.rule.clone())], read]
        })
        .collect();
    (!rows.is_empty()).then(|| Section {
        id: "why",
        heading: w.why.to_string(),
        blocks: vec![Block::Table {
            head: vec![w.rule.to_string(), w.read.to_string()],
            rows,
        }],
    })
}

pub(crate) fn remarks(
    id: &'static str,
    heading: &str,
    list: &[RemarkResult],
    lang: Lang,
) -> Option<Section> {
    let items: Vec<Vec<Inline>> = list
        .iter()
        .map(|r| {
            let mut item = vec![Inline::Strong(r.id.clone())];
            let title = r.title.text(lang).to_string();
            if !title.is_empty() && title != r.id {
                item.push(text(format!(" {title}")));
            }
            item.extend([Inline::Break, text(r.message.text(lang).to_string())]);
            if !r.cites.is_empty() {
                item.extend([Inline::Break, text(format!("({})", r.cites.join("; ")))]);
            }
            item
        })
        .collect();
    (!items.is_empty()).then(|| Section {
        id,
        heading: heading.to_string(),
        blocks: vec![Block::List(items)],
    })
}

pub(crate) fn missing(facts: &[FactRef], w: &Words, lang: Lang) -> Option<Section> {
    let items: Vec<Vec<Inline>> = facts
        .iter()
        .map(|f| {
            let mut item = vec![code(&f.path)];
            let label = f.label.text(lang).to_string();
            if !label.is_empty() {
                item.push(text(format!(" — {label}")));
            }
            item
        })
        .collect();
    (!items.is_empty()).then(|| Section {
        id: "missing",
        heading: w.missing.to_string(),
        blocks: vec![
            Block::Paragraph(vec![text(w.missing_lead)]),
            Block::List(items),
        ],
    })
}

pub(crate) fn texts(decision: &Decision, record: &Record, w: &Words, lang: Lang) -> Section {
    if decision.texts.is_empty() {
        return sentence("texts", w.texts, w.none);
    }
    let rows = decision
        .texts
        .iter()
        .map(|t| {
            let file = record.texts.iter().find(|f| f.id == t.id);
            vec![
                vec![code(&t.id)],
                vec![text(t.title.text(lang).to_string())],
                vec![text(t.in_force.to_string())],
                vec![code(file.map(|f| f.file.as_str()).unwrap_or(""))],
                vec![code(file.map(|f| f.sha256.as_str()).unwrap_or(""))],
            ]
        })
        .collect();
    Section {
        id: "texts",
        heading: w.texts.to_string(),
        blocks: vec![Block::Table {
            head: [w.text, w.text_title, w.in_force, w.file, w.sha256]
                .map(String::from)
                .to_vec(),
            rows,
        }],
    }
}
