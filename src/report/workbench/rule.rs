//! `/rules/ID`: one rule, exception, outcome or remark: its title, citations, conditions as
//! written in the policy, exceptions, what it reads and what reads it.

use super::{Context, Link, Words};
use crate::analysis::reads::Reads;
use crate::language::ast::RemarkKind;
use crate::language::program::{CKind, Target};

/// The page.
#[derive(Debug)]
pub struct ItemPage {
    /// The item's id.
    pub id: String,
    /// What it is (a word of the interface: rule, exception, outcome, advice, note).
    pub kind: &'static str,
    /// Its title.
    pub title: String,
    /// The text whose version is in force.
    pub text: String,
    /// Its citations.
    pub cites: Vec<String>,
    /// Its conditions (and value) as the policy writes them: a heading word and the text.
    pub written: Vec<(&'static str, String)>,
    /// What it is an exception to.
    pub exception_to: Vec<Link>,
    /// Its exceptions.
    pub exceptions: Vec<Link>,
    /// The facts it reads (its exceptions' too): path and label.
    pub facts: Vec<(String, String)>,
    /// The definitions it reads (outcomes aside), each with its value as written.
    pub defs: Vec<(String, String)>,
    /// The parameters it reads, linking to `/params`.
    pub params: Vec<Link>,
    /// The rules and outcomes whose verdict or value it reads.
    pub reads: Vec<Link>,
    /// The rules and outcomes that read it.
    pub read_by: Vec<Link>,
}

/// The page of the item `id` in force on the day, if there is one.
pub fn item(cx: &Context<'_>, id: &str) -> Option<ItemPage> {
    let words = Words::of(cx.lang);
    let program = cx.program;
    let texts = cx.texts();
    let snapshot = cx.snapshot();
    let text_id = |text: Option<u32>| {
        text.and_then(|t| program.texts.get(t as usize))
            .map(|t| t.id.clone())
            .unwrap_or_default()
    };
    let mut written = Vec::new();
    let mut push = |word: &'static str, span| {
        if let Some(text) = cx.written(span) {
            written.push((word, text));
        }
    };
    if let Some((slot, rule)) = program.rules.iter().enumerate().find(|(_, r)| r.id == id) {
        let body = rule.versions.at(texts)?;
        if let Some(applies) = &body.applies {
            push(words.applies, applies.span);
        }
        push(words.requires, body.requires.span);
        let children = snapshot
            .and_then(|s| s.rule_children.get(slot))
            .map_or(&[][..], Vec::as_slice);
        let reads = Reads::rule(program, slot, texts);
        return Some(ItemPage {
            id: id.to_string(),
            kind: words.rule,
            title: cx.text(&body.title),
            text: text_id(rule.versions.text_at(texts)),
            cites: cx.cites(&body.cites),
            written,
            exception_to: Vec::new(),
            exceptions: exception_links(cx, children),
            facts: facts(cx, &reads),
            defs: defs(cx, &reads),
            params: params(cx, &reads),
            reads: read_items(cx, &reads, Some(slot), None),
            read_by: read_by(cx, |r| r.rules().contains(&(slot as u32)), Some(slot), None),
        });
    }
    if let Some((slot, exception)) = program
        .exceptions
        .iter()
        .enumerate()
        .find(|(_, e)| e.id == id)
    {
        let body = exception.versions.at(texts)?;
        push(words.when, body.when.span);
        if let Some(value) = &body.value {
            push(words.value, value.span);
        }
        if let Some(until) = &body.until {
            push(words.until, until.span);
        }
        let children = snapshot
            .and_then(|s| s.exception_children.get(slot))
            .map_or(&[][..], Vec::as_slice);
        let reads = Reads::exprs(
            program,
            texts,
            std::iter::once(&body.when)
                .chain(&body.value)
                .chain(&body.until),
        );
        let exception_to = body
            .targets
            .iter()
            .filter_map(|target| match target {
                Target::Rule(rule) => program.rules.get(*rule as usize).map(|r| r.id.clone()),
                Target::Exception(e) => program.exceptions.get(*e as usize).map(|e| e.id.clone()),
                Target::Outcome(def) => program.defs.get(*def as usize).map(|d| d.name.clone()),
            })
            .map(|id| cx.item(&id, id.clone()))
            .collect();
        return Some(ItemPage {
            id: id.to_string(),
            kind: words.exception,
            title: cx.text(&body.title),
            text: text_id(exception.versions.text_at(texts)),
            cites: cx.cites(&body.cites),
            written,
            exception_to,
            exceptions: exception_links(cx, children),
            facts: facts(cx, &reads),
            defs: defs(cx, &reads),
            params: params(cx, &reads),
            reads: read_items(cx, &reads, None, None),
            read_by: read_by(cx, |r| r.exceptions().contains(&(slot as u32)), None, None),
        });
    }
    if let Some((slot, def)) = program.outcomes().find(|(_, d)| d.name == id) {
        let body = def.versions.at(texts)?;
        push(words.value, body.span);
        let reads = Reads::def(program, slot as usize, texts);
        let children = snapshot
            .and_then(|s| s.outcome_children.get(slot as usize))
            .map_or(&[][..], Vec::as_slice);
        let cites = def
            .outcome
            .as_ref()
            .and_then(|o| o.at(texts))
            .map(|c| cx.cites(c))
            .unwrap_or_default();
        // The outcome's sources, then its cases', each once.
        let mut all_cites = cites;
        if let CKind::Cases(cases) = &body.kind {
            for cite in cases.iter().flat_map(|case| cx.cites(&case.cites)) {
                if !all_cites.contains(&cite) {
                    all_cites.push(cite);
                }
            }
        }
        return Some(ItemPage {
            id: id.to_string(),
            kind: words.outcome,
            title: def.labels.at(texts).map(|l| cx.text(l)).unwrap_or_default(),
            text: text_id(def.versions.text_at(texts)),
            cites: all_cites,
            written,
            exception_to: Vec::new(),
            exceptions: exception_links(cx, children),
            facts: facts(cx, &reads),
            defs: defs(cx, &reads),
            params: params(cx, &reads),
            reads: read_items(cx, &reads, None, Some(slot)),
            read_by: read_by(cx, |r| r.defs().contains(&slot), None, Some(slot)),
        });
    }
    let remark = program.remarks.iter().find(|r| r.id == id)?;
    let body = remark.versions.at(texts)?;
    push(words.when, body.when.span);
    let reads = Reads::exprs(program, texts, [&body.when]);
    Some(ItemPage {
        id: id.to_string(),
        kind: match remark.kind {
            RemarkKind::Advice => words.advice,
            RemarkKind::Note => words.note,
        },
        title: cx.text(&body.title),
        text: text_id(remark.versions.text_at(texts)),
        cites: cx.cites(&body.cites),
        written,
        exception_to: Vec::new(),
        exceptions: Vec::new(),
        facts: facts(cx, &reads),
        defs: defs(cx, &reads),
        params: params(cx, &reads),
        reads: read_items(cx, &reads, None, None),
        read_by: Vec::new(),
    })
}

/// Links to the exceptions `slots` in force on the day.
fn exception_links(cx: &Context<'_>, slots: &[u32]) -> Vec<Link> {
    let texts = cx.texts();
    slots
        .iter()
        .filter_map(|slot| {
            let exception = cx.program.exceptions.get(*slot as usize)?;
            let body = exception.versions.at(texts)?;
            Some(titled(cx, &exception.id, cx.text(&body.title)))
        })
        .collect()
}

/// A link showing "ID — title".
fn titled(cx: &Context<'_>, id: &str, title: String) -> Link {
    let text = if title.is_empty() {
        id.to_string()
    } else {
        format!("{id} — {title}")
    };
    cx.item(id, text)
}

/// The facts read: path and label.
fn facts(cx: &Context<'_>, reads: &Reads) -> Vec<(String, String)> {
    reads
        .facts()
        .iter()
        .filter_map(|slot| cx.program.facts.get(*slot as usize))
        .map(|f| (f.path.clone(), cx.text(&f.label)))
        .collect()
}

/// The definitions read that are not outcomes (those have pages), with their values as
/// written.
fn defs(cx: &Context<'_>, reads: &Reads) -> Vec<(String, String)> {
    let texts = cx.texts();
    let outcomes: Vec<u32> = cx.program.outcomes().map(|(slot, _)| slot).collect();
    reads
        .defs()
        .iter()
        .filter(|slot| !outcomes.contains(slot))
        .filter_map(|slot| cx.program.defs.get(*slot as usize))
        .filter_map(|d| {
            let body = d.versions.at(texts)?;
            Some((d.name.clone(), cx.written(body.span)?))
        })
        .collect()
}

/// The parameters read, each a link to its row of `/params`.
fn params(cx: &Context<'_>, reads: &Reads) -> Vec<Link> {
    reads
        .params()
        .iter()
        .filter_map(|slot| cx.program.params.get(*slot as usize))
        .map(|p| Link {
            href: format!("/params{}#{}", cx.query(), super::encode(&p.name)),
            text: p.name.clone(),
        })
        .collect()
}

/// The rules and outcomes read (but `rule` and `outcome`, the item itself).
fn read_items(
    cx: &Context<'_>,
    reads: &Reads,
    rule: Option<usize>,
    outcome: Option<u32>,
) -> Vec<Link> {
    let texts = cx.texts();
    let rules = reads
        .rules()
        .iter()
        .filter(|slot| Some(**slot as usize) != rule)
        .filter_map(|slot| cx.program.rules.get(*slot as usize))
        .filter_map(|r| Some(titled(cx, &r.id, cx.text(&r.versions.at(texts)?.title))));
    let outcomes = cx
        .program
        .outcomes()
        .filter(|(slot, _)| Some(*slot) != outcome && reads.defs().contains(slot))
        .map(|(_, d)| cx.item(&d.name, d.name.clone()));
    rules.chain(outcomes).collect()
}

/// The rules and outcomes in force whose reads pass `reads_it` (but the item itself).
fn read_by(
    cx: &Context<'_>,
    reads_it: impl Fn(&Reads) -> bool,
    rule: Option<usize>,
    outcome: Option<u32>,
) -> Vec<Link> {
    let texts = cx.texts();
    let program = cx.program;
    let rules = program
        .rules
        .iter()
        .enumerate()
        .filter(|(slot, _)| Some(*slot) != rule)
        .filter_map(|(slot, r)| {
            let body = r.versions.at(texts)?;
            reads_it(&Reads::rule(program, slot, texts))
                .then(|| titled(cx, &r.id, cx.text(&body.title)))
        });
    let outcomes = program
        .outcomes()
        .filter(|(slot, _)| Some(*slot) != outcome)
        .filter_map(|(slot, d)| {
            d.versions.at(texts)?;
            reads_it(&Reads::def(program, slot as usize, texts))
                .then(|| cx.item(&d.name, d.name.clone()))
        });
    rules.chain(outcomes).collect()
}
